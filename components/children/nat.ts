/** The NAT gateway of a SharedBandwidthGateway, `<name>-nat`: created (enhanced, Internet) or adopted by id. */
import * as vpc from "@pulumi/alicloud/vpc";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "../kinds";
import type { ResolvedGateway } from "../validation";
import type { ChildContext } from "./context";

/** The gateway and the ids of its tables. */
export interface Nat {
    resource: vpc.NatGateway;
    /** Id of its DNAT (forward) table. */
    forwardTableId: pulumi.Output<string>;
    /** Id of its SNAT table. */
    snatTableId: pulumi.Output<string>;
}

/** Creates or reads the gateway; a forced deletion of it must precede the plan's (`plan`). */
export function createNat(ctx: ChildContext, plan: vpc.CommonBandwithPackage): Nat {
    const { gw } = ctx;
    const nat =
        gw.nat.mode === "adopt"
            ? vpc.NatGateway.get(childName(ctx.name, "nat"), gw.nat.id, undefined, { parent: ctx.parent })
            : newNat(ctx, gw.nat, plan);
    return {
        resource: nat,
        // The provider reports table ids as a comma-separated string; an Internet NAT gateway has one of each.
        forwardTableId: nat.forwardTableIds.apply((ids) => ids.split(",")[0]),
        snatTableId: nat.snatTableIds.apply((ids) => ids.split(",")[0]),
    };
}

type CreatedNat = Extract<ResolvedGateway["nat"], { mode: "create" }>;

function newNat(ctx: ChildContext, n: CreatedNat, plan: vpc.CommonBandwithPackage): vpc.NatGateway {
    const { gw, teardown } = ctx;
    return new vpc.NatGateway(
        childName(ctx.name, "nat"),
        {
            vpcId: gw.vpcId!,
            vswitchId: n.vswitchId,
            // rules §1.1: Enhanced, internet, PayAsYouGo and PayByLcu are the only values on sale.
            natType: "Enhanced",
            networkType: "internet",
            paymentType: "PayAsYouGo",
            internetChargeType: "PayByLcu",
            eipBindMode: n.eipBindMode,
            natGatewayName: n.name ?? ctx.cloudName(),
            description: n.description,
            deletionProtection: n.deletionProtection,
            tags: ctx.tags,
            // components/teardown.ts: a forced deletion removes the entries and unbinds the EIPs (rules §1.2).
            force: teardown.forceGateway || undefined,
        },
        // Deleted before the plan, so its EIPs leave the plan unbound (rules §2 delete step 3 [L]).
        { parent: ctx.parent, dependsOn: teardown.forceGateway ? [plan] : undefined },
    );
}
