/**
 * The orderings `npm run bench:deploy` compares with the component: the stack's gateway, plan, EIPs, joins, bindings
 * and DNAT entries, read from the same stack config as index.ts and validated by the same program code, wired with
 * other dependency shapes:
 * - naive (bench/naiveProgram.ts): only the dependencies the inputs imply, plus each entry on its EIP's binding
 *   (InvalidIp.NotInNatgw otherwise), as the public Terraform modules for this pattern write them;
 * - lanes (bench/lanesProgram.ts): the component's shape (join, then bind, then entries) with each kind of write in a
 *   given number of lanes, as components/ordering.ts chains them, or free.
 * Both are torn down one resource at a time (no forced deletion, no `deletedWith`: components/teardown.ts), so their
 * destroy times are not the component's; the lane decisions are judged on `up` and on whether the run failed.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import type { SharedBandwidthGatewayArgs } from "../components";
import { childName } from "../components/kinds";
import { serialLanes } from "../components/ordering";
import { readStackGateway } from "../program/stackConfig";
import type { LaneKind } from "../emulator/variants";
import type { OrderingShape } from "./orderingShape";

export { SHAPE_ENV } from "./orderingShape";
export type { OrderingShape } from "./orderingShape";

/** The resource `key` waits for in its lane, as a dependsOn list. */
function after<T extends pulumi.Resource>(lanes: Map<string, string | undefined> | undefined, done: Map<string, T>, key: string): T[] {
    const prev = lanes?.get(key);
    return prev === undefined ? [] : [done.get(prev)!];
}

/** Lanes of one kind of write over `keys`, as `shape` gives them (undefined: free). */
type LanesOf = (kind: LaneKind, keys: string[]) => Map<string, string | undefined> | undefined;

/** Registers the stack's resources with `shape`'s dependencies. */
export function deployOrdering(shape: OrderingShape): void {
    const { name, args } = readStackGateway();
    const lanes: LanesOf = (kind, keys) => (shape.lanes[kind] === undefined ? undefined : serialLanes(keys, shape.lanes[kind]!));
    const nat = new alicloud.vpc.NatGateway(childName(name, "nat"), {
        vpcId: args.vpcId!,
        vswitchId: args.natGateway.vswitchId,
        natType: "Enhanced",
        networkType: "internet",
        paymentType: "PayAsYouGo",
        internetChargeType: "PayByLcu",
    });
    const plan = new alicloud.vpc.CommonBandwithPackage(childName(name, "plan"), {
        bandwidth: String(args.bandwidthPlan.bandwidthMbps),
        isp: args.bandwidthPlan.isp,
        internetChargeType: args.bandwidthPlan.internetChargeType,
    });
    const { eips, binds } = eipChain(name, args, shape, lanes, nat, plan);
    entryChain(name, args, lanes, nat, eips, binds);
}

/** Each EIP, its join to the plan and its binding to the gateway, joins and bindings in their lanes. */
function eipChain(
    name: string,
    args: SharedBandwidthGatewayArgs,
    shape: OrderingShape,
    lanes: LanesOf,
    nat: alicloud.vpc.NatGateway,
    plan: alicloud.vpc.CommonBandwithPackage,
) {
    const eipKeys = Object.keys(args.eips);
    const [joinLanes, bindLanes] = [lanes("joins", eipKeys), lanes("bindings", eipKeys)];
    const eips = new Map<string, alicloud.ecs.EipAddress>();
    const joins = new Map<string, alicloud.vpc.CommonBandwithPackageAttachment>();
    const binds = new Map<string, alicloud.ecs.EipAssociation>();
    for (const key of [...eipKeys].sort()) {
        const eip = new alicloud.ecs.EipAddress(childName(name, "eip", key), {
            paymentType: "PayAsYouGo",
            isp: args.bandwidthPlan.isp,
            netmode: "public",
        });
        eips.set(key, eip);
        const join = new alicloud.vpc.CommonBandwithPackageAttachment(
            childName(name, "join", key),
            { bandwidthPackageId: plan.id, instanceId: eip.id, ipType: "EIP" },
            { dependsOn: after(joinLanes, joins, key) },
        );
        joins.set(key, join);
        const bind = new alicloud.ecs.EipAssociation(
            childName(name, "bind", key),
            { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
            { dependsOn: [...(shape.joinBeforeBind ? [join] : []), ...after(bindLanes, binds, key)] },
        );
        binds.set(key, bind);
    }
    return { eips, binds };
}

/** Each rule's DNAT entry, after its EIP's binding and in its lane. */
function entryChain(
    name: string,
    args: SharedBandwidthGatewayArgs,
    lanes: LanesOf,
    nat: alicloud.vpc.NatGateway,
    eips: Map<string, alicloud.ecs.EipAddress>,
    binds: Map<string, alicloud.ecs.EipAssociation>,
): void {
    const forwardTableId = nat.forwardTableIds.apply((ids) => ids.split(",")[0]);
    const rules = args.rules ?? {};
    const entryLanes = lanes("entries", Object.keys(rules));
    const entries = new Map<string, alicloud.vpc.ForwardEntry>();
    for (const key of Object.keys(rules).sort()) {
        const r = rules[key];
        const entry = new alicloud.vpc.ForwardEntry(
            childName(name, "dnat", key),
            {
                forwardTableId,
                externalIp: eips.get(r.eip)!.ipAddress,
                externalPort: String(r.externalPort),
                internalIp: r.internalIp,
                internalPort: String(r.internalPort ?? r.externalPort),
                ipProtocol: r.protocol,
            },
            { dependsOn: [binds.get(r.eip)!, ...after(entryLanes, entries, key)] },
        );
        entries.set(key, entry);
    }
}
