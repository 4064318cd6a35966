/** EIPs: create or adopt, billing, names (rules §1.11, §1.14). */
import { EIP_CHARGE_TYPES } from "../limits";
import type { EipSpec, SharedBandwidthGatewayArgs } from "../types";
import { checkDescription, checkKey, checkName, oneOf, show } from "./common";
import { checkId } from "./ids";
import type { Problem, ResolvedEip, SiteInfo } from "./types";

/** Checks every EIP; returns them sorted by key, each with the keys of the rules that use it. */
export function checkEips(problems: Problem[], a: SharedBandwidthGatewayArgs, site: SiteInfo): ResolvedEip[] {
    const eipKeys = Object.keys(a.eips).sort();
    if (eipKeys.length === 0) {
        problems.push({ propertyPath: "eips", reason: "at least one EIP is needed" });
    }
    const seenAllocations = new Map<string, string>();
    return eipKeys.map((key) => checkEip(problems, a, key, site, seenAllocations));
}

function checkEip(
    problems: Problem[],
    a: SharedBandwidthGatewayArgs,
    key: string,
    site: SiteInfo,
    seenAllocations: Map<string, string>,
): ResolvedEip {
    const e = a.eips[key];
    const path = `eips.${key}`;
    checkKey(problems, path, key);
    const mode = oneOf(problems, `${path}.mode`, e.mode, ["create", "adopt"] as const, "create");
    if (e.paymentType !== undefined && e.paymentType !== "PayAsYouGo") {
        problems.push({
            propertyPath: `${path}.paymentType`,
            reason: `${show(e.paymentType)}: only pay-as-you-go EIPs can join an EIP bandwidth plan (IpInstanceId.ChargeType.NotSupport); use "PayAsYouGo"`,
        });
    }
    if (mode === "adopt") {
        checkAdoptedEip(problems, path, key, e, seenAllocations);
    } else if (e.allocationId !== undefined) {
        problems.push({ propertyPath: `${path}.allocationId`, reason: `${show(e.allocationId)} is only for mode "adopt"` });
    }
    checkName(problems, `${path}.name`, e.name, 1, 128);
    if (e.description !== undefined && !/^[A-Za-z]/.test(e.description)) {
        problems.push({
            propertyPath: `${path}.description`,
            reason: `${show(e.description)} must start with a letter (docs/alicloud-rules.md §1.14)`,
        });
    } else {
        checkDescription(problems, `${path}.description`, e.description);
    }
    const charge = checkEipCharge(problems, path, e, site);
    const ruleKeys = Object.entries(a.rules ?? {})
        .filter(([, r]) => r.eip === key)
        .map(([k]) => k)
        .sort();
    return { key, mode, allocationId: e.allocationId, name: e.name, description: e.description, internetChargeType: charge, ruleKeys };
}

function checkAdoptedEip(problems: Problem[], path: string, key: string, e: EipSpec, seenAllocations: Map<string, string>): void {
    if (!e.allocationId) {
        problems.push({
            propertyPath: `${path}.allocationId`,
            reason: `${show(e.allocationId ?? null)}: adopt needs the EIP's allocation id, such as "eip-uf6pvlaprugu1azc8"`,
        });
    } else if (!checkId(problems, `${path}.allocationId`, e.allocationId, "eip")) {
        // the form is wrong: reported
    } else if (seenAllocations.has(e.allocationId)) {
        problems.push({
            propertyPath: `${path}.allocationId`,
            reason: `${show(e.allocationId)} is already adopted as EIP ${show(seenAllocations.get(e.allocationId))}`,
        });
    } else {
        seenAllocations.set(e.allocationId, key);
    }
    for (const k of ["name", "description", "internetChargeType"] as const) {
        if (e[k] !== undefined) {
            problems.push({
                propertyPath: `${path}.${k}`,
                reason: `only applies when mode is "create"; an adopted EIP is never modified`,
            });
        }
    }
}

/** rules §1.14: international accounts can only buy pay-as-you-go EIPs billed PayByTraffic. */
function checkEipCharge(problems: Problem[], path: string, e: EipSpec, { site, known }: SiteInfo): ResolvedEip["internetChargeType"] {
    const charge = oneOf(problems, `${path}.internetChargeType`, e.internetChargeType, EIP_CHARGE_TYPES, "PayByTraffic");
    if (known && site === "international" && charge !== "PayByTraffic") {
        problems.push({
            propertyPath: `${path}.internetChargeType`,
            reason: `${show(charge)} is not sold to international accounts for pay-as-you-go EIPs (COMMODITY.INVALID_COMPONENT); use "PayByTraffic"`,
        });
    }
    return charge;
}

/** Spare EIPs: bound and in the plan, but forwarding nothing. */
export function spareEipWarnings(warnings: Problem[], eips: ResolvedEip[]): void {
    for (const e of eips) {
        if (e.ruleKeys.length === 0) {
            warnings.push({
                propertyPath: `eips.${e.key}`,
                reason: "spare EIP: bound to the NAT gateway and in the plan, but no rule forwards it",
            });
        }
    }
}
