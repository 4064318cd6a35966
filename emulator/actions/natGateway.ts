/**
 * NAT gateway actions: CreateNatGateway, DescribeNatGateways, ModifyNatGatewayAttribute, DeleteNatGateway.
 * DeleteNatGateway takes `Force` (rules §1.2). Response fields are the ones the provider reads
 * (terraform-provider-alicloud v1.285.0 resource_alicloud_nat_gateway.go Read and service_alicloud_vpc.go DescribeNatGateway): it panics without
 * `InstanceChargeType`, `ForwardTableIds`, `SnatTableIds` or `NatGatewayPrivateInfo`, and on a `null` list.
 * Parameters: docs/alicloud-rules.md §1.1-§1.3, §8.7.
 */
import { CloudError, found, type NatAttributes } from "../../cloud/model";
import { natStatus } from "../../cloud/natGateway";
import { newId } from "../addresses";
import { Action, apiTime, described, describing, Region, tagList } from "../emulator";
import { hasTags, matches, numberedPage, pageAnswer } from "../listing";
import { boolean, CLIENT_TOKEN, DRY_RUN, ID, ID_OPTIONAL, label, oneOf, optional, paging, REGION, TAGS } from "../params";
import { bool, flatTags } from "../wire";

const NAME = "InvalidParameter.Name.Malformed";
const DESCRIPTION = "InvalidParameter.Description.Malformed";
/** Name characters: rules §1.1 (SDK: letters, digits, `_`, `-`; the provider's schema also allows `.`). */
const natName = label(2, 128, true).regex(/^[\p{L}\d_.-]+$/u, "may hold letters, digits, '_', '-' and '.' only");

const createParams = {
    RegionId: REGION,
    VpcId: ID,
    VSwitchId: ID,
    NatType: optional(oneOf(["Enhanced"])),
    NetworkType: optional(oneOf(["internet", "intranet"])),
    InstanceChargeType: optional(oneOf(["PostPaid"])),
    InternetChargeType: optional(oneOf(["PayByLcu"])),
    EipBindMode: optional(oneOf(["MULTI_BINDED", "NAT"])),
    AvailabilityMode: optional(oneOf(["CrossAZ", "SingleAZ"])),
    Name: optional(natName, NAME),
    Description: optional(label(2, 256), DESCRIPTION),
    IcmpReplyEnabled: optional(boolean),
    PrivateLinkEnabled: optional(boolean),
    ClientToken: CLIENT_TOKEN,
    ...TAGS,
};

function create(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = newId("ngw");
    const suffix = id.slice("ngw-".length);
    const nat = r.model.createNatGateway(undefined, {
        id,
        vpcId: p.VpcId,
        vswitchId: p.VSwitchId,
        forwardTableId: `ftb-${suffix}`,
        snatTableId: `stb-${suffix}`,
        attributes: {
            name: p.Name ?? "",
            description: p.Description ?? "",
            natType: p.NatType || "Enhanced",
            networkType: p.NetworkType || "internet",
            internetChargeType: p.InternetChargeType || "PayByLcu",
            instanceChargeType: p.InstanceChargeType || "PostPaid",
            eipBindMode: p.EipBindMode || "MULTI_BINDED",
            vswitchId: p.VSwitchId,
            icmpReplyEnabled: bool(p.IcmpReplyEnabled) ?? true,
            privateLinkEnabled: bool(p.PrivateLinkEnabled) ?? false,
            creationTime: apiTime(),
            resourceGroupId: p.ResourceGroupId ?? "",
            tags: flatTags(p),
        },
    });
    return {
        NatGatewayId: id,
        ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
        SnatTableIds: { SnatTableId: [nat.snatTableId] },
    };
}

/** One gateway as DescribeNatGateways lists it. */
export function describeNat(r: Region, id: string): Record<string, unknown> {
    const { state: nat, rec, eips: bound } = describing(r, r.model.nats, id, (e) => e.boundTo === id);
    return described(r, "NatGatewayId", id, {
        VpcId: nat.vpcId,
        Name: rec.name,
        Description: rec.description,
        Status: natStatus(nat),
        BusinessStatus: "Normal",
        NatType: rec.natType,
        NetworkType: rec.networkType,
        InternetChargeType: rec.internetChargeType,
        InstanceChargeType: rec.instanceChargeType,
        EipBindMode: rec.eipBindMode,
        Spec: rec.spec,
        DeletionProtection: nat.deletionProtection,
        IcmpReplyEnabled: rec.icmpReplyEnabled,
        PrivateLinkEnabled: rec.privateLinkEnabled,
        CreationTime: rec.creationTime,
        ResourceGroupId: rec.resourceGroupId,
        ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
        SnatTableIds: { SnatTableId: [nat.snatTableId] },
        FullNatTableIds: { FullNatTableId: [] },
        NatGatewayPrivateInfo: { VswitchId: rec.vswitchId, EniType: "indirect" },
        IpLists: {
            IpList: bound.map((e) => ({
                AllocationId: e.allocationId,
                IpAddress: e.ipAddress,
                UsingStatus: "Idle",
                SnatEntryEnabled: false,
                PrivateIpAddress: "",
            })),
        },
        Tags: tagList(rec.tags),
    });
}

