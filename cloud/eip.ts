/** EIP operations of the cloud model: allocation, binding to a NAT gateway, unbinding and release (rules §1.4, §1.5, §1.14). */
import type { CloudModel } from "./model";
import {
    checkQuota,
    CloudError,
    deletionProtected,
    eipAttributes,
    existing,
    EipRequest,
    EipState,
    NatState,
    noted,
    retriedFor,
} from "./state";
import { ISP_VALUES } from "./limits";
import { endOf } from "./transitions";

/** AllocateEipAddress (rules §1.14). */
export function allocateEip(m: CloudModel, actor: string | undefined, req: EipRequest): EipState {
    const paymentType = req.paymentType ?? "PayAsYouGo";
    const charge = req.internetChargeType ?? "PayByBandwidth";
    const isp = req.isp ?? "BGP";
    if (!["PayByTraffic", "PayByBandwidth"].includes(charge)) {
        // rules §1.14: InternetChargeType is PayByBandwidth or PayByTraffic.
        throw new CloudError(
            "InvalidParameter",
            `InternetChargeType ${JSON.stringify(charge)} is not valid; use PayByBandwidth or PayByTraffic.`,
            "§1.14",
        );
    }
    if (!ISP_VALUES.includes(isp)) {
        // rules §1.14 / §1.10: the ISP list of the plan.
        throw new CloudError("IllegalParam.Isp", `ISP ${JSON.stringify(isp)} is not valid.`, "§1.14");
    }
    const payg = paymentType === "PayAsYouGo" || paymentType === "PostPaid";
    if (!payg && charge !== "PayByBandwidth") {
        // rules §1.14: a subscription EIP is billed PayByBandwidth.
        throw new CloudError(
            "InvalidParameter",
            `InternetChargeType ${charge} is not valid for a subscription EIP; use PayByBandwidth.`,
            "§1.14",
        );
    }
    if (req.bandwidthMbps !== undefined) {
        checkEipBandwidth(req.bandwidthMbps, payg, charge);
    }
    if (m.inventory.site === "international" && payg && charge !== "PayByTraffic") {
        // rules §1.14: international accounts buy pay-as-you-go EIPs billed PayByTraffic only.
        throw new CloudError(
            "COMMODITY.INVALID_COMPONENT",
            `pay-as-you-go EIPs billed ${charge} are not sold to international accounts; use PayByTraffic.`,
            "§1.14",
        );
    }
    const eip: EipState = {
        allocationId: req.allocationId,
        ipAddress: req.ipAddress,
        paymentType: payg ? "PayAsYouGo" : "Subscription",
        internetChargeType: charge,
        isp,
        status: "Available",
        createdBy: actor,
        attributes: eipAttributes(!payg, req.attributes),
    };
    m.eips.set(eip.allocationId, eip);
    return eip;
}

/**
 * When the answers say a gateway takes one binding or unbinding at a time (cloud/answers.ts): `TaskConflict` while
 * another EIP of the gateway is `Associating` or `Unassociating`. The provider retries the code on both (rules §5.2).
 */
function checkGatewayIdle(m: CloudModel, instanceId: string, allocationId: string, step: "bind" | "unbind"): void {
    if (!m.answers.gatewayOneBindingAtATime) {
        return;
    }
    const busy = [...m.eips.values()].find(
        (e) => e.boundTo === instanceId && e.allocationId !== allocationId && (e.status === "Associating" || e.status === "Unassociating"),
    );
    if (busy) {
        throw new CloudError(
            "TaskConflict",
            noted(
                `The eip operate too frequent, TaskConflict. (${busy.allocationId} on ${instanceId} is ${busy.status})`,
                retriedFor(5, step),
            ),
            "§1.4, §1.5",
        );
    }
}

/** The most an EIP may be given, Mbit/s (rules §1.14): pay-as-you-go by bandwidth 500, by traffic 200; subscription 1000. */
export function eipBandwidthRange(payg: boolean, charge: string): [number, number] {
    return [1, !payg ? 1000 : charge === "PayByTraffic" ? 200 : 500];
}

