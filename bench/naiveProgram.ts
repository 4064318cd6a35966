/**
 * The naive ordering `npm run bench:deploy -- --naive` compares against: the stack's gateway, plan, EIPs, joins,
 * bindings and DNAT entries with only the dependencies their inputs imply, plus each entry on its EIP's binding
 * (InvalidIp.NotInNatgw otherwise), as the public Terraform modules for this pattern write them: everything that
 * can start, starts at once. Read from the same stack config as index.ts, validated by the same program code.
 */
import * as alicloud from "@pulumi/alicloud";
import { readStackGateway } from "../program/stackConfig";

const { name, args } = readStackGateway();
const nat = new alicloud.vpc.NatGateway(`${name}-nat`, {
    vpcId: args.vpcId!,
    vswitchId: args.natGateway.vswitchId,
    natType: "Enhanced",
    networkType: "internet",
    paymentType: "PayAsYouGo",
    internetChargeType: "PayByLcu",
});
const plan = new alicloud.vpc.CommonBandwithPackage(`${name}-plan`, {
    bandwidth: String(args.bandwidthPlan.bandwidthMbps),
    isp: args.bandwidthPlan.isp,
    internetChargeType: args.bandwidthPlan.internetChargeType,
});
const binds = new Map<string, alicloud.ecs.EipAssociation>();
const eips = new Map<string, alicloud.ecs.EipAddress>();
for (const key of Object.keys(args.eips)) {
    const eip = new alicloud.ecs.EipAddress(`${name}-eip-${key}`, {
        paymentType: "PayAsYouGo",
        isp: args.bandwidthPlan.isp,
        netmode: "public",
    });
    eips.set(key, eip);
    new alicloud.vpc.CommonBandwithPackageAttachment(`${name}-join-${key}`, {
        bandwidthPackageId: plan.id,
        instanceId: eip.id,
        ipType: "EIP",
    });
    binds.set(
        key,
        new alicloud.ecs.EipAssociation(`${name}-bind-${key}`, { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" }),
    );
}
const forwardTableId = nat.forwardTableIds.apply((ids) => ids.split(",")[0]);
for (const [key, r] of Object.entries(args.rules ?? {})) {
    new alicloud.vpc.ForwardEntry(
        `${name}-dnat-${key}`,
        {
            forwardTableId,
            externalIp: eips.get(r.eip)!.ipAddress,
            externalPort: String(r.externalPort),
            internalIp: r.internalIp,
            internalPort: String(r.internalPort ?? r.externalPort),
            ipProtocol: r.protocol,
        },
        { dependsOn: [binds.get(r.eip)!] },
    );
}
