/**
 * Releasing orphans, only when asked: DNAT entries first, then bindings, plan memberships, EIPs (only with their own
 * flag: public IPs are precious), gateways and plans last, the order the API needs (an EIP is unbound before it
 * leaves a plan, rules §2 delete step 3; a gateway is deleted with no EIP bound, rules §1.2).
 */
import type { RpcCall } from "./account";
import type { Orphan } from "./reconcile";
import type { Role } from "./state";

const ORDER: Role[] = ["entry", "bind", "join", "eip", "nat", "plan"];

/** The API call that releases an orphan. */
export function releaseCall(o: Orphan): [string, Record<string, string>] {
    const r = o.ref;
    switch (o.role) {
        case "entry":
            return ["DeleteForwardEntry", { ForwardTableId: r.tableId, ForwardEntryId: r.entryId }];
        case "bind":
            return ["UnassociateEipAddress", { AllocationId: r.allocationId, InstanceId: r.natGatewayId, InstanceType: "Nat" }];
        case "join":
            return ["RemoveCommonBandwidthPackageIp", { BandwidthPackageId: r.planId, IpInstanceId: r.allocationId }];
        case "eip":
            return ["ReleaseEipAddress", { AllocationId: r.allocationId }];
        case "nat":
            return ["DeleteNatGateway", { NatGatewayId: r.natGatewayId }];
        case "plan":
            return ["DeleteCommonBandwidthPackage", { BandwidthPackageId: r.planId }];
        default: {
            const never: never = o.role;
            throw new Error(`unknown role ${String(never)}`);
        }
    }
}

/** What would be released, in order; EIPs only with `releaseEips`. */
export function releasePlan(orphans: Orphan[], releaseEips: boolean): Orphan[] {
    return ORDER.flatMap((role) => orphans.filter((o) => o.role === role && (role !== "eip" || releaseEips)));
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
