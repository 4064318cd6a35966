/**
 * EIP actions: AllocateEipAddress, DescribeEipAddresses, ModifyEipAddressAttribute, ReleaseEipAddress,
 * AssociateEipAddress, UnassociateEipAddress. Addresses are loopback ones. DescribeEipAddresses carries what both
 * the EIP and the bandwidth-plan attachment read back (terraform-provider-alicloud v1.285.0
 * service_alicloud_eip_v2.go, service_alicloud_cbwp_v2.go DescribeDescribeEipAddresses): the binding
 * (`InstanceId`, `InstanceType`) and the plan membership (`BandwidthPackageId`, `BandwidthPackageBandwidth`).
 * Parameters: docs/alicloud-rules.md §1.4, §1.5, §1.14, §8.7.
 */
import { checkEipBandwidth } from "../../cloud/eip";
import { CloudError, EipState, found } from "../../cloud/model";
import { newId } from "../addresses";
import { Action, apiTime, Region, tagList } from "../emulator";
import { commaValues, hasTags, matches, numberedPage, pageAnswer } from "../listing";
import {
    boolean,
    CLIENT_TOKEN,
    commaList,
    DRY_RUN,
    integer,
    ipv4,
    label,
    list,
    oneOf,
    optional,
    paging,
    REGION,
    REGION_OPTIONAL,
    TAGS,
    text,
    wholeNumber,
} from "../params";
import { ID, ID_OPTIONAL } from "../params";
import { flatTags, WireError } from "../wire";

const NAME = "InvalidParameter.Name.Malformed";
const DESCRIPTION = "InvalidParameter.Description.Malformed";

const allocateParams = {
    RegionId: REGION,
    Bandwidth: optional(wholeNumber, "InvalidBandwidth.Malformed"),
    InstanceChargeType: optional(oneOf(["PrePaid", "PostPaid"])),
    InternetChargeType: optional(text(1, 32)),
    ISP: optional(text(1, 32)),
    Netmode: optional(oneOf(["public"])),
    Name: optional(label(0, 128), NAME),
    Description: optional(label(0, 256), DESCRIPTION),
    PricingCycle: optional(oneOf(["Month", "Year"])),
    Period: optional(integer(1, 9)),
    AutoPay: optional(boolean),
    ResourceGroupId: ID_OPTIONAL,
    "SecurityProtectionTypes.N": list(oneOf(["AntiDDoS_Enhanced"]), 1),
    ClientToken: CLIENT_TOKEN,
    ...TAGS,
};

/** rules §1.14: a subscription EIP needs its billing cycle and duration; a yearly one 1-5 years. */
function checkAllocate(p: Readonly<Record<string, string>>): void {
    if (p.InstanceChargeType === "PrePaid") {
        for (const name of ["PricingCycle", "Period"]) {
            if (!p[name]) {
                throw new WireError(
                    400,
                    "MissingParameter",
                    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
                );
            }
        }
        if (p.PricingCycle === "Year" && Number(p.Period) > 5) {
            throw new WireError(
                400,
                "InvalidParameter",
                `The specified parameter "Period" is not valid: 1 to 5 for PricingCycle Year (got "${p.Period}").`,
            );
        }
    }
}

function allocate(r: Region, p: Record<string, string>): Record<string, unknown> {
    const allocationId = newId("eip");
    const ipAddress = r.addresses.allocate();
    const instanceChargeType = p.InstanceChargeType || "PostPaid";
    try {
        r.model.allocateEip(undefined, {
            allocationId,
            ipAddress,
            paymentType: instanceChargeType === "PrePaid" ? "Subscription" : "PayAsYouGo",
            internetChargeType: p.InternetChargeType || undefined,
            isp: p.ISP || undefined,
            bandwidthMbps: p.Bandwidth ? Number(p.Bandwidth) : undefined,
            attributes: {
                name: p.Name ?? "",
                description: p.Description ?? "",
                // rules §1.14: Bandwidth defaults to 5 Mbit/s.
                bandwidth: p.Bandwidth || "5",
                instanceChargeType,
                allocationTime: apiTime(),
                resourceGroupId: p.ResourceGroupId ?? "",
                tags: flatTags(p),
            },
        });
    } catch (e) {
        r.addresses.release(ipAddress);
        throw e;
    }
    return { AllocationId: allocationId, EipAddress: ipAddress, ResourceGroupId: p.ResourceGroupId ?? "" };
}

