/**
 * What must hold of the cloud model's state after any sequence of operations, accepted or refused: every reference
 * points at something that exists, statuses agree with bindings, the uniqueness keys and quotas of the rules are kept.
 * The emulator's fuzz run checks these after thousands of random requests (tests/emulator/fuzz.test.ts). Pure.
 */
import { QUOTA_DEFAULTS } from "./limits";
import { portsOverlap } from "./ports";
import type { CloudModel } from "./model";

/** Entries the inventory says existed before (their addresses need not be EIPs the model knows). */
const preExisting = (id: string) => id.startsWith("fwd-existing-");

function eipProblems(m: CloudModel): string[] {
    const out: string[] = [];
    const addresses = new Map<string, string>();
    const perNat = new Map<string, number>();
    const perPlan = new Map<string, number>();
    for (const e of m.eips.values()) {
        const twin = addresses.get(e.ipAddress);
        if (twin) {
            out.push(`EIPs ${twin} and ${e.allocationId} share the address ${e.ipAddress}`);
        }
        addresses.set(e.ipAddress, e.allocationId);
        if (e.boundTo !== undefined && e.boundTo.startsWith("ngw-") && !m.nats.has(e.boundTo)) {
            out.push(`EIP ${e.allocationId} is bound to ${e.boundTo}, which does not exist (rules §1.2)`);
        }
        if ((e.status === "Available") !== (e.boundTo === undefined)) {
            out.push(
                `EIP ${e.allocationId} is ${e.status} but ${e.boundTo ? `bound to ${e.boundTo}` : "bound to nothing"} (rules §1.4, §1.5)`,
            );
        }
        if (e.planId !== undefined && !m.plans.has(e.planId)) {
            out.push(`EIP ${e.allocationId} is in plan ${e.planId}, which does not exist (rules §1.13)`);
        }
        if (e.boundTo) {
            perNat.set(e.boundTo, (perNat.get(e.boundTo) ?? 0) + 1);
        }
        if (e.planId) {
            perPlan.set(e.planId, (perPlan.get(e.planId) ?? 0) + 1);
        }
    }
    const q = m.inventory.quotas;
    perNat.forEach(
        (n, id) =>
            n > q.eipsPerNatGateway && out.push(`${n} EIPs are bound to ${id}, above the quota of ${q.eipsPerNatGateway} (rules §4)`),
    );
    perPlan.forEach(
        (n, id) =>
            n > q.eipsPerBandwidthPlan && out.push(`${n} EIPs are in ${id}, above the quota of ${q.eipsPerBandwidthPlan} (rules §4)`),
    );
    return out;
}

function entryProblems(m: CloudModel): string[] {
    const out: string[] = [];
    const byTable = new Map<string, number>();
    const entries = [...m.entries.values()];
    entries.forEach((e, i) => {
        const nat = m.natByTable(e.tableId);
        byTable.set(e.tableId, (byTable.get(e.tableId) ?? 0) + 1);
        if (!nat) {
            out.push(`DNAT entry ${e.id} is in table ${e.tableId}, which no gateway has (rules §1.2)`);
        } else if (!preExisting(e.id) && m.eipByAddress(e.externalIp)?.boundTo !== nat.id) {
            out.push(`DNAT entry ${e.id} uses ${e.externalIp}, which is not an EIP bound to ${nat.id} (rules §1.5, §1.6)`);
        }
        for (const o of entries.slice(i + 1)) {
            if (o.tableId !== e.tableId || o.protocol !== e.protocol) {
                continue;
            }
            if (o.externalIp === e.externalIp && portsOverlap(o.externalPort, e.externalPort)) {
                out.push(`DNAT entries ${e.id} and ${o.id} share ${e.externalIp} ports for ${e.protocol} (rules §1.6)`);
            }
            if (o.internalIp === e.internalIp && portsOverlap(o.internalPort, e.internalPort)) {
                out.push(`DNAT entries ${e.id} and ${o.id} share ${e.internalIp} ports for ${e.protocol} (rules §1.6)`);
            }
        }
    });
    const quota = m.inventory.quotas.dnatEntriesPerTable;
    byTable.forEach((n, id) => n > quota && out.push(`${n} DNAT entries are in ${id}, above the quota of ${quota} (rules §4)`));
    return out;
}

function groupProblems(m: CloudModel): string[] {
    const out: string[] = [];
    const perGroup = new Map<string, number>();
    for (const r of m.groupRules.values()) {
        if (!m.securityGroups.has(r.groupId)) {
            out.push(`rule ${r.id} is in group ${r.groupId}, which does not exist (rules §7.1)`);
        }
        perGroup.set(r.groupId, (perGroup.get(r.groupId) ?? 0) + 1);
    }
    const quota = m.inventory.quotas.rulesPerSecurityGroup ?? QUOTA_DEFAULTS.rulesPerSecurityGroup;
    perGroup.forEach((n, id) => n > quota && out.push(`${n} rules are in ${id}, above the quota of ${quota} (rules §7.4)`));
    return out;
}

/** Every broken invariant of `m`, as sentences; empty when the state is consistent. */
export function modelProblems(m: CloudModel): string[] {
    const plans = m.plans.size > Math.max(m.inventory.quotas.bandwidthPlansPerRegion, m.inventory.bandwidthPlans.length);
    return [
        ...eipProblems(m),
        ...entryProblems(m),
        ...groupProblems(m),
        ...(plans
            ? [`${m.plans.size} bandwidth plans exist, above the quota of ${m.inventory.quotas.bandwidthPlansPerRegion} (rules §4)`]
            : []),
    ];
}
