/**
 * The security-group side of the e2e: before the stack runs, every group it names already holds rules the stack did
 * not create (rules on its ports from other sources, and another port); after each step the group must hold exactly
 * those plus the stack's own ingress, and the step must have authorised and revoked exactly what the outputs gained
 * and lost: adding a source authorises one rule and revokes none, destroy revokes the stack's rules and no other.
 */
import type { Inventory } from "../cloud/inventory";
import type { LogEntry } from "../emulator/emulator";
import type { EmulatorState } from "../emulator/server";
import type { DeployedOutputs } from "./verify";

/** Rules put in every security group before the stack runs: "adopted, not owned", they must outlive it. */
export const FOREIGN_RULES = [
    { ipProtocol: "tcp", portRange: "22/22", sourceCidrIp: "192.0.2.0/24" },
    { ipProtocol: "tcp", portRange: "80/80", sourceCidrIp: "198.18.0.0/15" },
    { ipProtocol: "tcp", portRange: "3389/3389", sourceCidrIp: "10.0.0.0/8" },
] as const;

/** `inventory` with {@link FOREIGN_RULES} in each of its security groups. Pure. */
export function withForeignRules(inventory: Inventory): Inventory {
    return {
        ...inventory,
        securityGroups: (inventory.securityGroups ?? []).map((g) => ({
            ...g,
            rules: [...g.rules, ...FOREIGN_RULES.map((r) => ({ ...r, policy: "accept", priority: 1, nicType: "intranet" }))],
        })),
    };
}

/** A rule as a comparable key: `group protocol ports source`. */
function key(group: string, protocol: string, ports: string, source: string): string {
    return `${group} ${protocol.toLowerCase()} ${ports} ${source}`;
}

/** The ingress rules the outputs promise, as keys. Pure. */
export function ingressOf(out: DeployedOutputs | undefined): Set<string> {
    const keys = new Set<string>();
    for (const e of Object.values(out?.endpoints ?? {})) {
        if (!e.securityGroupId || !e.allowFrom) {
            continue;
        }
        const m = /:([\d-]+)$/.exec(e.private);
        const [protocol, ports] =
            e.protocol === "any" || !m ? ["all", "-1/-1"] : [e.protocol, m[1].includes("-") ? m[1].replace("-", "/") : `${m[1]}/${m[1]}`];
        e.allowFrom.forEach((src) => keys.add(key(e.securityGroupId!, protocol, ports, src)));
    }
    return keys;
}

/** The rules a stretch of the request log authorised and revoked, as keys. Pure. */
export function ingressWrites(log: readonly LogEntry[]): { authorized: Set<string>; revoked: Set<string> } {
    const authorized = new Set<string>();
    const revoked = new Set<string>();
    for (const l of log.filter((x) => x.status < 400)) {
        const p = l.params;
        if (l.action === "AuthorizeSecurityGroup") {
            for (let i = 1; p[`Permissions.${i}.IpProtocol`] !== undefined; i++) {
                authorized.add(
                    key(
                        p.SecurityGroupId,
                        p[`Permissions.${i}.IpProtocol`],
                        p[`Permissions.${i}.PortRange`],
                        p[`Permissions.${i}.SourceCidrIp`],
                    ),
                );
            }
        } else if (l.action === "RevokeSecurityGroup") {
            revoked.add(key(p.SecurityGroupId, p.IpProtocol, p.PortRange, p.SourceCidrIp));
        }
    }
    return { authorized, revoked };
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

/** A step authorised what the outputs gained and revoked what they lost, nothing else. Pure. */
export function ingressChurn(before: DeployedOutputs | undefined, after: DeployedOutputs | undefined, log: readonly LogEntry[]): string[] {
    const [was, now] = [ingressOf(before), ingressOf(after)];
    const { authorized, revoked } = ingressWrites(log);
    const problems: string[] = [];
    const expect = (what: string, actual: Set<string>, wanted: string[]) => {
        const sorted = [...actual].sort();
        if (JSON.stringify(sorted) !== JSON.stringify(wanted)) {
            problems.push(`security group rules ${what}: ${JSON.stringify(sorted)}, expected ${JSON.stringify(wanted)}`);
        }
    };
    expect("authorized", authorized, minus(now, was));
    expect("revoked", revoked, minus(was, now));
    // The provider deletes over HTTPS whatever alicloud:protocol says (docs/alicloud-rules.md §7.6).
    for (const l of log.filter((x) => x.action === "RevokeSecurityGroup" && x.scheme !== "https")) {
        problems.push(`RevokeSecurityGroup #${l.seq} came over ${l.scheme}; the provider (v1.285.0) sends it over HTTPS only`);
    }
    return problems;
}

/** Every security group holds the foreign rules and exactly the stack's ingress for that group. Pure. */
export function ingressProblems(out: DeployedOutputs | undefined, state: EmulatorState): string[] {
    const ours = ingressOf(out);
    const problems: string[] = [];
    for (const g of state.securityGroups) {
        const id = String(g.SecurityGroupId);
        const rules = (g.Permissions as { Permission: Record<string, unknown>[] }).Permission;
        const held = rules.map((r) => key(id, String(r.IpProtocol), String(r.PortRange), String(r.SourceCidrIp)));
        for (const f of FOREIGN_RULES) {
            if (!held.includes(key(id, f.ipProtocol, f.portRange, f.sourceCidrIp))) {
                problems.push(`${id}: the rule it held before the stack (${f.ipProtocol} ${f.portRange} from ${f.sourceCidrIp}) is gone`);
            }
        }
        const foreign = new Set(FOREIGN_RULES.map((f) => key(id, f.ipProtocol, f.portRange, f.sourceCidrIp)));
        const expected = [...ours].filter((k) => k.startsWith(`${id} `));
        for (const k of expected) {
            if (held.filter((h) => h === k).length !== 1) {
                problems.push(`${id}: ${held.filter((h) => h === k).length} rules for ${k}, expected 1`);
            }
        }
        for (const h of held.filter((x) => !foreign.has(x) && !ours.has(x))) {
            problems.push(`${id}: a rule nobody asked for: ${h}`);
        }
    }
    return problems;
}