const describeParams = {
    RegionId: REGION,
    NatGatewayId: ID_OPTIONAL,
    VpcId: ID_OPTIONAL,
    Name: optional(label(1, 128)),
    NatType: optional(oneOf(["Enhanced"])),
    NetworkType: optional(oneOf(["internet", "intranet"])),
    Status: optional(oneOf(["Creating", "Available", "Modifying", "Deleting", "Converting"])),
    InstanceChargeType: optional(oneOf(["PostPaid", "PrePaid"])),
    Spec: ID_OPTIONAL,
    ResourceGroupId: ID_OPTIONAL,
    ZoneId: ID_OPTIONAL,
    DryRun: DRY_RUN,
    ...paging(50),
    ...TAGS,
};

function describe(r: Region, p: Record<string, string>): Record<string, unknown> {
    const ids = [...r.model.nats.keys()].filter((id) => {
        const nat = r.model.nats.get(id)!;
        const rec = nat.attributes;
        return (
            matches(p.NatGatewayId, id) &&
            matches(p.VpcId, nat.vpcId) &&
            matches(p.Name, rec.name) &&
            matches(p.NatType, rec.natType) &&
            matches(p.NetworkType, rec.networkType) &&
            matches(p.Status, natStatus(nat)) &&
            matches(p.InstanceChargeType, rec.instanceChargeType) &&
            matches(p.Spec, rec.spec) &&
            matches(p.ResourceGroupId, rec.resourceGroupId) &&
            // The zone is the vSwitch's, which the emulator does not know: a zone filter matches nothing (rules §8.5).
            matches(p.ZoneId, undefined) &&
            hasTags(p, rec.tags)
        );
    });
    return pageAnswer("NatGateways", "NatGateway", numberedPage(ids, p), (id) => describeNat(r, id));
}

/** The attributes of gateway `id`, or the gateway's not-found refusal (rules §1.2). */
function existing(r: Region, id: string): NatAttributes {
    const refusal = () => new CloudError("InvalidNatGatewayId.NotFound", `The specified NAT gateway ${id} does not exist.`, "§1.2");
    return found(r.model.nats.get(id), refusal).attributes;
}

const modifyParams = {
    RegionId: REGION,
    NatGatewayId: ID,
    Name: optional(label(1, 128), NAME),
    Description: optional(label(1, 128), DESCRIPTION),
    EipBindMode: optional(oneOf(["NAT", "MULTI_BINDED"])),
    IcmpReplyEnabled: optional(boolean),
    EnableSessionLog: optional(boolean),
};

function modify(r: Region, p: Record<string, string>): Record<string, unknown> {
    const rec = existing(r, p.NatGatewayId);
    rec.name = p.Name || rec.name;
    rec.description = p.Description || rec.description;
    rec.eipBindMode = p.EipBindMode || rec.eipBindMode;
    rec.icmpReplyEnabled = bool(p.IcmpReplyEnabled) ?? rec.icmpReplyEnabled;
    return {};
}

const deleteParams = { RegionId: REGION, NatGatewayId: ID, Force: optional(boolean) };

/** DeleteNatGateway; `Force=true` deletes the gateway's DNAT entries and unbinds its EIPs (rules §1.2). */
function remove(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = p.NatGatewayId;
    existing(r, id);
    r.model.deleteNatGateway(id, bool(p.Force) === true);
    r.settle();
    return {};
}

export const natGatewayActions: [string, Action][] = [
    ["CreateNatGateway", { params: createParams, handler: create, idempotent: true }],
    ["DescribeNatGateways", { params: describeParams, handler: describe, dryRun: true }],
    ["ModifyNatGatewayAttribute", { params: modifyParams, handler: modify }],
    ["DeleteNatGateway", { params: deleteParams, handler: remove }],
];
