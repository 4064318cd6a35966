/**
 * The EIP offline (components/kinds.ts `eip`): its mock id and address (from the documentation ranges), its read
 * from the inventory (refused when the stack cannot take it over), AllocateEipAddress / ReleaseEipAddress on the
 * cloud model, and its ForceNew arguments.
 */
import type { Inventory } from "../../cloud/inventory";
import { CloudError } from "../../cloud/model";
import type { OfflineKind } from "./kind";
import { str } from "./kind";

/**
 * An existing EIP the component cannot take over: one in another bandwidth plan (it joins the stack's plan, and an
 * EIP belongs to one plan at a time, rules §1.11), or one an SNAT entry uses (the component unbinds it on destroy,
 * which the API refuses while SNAT uses it, rules §1.5).
 */
function unadoptable(eip: Inventory["eips"][number], inv: Inventory): CloudError | undefined {
    if (eip.bandwidthPlanId !== undefined) {
        return new CloudError(
            "IpInstanceId.AlreadyInBandwidthPackage",
            `EIP ${eip.allocationId} is already in bandwidth plan ${eip.bandwidthPlanId}; it would join this stack's plan, and an EIP is in one plan at a time: remove it from ${eip.bandwidthPlanId} first`,
            "§1.11",
        );
    }
    const snat = inv.natGateways.find((n) => n.snatIps.includes(eip.ipAddress));
    if (snat) {
        return new CloudError(
            "InvalidIpStatus.HasBeenUsedBySnatTable",
            `EIP ${eip.allocationId} (${eip.ipAddress}) is used by an SNAT entry of ${snat.id}; the stack would own its binding and unbind it on destroy, which the API refuses while SNAT uses it: adopt an EIP no SNAT entry uses`,
            "§1.5",
        );
    }
    return undefined;
}

export const eip: OfflineKind = {
    create: (_args, inputs, ctx) => {
        const id = ctx.token("eip");
        return { id, state: { ...inputs, ipAddress: ctx.addresses.addressFor(ctx.seed), status: "Available" } };
    },
    read: (id, name, inv) => {
        const found = inv.eips.find((e) => e.allocationId === id);
        if (!found) {
            const refusal = new CloudError(
                "InvalidAllocationId.NotFound",
                `EIP ${id} (adopted as ${name}) is not in the account inventory`,
                "§1.4",
            );
            return { answer: { id, state: { ipAddress: "0.0.0.0" } }, refusal };
        }
        const state = {
            ipAddress: found.ipAddress,
            paymentType: found.paymentType,
            internetChargeType: found.internetChargeType,
            isp: found.isp,
            status: found.boundTo ? "InUse" : "Available",
        };
        return { answer: { id, state }, refusal: unadoptable(found, inv) };
    },
    deployedOutputs: (state, id, prior) => {
        state.ipAddress = prior.addresses.get(id) ?? state.ipAddress;
    },
    applyCreate: (model, r, answer) => {
        const i = r.inputs;
        model.allocateEip(r.urn, {
            allocationId: answer.id,
            ipAddress: String(answer.state.ipAddress),
            paymentType: str(i.paymentType),
            internetChargeType: str(i.internetChargeType),
            isp: str(i.isp),
        });
        return [];
    },
    applyDelete: (model, _r, answer) => model.releaseEip(answer.id),
    // resource_alicloud_eip_address.go: address_name, description, bandwidth, tags are updated in place.
    forceNew: [
        "allocationId",
        "highDefinitionMonitorLogStatus",
        "internetChargeType",
        "ipAddress",
        "isp",
        "netmode",
        "paymentType",
        "publicIpAddressPoolId",
        "securityProtectionTypes",
        "zone",
        "instanceChargeType",
    ],
    providerSource: "resource_alicloud_eip_address.go",
    // Every created EIP takes the plan's line type (rules §1.11).
    fedBy: { isp: "bandwidthPlan.isp" },
    replacedWords: ["an unprotected EIP", "unprotected EIPs"],
};
