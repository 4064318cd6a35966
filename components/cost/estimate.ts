/**
 * The monthly estimate: what the demand costs under each metering method of the shared plan, what it would cost
 * without sharing (each application on its own plan or EIP), the charges every method has, and the cheapest method
 * with its margin. Pure: the prices come in as a {@link PriceSheet} the program resolved.
 */
import type { DemandProfile } from "../bandwidth";
import type { AccountSite, PlanChargeType } from "../limits";
import { METHOD_LABELS, PLAN_METHODS, PRICE_UNITS, PriceMethod } from "../pricing/methods";
import type { PriceSheet, SheetPrice } from "../pricing/sheet";
import { cents, ChargeContext, commonCharges, eipOwnCost, MethodCost, num, separatePlanCost, sharedPlanCost } from "./charges";
import { DAILY_PEAKS_AVERAGED, DROPPED_SAMPLES_PER_DAY, MBIT_PER_GB, monthDemand, SAMPLE_MINUTES } from "./demand";

export type { MethodCost } from "./charges";

/** Days in the estimated month. */
export const DAYS_PER_MONTH = 30;

/** What the estimate is made from. */
export interface CostInput {
    site: AccountSite;
    /** The plan's bandwidth, Mbit/s. */
    planMbps: number;
    /** The plan's metering method as configured. */
    chargeType: PlanChargeType;
    /** EIPs in the plan (each pays its configuration fee). */
    eipCount: number;
    /** Demand profiles by application: outbound Mbit/s over a day. */
    applications: Record<string, DemandProfile>;
    prices: PriceSheet;
}

/** The cheapest priced way of paying and how much it saves over the next one. */
export interface CheapestMethod {
    method: string;
    label: string;
    /** Its month, in the sheet's currency. */
    monthly: number;
    /** The next cheapest priced method, when there is one. */
    runnerUp?: string;
    /** How much less than the runner-up it costs a month. */
    marginMonthly?: number;
    /** The margin as a percentage of the runner-up, one decimal. */
    marginPercent?: number;
}

/** One price the estimate used, and where it comes from. */
export interface PriceUsed {
    method: string;
    /** `3.36 CNY per Mbit/s per day`, or the tiers. */
    price: string;
    source: string;
    read?: string;
    /** The page's own date, when known. */
    pageUpdated?: string;
    overridden?: boolean;
}

/** The month's cost of the bandwidth plan's ways of paying, from the demand profiles. */
export interface CostEstimate {
    currency: string;
    site: string;
    region: string;
    daysPerMonth: number;
    /** The plan's bandwidth, Mbit/s. */
    planMbps: number;
    /** Outbound data of the month, GB. */
    outboundGbPerMonth: number;
    /** The month's enhanced 95th percentile of all applications together, Mbit/s. */
    percentile95Mbps: number;
    /** The configured metering method. */
    configuredMethod: string;
    /** EIPs in the plan. */
    eipCount: number;
    /** Each metering method of the shared plan: the plan's charge of the month. */
    shared: MethodCost[];
    /** Without sharing: each application on its own plan (per method) or on its own EIP. */
    separate: MethodCost[];
    /** Charges every way of paying has (EIP configuration, NAT gateway instance and CUs). */
    common: MethodCost[];
    /** Sum of the priced common charges. */
    commonMonthly: number;
    /** The configured method's plan charge, when priced. */
    configuredMonthly?: number;
    /** The configured method's plan charge plus the priced common charges, when the method is priced. */
    totalMonthly?: number;
    /** The cheapest priced method of the shared plan; undefined when none is priced. */
    cheapest?: CheapestMethod;
    /** The cheapest priced way without sharing. */
    cheapestSeparate?: CheapestMethod;
    /** Cheapest without sharing minus cheapest shared, a month. */
    sharingSavesMonthly?: number;
    /** The prices used, with their sources. */
    prices: PriceUsed[];
    assumptions: string[];
    /** That this is an estimate from list prices and the buy page prevails. */
    notice: string;
}

/** `3.36 CNY per Mbit/s per day`, or `0.96 up to 5, then 3.36 CNY per Mbit/s per day`. */
export function priceText(p: SheetPrice, currency: string): string {
    const value =
        p.price !== undefined
            ? num(p.price)
            : (p.tiers ?? [])
                  .map((t, i) => (t.upTo !== undefined ? `${num(t.price)} up to ${t.upTo}` : `${i > 0 ? "then " : ""}${num(t.price)}`))
                  .join(", ");
    const ratio = p.minimumRatio !== undefined ? `, minimum ${num(p.minimumRatio * 100)}% of the plan` : "";
    return `${value} ${currency} ${p.unit}${ratio}`;
}

