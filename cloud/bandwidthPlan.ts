/** EIP bandwidth plan operations of the cloud model: create, resize, join, leave, delete (rules §1.10-§1.13). */
import { AccountSite, bandwidthRange, CBWP_RATIO, chargeTypesSold, ISP_VALUES } from "./limits";
import { DEFAULT_ANSWERS } from "./answers";
import type { CloudModel } from "./model";
import {
    checkQuota,
    CloudError,
    deletionProtected,
    existing,
    planAttributes,
    EipState,
    PlanRequest,
    PlanState,
    noted,
    retriedFor,
    UNDOCUMENTED_CODE,
} from "./state";
import { endOf } from "./transitions";

/**
 * The default code of a write on a plan while one of its EIPs is `BINDING`. The API page says only queries are allowed
 * then (rules §1.11, §2 "Other state requirements") but names no code for the refusal [?]: it lists both `TaskConflict`
 * (too frequent) and `OperationFailed.DistibuteLock` (locked by another request). The model answers `TaskConflict`
 * unless a variant says otherwise (cloud/answers.ts). A bandwidth change while BINDING is not refused: no code is
 * documented, and the provider's ModifyCommonBandwidthPackageSpec retry list has no TaskConflict, so a guessed code
 * would decide the outcome.
 */
export const PLAN_BUSY_CODE = DEFAULT_ANSWERS.planBusyCode;

/** The EIP of `planId` whose join is still `BINDING`, if any. */
export function bindingMember(m: CloudModel, planId: string): string | undefined {
    return [...m.eips.values()].find((e) => e.planId === planId && e.bindingUntil !== undefined)?.allocationId;
}

function checkPlanIdle(m: CloudModel, planId: string, step: "join" | "leave"): void {
    const busy = bindingMember(m, planId);
    if (busy !== undefined) {
        // The provider retries TaskConflict on AddCommonBandwidthPackageIp and RemoveCommonBandwidthPackageIp, not
        // OperationFailed.DistibuteLock (v1.285.0 resource_alicloud_common_bandwidth_package_attachment.go).
        const code = m.answers.planBusyCode;
        const retry =
            code === "TaskConflict"
                ? retriedFor(5, step)
                : `; the provider does not retry this code on ${step}, so the update fails at once (docs/alicloud-rules.md §5.2)`;
        throw new CloudError(
            code,
            noted(
                `The bandwidth plan ${planId} is BINDING ${busy}: only queries are allowed until it is BINDED (code undocumented for this case [?])`,
                retry,
            ),
            "§1.11, §2",
        );
    }
}

/** rules §1.10: the charge type sold on the site, and a whole bandwidth within its range; returns both. */
function checkedSpec(site: AccountSite, req: PlanRequest): { charge: string; mbps: number } {
    // rules §5.3: the provider defaults the charge type to PayByTraffic.
    const charge = req.internetChargeType ?? "PayByTraffic";
    const range = bandwidthRange(site, charge);
    if (!range) {
        // rules §1.10: international sells PayByTraffic only; China PayByBandwidth, PayBy95, PayByDominantTraffic.
        throw new CloudError(
            "InvalidParameter.InvalidChargeType",
            `InternetChargeType ${JSON.stringify(charge)} is not sold on the ${site} site; use ${chargeTypesSold(site).join(", ")}.`,
            "§1.10",
        );
    }
    const mbps = Number(req.bandwidth);
    if (!Number.isInteger(mbps) || mbps < range[0] || mbps > range[1]) {
        throw new CloudError(
            "InvalidParameter.Bandwidth",
            `Bandwidth ${JSON.stringify(req.bandwidth)} is outside ${range[0]}-${range[1]} Mbit/s for ${charge} on the ${site} site.`,
            "§1.10",
        );
    }
    return { charge, mbps };
}

/** rules §1.10: Ratio is 20, China site, PayBy95 only; the line type is one the API sells. Returns the line type. */
function checkedRatioAndIsp(req: PlanRequest, charge: string): string {
    if (charge === CBWP_RATIO.requiredWith ? req.ratio !== CBWP_RATIO.value : req.ratio !== undefined) {
        throw new CloudError(
            "IllegalParam.Ratio",
            `Ratio ${JSON.stringify(req.ratio ?? null)} is not valid; only ${CBWP_RATIO.value}, and only with ${CBWP_RATIO.requiredWith}.`,
            "§1.10",
        );
    }
    const isp = req.isp ?? "BGP";
    if (!ISP_VALUES.includes(isp)) {
        throw new CloudError("IllegalParam.Isp", `ISP ${JSON.stringify(isp)} is not valid.`, "§1.10");
    }
    return isp;
}

