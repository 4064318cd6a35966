/** The EIP bandwidth plan: billing, line type, names and size (rules §1.10). */
import { hourlyAllocation } from "../allocation";
import type { BandwidthFigures, DemandProfile } from "../bandwidth";
import { DEFAULT_PLAN_CHARGE_TYPE, Isp, ISPS, PAYBY95_RATIO, PlanChargeType, PLAN_BANDWIDTH_RANGES, PLAN_CHARGE_TYPES } from "../limits";
import type { BandwidthPlanSpec } from "../types";
import { checkDescription, checkName, oneOf, show } from "./common";
import type { BandwidthEconomics, Problem, ResolvedBandwidthPlan, SiteInfo } from "./types";

/** The plan's billing after validation; `range` is undefined when the charge type is not sold on the site. */
export interface PlanBilling {
    site: SiteInfo["site"];
    /** false when the account site was refused: the site's ranges then say nothing. */
    siteKnown: boolean;
    chargeType: PlanChargeType;
    range?: [number, number];
    isp: Isp;
}

/** The plan's size: undefined when no usable number was given or derived. */
export interface PlanSize {
    mbps?: number;
    sizedBy: ResolvedBandwidthPlan["sizedBy"];
}

/** Charge type, its bandwidth range on the site, line type and ratio. */
export function checkPlanBilling(problems: Problem[], p: BandwidthPlanSpec, { site, known }: SiteInfo): PlanBilling {
    const soldHere = Object.keys(PLAN_BANDWIDTH_RANGES[site]);
    const knownCharge = p.internetChargeType === undefined || (PLAN_CHARGE_TYPES as readonly string[]).includes(p.internetChargeType);
    if (!knownCharge) {
        // Suggest only what the account's site sells (rules §1.10).
        problems.push({
            propertyPath: "bandwidthPlan.internetChargeType",
            reason: `${show(p.internetChargeType)} is not a bandwidth plan charge type; the ${site} site sells ${soldHere.join(", ")}`,
        });
    }
    const chargeType = knownCharge
        ? oneOf(problems, "bandwidthPlan.internetChargeType", p.internetChargeType, PLAN_CHARGE_TYPES, DEFAULT_PLAN_CHARGE_TYPE[site])
        : DEFAULT_PLAN_CHARGE_TYPE[site];
    const range = PLAN_BANDWIDTH_RANGES[site][chargeType];
    if (!range && known) {
        problems.push({
            propertyPath: "bandwidthPlan.internetChargeType",
            reason: `${show(chargeType)} is not sold on the ${site} site; use one of ${soldHere.join(", ")}`,
        });
    }
    const isp = oneOf(problems, "bandwidthPlan.isp", p.isp, ISPS, "BGP");
    if (chargeType === "PayBy95" && p.ratio !== PAYBY95_RATIO) {
        problems.push({
            propertyPath: "bandwidthPlan.ratio",
            reason: `${show(p.ratio ?? null)}: PayBy95 requires ratio ${PAYBY95_RATIO} (the only value)`,
        });
    } else if (chargeType !== "PayBy95" && p.ratio !== undefined) {
        problems.push({ propertyPath: "bandwidthPlan.ratio", reason: `${show(p.ratio)}: ratio only applies to PayBy95 on the China site` });
    }
    return { site, siteKnown: known, chargeType, range, isp };
}

/** Name, description and sizing headroom; returns the headroom percentage. */
export function checkPlanExtras(problems: Problem[], p: BandwidthPlanSpec): number {
    checkName(problems, "bandwidthPlan.name", p.name, 1, 128);
    checkDescription(problems, "bandwidthPlan.description", p.description);
    const headroom = p.headroomPercent ?? 0;
    if (!(headroom >= 0 && headroom <= 1000)) {
        problems.push({ propertyPath: "bandwidthPlan.headroomPercent", reason: `${show(p.headroomPercent)} must be between 0 and 1000` });
    }
    return headroom;
}

/** `1-1000 for PayByTraffic on the international site`. */
function rangeText(billing: PlanBilling, range: [number, number]): string {
    return `${range[0]}-${range[1]} for ${billing.chargeType} on the ${billing.site} site`;
}

