/**
 * EIP bandwidth plan (Common Bandwidth Package) actions: CreateCommonBandwidthPackage,
 * DescribeCommonBandwidthPackages, ModifyCommonBandwidthPackageSpec, ModifyCommonBandwidthPackageAttribute,
 * DeleteCommonBandwidthPackage, AddCommonBandwidthPackageIp, RemoveCommonBandwidthPackageIp and the per-EIP maximum
 * (Modify/CancelCommonBandwidthPackageIpBandwidth, rules §1.16). The attachment is read
 * back through the plan's `PublicIpAddresses.PublicIpAddresse[]` (the API's own spelling) and the EIP's
 * `BandwidthPackageId` (terraform-provider-alicloud v1.285.0 service_alicloud_cbwp_v2.go).
 * Parameters: docs/alicloud-rules.md §1.10-§1.13, §1.16, §8.7.
 */
import { CloudError, found, type PlanAttributes } from "../../cloud/model";
import { newId } from "../addresses";
import { Action, apiTime, described, describing, Region, tagList } from "../emulator";
import { hasTags, matches, numberedPage, pageAnswer } from "../listing";
import { boolean, CLIENT_TOKEN, DRY_RUN, label, list, oneOf, optional, paging, REGION, required, TAGS, text, wholeNumber } from "../params";
import { ID, ID_OPTIONAL } from "../params";
import { flatTags } from "../wire";

const NAME = "InvalidParameter.Name.Malformed";
const DESCRIPTION = "InvalidParameter.Description.Malformed";
/** rules §1.10: a bandwidth that is not a whole number is refused with the code of one outside the range. */
const BANDWIDTH = required(wholeNumber, "InvalidParameter.Bandwidth");
const PLAN_ID = ID;

const createParams = {
    RegionId: REGION,
    Bandwidth: BANDWIDTH,
    InternetChargeType: optional(text(1, 32)),
    ISP: optional(text(1, 32)),
    Ratio: optional(wholeNumber, "IllegalParam.Ratio"),
    Name: optional(label(0, 128), NAME),
    Description: optional(label(0, 256), DESCRIPTION),
    ResourceGroupId: ID_OPTIONAL,
    Zone: ID_OPTIONAL,
    "SecurityProtectionTypes.N": list(oneOf(["AntiDDoS_Enhanced"]), 10),
    ClientToken: CLIENT_TOKEN,
    ...TAGS,
};

function create(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = newId("cbwp");
    r.model.createBandwidthPlan(undefined, {
        id,
        bandwidth: p.Bandwidth,
        // rules §1.10: the API's default is PayByBandwidth on the China site and PayByTraffic, the only one sold, on
        // the international site (the model's own default is the provider's, which always sends the parameter).
        internetChargeType: p.InternetChargeType || (r.model.inventory.site === "china" ? "PayByBandwidth" : "PayByTraffic"),
        isp: p.ISP || undefined,
        ratio: p.Ratio ? Number(p.Ratio) : undefined,
        attributes: {
            name: p.Name ?? "",
            description: p.Description ?? "",
            ratio: p.Ratio ? Number(p.Ratio) : 0,
            creationTime: apiTime(),
            resourceGroupId: p.ResourceGroupId ?? "",
            tags: flatTags(p),
        },
    });
    return { BandwidthPackageId: id, ResourceGroupId: p.ResourceGroupId ?? "" };
}

/** One plan as DescribeCommonBandwidthPackages lists it. */
export function describePlan(r: Region, id: string): Record<string, unknown> {
    const { state: plan, rec, eips: members } = describing(r, r.model.plans, id, (e) => e.planId === id);
    return described(r, "BandwidthPackageId", id, {
        Name: rec.name,
        Description: rec.description,
        Bandwidth: String(plan.bandwidthMbps),
        InternetChargeType: plan.internetChargeType ?? "",
        ISP: plan.isp,
        Ratio: rec.ratio,
        // Whether the plan itself reports BINDING while an EIP joins is a silent spot (cloud/answers.ts).
        Status: r.model.answers.planReportsBinding && members.some((e) => e.bindingUntil !== undefined) ? "BINDING" : "Available",
        BusinessStatus: "Normal",
        InstanceChargeType: "PostPaid",
        DeletionProtection: plan.deletionProtection,
        CreationTime: rec.creationTime,
        ResourceGroupId: rec.resourceGroupId,
        ServiceManaged: 0,
        SecurityProtectionTypes: { SecurityProtectionType: [] },
        PublicIpAddresses: {
            PublicIpAddresse: members.map((e) => ({
                AllocationId: e.allocationId,
                IpAddress: e.ipAddress,
                BandwidthPackageIpRelationStatus: e.bindingUntil === undefined ? "BINDED" : "BINDING",
            })),
        },
        Tags: tagList(rec.tags),
    });
}

const describeParams = {
    RegionId: REGION,
    BandwidthPackageId: ID_OPTIONAL,
    Name: optional(label(0, 128)),
    ResourceGroupId: ID_OPTIONAL,
    IncludeReservationData: optional(boolean),
    SecurityProtectionEnabled: optional(boolean),
    DryRun: DRY_RUN,
    ...paging(50),
    ...TAGS,
};