/**
 * The instance DescribeEipAddresses names for an EIP: its gateway, unless the EIP is still `Associating` and the
 * answers say the gateway shows only once it is `InUse` (a silent spot, cloud/answers.ts, rules §9.5).
 */
function shownInstance(r: Region, e: EipState): string | undefined {
    return e.status === "Associating" && !r.model.answers.instanceWhileAssociating ? undefined : e.boundTo;
}

/** One EIP as DescribeEipAddresses lists it. */
export function describeEip(r: Region, id: string): Record<string, unknown> {
    const e = r.model.eips.get(id)!;
    const rec = e.attributes;
    const plan = e.planId ? r.model.plans.get(e.planId) : undefined;
    const instanceId = shownInstance(r, e);
    return {
        AllocationId: id,
        IpAddress: e.ipAddress,
        RegionId: r.id,
        Status: e.status,
        InstanceId: instanceId ?? "",
        InstanceType: instanceId ? "Nat" : "",
        InstanceRegionId: instanceId ? r.id : "",
        Mode: "NAT",
        PrivateIpAddress: "",
        VpcId: "",
        // rules §1.16: in a plan, Bandwidth is the EIP's peak (its cap, or the plan's bandwidth) and EipBandwidth its own.
        Bandwidth: plan ? String(e.planCapMbps ?? plan.bandwidthMbps) : rec.bandwidth,
        EipBandwidth: rec.bandwidth,
        ChargeType: rec.instanceChargeType,
        InternetChargeType: e.internetChargeType,
        Name: rec.name,
        Description: rec.description,
        ISP: e.isp,
        Netmode: rec.netmode,
        AllocationTime: rec.allocationTime,
        DeletionProtection: e.deletionProtection ?? false,
        HDMonitorStatus: "OFF",
        ResourceGroupId: rec.resourceGroupId,
        Zone: "",
        PublicIpAddressPoolId: "",
        BandwidthPackageId: e.planId ?? "",
        BandwidthPackageType: e.planId ? "CommonBandwidthPackage" : "",
        BandwidthPackageBandwidth: plan ? String(plan.bandwidthMbps) : "",
        SecurityProtectionTypes: { SecurityProtectionType: [] },
        Tags: tagList(rec.tags),
    };
}

const describeParams = {
    RegionId: REGION,
    AllocationId: optional(commaList(50)),
    EipAddress: optional(commaList(50, ipv4)),
    AssociatedInstanceId: ID_OPTIONAL,
    AssociatedInstanceType: optional(oneOf(["EcsInstance", "SlbInstance", "Nat", "HaVip", "NetworkInterface", "IpAddress"])),
    ChargeType: optional(oneOf(["PostPaid", "PrePaid"])),
    EipName: optional(label(1, 128)),
    ISP: optional(text(1, 32)),
    LockReason: optional(oneOf(["financial", "security"])),
    Status: optional(oneOf(["Associating", "Unassociating", "InUse", "Available", "Releasing"])),
    ResourceGroupId: ID_OPTIONAL,
    SegmentInstanceId: ID_OPTIONAL,
    PublicIpAddressPoolId: ID_OPTIONAL,
    IncludeReservationData: optional(boolean),
    SecurityProtectionEnabled: optional(boolean),
    ServiceManaged: optional(boolean),
    "Filter.N.Key": list(oneOf(["CreationStartTime"]), 1),
    "Filter.N.Value": list(text(1, 32).regex(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/, "must be a time such as 2023-01-01T01:00Z"), 1),
    DryRun: DRY_RUN,
    ...paging(100),
    ...TAGS,
};

/** Whether EIP `id` passes the request's filters (rules §8.5). */
function wanted(r: Region, id: string, p: Record<string, string>): boolean {
    const e = r.model.eips.get(id)!;
    const rec = e.attributes;
    const ids = commaValues(p.AllocationId);
    const addresses = commaValues(p.EipAddress);
    const since = p["Filter.1.Value"];
    return (
        (!ids || ids.has(id)) &&
        (!addresses || addresses.has(e.ipAddress)) &&
        matches(p.AssociatedInstanceId, shownInstance(r, e)) &&
        matches(p.AssociatedInstanceType, shownInstance(r, e) ? "Nat" : undefined) &&
        matches(p.ChargeType, rec.instanceChargeType) &&
        matches(p.EipName, rec.name) &&
        matches(p.ISP, e.isp) &&
        matches(p.Status, e.status) &&
        matches(p.ResourceGroupId, rec.resourceGroupId) &&
        // No EIP here is locked, in a contiguous group or an address pool, protected by Anti-DDoS Enhanced or managed.
        matches(p.LockReason, undefined) &&
        matches(p.SegmentInstanceId, undefined) &&
        matches(p.PublicIpAddressPoolId, undefined) &&
        (p.SecurityProtectionEnabled === undefined || p.SecurityProtectionEnabled.toLowerCase() === "false") &&
        (p.ServiceManaged === undefined || p.ServiceManaged.toLowerCase() === "false") &&
        (since === undefined || Date.parse(rec.allocationTime) >= Date.parse(since)) &&
        hasTags(p, rec.tags)
    );
}

