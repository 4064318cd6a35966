/**
 * Checks a deployed stack's outputs against what the emulated account really holds: every EIP output exists with
 * that address, is bound to the stack's gateway and sits in the stack's plan; every endpoint is one DNAT entry on
 * the gateway's table with the same public and private tuple; nothing else is there. After a destroy: nothing left,
 * and the deletions made the calls the teardown says (components/teardown.ts). Returns the differences.
 */
import type { GatewayEip as EipOutput, GatewayEndpoint as EndpointOutput } from "../components/outputs";
import { planTeardown, Teardown } from "../components/teardown";
import type { LogEntry } from "../emulator/emulator";
import type { EmulatorState } from "../emulator/server";

/** The stack outputs the check reads (plain values, as `stack.outputs()` gives them). */
export interface DeployedOutputs {
    natGatewayId: string;
    forwardTableId: string;
    bandwidthPlanId: string;
    bandwidthPlanMbps: number;
    eips: Record<string, EipOutput>;
    endpoints: Record<string, EndpointOutput>;
}

/** The public side of an endpoint as the DNAT entry spells it: `[ip, port, protocol]`. */
function publicTuple(e: EndpointOutput): [string, string, string] {
    if (e.public.endsWith("/any")) {
        return [e.public.slice(0, -"/any".length), "any", "any"];
    }
    // Endpoints write a range as 8000-8010, the API as 8000/8010.
    const m = /^(.+):([^:/]+)\/(tcp|udp)$/.exec(e.public)!;
    return [m[1], m[2].replace("-", "/"), m[3]];
}

function entryMatches(entry: Record<string, unknown>, e: EndpointOutput): boolean {
    const [ip, port, protocol] = publicTuple(e);
    const [privIp, privPort] = e.private.includes(":") ? e.private.replace("-", "/").split(":") : [e.private, "any"];
    return (
        entry.ExternalIp === ip &&
        String(entry.ExternalPort).toLowerCase() === port &&
        String(entry.IpProtocol).toLowerCase() === protocol &&
        entry.InternalIp === privIp &&
        String(entry.InternalPort).toLowerCase() === privPort
    );
}

/** Every difference between the outputs and the account; empty when they agree. */
export function verifyDeployment(out: DeployedOutputs, state: EmulatorState): string[] {
    const problems: string[] = [];
    const nat = state.natGateways.find((n) => n.NatGatewayId === out.natGatewayId);
    if (!nat) {
        problems.push(`natGatewayId ${out.natGatewayId} is not in the account`);
    } else if (!(nat.ForwardTableIds as { ForwardTableId: string[] }).ForwardTableId.includes(out.forwardTableId)) {
        problems.push(`forwardTableId ${out.forwardTableId} is not the table of ${out.natGatewayId}`);
    }
    const plan = state.bandwidthPlans.find((p) => p.BandwidthPackageId === out.bandwidthPlanId);
    if (!plan) {
        problems.push(`bandwidthPlanId ${out.bandwidthPlanId} is not in the account`);
    } else if (Number(plan.Bandwidth) !== out.bandwidthPlanMbps) {
        problems.push(`the plan has ${String(plan.Bandwidth)} Mbit/s, the output says ${out.bandwidthPlanMbps}`);
    }
    for (const [key, eip] of Object.entries(out.eips)) {
        const inAccount = state.eips.find((e) => e.AllocationId === eip.allocationId);
        if (!inAccount) {
            problems.push(`eips.${key}: ${eip.allocationId} is not in the account`);
            continue;
        }
        if (inAccount.IpAddress !== eip.ipAddress) {
            problems.push(`eips.${key}: address ${eip.ipAddress} in the output, ${String(inAccount.IpAddress)} in the account`);
        }
        if (inAccount.InstanceId !== out.natGatewayId) {
            problems.push(`eips.${key}: bound to ${JSON.stringify(inAccount.InstanceId)}, not ${out.natGatewayId}`);
        }
        if (inAccount.BandwidthPackageId !== out.bandwidthPlanId) {
            problems.push(`eips.${key}: in plan ${JSON.stringify(inAccount.BandwidthPackageId)}, not ${out.bandwidthPlanId}`);
        }
    }
    const table = state.forwardEntries.filter((f) => f.ForwardTableId === out.forwardTableId);
    for (const [key, endpoint] of Object.entries(out.endpoints)) {
        const matching = table.filter((f) => entryMatches(f, endpoint));
        if (matching.length !== 1) {
            problems.push(`endpoints.${key} (${endpoint.public} -> ${endpoint.private}): ${matching.length} matching DNAT entries`);
        }
    }
    if (table.length !== Object.keys(out.endpoints).length) {
        problems.push(`${table.length} DNAT entries in the table, ${Object.keys(out.endpoints).length} endpoints in the outputs`);
    }
    const extraEips = state.eips.filter((e) => !Object.values(out.eips).some((o) => o.allocationId === e.AllocationId));
    if (extraEips.length > 0) {
        problems.push(`EIPs in the account but not in the outputs: ${extraEips.map((e) => String(e.AllocationId)).join(", ")}`);
    }
    return problems;
}