/** CreateCommonBandwidthPackage (rules §1.10, §4). */
export function createBandwidthPlan(m: CloudModel, actor: string | undefined, req: PlanRequest): PlanState {
    const { charge, mbps } = checkedSpec(m.inventory.site, req);
    const isp = checkedRatioAndIsp(req, charge);
    if (m.plans.size >= m.inventory.quotas.bandwidthPlansPerRegion) {
        // rules §1.10 errors, §4: pay-as-you-go plans per account and region.
        throw new CloudError(
            "BandwidthPackage.QuotaExceeded",
            `Create BandwidthPackage has exceeded quota. (${m.plans.size} of ${m.inventory.quotas.bandwidthPlansPerRegion} plans exist)`,
            "§1.10, §4",
        );
    }
    const plan: PlanState = {
        id: req.id,
        isp,
        bandwidthMbps: mbps,
        internetChargeType: charge,
        deletionProtection: req.deletionProtection ?? false,
        createdBy: actor,
        attributes: planAttributes(req.attributes),
    };
    m.plans.set(plan.id, plan);
    return plan;
}

/** The plan and the EIP a join names, both existing (rules §1.11); the plan must not be busy with another join. */
function joinParties(m: CloudModel, planId: string, allocationId: string): { plan: PlanState; eip: EipState } {
    const plan = existing(m.plans, { kind: "plan", id: planId }, "InvalidBandwidthPackageId.NotFound", "bandwidth plan", "§1.11");
    checkPlanIdle(m, planId, "join");
    const eip = existing(m.eips, { kind: "eip", id: allocationId }, "InvalidIpInstanceId.NotFound", "EIP", "§1.11");
    return { plan, eip };
}

/** rules §1.11: a pay-as-you-go EIP in no plan yet, of the plan's line type. */
function checkJoinable(plan: PlanState, eip: EipState): void {
    const { allocationId } = eip;
    if (eip.paymentType !== "PayAsYouGo") {
        throw new CloudError("IpInstanceId.ChargeType.NotSupport", `The EIP ${allocationId} is PrePaid type, Cannot add.`, "§1.11");
    }
    if (eip.planId !== undefined) {
        // rules §1.11: an EIP belongs to at most one plan; moving needs a removal first (§2).
        throw new CloudError(
            "IpInstanceId.AlreadyInBandwidthPackage",
            `The EIP ${allocationId} is already in bandwidth plan ${eip.planId}.`,
            "§1.11",
        );
    }
    if (eip.isp !== plan.isp) {
        // rules §1.11 [C]: same line type required; the API's error code for a mismatch is not documented [?].
        throw new CloudError(
            UNDOCUMENTED_CODE,
            `EIP ${allocationId} has line type ${eip.isp} but plan ${plan.id} has ${plan.isp}; they must match (the API's error code for this is undocumented [?])`,
            "§1.11",
        );
    }
}

/** rules §1.11, §4: the EIPs one plan may hold. */
function checkMemberQuota(m: CloudModel, planId: string): void {
    const members = [...m.eips.values()].filter((e) => e.planId === planId).length;
    const message = (n: number, quota: number) => `The bandwidth plan ${planId} has too many ip in it (${n} of ${quota}).`;
    checkQuota(members, m.inventory.quotas.eipsPerBandwidthPlan, "IpInstanceId.QuotaExceeded", message, "§1.11, §4");
}

/**
 * AddCommonBandwidthPackageIp (rules §1.11, §2 "Other state requirements", §4). Returns advisories: joining after the
 * EIP is bound to a NAT gateway is allowed, but may interrupt service (rules §2 create step 4 [L]).
 */