/** AllocateEipAddress and ModifyEipAddressAttribute: `Bandwidth` within the range of the EIP's billing (rules §1.14). */
export function checkEipBandwidth(mbps: number, payg: boolean, charge: string): void {
    const [min, max] = eipBandwidthRange(payg, charge);
    if (!Number.isInteger(mbps) || mbps < min || mbps > max) {
        throw new CloudError(
            "InvalidParameter",
            `Bandwidth ${mbps} is outside ${min}-${max} Mbit/s for a ${payg ? "pay-as-you-go" : "subscription"} EIP billed ${charge}.`,
            "§1.14",
        );
    }
}

/** rules §1.4: only InstanceType Nat binds to a NAT gateway. */
function checkInstanceType(instanceId: string, instanceType: string | undefined): void {
    // rules §1.4: the provider infers Nat from the ngw- prefix when the type is not given. The reference writes "Nat";
    // its own sample code sends "NAT" (rules §8.8 [L]), so the case is not significant here.
    const given = instanceType ?? (instanceId.startsWith("ngw-") ? "Nat" : "EcsInstance");
    const type = given.toLowerCase() === "nat" ? "Nat" : given;
    if (type === "NatGateway") {
        throw new CloudError(
            "Invalid.DirectEip.BindType",
            `InstanceType "NatGateway" is refused; use "Nat" (observed behaviour [L]).`,
            "§1.4",
        );
    }
    if (type !== "Nat") {
        throw new CloudError(
            "InvalidInstanceType.ValueNotSupported",
            `InstanceType ${JSON.stringify(type)} cannot bind to a NAT gateway; use "Nat".`,
            "§1.4",
        );
    }
}

/** The gateway and the EIP a binding names, both existing (rules §1.4). */
function bindingParties(m: CloudModel, allocationId: string, instanceId: string): { nat: NatState; eip: EipState } {
    const nat = existing(m.nats, { kind: "nat", id: instanceId }, "InvalidInstanId.NotFound", "NAT gateway", "§1.4");
    const eip = existing(m.eips, { kind: "eip", id: allocationId }, "InvalidAllocationId.NotFound", "EIP", "§1.4");
    return { nat, eip };
}

/** rules §1.4, §2 step 2: the gateway is Available and the EIP free to bind (the provider retries these codes). */
function checkBindable(nat: NatState, eip: EipState): void {
    if (nat.readyAt !== undefined) {
        throw new CloudError(
            "IncorrectStatus.NatGateway",
            noted(`The NAT gateway ${nat.id} is Creating.`, retriedFor(5, "bind")),
            "§1.4, §2",
            { kind: "nat", id: nat.id },
        );
    }
    if (eip.boundTo === nat.id && eip.status !== "Unassociating") {
        throw new CloudError(
            "InvalidAssociation.Duplicated",
            `Specified instance already is associated. (${eip.allocationId} on ${nat.id})`,
            "§1.4",
        );
    }
    if (eip.status !== "Available") {
        throw new CloudError(
            "IncorrectEipStatus",
            noted(
                `Current elastic IP status does not support this operation. (${eip.allocationId} is ${eip.status}, bound to ${eip.boundTo})`,
                retriedFor(5, "bind"),
            ),
            "§1.4",
        );
    }
}

/** rules §1.4, §4: the EIPs one gateway may carry. */
function checkBindQuota(m: CloudModel, instanceId: string): void {
    const bound = [...m.eips.values()].filter((e) => e.boundTo === instanceId).length;
    const message = (n: number, quota: number) => `Binded eip Quota exceed on this NatGw. (${n} of ${quota} on ${instanceId})`;
    checkQuota(bound, m.inventory.quotas.eipsPerNatGateway, "QuotaExceeded.NumberOfEip", message, "§1.4, §4");
}

