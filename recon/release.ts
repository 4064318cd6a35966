/**
 * Releasing orphans, only when asked: DNAT entries first, then bindings, plan memberships, EIPs (only with their own
 * flag: public IPs are precious), gateways and plans last, the order the API needs (an EIP is unbound before it
 * leaves a plan, rules §2 delete step 3; a gateway is deleted with no EIP bound, rules §1.2).
 */
import type { RpcCall } from "./account";
import type { Orphan } from "./reconcile";
import { kindOfRole, ReconKind } from "./state";

/** The API call that releases an orphan of each kind, from the parts in its `ref`. */
const RELEASE: Record<ReconKind, (r: Record<string, string>) => [string, Record<string, string>]> = {
    dnat: (r) => ["DeleteForwardEntry", { ForwardTableId: r.tableId, ForwardEntryId: r.entryId }],
    bind: (r) => ["UnassociateEipAddress", { AllocationId: r.allocationId, InstanceId: r.natGatewayId, InstanceType: "Nat" }],
    join: (r) => ["RemoveCommonBandwidthPackageIp", { BandwidthPackageId: r.planId, IpInstanceId: r.allocationId }],
    eip: (r) => ["ReleaseEipAddress", { AllocationId: r.allocationId }],
    nat: (r) => ["DeleteNatGateway", { NatGatewayId: r.natGatewayId }],
    plan: (r) => ["DeleteCommonBandwidthPackage", { BandwidthPackageId: r.planId }],
};

/** The release order. */
const ORDER: ReconKind[] = ["dnat", "bind", "join", "eip", "nat", "plan"];

/** The API call that releases an orphan. */
export function releaseCall(o: Orphan): [string, Record<string, string>] {
    return RELEASE[kindOfRole(o.role)](o.ref);
}

/** What would be released, in order; EIPs only with `releaseEips`. */
export function releasePlan(orphans: Orphan[], releaseEips: boolean): Orphan[] {
    return ORDER.flatMap((kind) => orphans.filter((o) => kindOfRole(o.role) === kind && (kind !== "eip" || releaseEips)));
}
/** Releases `orphans` in order, reporting each call; stops at the first refusal. */
export async function release(call: RpcCall, orphans: Orphan[], say: (line: string) => void): Promise<boolean> {
    for (const o of orphans) {
        const [action, params] = releaseCall(o);
        try {
            await call(action, params);
            say(`released ${o.what} (${action})`);
        } catch (e) {
            say(`could not release ${o.what}: ${action} failed: ${(e as Error).message}`);
            return false;
        }
    }
    return true;
}