export function addPlanIp(m: CloudModel, actor: string | undefined, planId: string, allocationId: string, ipType = "EIP"): string[] {
    if (ipType !== "EIP") {
        throw new CloudError("OperationUnsupported.IpType", `IpType ${JSON.stringify(ipType)} is not supported; only EIP.`, "§1.11");
    }
    const { plan, eip } = joinParties(m, planId, allocationId);
    checkJoinable(plan, eip);
    checkMemberQuota(m, planId);
    eip.planId = planId;
    eip.joinedBy = actor;
    // rules §1.11: asynchronous, the association is BINDING until BINDED.
    eip.bindingUntil = endOf(m, m.times.planBindingMs);
    return eip.boundTo?.startsWith("ngw-")
        ? [
              `EIP ${allocationId} joins bandwidth plan ${planId} while bound to ${eip.boundTo}: service may be interrupted while it joins (docs/alicloud-rules.md §2 create step 4 [L])`,
          ]
        : [];
}

/** ModifyCommonBandwidthPackageSpec (rules §1.10): the new bandwidth within the range of the plan's charge type. */
export function modifyPlanBandwidth(m: CloudModel, id: string, bandwidth: string | number): void {
    const plan = m.plans.get(id);
    if (!plan) {
        throw new CloudError("InvalidBandwidthPackageId.NotFound", `The bandwidth plan ${id} does not exist.`, "§1.10");
    }
    const site = m.inventory.site;
    const range = plan.internetChargeType ? bandwidthRange(site, plan.internetChargeType) : undefined;
    const mbps = Number(bandwidth);
    if (!Number.isInteger(mbps) || (range && (mbps < range[0] || mbps > range[1]))) {
        throw new CloudError(
            "InvalidParameter.Bandwidth",
            `Bandwidth ${JSON.stringify(bandwidth)} is outside ${range ? `${range[0]}-${range[1]}` : "the allowed range of"} Mbit/s for ${plan.internetChargeType} on the ${site} site.`,
            "§1.10",
        );
    }
    plan.bandwidthMbps = mbps;
}

/**
 * RemoveCommonBandwidthPackageIp (rules §1.12, §2 delete step 3). Returns advisories: the API documents
 * EIP_BIND_NATGATEWAY for an EIP bound to a NAT gateway, but not when it applies [L], so the removal goes ahead with
 * a warning instead of a refusal.
 */
export function removePlanIp(m: CloudModel, planId: string, allocationId: string): string[] {
    const eip = m.eips.get(allocationId);
    if (!eip || eip.planId !== planId) {
        return []; // rules §5.2: OperationUnsupported.IpNotInCbwp counts as success.
    }
    checkPlanIdle(m, planId, "leave");
    checkLeaveUnbound(m, planId, [eip], "leaves");
    const advisories = eip.boundTo?.startsWith("ngw-")
        ? [
              `EIP ${allocationId} leaves bandwidth plan ${planId} while bound to ${eip.boundTo}: the API may refuse this with EIP_BIND_NATGATEWAY ("The eip have bind natgateway."; when it does is undocumented, docs/alicloud-rules.md §1.12, §2 delete step 3 [L]); unbind first`,
          ]
        : [];
    eip.planId = undefined;
    eip.joinedBy = undefined;
    eip.planCapMbps = undefined; // rules §1.12: the EIP's own bandwidth returns.
    return advisories;
}

/**
 * When the answers say an EIP bound to a NAT gateway (or still `Unassociating` from it) cannot leave its plan
 * (cloud/answers.ts, rules §9.7): `EIP_BIND_NATGATEWAY` for the first such EIP of `leaving`, whether it leaves on its
 * own or with the plan's forced deletion. rules §1.12 documents the code but not when it applies [L]; neither
 * RemoveCommonBandwidthPackageIp nor DeleteCommonBandwidthPackage retries it (rules §5.2).
 */
function checkLeaveUnbound(m: CloudModel, planId: string, leaving: readonly EipState[], how: string): void {
    const bound = m.answers.leaveWhileBound ? undefined : leaving.find((e) => e.boundTo?.startsWith("ngw-"));
    if (bound) {
        throw new CloudError(
            "EIP_BIND_NATGATEWAY",
            `The eip have bind natgateway. (${bound.allocationId} is bound to ${bound.boundTo}${
                bound.status === "Unassociating" ? ", still Unassociating" : ""
            }; unbind it before it ${how} ${planId})`,
            "§1.12, §2",
            undefined,
            [bound.boundBy],
        );
    }
}

