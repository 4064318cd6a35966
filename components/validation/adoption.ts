/**
 * Adopted bindings: an adopted EIP that is already bound to the adopted NAT gateway says so (`bound: true`), and the
 * component adopts the binding (a Pulumi import of `<allocationId>:<gatewayId>`) instead of binding it again, which
 * the API refuses with InvalidAssociation.Duplicated (docs/alicloud-rules.md §1.4).
 */
import type { SharedBandwidthGatewayArgs } from "../types";
import { show } from "./common";
import type { Problem } from "./types";

/** Keys of the EIPs whose binding is adopted, sorted. Pure. */
export function checkBoundEips(problems: Problem[], a: SharedBandwidthGatewayArgs): string[] {
    const bound: string[] = [];
    for (const [key, e] of Object.entries(a.eips)) {
        if (e.bound !== true) {
            continue;
        }
        if (e.mode !== "adopt" || a.natGateway.mode !== "adopt") {
            problems.push({
                propertyPath: `eips.${key}.bound`,
                reason: `${show(true)} adopts an existing binding, so it needs eips.${key}.mode "adopt" and natGateway.mode "adopt" (got ${show(e.mode ?? "create")} and ${show(a.natGateway.mode ?? "create")})`,
            });
            continue;
        }
        bound.push(key);
    }
    return bound.sort();
}