/** The size: a whole number of Mbit/s as given, or sized from demand with `autoSize`. */
export function sizePlan(
    problems: Problem[],
    p: BandwidthPlanSpec,
    hasApplications: boolean,
    figures: BandwidthFigures | undefined,
    billing: PlanBilling,
): PlanSize {
    const given: unknown = p.bandwidthMbps;
    const path = "bandwidthPlan.bandwidthMbps";
    if (p.autoSize === true) {
        if (given !== undefined) {
            problems.push({ propertyPath: path, reason: `${show(given)}: give either bandwidthMbps or autoSize: true, not both` });
        }
        if (!hasApplications) {
            problems.push({
                propertyPath: "bandwidthPlan.autoSize",
                reason: `true needs demand profiles in applications; add them or give bandwidthMbps`,
            });
        }
        return { mbps: figures?.recommendedMbps, sizedBy: "auto" };
    }
    if (typeof given === "number" && Number.isInteger(given)) {
        return { mbps: given, sizedBy: "configured" };
    }
    if (typeof given === "string" && /^\d+$/.test(given)) {
        return { mbps: Number(given), sizedBy: "configured" };
    }
    if (typeof given === "string" && given.toLowerCase() === "auto") {
        problems.push({
            propertyPath: path,
            reason: `"auto" is not a number of Mbit/s; to size the plan from applications set autoSize: true and leave bandwidthMbps out`,
        });
    } else if (given === undefined) {
        problems.push({
            propertyPath: path,
            reason: `is required: a whole number of Mbit/s, or set autoSize: true to size the plan from applications`,
        });
    } else {
        const within = billing.range ? ` within ${rangeText(billing, billing.range)}` : "";
        problems.push({ propertyPath: path, reason: `${show(given)} must be a whole number of Mbit/s${within}` });
    }
    return { sizedBy: "configured" };
}

/**
 * rules §1.10: the bandwidth must be inside the range of the site and charge type, 0 and negatives included. With a
 * charge type the site does not sell (reported on its own), a bandwidth no charge type of the site allows is still
 * reported: changing the charge type alone would not make the plan valid.
 */
export function checkPlanRange(problems: Problem[], size: PlanSize, billing: PlanBilling): void {
    const { range } = billing;
    const mbps = size.mbps;
    if (mbps === undefined) {
        return;
    }
    const sized = size.sizedBy === "auto" ? " (sized from demand)" : "";
    if (range && (mbps < range[0] || mbps > range[1])) {
        problems.push({
            propertyPath: "bandwidthPlan.bandwidthMbps",
            reason: `${mbps} Mbit/s${sized} is outside ${rangeText(billing, range)} (InvalidParameter.Bandwidth)`,
        });
    } else if (!range && billing.siteKnown) {
        const sold = Object.entries(PLAN_BANDWIDTH_RANGES[billing.site]) as [PlanChargeType, [number, number]][];
        if (!sold.some(([, [lo, hi]]) => mbps >= lo && mbps <= hi)) {
            problems.push({
                propertyPath: "bandwidthPlan.bandwidthMbps",
                reason: `${mbps} Mbit/s${sized} is outside what any charge type sold on the ${billing.site} site allows (${sold
                    .map(([c, [lo, hi]]) => `${c} ${lo}-${hi}`)
                    .join(", ")}) (InvalidParameter.Bandwidth)`,
            });
        }
    }
}

/** What sharing saves; a plan below the coincident peak is a warning, or a problem with `strict`. */
export function checkEconomics(
    problems: Problem[],
    warnings: Problem[],
    p: BandwidthPlanSpec,
    figures: BandwidthFigures | undefined,
    planMbps: number,
    applications: Record<string, DemandProfile>,
): BandwidthEconomics | undefined {
    if (!figures || !(planMbps > 0)) {
        return undefined;
    }
    const allocation = hourlyAllocation(applications, planMbps);
    if (planMbps < figures.coincidentPeakMbps) {
        const short = allocation.filter((a) => a.leftMbps < 0).map((a) => `${a.from}-${a.to} by up to ${-a.leftMbps} Mbit/s`);
        const problem = {
            propertyPath: "bandwidthPlan.bandwidthMbps",
            reason: `${planMbps} Mbit/s is below the coincident peak of ${figures.coincidentPeakMbps} Mbit/s at ${figures.coincidentPeakAt}; applications will be throttled in ${short.join(", ")}`,
        };
        (p.strict ? problems : warnings).push(problem);
    }
    return { ...figures, planMbps, savingMbps: figures.sumOfPeaksMbps - planMbps, allocation };
}

/** The resolved plan; called only when there are no problems, so the size is known. */
export function resolvePlan(p: BandwidthPlanSpec, size: PlanSize, billing: PlanBilling): ResolvedBandwidthPlan {
    return {
        bandwidthMbps: size.mbps ?? 0,
        sizedBy: size.sizedBy,
        isp: billing.isp,
        internetChargeType: billing.chargeType,
        ratio: p.ratio,
        name: p.name,
        description: p.description,
        deletionProtection: p.deletionProtection ?? false,
    };
}
