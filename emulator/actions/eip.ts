/**
 * EIP actions: AllocateEipAddress, DescribeEipAddresses, ModifyEipAddressAttribute, ReleaseEipAddress,
 * AssociateEipAddress, UnassociateEipAddress. Addresses are loopback ones. DescribeEipAddresses carries what both
 * the EIP and the bandwidth-plan attachment read back (terraform-provider-alicloud v1.285.0
 * service_alicloud_eip_v2.go, service_alicloud_cbwp_v2.go DescribeDescribeEipAddresses): the binding
 * (`InstanceId`, `InstanceType`) and the plan membership (`BandwidthPackageId`, `BandwidthPackageBandwidth`).
 */
import { CloudError } from "../../cloud/model";
import { newId } from "../addresses";
import { apiTime, Emulator, Handler, listAnswer, tagList } from "../emulator";
import { required } from "../wire";

function allocate(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const allocationId = newId("eip");
    const ipAddress = emu.addresses.allocate();
    const instanceChargeType = p.InstanceChargeType ?? "PostPaid";
    try {
        emu.model.allocateEip(undefined, {
            allocationId,
            ipAddress,
            paymentType: instanceChargeType === "PrePaid" ? "Subscription" : "PayAsYouGo",
            internetChargeType: p.InternetChargeType,
            isp: p.ISP,
        });
    } catch (e) {
        emu.addresses.release(ipAddress);
        throw e;
    }
    emu.eips.set(allocationId, {
        regionId: required(p, "RegionId"),
        name: p.Name ?? "",
        description: p.Description ?? "",
        // rules §1.14: Bandwidth defaults to 5 Mbit/s.
        bandwidth: p.Bandwidth ?? "5",
        netmode: p.Netmode ?? "public",
        instanceChargeType,
        deletionProtection: false,
        allocationTime: apiTime(),
        resourceGroupId: p.ResourceGroupId ?? "",
    });
    return { AllocationId: allocationId, EipAddress: ipAddress, ResourceGroupId: p.ResourceGroupId ?? "" };
}

/** One EIP as DescribeEipAddresses lists it. */
export function describeEip(emu: Emulator, id: string): Record<string, unknown> {
    const e = emu.model.eips.get(id)!;
    const r = emu.eips.get(id)!;
    const plan = e.planId ? emu.model.plans.get(e.planId) : undefined;
    // Whether the gateway shows while the EIP is still Associating is a silent spot (cloud/answers.ts).
    const instanceId = e.status === "Associating" && !emu.model.answers.instanceWhileAssociating ? undefined : e.boundTo;
    return {
        AllocationId: id,
        IpAddress: e.ipAddress,
        RegionId: r.regionId,
        Status: e.status,
        InstanceId: instanceId ?? "",
        InstanceType: instanceId ? "Nat" : "",
        InstanceRegionId: instanceId ? r.regionId : "",
        Mode: "NAT",
        PrivateIpAddress: "",
        VpcId: "",
        // rules §1.16: in a plan, Bandwidth is the EIP's peak (its cap, or the plan's bandwidth) and EipBandwidth its own.
        Bandwidth: plan ? String(e.planCapMbps ?? plan.bandwidthMbps) : r.bandwidth,
        EipBandwidth: r.bandwidth,
        ChargeType: r.instanceChargeType,
        InternetChargeType: e.internetChargeType,
        Name: r.name,
        Description: r.description,
        ISP: e.isp,
        Netmode: r.netmode,
        AllocationTime: r.allocationTime,
        DeletionProtection: r.deletionProtection,
        HDMonitorStatus: "OFF",
        ResourceGroupId: r.resourceGroupId,
        Zone: "",
        PublicIpAddressPoolId: "",
        BandwidthPackageId: e.planId ?? "",
        BandwidthPackageType: e.planId ? "CommonBandwidthPackage" : "",
        BandwidthPackageBandwidth: plan ? String(plan.bandwidthMbps) : "",
        SecurityProtectionTypes: { SecurityProtectionType: [] },
        Tags: tagList(emu, id),
    };
}

function describe(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const ids = [...emu.model.eips.keys()].filter(
        (id) =>
            emu.eips.has(id) &&
            (p.AllocationId === undefined || p.AllocationId === id) &&
            (p.EipAddress === undefined || p.EipAddress === emu.model.eips.get(id)!.ipAddress) &&
            (p.AssociatedInstanceId === undefined || p.AssociatedInstanceId === describeEip(emu, id).InstanceId),
    );
    return listAnswer(
        "EipAddresses",
        "EipAddress",
        ids.map((id) => describeEip(emu, id)),
    );
}

/** The record of an EIP the emulator knows, or the API's not-found refusal. */
export function existingEip(emu: Emulator, id: string) {
    if (!emu.model.eips.has(id) || !emu.eips.has(id)) {
        // rules §1.4: the EIP's not-found code.
        throw new CloudError("InvalidAllocationId.NotFound", `The specified EIP ${id} does not exist.`, "§1.4");
    }
    return emu.eips.get(id)!;
}

function modify(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const r = existingEip(emu, required(p, "AllocationId"));
    r.name = p.Name ?? r.name;
    r.description = p.Description ?? r.description;
    r.bandwidth = p.Bandwidth ?? r.bandwidth;
    return {};
}

function release(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "AllocationId");
    existingEip(emu, id);
    const address = emu.model.eips.get(id)!.ipAddress;
    emu.model.releaseEip(id);
    emu.eips.delete(id);
    emu.tags.delete(id);
    emu.addresses.release(address);
    return {};
}

function associate(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    emu.model.associateEip(undefined, required(p, "AllocationId"), required(p, "InstanceId"), p.InstanceType);
    return {};
}

function unassociate(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "AllocationId");
    existingEip(emu, id);
    const instanceId = p.InstanceId ?? emu.model.eips.get(id)!.boundTo ?? "";
    emu.model.unassociateEip(id, instanceId);
    return {};
}

export const eipActions: [string, Handler][] = [
    ["AllocateEipAddress", allocate],
    ["DescribeEipAddresses", describe],
    ["ModifyEipAddressAttribute", modify],
    ["ReleaseEipAddress", release],
    ["AssociateEipAddress", associate],
    ["UnassociateEipAddress", unassociate],
];
