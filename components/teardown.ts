/**
 * How the stack comes down when the whole gateway goes (`pulumi destroy`, or the component removed): with the cloud's
 * forced deletions where they are safe, one resource at a time where they are not.
 *
 * - The gateway's `DeleteNatGateway` with `Force=true` deletes its DNAT entries and unbinds its EIPs itself
 *   (docs/alicloud-rules.md §1.2; the provider sends the `force` input, resource_alicloud_nat_gateway.go Delete,
 *   terraform-provider-alicloud v1.285.0), so the entries and bindings are `deletedWith` the gateway: the engine skips
 *   their deletion when the gateway is deleted in the same operation (pulumi v3.248.0 pkg/resource/deploy/step.go
 *   isDeletedWith), and deletes them one by one as before when only they go (a rule or an EIP removed).
 * - The plan's `DeleteCommonBandwidthPackage` with `Force="true"` removes its EIPs first (rules §1.13; the `force`
 *   input, resource_alicloud_common_bandwidth_package.go Delete), so the joins are `deletedWith` the plan.
 * - Order, as the cloud needs it: the gateway's forced deletion before the plan's (an EIP leaves a plan after it is
 *   unbound, rules §2 delete step 3 [L]), and both before the EIPs are released (only an unbound EIP can be released,
 *   rules §1.14; the project releases an EIP only after it left its plan, rules §2 delete step 6). The engine deletes in
 *   reverse dependency order, so the gateway depends on the plan and the plan on the created EIPs.
 *
 * Where a forced deletion would drop children from the state without the cloud removing them, it is not used:
 * - an adopted gateway is never deleted, and the engine would still skip its dependents (a read resource counts as
 *   deleted with the stack, step.go), leaving the stack's entries and bindings in it;
 * - deletion protection refuses the forced deletion too (rules §1.2, §1.13), after the engine has already skipped the
 *   children: a later `pulumi up` would create them again on top of the ones still there;
 * - a `PayBy95` plan is never deleted by the provider, only forgotten (resource_alicloud_common_bandwidth_package.go
 *   Delete), so its EIPs must leave it one by one, after they are unbound: the gateway's children then go one by one too.
 */

/** What destroy does with the gateway and the plan. */
export interface Teardown {
    /** `DeleteNatGateway` with `Force=true`; the DNAT entries and bindings go with it. */
    forceGateway: boolean;
    /** `DeleteCommonBandwidthPackage` with `Force="true"`; the joins go with it. */
    forcePlan: boolean;
    /** Why a forced deletion is not used, one sentence each; empty when both are. */
    reasons: string[];
}

/** What the teardown depends on: a validated gateway has it (`ResolvedGateway`), and so do a plan's resources. */
export interface TeardownInput {
    nat: { mode: "adopt" } | { mode: "create"; deletionProtection: boolean };
    plan: { internetChargeType: string; deletionProtection: boolean };
}

/** The teardown of a validated gateway. Pure. */
export function planTeardown(gw: TeardownInput): Teardown {
    const reasons: string[] = [];
    if (gw.plan.internetChargeType === "PayBy95") {
        reasons.push(
            "the PayBy95 bandwidth plan is never deleted by the provider (only forgotten), so its EIPs leave it one by one after they are unbound, and the DNAT entries and bindings go one by one before that",
        );
    } else if (gw.plan.deletionProtection) {
        reasons.push(
            "the bandwidth plan has deletion protection, which refuses a forced deletion too: its EIPs leave it one by one (turn bandwidthPlan.deletionProtection off with `pulumi up` before destroying)",
        );
    }
    const forcePlan = reasons.length === 0;
    if (gw.nat.mode === "adopt") {
        reasons.push("the NAT gateway is adopted and never deleted: the stack's DNAT entries and bindings are deleted one by one");
    } else if (gw.nat.deletionProtection) {
        reasons.push(
            "the NAT gateway has deletion protection, which refuses a forced deletion too: its DNAT entries and bindings are deleted one by one (turn natGateway.deletionProtection off with `pulumi up` before destroying)",
        );
    }
    return { forceGateway: forcePlan && reasons.length === 0, forcePlan, reasons };
}