/** The cheapest of the priced costs, and its margin over the next. Ties keep the given order. */
export function cheapestOf(costs: MethodCost[]): CheapestMethod | undefined {
    const priced = costs.filter((c) => c.status === "priced").sort((a, b) => a.monthly! - b.monthly!);
    if (priced.length === 0) {
        return undefined;
    }
    const [best, next] = priced;
    const out: CheapestMethod = { method: best.method, label: best.label, monthly: best.monthly! };
    if (next) {
        out.runnerUp = next.method;
        out.marginMonthly = cents(next.monthly! - best.monthly!);
        out.marginPercent = next.monthly! > 0 ? Math.round(((next.monthly! - best.monthly!) / next.monthly!) * 1000) / 10 : 0;
    }
    return out;
}

function assumptions(days: number): string[] {
    return [
        `${days} days per month; the daily demand profile repeats every day`,
        "outbound only: the profiles are outbound Mbit/s, inbound is taken as never larger (dominant traffic = outbound), and the NAT gateway's CUs count outbound data only (inbound data and connections add to them)",
        `1 GB = ${MBIT_PER_GB} Mbit`,
        `enhanced 95th percentile: ${SAMPLE_MINUTES}-minute averages, the ${DROPPED_SAMPLES_PER_DAY} highest of a day dropped, the next is the daily peak; the month's figure is the mean of the ${DAILY_PEAKS_AVERAGED} highest daily peaks; at least the plan's minimum share is billed every day`,
        "pay-by-bandwidth bills the plan's bandwidth every day, whatever the traffic",
        "without sharing: each application on its own plan sized at its own peak (the seeds' 2 x 1000 Mbit/s against 1500 shared), or on its own EIP",
        "the gateway, the plan and every EIP exist the whole month; no free quota, discount, coupon or tax",
    ];
}

/** Every price the estimate priced something with. */
function pricesUsed(sheet: PriceSheet, costs: MethodCost[]): PriceUsed[] {
    const used = [...new Set(costs.filter((c) => c.status === "priced").map((c) => c.method))];
    return used.map((method) => {
        const p = sheet.prices[method];
        return {
            method,
            price: priceText(p, sheet.currency),
            source: p.source,
            ...(p.read ? { read: p.read } : {}),
            ...(p.pageUpdated ? { pageUpdated: p.pageUpdated } : {}),
            ...(p.overridden ? { overridden: true } : {}),
        };
    });
}

/** The estimate. Methods not sold on the site, or whose range the demand does not fit, say so instead of a price. */
export function estimateCosts(input: CostInput): CostEstimate {
    const days = DAYS_PER_MONTH;
    const ctx: ChargeContext = { site: input.site, days, sheet: input.prices };
    const names = Object.keys(input.applications).sort();
    const all = monthDemand(
        names.map((n) => input.applications[n]),
        days,
    );
    const apps = names.map((n) => [n, monthDemand([input.applications[n]], days)] as [string, ReturnType<typeof monthDemand>]);
    const shared = PLAN_METHODS.map((m) => sharedPlanCost(ctx, m, input.planMbps, all));
    const separate = [
        ...PLAN_METHODS.map((m) => separatePlanCost(ctx, m, apps)),
        eipOwnCost(ctx, "eipPayByBandwidth", apps),
        eipOwnCost(ctx, "eipPayByTraffic", apps),
    ];
    const common = commonCharges(ctx, input.eipCount, all);
    const cheapest = cheapestOf(shared);
    const cheapestSeparate = cheapestOf(separate);
    const commonMonthly = cents(common.reduce((sum, c) => sum + (c.monthly ?? 0), 0));
    const configured = shared.find((c) => c.method === input.chargeType)?.monthly;
    return {
        currency: input.prices.currency,
        site: input.prices.site,
        region: input.prices.region,
        daysPerMonth: days,
        planMbps: input.planMbps,
        outboundGbPerMonth: Math.round(all.monthGb * 10) / 10,
        percentile95Mbps: Math.round(all.peak95Mbps * 100) / 100,
        configuredMethod: input.chargeType,
        eipCount: input.eipCount,
        shared,
        separate,
        common,
        commonMonthly,
        ...(configured !== undefined ? { configuredMonthly: configured, totalMonthly: cents(configured + commonMonthly) } : {}),
        ...(cheapest ? { cheapest } : {}),
        ...(cheapestSeparate ? { cheapestSeparate } : {}),
        ...(cheapest && cheapestSeparate ? { sharingSavesMonthly: cents(cheapestSeparate.monthly - cheapest.monthly) } : {}),
        prices: pricesUsed(input.prices, [...shared, ...separate, ...common]),
        assumptions: assumptions(days),
        notice: `An estimate from list prices (${input.prices.currency}, ${input.prices.site} site, ${input.prices.region}) unless overridden; the prices on the buy page prevail.`,
    };
}

/** Words of a method, for reports: `pay-by-bandwidth (PayByBandwidth)`. */
export function methodName(method: string): string {
    const label = METHOD_LABELS[method as PriceMethod];
    return label && PRICE_UNITS[method as PriceMethod] ? `${label} (${method})` : method;
}
