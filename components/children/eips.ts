/**
 * The EIPs of a SharedBandwidthGateway (`<name>-eip-<key>`): created ones, protected against release and
 * replacement (public IPs are precious), and adopted ones, read by allocation id.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import { childName } from "../kinds";
import type { ResolvedEip } from "../validation";
import { aliasesOf, ChildContext } from "./context";

/** Creates or reads every EIP, by key. */
export function createEips(ctx: ChildContext): Map<string, ecs.EipAddress> {
    return new Map(ctx.gw.eips.map((e) => [e.key, e.mode === "adopt" ? readEip(ctx, e) : newEip(ctx, e)]));
}

function readEip(ctx: ChildContext, e: ResolvedEip): ecs.EipAddress {
    return ecs.EipAddress.get(childName(ctx.name, "eip", e.key), e.allocationId!, undefined, { parent: ctx.parent });
}

function newEip(ctx: ChildContext, e: ResolvedEip): ecs.EipAddress {
    const { gw } = ctx;
    return new ecs.EipAddress(
        childName(ctx.name, "eip", e.key),
        {
            addressName: e.name ?? ctx.cloudName(e.key),
            description: e.description,
            paymentType: "PayAsYouGo",
            internetChargeType: e.internetChargeType,
            // rules §1.11: an EIP joins a plan only with the plan's line type.
            isp: gw.plan.isp,
            netmode: "public",
            tags: ctx.tags,
        },
        // Public IPs are precious: a created EIP is protected against release and replacement.
        { parent: ctx.parent, protect: gw.protectEips, aliases: aliasesOf(ctx, "eip", gw.renames.eips[e.key]) },
    );
}

/** The EIPs the stack created (not adopted), in key order. */
export function createdEips(ctx: ChildContext, eips: Map<string, ecs.EipAddress>): ecs.EipAddress[] {
    return ctx.gw.eips.filter((e) => e.mode === "create").map((e) => eips.get(e.key)!);
}