function describe(r: Region, p: Record<string, string>): Record<string, unknown> {
    const ids = [...r.model.plans.keys()].filter((id) => {
        const rec = r.model.plans.get(id)!.attributes;
        return (
            matches(p.BandwidthPackageId, id) &&
            matches(p.Name, rec.name) &&
            matches(p.ResourceGroupId, rec.resourceGroupId) &&
            (p.SecurityProtectionEnabled === undefined || p.SecurityProtectionEnabled.toLowerCase() === "false") &&
            hasTags(p, rec.tags)
        );
    });
    return pageAnswer("CommonBandwidthPackages", "CommonBandwidthPackage", numberedPage(ids, p), (id) => describePlan(r, id));
}

/** The attributes of plan `id`, or the plan's not-found refusal (rules §1.13). */
function existing(r: Region, id: string): PlanAttributes {
    const refusal = () =>
        new CloudError("InvalidBandwidthPackageId.NotFound", `The specified bandwidth plan ${id} does not exist.`, "§1.13");
    return found(r.model.plans.get(id), refusal).attributes;
}

function modifySpec(r: Region, p: Record<string, string>): Record<string, unknown> {
    existing(r, p.BandwidthPackageId);
    r.model.modifyPlanBandwidth(p.BandwidthPackageId, p.Bandwidth);
    return {};
}

const modifyAttributeParams = {
    RegionId: REGION,
    BandwidthPackageId: PLAN_ID,
    Name: optional(label(0, 128), NAME),
    Description: optional(label(0, 256), DESCRIPTION),
};

function modifyAttribute(r: Region, p: Record<string, string>): Record<string, unknown> {
    const rec = existing(r, p.BandwidthPackageId);
    rec.name = p.Name ?? rec.name;
    rec.description = p.Description ?? rec.description;
    return {};
}

function remove(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = p.BandwidthPackageId;
    existing(r, id);
    r.model.deleteBandwidthPlan(id, p.Force === "true");
    return {};
}

const ipParams = {
    RegionId: REGION,
    BandwidthPackageId: PLAN_ID,
    IpInstanceId: ID,
    DryRun: DRY_RUN,
    ClientToken: CLIENT_TOKEN,
};

function addIp(r: Region, p: Record<string, string>): Record<string, unknown> {
    r.model.addPlanIp(undefined, p.BandwidthPackageId, p.IpInstanceId, p.IpType || "EIP");
    return {};
}

function removeIp(r: Region, p: Record<string, string>): Record<string, unknown> {
    const { BandwidthPackageId: planId, IpInstanceId: allocationId } = p;
    existing(r, planId);
    if (r.model.eips.get(allocationId)?.planId !== planId) {
        // rules §1.12: the EIP is not in this plan (the provider counts it as already removed, rules §5.2).
        throw new CloudError("OperationUnsupported.IpNotInCbwp", `The EIP ${allocationId} is not in ${planId}.`, "§1.12");
    }
    r.model.removePlanIp(planId, allocationId);
    return {};
}

const capParams = { RegionId: REGION, BandwidthPackageId: PLAN_ID, EipId: ID };

function capIp(r: Region, p: Record<string, string>): Record<string, unknown> {
    existing(r, p.BandwidthPackageId);
    r.model.setPlanIpCap(p.BandwidthPackageId, p.EipId, Number(p.Bandwidth));
    return {};
}

function cancelIpCap(r: Region, p: Record<string, string>): Record<string, unknown> {
    existing(r, p.BandwidthPackageId);
    r.model.setPlanIpCap(p.BandwidthPackageId, p.EipId, undefined);
    return {};
}

export const bandwidthPlanActions: [string, Action][] = [
    ["CreateCommonBandwidthPackage", { params: createParams, handler: create, idempotent: true }],
    ["DescribeCommonBandwidthPackages", { params: describeParams, handler: describe, dryRun: true }],
    [
        "ModifyCommonBandwidthPackageSpec",
        { params: { RegionId: REGION, BandwidthPackageId: PLAN_ID, Bandwidth: BANDWIDTH }, handler: modifySpec },
    ],
    ["ModifyCommonBandwidthPackageAttribute", { params: modifyAttributeParams, handler: modifyAttribute }],
    [
        "DeleteCommonBandwidthPackage",
        { params: { RegionId: REGION, BandwidthPackageId: PLAN_ID, Force: optional(oneOf(["true", "false"])) }, handler: remove },
    ],
    [
        "AddCommonBandwidthPackageIp",
        { params: { ...ipParams, IpType: optional(text(1, 16)) }, handler: addIp, idempotent: true, dryRun: true },
    ],
    ["RemoveCommonBandwidthPackageIp", { params: ipParams, handler: removeIp, idempotent: true, dryRun: true }],
    ["ModifyCommonBandwidthPackageIpBandwidth", { params: { ...capParams, Bandwidth: required(wholeNumber) }, handler: capIp }],
    ["CancelCommonBandwidthPackageIpBandwidth", { params: capParams, handler: cancelIpCap }],
];
