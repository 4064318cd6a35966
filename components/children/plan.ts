/** The EIP bandwidth plan (Common Bandwidth Package) of a SharedBandwidthGateway, `<name>-plan`. */
import type * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import { childName } from "../kinds";
import type { ChildContext } from "./context";

/** Creates the plan; `createdEips` are the EIPs the stack created, which a forced deletion must precede. */
export function createPlan(ctx: ChildContext, createdEips: ecs.EipAddress[]): vpc.CommonBandwithPackage {
    const { gw, teardown } = ctx;
    return new vpc.CommonBandwithPackage(
        childName(ctx.name, "plan"),
        {
            bandwidth: String(gw.plan.bandwidthMbps),
            isp: gw.plan.isp,
            internetChargeType: gw.plan.internetChargeType,
            ratio: gw.plan.ratio,
            bandwidthPackageName: gw.plan.name ?? ctx.cloudName(),
            description: gw.plan.description,
            deletionProtection: gw.plan.deletionProtection,
            tags: ctx.tags,
            // components/teardown.ts: a forced deletion removes the plan's EIPs first (rules §1.13).
            force: teardown.forcePlan ? "true" : undefined,
        },
        // Deleted before the created EIPs are released (an EIP is released after it left the plan, rules §2).
        { parent: ctx.parent, dependsOn: teardown.forcePlan ? createdEips : undefined },
    );
}
