/**
 * What ties each EIP of a SharedBandwidthGateway to the plan and the gateway: its join of the plan
 * (`<name>-join-<key>`) and its binding to the gateway (`<name>-bind-<key>`), created EIP by EIP in that order.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import { childName } from "../kinds";
import { serialLanes } from "../ordering";
import type { ResolvedEip } from "../validation";
import { aliasesOf, ChildContext } from "./context";

/** The joins and bindings, by EIP key. */
export interface EipLinks {
    joins: Map<string, vpc.CommonBandwithPackageAttachment>;
    binds: Map<string, ecs.EipAssociation>;
}

/** Creates the join and the binding of every EIP. */
export function createEipLinks(
    ctx: ChildContext,
    plan: vpc.CommonBandwithPackage,
    nat: vpc.NatGateway,
    eips: Map<string, ecs.EipAddress>,
): EipLinks {
    // One lane whatever maxParallelWrites says: a second one fails the update under one of the cloud's answers (components/ordering.ts).
    const joinLanes = serialLanes(
        ctx.gw.eips.map((e) => e.key),
        1,
    );
    const links: EipLinks = { joins: new Map(), binds: new Map() };
    for (const e of ctx.gw.eips) {
        const prev = joinLanes.get(e.key);
        const join = createJoin(ctx, e, plan, eips.get(e.key)!, prev ? links.joins.get(prev) : undefined);
        links.joins.set(e.key, join);
        links.binds.set(e.key, createBind(ctx, e, nat, eips.get(e.key)!, join));
    }
    return links;
}

function createJoin(
    ctx: ChildContext,
    e: ResolvedEip,
    plan: vpc.CommonBandwithPackage,
    eip: ecs.EipAddress,
    prev: vpc.CommonBandwithPackageAttachment | undefined,
): vpc.CommonBandwithPackageAttachment {
    // rules §2 step 4: join the plan before binding to the NAT gateway (binding first can interrupt service);
    // on destroy the EIP therefore leaves the plan only after it is unbound (rules §2 delete step 3).
    return new vpc.CommonBandwithPackageAttachment(
        childName(ctx.name, "join", e.key),
        { bandwidthPackageId: plan.id, instanceId: eip.id, ipType: "EIP" },
        // An EIP belongs to one plan at a time (IpInstanceId.AlreadyInBandwidthPackage), so a replacement must
        // remove it before adding it again (rules §1.11, §2 "Moving an EIP between CBWPs").
        {
            parent: ctx.parent,
            dependsOn: [plan, eip, ...(prev ? [prev] : [])],
            deleteBeforeReplace: true,
            aliases: aliasesOf(ctx, "join", ctx.gw.renames.eips[e.key]),
            // The plan's forced deletion removes it (components/teardown.ts); alone, it is removed on its own.
            deletedWith: ctx.teardown.forcePlan ? plan : undefined,
        },
    );
}

function createBind(
    ctx: ChildContext,
    e: ResolvedEip,
    nat: vpc.NatGateway,
    eip: ecs.EipAddress,
    join: vpc.CommonBandwithPackageAttachment,
): ecs.EipAssociation {
    const { gw } = ctx;
    // rules §1.4: InstanceType must be Nat for a NAT gateway. Depends on the gateway, so destroy unbinds every
    // EIP before deleting the gateway (never DependencyViolation.EIPS), or the gateway's forced deletion does.
    return new ecs.EipAssociation(
        childName(ctx.name, "bind", e.key),
        { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
        // An EIP is bound to one instance at a time, so a replacement (e.g. a new gateway) unbinds first. No lane:
        // the provider does not wait for InUse, so queued bindings only space out calls (components/ordering.ts).
        {
            parent: ctx.parent,
            dependsOn: [nat, join],
            deleteBeforeReplace: true,
            aliases: aliasesOf(ctx, "bind", gw.renames.eips[e.key]),
            // An adopted EIP already bound to the adopted gateway: adopt the binding (the provider's id is
            // `<allocationId>:<instanceId>`, resource_alicloud_eip_association.go) instead of binding it again.
            // The binding existed before the stack, so it outlives it: destroy leaves it as it was.
            import: gw.boundEips.includes(e.key) && gw.nat.mode === "adopt" ? `${e.allocationId}:${gw.nat.id}` : undefined,
            retainOnDelete: gw.boundEips.includes(e.key) || undefined,
            // The gateway's forced deletion unbinds it (components/teardown.ts); alone, it is unbound on its own.
            deletedWith: ctx.teardown.forceGateway ? nat : undefined,
        },
    );
}
