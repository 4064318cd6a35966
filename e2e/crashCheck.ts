/**
 * The crash test's exact comparison: the emulated account (which holds only this stack) against the stack's state,
 * resource by resource and relation by relation: gateways, EIPs, plans, DNAT entries, EIP bindings and plan
 * memberships, each by the id the provider records. Pure.
 */
import type { EmulatorState } from "../emulator/server";
import { Role, StackState, stateIds } from "../recon/state";

/** Ids of what the account holds, per role, in the provider's id format. */
export function accountIds(s: EmulatorState): Record<Role, Set<string>> {
    const str = (v: unknown) => String(v ?? "");
    return {
        nat: new Set(s.natGateways.map((n) => str(n.NatGatewayId))),
        eip: new Set(s.eips.map((e) => str(e.AllocationId))),
        plan: new Set(s.bandwidthPlans.map((p) => str(p.BandwidthPackageId))),
        join: new Set(s.eips.filter((e) => e.BandwidthPackageId).map((e) => `${str(e.BandwidthPackageId)}:${str(e.AllocationId)}`)),
        bind: new Set(s.eips.filter((e) => e.InstanceId).map((e) => `${str(e.AllocationId)}:${str(e.InstanceId)}`)),
        entry: new Set(s.forwardEntries.map((f) => `${str(f.ForwardTableId)}:${str(f.ForwardEntryId)}`)),
    };
}

/** A difference: in the account but not in the state (`extra`, a leak), or the other way round (`missing`). */
export interface Difference {
    role: Role;
    id: string;
    side: "extra" | "missing";
}

const ROLES: Role[] = ["nat", "eip", "plan", "join", "bind", "entry"];

/** Every difference between the account and the state; empty when they hold exactly the same resources. */
export function accountVersusState(account: EmulatorState, state: StackState): Difference[] {
    const held = accountIds(account);
    return ROLES.flatMap((role) => {
        const known = stateIds(state, role);
        return [
            ...[...held[role]].filter((id) => !known.has(id)).map((id): Difference => ({ role, id, side: "extra" })),
            ...[...known].filter((id) => !held[role].has(id)).map((id): Difference => ({ role, id, side: "missing" })),
        ];
    });
}
