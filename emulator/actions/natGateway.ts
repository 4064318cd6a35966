/**
 * NAT gateway actions: CreateNatGateway, DescribeNatGateways, ModifyNatGatewayAttribute, DeleteNatGateway.
 * DeleteNatGateway takes `Force` (rules §1.2). Response fields are the ones the provider reads (terraform-provider-alicloud v1.285.0
 * resource_alicloud_nat_gateway.go Read and service_alicloud_vpc.go DescribeNatGateway): it panics without
 * `InstanceChargeType`, `ForwardTableIds`, `SnatTableIds` or `NatGatewayPrivateInfo`, and on a `null` list.
 */
import { CloudError } from "../../cloud/model";
import { natStatus } from "../../cloud/natGateway";
import { newId } from "../addresses";
import { apiTime, Emulator, Handler, listAnswer } from "../emulator";
import { bool, required } from "../wire";

function create(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = newId("ngw");
    const suffix = id.slice("ngw-".length);
    emu.model.createNatGateway(undefined, {
        id,
        vpcId: required(p, "VpcId"),
        vswitchId: p.VSwitchId,
        forwardTableId: `ftb-${suffix}`,
        snatTableId: `stb-${suffix}`,
    });
    emu.nats.set(id, {
        regionId: required(p, "RegionId"),
        name: p.Name ?? "",
        description: p.Description ?? "",
        natType: p.NatType || "Enhanced",
        networkType: p.NetworkType ?? "internet",
        internetChargeType: p.InternetChargeType ?? "PayByLcu",
        instanceChargeType: p.InstanceChargeType ?? "PostPaid",
        eipBindMode: p.EipBindMode ?? "MULTI_BINDED",
        spec: p.Spec ?? "",
        vswitchId: p.VSwitchId ?? "",
        icmpReplyEnabled: bool(p.IcmpReplyEnabled) ?? true,
        privateLinkEnabled: bool(p.PrivateLinkEnabled) ?? false,
        creationTime: apiTime(),
    });
    const nat = emu.model.nats.get(id)!;
    return {
        NatGatewayId: id,
        ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
        SnatTableIds: { SnatTableId: [nat.snatTableId] },
    };
}

/** One gateway as DescribeNatGateways lists it. */
export function describeNat(emu: Emulator, id: string): Record<string, unknown> {
    const nat = emu.model.nats.get(id)!;
    const r = emu.nats.get(id)!;
    const bound = [...emu.model.eips.values()].filter((e) => e.boundTo === id);
    return {
        NatGatewayId: id,
        RegionId: r.regionId,
        VpcId: nat.vpcId,
        Name: r.name,
        Description: r.description,
        Status: natStatus(nat),
        BusinessStatus: "Normal",
        NatType: r.natType,
        NetworkType: r.networkType,
        InternetChargeType: r.internetChargeType,
        InstanceChargeType: r.instanceChargeType,
        EipBindMode: r.eipBindMode,
        Spec: r.spec,
        DeletionProtection: nat.deletionProtection,
        IcmpReplyEnabled: r.icmpReplyEnabled,
        PrivateLinkEnabled: r.privateLinkEnabled,
        CreationTime: r.creationTime,
        ResourceGroupId: "",
        ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
        SnatTableIds: { SnatTableId: [nat.snatTableId] },
        FullNatTableIds: { FullNatTableId: [] },
        NatGatewayPrivateInfo: { VswitchId: r.vswitchId, EniType: "indirect" },
        IpLists: {
            IpList: bound.map((e) => ({
                AllocationId: e.allocationId,
                IpAddress: e.ipAddress,
                UsingStatus: "Idle",
                SnatEntryEnabled: false,
                PrivateIpAddress: "",
            })),
        },
    };
}

function describe(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const ids = [...emu.model.nats.keys()].filter(
        (id) =>
            emu.nats.has(id) &&
            (p.NatGatewayId === undefined || p.NatGatewayId === id) &&
            (p.VpcId === undefined || p.VpcId === emu.model.nats.get(id)!.vpcId),
    );
    return listAnswer(
        "NatGateways",
        "NatGateway",
        ids.map((id) => describeNat(emu, id)),
    );
}

function existing(emu: Emulator, id: string) {
    if (!emu.model.nats.has(id) || !emu.nats.has(id)) {
        // rules §1.2: the gateway's not-found code.
        throw new CloudError("InvalidNatGatewayId.NotFound", `The specified NAT gateway ${id} does not exist.`, "§1.2");
    }
    return emu.nats.get(id)!;
}

function modify(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const r = existing(emu, required(p, "NatGatewayId"));
    r.name = p.Name ?? r.name;
    r.description = p.Description ?? r.description;
    r.eipBindMode = p.EipBindMode ?? r.eipBindMode;
    r.icmpReplyEnabled = bool(p.IcmpReplyEnabled) ?? r.icmpReplyEnabled;
    return {};
}

/** DeleteNatGateway; `Force=true` deletes the gateway's DNAT entries and unbinds its EIPs (rules §1.2). */
function remove(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "NatGatewayId");
    existing(emu, id);
    emu.model.deleteNatGateway(id, bool(p.Force) === true);
    emu.nats.delete(id);
    emu.tags.delete(id);
    [...emu.entries.keys()].filter((entry) => !emu.model.entries.has(entry)).forEach((entry) => emu.entries.delete(entry));
    return {};
}

export const natGatewayActions: [string, Handler][] = [
    ["CreateNatGateway", create],
    ["DescribeNatGateways", describe],
    ["ModifyNatGatewayAttribute", modify],
    ["DeleteNatGateway", remove],
];