/** AssociateEipAddress with InstanceType=Nat (rules §1.4, §4). */
export function associateEip(
    m: CloudModel,
    actor: string | undefined,
    allocationId: string,
    instanceId: string,
    instanceType?: string,
): void {
    checkInstanceType(instanceId, instanceType);
    const { nat, eip } = bindingParties(m, allocationId, instanceId);
    checkBindable(nat, eip);
    checkGatewayIdle(m, instanceId, allocationId, "bind");
    checkBindQuota(m, instanceId);
    // rules §1.4: asynchronous, Associating -> InUse; the provider does not wait for InUse (rules §2 step 5).
    eip.until = endOf(m, m.times.eipAssociatingMs);
    eip.status = eip.until === undefined ? "InUse" : "Associating";
    eip.boundTo = instanceId;
    eip.boundBy = actor;
}

/**
 * UnassociateEipAddress (rules §1.5, §2 delete step 2). `force` (the API's `Force`) does not lift the refusal for an EIP
 * that DNAT entries use: what a forced disassociation does to those entries is undocumented [?], so it is not modelled.
 */
export function unassociateEip(m: CloudModel, allocationId: string, instanceId: string, force = false): void {
    const eip = m.eips.get(allocationId);
    if (!eip || eip.boundTo !== instanceId || eip.status === "Unassociating") {
        return;
    }
    if (eip.status === "Associating") {
        // rules §1.5: an EIP in a transitional state refuses disassociation; the provider retries the code on unbind.
        throw new CloudError(
            "IncorrectEipStatus",
            noted(`Current elastic IP status does not support this operation. (${allocationId} is Associating)`, retriedFor(5, "unbind")),
            "§1.5",
        );
    }
    checkGatewayIdle(m, instanceId, allocationId, "unbind");
    const nat = m.nats.get(instanceId);
    const used = [...m.entries.values()].filter((e) => e.externalIp === eip.ipAddress && e.tableId === nat?.forwardTableId);
    if (used.length > 0) {
        throw new CloudError(
            "InvalidIpStatus.HasBeenUsedByForwardEntry",
            noted(
                `The specified address has been used by forwardTable. (${eip.ipAddress}: ${used.length} DNAT entr${used.length === 1 ? "y" : "ies"})`,
                `${force ? "; Force=true is not modelled: what it does to the entries is undocumented (docs/alicloud-rules.md §1.5 [?])" : ""}${retriedFor(5, "unbind")}`,
            ),
            "§1.5, §2",
            undefined,
            used.map((e) => e.createdBy),
        );
    }
    // rules §1.5: asynchronous, Unassociating -> Available; the EIP stays on the gateway until then.
    eip.until = endOf(m, m.times.eipUnassociatingMs);
    if (eip.until === undefined) {
        Object.assign(eip, { status: "Available", boundTo: undefined, boundBy: undefined });
    } else {
        eip.status = "Unassociating";
    }
}

/**
 * ReleaseEipAddress (rules §1.14, §2 delete step 6): only an `Available` (unbound) EIP. Returns advisories: the API
 * documents no refusal for an EIP still in a bandwidth plan [?], and the project releases an EIP only after it left it.
 */
export function releaseEip(m: CloudModel, allocationId: string): string[] {
    const eip = m.eips.get(allocationId);
    if (!eip) {
        return [];
    }
    if (eip.deletionProtection) {
        throw deletionProtected(allocationId, "§1.14");
    }
    if (eip.status !== "Available") {
        throw new CloudError(
            "IncorrectEipStatus",
            noted(
                `Current elastic IP status does not support this operation. (${allocationId} is ${eip.status}, bound to ${eip.boundTo})`,
                retriedFor(9, "release"),
            ),
            "§1.14, §2",
            undefined,
            [eip.boundBy],
        );
    }
    m.eips.delete(allocationId);
    return eip.planId === undefined
        ? []
        : [
              `EIP ${allocationId} is released while still in bandwidth plan ${eip.planId}: the API documents no refusal for this (docs/alicloud-rules.md §1.14 [?]), but the stack releases an EIP only after it left its plan (§2 delete step 6)`,
          ];
}