/** What is left in the account; empty after a full destroy. */
export function leftovers(state: EmulatorState): string[] {
    return [
        ...state.natGateways.map((n) => `NAT gateway ${String(n.NatGatewayId)}`),
        ...state.eips.map((e) => `EIP ${String(e.AllocationId)} (${String(e.IpAddress)})`),
        ...state.bandwidthPlans.map((p) => `bandwidth plan ${String(p.BandwidthPackageId)}`),
        ...state.forwardEntries.map((f) => `DNAT entry ${String(f.ForwardEntryId)}`),
    ];
}

/** The teardown a stack config asks for (components/teardown.ts), read from its natGateway and bandwidthPlan keys. */
export function expectedTeardown(config: Record<string, unknown>, project: string): Teardown {
    const nat = (config[`${project}:natGateway`] ?? {}) as Record<string, unknown>;
    const plan = (config[`${project}:bandwidthPlan`] ?? {}) as Record<string, unknown>;
    return planTeardown({
        nat: nat.mode === "adopt" ? { mode: "adopt" } : { mode: "create", deletionProtection: nat.deletionProtection === true },
        plan: { internetChargeType: String(plan.internetChargeType ?? ""), deletionProtection: plan.deletionProtection === true },
    });
}

/**
 * The destroy's calls against the teardown: with the gateway's forced deletion, DeleteNatGateway with Force=true and no
 * DNAT entry deleted or EIP unbound on its own; with the plan's, DeleteCommonBandwidthPackage with Force=true and no
 * EIP removed from it on its own. Empty when they agree.
 */
export function teardownProblems(log: readonly LogEntry[], teardown: Teardown): string[] {
    const ok = log.filter((l) => l.status < 400);
    const count = (action: string) => ok.filter((l) => l.action === action).length;
    const forced = (action: string) =>
        ok.filter((l) => l.action === action && String(l.params.Force ?? "").toLowerCase() === "true").length;
    const problems: string[] = [];
    const expect = (what: string, got: number, want: (n: number) => boolean, wanted: string) => {
        if (!want(got)) {
            problems.push(`destroy made ${got} ${what}, expected ${wanted}`);
        }
    };
    if (teardown.forceGateway) {
        expect("forced DeleteNatGateway call(s)", forced("DeleteNatGateway"), (n) => n === 1, "1 (the gateway's forced deletion)");
        expect("DeleteForwardEntry call(s)", count("DeleteForwardEntry"), (n) => n === 0, "none (the entries go with the gateway)");
        expect("UnassociateEipAddress call(s)", count("UnassociateEipAddress"), (n) => n === 0, "none (the gateway's deletion unbinds)");
    }
    if (teardown.forcePlan) {
        expect(
            "forced DeleteCommonBandwidthPackage call(s)",
            forced("DeleteCommonBandwidthPackage"),
            (n) => n === 1,
            "1 (the plan's forced deletion)",
        );
        expect(
            "RemoveCommonBandwidthPackageIp call(s)",
            count("RemoveCommonBandwidthPackageIp"),
            (n) => n === 0,
            "none (the EIPs go with the plan)",
        );
    }
    return problems;
}
