/**
 * EIP bandwidth plan (Common Bandwidth Package) actions: CreateCommonBandwidthPackage,
 * DescribeCommonBandwidthPackages, ModifyCommonBandwidthPackageSpec, ModifyCommonBandwidthPackageAttribute,
 * DeleteCommonBandwidthPackage, AddCommonBandwidthPackageIp, RemoveCommonBandwidthPackageIp and the per-EIP maximum
 * (Modify/CancelCommonBandwidthPackageIpBandwidth, rules §1.16). The attachment is read
 * back through the plan's `PublicIpAddresses.PublicIpAddresse[]` (the API's own spelling) and the EIP's
 * `BandwidthPackageId` (terraform-provider-alicloud v1.285.0 service_alicloud_cbwp_v2.go).
 */
import { CloudError } from "../../cloud/model";
import { newId } from "../addresses";
import { apiTime, Emulator, Handler, listAnswer, tagList } from "../emulator";
import { flatTags, required } from "../wire";

function create(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = newId("cbwp");
    emu.model.createBandwidthPlan(undefined, {
        id,
        bandwidth: required(p, "Bandwidth"),
        internetChargeType: p.InternetChargeType,
        isp: p.ISP,
        ratio: p.Ratio === undefined ? undefined : Number(p.Ratio),
    });
    emu.plans.set(id, {
        regionId: required(p, "RegionId"),
        name: p.Name ?? "",
        description: p.Description ?? "",
        ratio: p.Ratio === undefined ? 0 : Number(p.Ratio),
        creationTime: apiTime(),
        resourceGroupId: p.ResourceGroupId ?? "",
    });
    const tags = flatTags(p);
    if (Object.keys(tags).length > 0) {
        emu.tags.set(id, tags);
    }
    return { BandwidthPackageId: id, ResourceGroupId: p.ResourceGroupId ?? "" };
}

/** One plan as DescribeCommonBandwidthPackages lists it. */
export function describePlan(emu: Emulator, id: string): Record<string, unknown> {
    const plan = emu.model.plans.get(id)!;
    const r = emu.plans.get(id)!;
    const members = [...emu.model.eips.values()].filter((e) => e.planId === id);
    return {
        BandwidthPackageId: id,
        RegionId: r.regionId,
        Name: r.name,
        Description: r.description,
        Bandwidth: String(plan.bandwidthMbps),
        InternetChargeType: plan.internetChargeType ?? "",
        ISP: plan.isp,
        Ratio: r.ratio,
        // Whether the plan itself reports BINDING while an EIP joins is a silent spot (cloud/answers.ts).
        Status: emu.model.answers.planReportsBinding && members.some((e) => e.bindingUntil !== undefined) ? "BINDING" : "Available",
        BusinessStatus: "Normal",
        InstanceChargeType: "PostPaid",
        DeletionProtection: plan.deletionProtection,
        CreationTime: r.creationTime,
        ResourceGroupId: r.resourceGroupId,
        ServiceManaged: 0,
        SecurityProtectionTypes: { SecurityProtectionType: [] },
        PublicIpAddresses: {
            PublicIpAddresse: members.map((e) => ({
                AllocationId: e.allocationId,
                IpAddress: e.ipAddress,
                BandwidthPackageIpRelationStatus: e.bindingUntil === undefined ? "BINDED" : "BINDING",
            })),
        },
        Tags: tagList(emu, id),
    };
}

function describe(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const ids = [...emu.model.plans.keys()].filter(
        (id) => emu.plans.has(id) && (p.BandwidthPackageId === undefined || p.BandwidthPackageId === id),
    );
    return listAnswer(
        "CommonBandwidthPackages",
        "CommonBandwidthPackage",
        ids.map((id) => describePlan(emu, id)),
    );
}

function existing(emu: Emulator, id: string) {
    if (!emu.model.plans.has(id) || !emu.plans.has(id)) {
        // rules §1.13: the plan's not-found code.
        throw new CloudError("InvalidBandwidthPackageId.NotFound", `The specified bandwidth plan ${id} does not exist.`, "§1.13");
    }
    return emu.plans.get(id)!;
}

function modifySpec(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "BandwidthPackageId");
    existing(emu, id);
    emu.model.modifyPlanBandwidth(id, required(p, "Bandwidth"));
    return {};
}

function modifyAttribute(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const r = existing(emu, required(p, "BandwidthPackageId"));
    r.name = p.Name ?? r.name;
    r.description = p.Description ?? r.description;
    return {};
}

function remove(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "BandwidthPackageId");
    existing(emu, id);
    emu.model.deleteBandwidthPlan(id, p.Force === "true");
    emu.plans.delete(id);
    emu.tags.delete(id);
    return {};
}

function addIp(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    emu.model.addPlanIp(undefined, required(p, "BandwidthPackageId"), required(p, "IpInstanceId"), p.IpType ?? "EIP");
    return {};
}

function removeIp(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const planId = required(p, "BandwidthPackageId");
    const allocationId = required(p, "IpInstanceId");
    existing(emu, planId);
    if (emu.model.eips.get(allocationId)?.planId !== planId) {
        // rules §1.12: the EIP is not in this plan (the provider counts it as already removed, rules §5.2).
        throw new CloudError("OperationUnsupported.IpNotInCbwp", `The EIP ${allocationId} is not in ${planId}.`, "§1.12");
    }
    emu.model.removePlanIp(planId, allocationId);
    return {};
}

function capIp(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const planId = required(p, "BandwidthPackageId");
    existing(emu, planId);
    emu.model.setPlanIpCap(planId, required(p, "EipId"), Number(required(p, "Bandwidth")));
    return {};
}

function cancelIpCap(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const planId = required(p, "BandwidthPackageId");
    existing(emu, planId);
    emu.model.setPlanIpCap(planId, required(p, "EipId"), undefined);
    return {};
}

export const bandwidthPlanActions: [string, Handler][] = [
    ["CreateCommonBandwidthPackage", create],
    ["DescribeCommonBandwidthPackages", describe],
    ["ModifyCommonBandwidthPackageSpec", modifySpec],
    ["ModifyCommonBandwidthPackageAttribute", modifyAttribute],
    ["DeleteCommonBandwidthPackage", remove],
    ["AddCommonBandwidthPackageIp", addIp],
    ["RemoveCommonBandwidthPackageIp", removeIp],
    ["ModifyCommonBandwidthPackageIpBandwidth", capIp],
    ["CancelCommonBandwidthPackageIpBandwidth", cancelIpCap],
];