function describe(r: Region, p: Record<string, string>): Record<string, unknown> {
    const ids = [...r.model.eips.keys()].filter((id) => wanted(r, id, p));
    return pageAnswer("EipAddresses", "EipAddress", numberedPage(ids, p), (id) => describeEip(r, id));
}

/** An EIP the region holds, or the API's not-found refusal (rules §1.4). */
export function existingEip(r: Region, id: string): EipState {
    return found(
        r.model.eips.get(id),
        () => new CloudError("InvalidAllocationId.NotFound", `The specified EIP ${id} does not exist.`, "§1.4"),
    );
}

const modifyParams = {
    RegionId: REGION_OPTIONAL,
    AllocationId: ID,
    Bandwidth: optional(wholeNumber, "InvalidBandwidth.Malformed"),
    Name: optional(label(0, 128), NAME),
    Description: optional(label(0, 256), DESCRIPTION),
};

function modify(r: Region, p: Record<string, string>): Record<string, unknown> {
    const e = existingEip(r, p.AllocationId);
    const rec = e.attributes;
    if (p.Bandwidth) {
        checkEipBandwidth(Number(p.Bandwidth), e.paymentType === "PayAsYouGo", e.internetChargeType);
    }
    rec.name = p.Name ?? rec.name;
    rec.description = p.Description ?? rec.description;
    rec.bandwidth = p.Bandwidth || rec.bandwidth;
    return {};
}

const releaseParams = { RegionId: REGION_OPTIONAL, AllocationId: ID };

function release(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = p.AllocationId;
    const address = existingEip(r, id).ipAddress;
    r.model.releaseEip(id);
    r.addresses.release(address);
    return {};
}

const associateParams = {
    RegionId: REGION_OPTIONAL,
    AllocationId: ID,
    InstanceId: ID,
    InstanceType: optional(text(1, 32)),
    InstanceRegionId: ID_OPTIONAL,
    Mode: optional(oneOf(["NAT", "MULTI_BINDED", "BINDED"])),
    PrivateIpAddress: optional(ipv4),
    VpcId: ID_OPTIONAL,
    ClientToken: CLIENT_TOKEN,
};

function associate(r: Region, p: Record<string, string>): Record<string, unknown> {
    r.model.associateEip(undefined, p.AllocationId, p.InstanceId, p.InstanceType || undefined);
    return {};
}

const unassociateParams = {
    RegionId: REGION_OPTIONAL,
    AllocationId: ID,
    InstanceId: ID_OPTIONAL,
    InstanceType: optional(oneOf(["EcsInstance", "SlbInstance", "NetworkInterface", "Nat", "HaVip", "IpAddress"])),
    PrivateIpAddress: optional(ipv4),
    Force: optional(boolean),
    ClientToken: CLIENT_TOKEN,
};

function unassociate(r: Region, p: Record<string, string>): Record<string, unknown> {
    const instanceId = p.InstanceId || existingEip(r, p.AllocationId).boundTo || "";
    r.model.unassociateEip(p.AllocationId, instanceId, p.Force?.toLowerCase() === "true");
    return {};
}

export const eipActions: [string, Action][] = [
    ["AllocateEipAddress", { params: allocateParams, check: checkAllocate, handler: allocate, idempotent: true }],
    ["DescribeEipAddresses", { params: describeParams, handler: describe, dryRun: true }],
    ["ModifyEipAddressAttribute", { params: modifyParams, handler: modify }],
    ["ReleaseEipAddress", { params: releaseParams, handler: release }],
    ["AssociateEipAddress", { params: associateParams, handler: associate, idempotent: true }],
    ["UnassociateEipAddress", { params: unassociateParams, handler: unassociate, idempotent: true }],
];
