/**
 * What an update does to the monthly bill (`npm run plan -- --state`): the deployed plan (its bandwidth and metering
 * method, the EIPs in it) and the planned one, estimated with the same demand profiles and prices. Pure apart from
 * reading the shipped price table.
 */
import { CostEstimate, DemandProfile, estimateCosts, limits, PriceSheet } from "../components";
import { loadPriceTable, stackPriceSheet } from "../program/prices";
import type { PriorState } from "./priorState";
import { KINDS } from "../components/kinds";

/** The configured method's plan charge plus the common charges, of one side of the update. */
export interface CostSide {
    planMbps: number;
    method: string;
    eipCount: number;
    /** Undefined when the method is not priced (or not available) for the stack. */
    totalMonthly?: number;
}

/** Deployed against planned. */
export interface CostChange {
    currency: string;
    deployed: CostSide | null;
    planned: CostSide;
    /** planned - deployed; undefined when either side is not priced or nothing is deployed. */
    deltaMonthly?: number;
}

/** Parses a structured config value the way the program reads it; undefined when absent or not JSON. */
function structured(config: Record<string, string>, key: string): unknown {
    const v = config[key];
    if (v === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(v);
    } catch {
        return v;
    }
}

/** The stack's price sheet and demand, resolved from its config as the program does (program/prices.ts). */
function stackInputs(config: Record<string, string>, project: string): { sheet?: PriceSheet; applications: Record<string, DemandProfile> } {
    const plan = structured(config, `${project}:bandwidthPlan`) as { isp?: unknown } | undefined;
    const { sheet } = stackPriceSheet({
        table: loadPriceTable(),
        site: config[`${project}:accountSite`],
        region: config["alicloud:region"],
        isp: plan?.isp,
        overrides: structured(config, `${project}:prices`),
        overrideSource: `config ${project}:prices`,
        overridePath: `${project}:prices`,
    });
    return { sheet, applications: (structured(config, `${project}:applications`) ?? {}) as Record<string, DemandProfile> };
}

/** Deployed against planned monthly cost; undefined without an estimate for the planned stack. */
export function costChange(
    prior: PriorState,
    config: Record<string, string>,
    project: string,
    planned: CostEstimate | undefined,
): CostChange | undefined {
    if (!planned) {
        return undefined;
    }
    const plannedSide: CostSide = {
        planMbps: planned.planMbps,
        method: planned.configuredMethod,
        eipCount: planned.eipCount,
        ...(planned.totalMonthly !== undefined ? { totalMonthly: planned.totalMonthly } : {}),
    };
    const deployedPlan = prior.resources.find((r) => r.type === KINDS.plan.type);
    const { sheet, applications } = stackInputs(config, project);
    if (!deployedPlan || !sheet) {
        return { currency: planned.currency, deployed: null, planned: plannedSide };
    }
    const method = String(deployedPlan.inputs.internetChargeType ?? "PayByTraffic");
    const deployed = estimateCosts({
        site: planned.site as limits.AccountSite,
        planMbps: Number(deployedPlan.inputs.bandwidth),
        chargeType: method as limits.PlanChargeType,
        eipCount: prior.resources.filter((r) => r.type === KINDS.eip.type).length,
        applications,
        prices: sheet,
    });
    const deployedSide: CostSide = {
        planMbps: deployed.planMbps,
        method,
        eipCount: deployed.eipCount,
        ...(deployed.totalMonthly !== undefined ? { totalMonthly: deployed.totalMonthly } : {}),
    };
    const delta =
        deployed.totalMonthly !== undefined && planned.totalMonthly !== undefined
            ? Math.round((planned.totalMonthly - deployed.totalMonthly) * 100) / 100
            : undefined;
    return {
        currency: planned.currency,
        deployed: deployedSide,
        planned: plannedSide,
        ...(delta !== undefined ? { deltaMonthly: delta } : {}),
    };
}