/**
 * DeleteCommonBandwidthPackage (rules §1.13, §2 delete step 4). Without `force` (Force="false", the default) the plan
 * must hold no EIP; with `force` (Force="true") the cloud removes every EIP from it first, then deletes it. Returns
 * advisories: an EIP still bound to a NAT gateway leaves the plan with it, which the API may refuse
 * (EIP_BIND_NATGATEWAY, rules §1.12 [L]), as for RemoveCommonBandwidthPackageIp.
 */
export function deleteBandwidthPlan(m: CloudModel, id: string, force = false): string[] {
    const plan = m.plans.get(id);
    if (!plan) {
        return [];
    }
    if (plan.deletionProtection) {
        throw deletionProtected(id, "§1.13");
    }
    const busy = bindingMember(m, id);
    if (busy !== undefined) {
        // rules §1.13: EIPs are being added.
        throw new CloudError("OperationFailed.AddIpTaskInProcessing", `The bandwidth plan ${id} is BINDING ${busy}.`, "§1.13");
    }
    const members = [...m.eips.values()].filter((e) => e.planId === id);
    if (members.length > 0 && !force) {
        throw new CloudError(
            "OperationFailed.BandwidthPackageNotEmpty",
            `The bandwidth plan ${id} still holds ${members.map((e) => e.allocationId).join(", ")}.`,
            "§1.13, §2",
            undefined,
            members.map((e) => e.joinedBy),
        );
    }
    checkLeaveUnbound(m, id, members, "leaves with the forced deletion of");
    const advisories = members
        .filter((e) => e.boundTo?.startsWith("ngw-"))
        .map(
            (e) =>
                `the forced deletion of bandwidth plan ${id} removes EIP ${e.allocationId} while it is bound to ${e.boundTo}: the API may refuse this with EIP_BIND_NATGATEWAY ("The eip have bind natgateway."; when it does is undocumented, docs/alicloud-rules.md §1.12, §2 delete step 3 [L]); unbind (or delete the gateway) first`,
        );
    members.forEach((e) => Object.assign(e, { planId: undefined, joinedBy: undefined, planCapMbps: undefined }));
    m.plans.delete(id);
    return advisories;
}

/**
 * ModifyCommonBandwidthPackageIpBandwidth (`mbps`) and CancelCommonBandwidthPackageIpBandwidth (`undefined`):
 * the most one EIP of a plan may take (rules §1.16).
 */
export function setPlanIpCap(m: CloudModel, planId: string, allocationId: string, mbps: number | undefined): void {
    const plan = m.plans.get(planId);
    if (!plan) {
        // rules §1.13: the plan's not-found code.
        throw new CloudError("InvalidBandwidthPackageId.NotFound", `The bandwidth plan ${planId} does not exist.`, "§1.13");
    }
    const eip = m.eips.get(allocationId);
    if (!eip || eip.planId !== planId) {
        throw new CloudError(
            UNDOCUMENTED_CODE,
            `EIP ${allocationId} is not in bandwidth plan ${planId}; only its members can be capped (the API's error code for this is undocumented [?])`,
            "§1.16",
        );
    }
    if (eip.boundTo?.startsWith("ngw-")) {
        // rules §1.16: "EIPs associated with SLB instances, NAT gateways, secondary ENIs, or HAVIPs are not supported."
        throw new CloudError(
            UNDOCUMENTED_CODE,
            `EIP ${allocationId} is bound to NAT gateway ${eip.boundTo}; a per-EIP maximum applies only to EIPs bound to ECS instances (the API's answer for this is undocumented [?])`,
            "§1.16",
        );
    }
    if (mbps !== undefined && (!Number.isInteger(mbps) || mbps < 1 || mbps > plan.bandwidthMbps)) {
        // rules §1.16: "cannot be larger than the maximum bandwidth of the Internet Shared Bandwidth instance".
        throw new CloudError(
            UNDOCUMENTED_CODE,
            `Bandwidth ${JSON.stringify(mbps)} for EIP ${allocationId} must be a whole number from 1 to the plan's ${plan.bandwidthMbps} Mbit/s (the API's error code for this is undocumented [?])`,
            "§1.16",
        );
    }
    eip.planCapMbps = mbps;
}
