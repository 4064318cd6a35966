/**
 * Read-only actions about the network the gateway goes into, which `npm run inventory` and `npm run preflight` call:
 * DescribeVpcs, DescribeVSwitches and ListEnhanhcedNatGatewayAvailableZones (the API's own spelling). The VPCs and
 * vSwitches are the account's inventory (`vpcs`), in its home region; nothing here creates or changes them.
 *
 * Where the inventory is silent the emulator answers its own way (docs/alicloud-rules.md §8.10): a vSwitch listed
 * without a zone is in zone `<region>-a`, its CIDR is the VPC's and it has 100 free addresses; without
 * `account.enhancedNatZones` every zone of the region's vSwitches offers enhanced NAT gateways.
 * Fields: the SDK's response models (`@alicloud/vpc20160428` DescribeVpcsResponseBody, DescribeVSwitchesResponseBody,
 * ListEnhanhcedNatGatewayAvailableZonesResponseBody); paging: `PageSize` at most 50, default 10 (the request models).
 */
import type { InventoryVswitch } from "../../cloud/inventory";
import type { Action, Region } from "../emulator";
import { commaValues, matches, numberedPage, pageAnswer } from "../listing";
import { commaList, DRY_RUN, ID_OPTIONAL, optional, paging, REGION, text } from "../params";

/** A vSwitch of the region with every field known (the inventory's, or the emulator's defaults). */
interface VswitchRow extends Required<InventoryVswitch> {
    vpcId: string;
}

/** The region's VPCs, as the inventory lists them (only the home region has any). */
function vpcsOf(r: Region) {
    return r.model.inventory.vpcs ?? [];
}

/** Every vSwitch of the region with its VPC, zone, CIDR and free addresses. */
export function vswitchesOf(r: Region): VswitchRow[] {
    return vpcsOf(r).flatMap((v) =>
        (v.vswitchIds ?? []).map((id) => {
            const known = v.vswitches?.find((w) => w.id === id);
            return {
                id,
                vpcId: v.id,
                zoneId: known?.zoneId ?? `${r.id}-a`,
                cidr: known?.cidr ?? v.cidr,
                availableIpCount: known?.availableIpCount ?? 100,
            };
        }),
    );
}

/** The zones of the region that offer enhanced NAT gateways. */
export function natZonesOf(r: Region): string[] {
    const listed = r.model.inventory.enhancedNatZones;
    return listed ? [...listed] : [...new Set(vswitchesOf(r).map((w) => w.zoneId))].sort();
}

const vpcParams = { RegionId: REGION, VpcId: optional(commaList(20, text(1, 64))), DryRun: DRY_RUN, ...paging(50) };

function describeVpcs(r: Region, p: Record<string, string>): Record<string, unknown> {
    const ids = commaValues(p.VpcId);
    const vpcs = vpcsOf(r).filter((v) => !ids || ids.has(v.id));
    return pageAnswer("Vpcs", "Vpc", numberedPage(vpcs, p), (v) => ({
        VpcId: v.id,
        RegionId: r.id,
        Status: "Available",
        VpcName: "",
        Description: "",
        CidrBlock: v.cidr,
        IsDefault: false,
        VSwitchIds: { VSwitchId: [...(v.vswitchIds ?? [])] },
        NatGatewayIds: { NatGatewayIds: [...r.model.nats].filter(([, n]) => n.vpcId === v.id).map(([id]) => id) },
        SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
        UserCidrs: { UserCidr: [] },
    }));
}

const vswitchParams = {
    RegionId: REGION,
    VpcId: ID_OPTIONAL,
    VSwitchId: ID_OPTIONAL,
    ZoneId: ID_OPTIONAL,
    DryRun: DRY_RUN,
    ...paging(50),
};

function describeVswitches(r: Region, p: Record<string, string>): Record<string, unknown> {
    const rows = vswitchesOf(r).filter((w) => matches(p.VpcId, w.vpcId) && matches(p.VSwitchId, w.id) && matches(p.ZoneId, w.zoneId));
    return pageAnswer("VSwitches", "VSwitch", numberedPage(rows, p), (w) => ({
        VSwitchId: w.id,
        VpcId: w.vpcId,
        ZoneId: w.zoneId,
        CidrBlock: w.cidr,
        AvailableIpAddressCount: w.availableIpCount,
        Status: "Available",
        VSwitchName: "",
        Description: "",
        IsDefault: false,
    }));
}

function natZones(r: Region): Record<string, unknown> {
    return { Zones: natZonesOf(r).map((z) => ({ ZoneId: z, LocalName: z })) };
}

export const networkActions: [string, Action][] = [
    ["DescribeVpcs", { params: vpcParams, handler: describeVpcs }],
    ["DescribeVSwitches", { params: vswitchParams, handler: describeVswitches }],
    ["ListEnhanhcedNatGatewayAvailableZones", { params: { RegionId: REGION, AcceptLanguage: optional(text(1, 16)) }, handler: natZones }],
];
