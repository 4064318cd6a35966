/**
 * The month's charge of each way of paying, from the demand and the stack's price sheet. Every function is pure and
 * says why a method is not priced (no price for the site and region) or not available (not sold on the site, or the
 * demand does not fit its bandwidth range) instead of pricing it.
 */
import { AccountSite, PAYBY95_RATIO, PLAN_BANDWIDTH_RANGES } from "../limits";
import { EIP_MAX_MBPS, EIP_METHODS_SOLD, METHOD_LABELS, PlanMethod, PriceMethod } from "../pricing/methods";
import type { PriceSheet, SheetPrice } from "../pricing/sheet";
import type { PriceTier } from "../pricing/table";
import type { MonthDemand } from "./demand";

/** The month's charge of one way of paying. */
export interface MethodCost {
    /** `PayByBandwidth`, `eipPayByTraffic`, `natCu`... */
    method: string;
    /** In words, e.g. `enhanced 95th percentile`. */
    label: string;
    /** `priced`; `not priced` (no price for the site and region); `not available` (not sold, or the demand does not fit). */
    status: string;
    /** The month's charge in the sheet's currency, when priced. */
    monthly?: number;
    /** What is billed (`1500 Mbit/s x 30 days`), or why it is not priced or not available. */
    basis: string;
}

/** What every charge needs besides the demand. */
export interface ChargeContext {
    site: AccountSite;
    days: number;
    sheet: PriceSheet;
}

/** Cost of `quantity` units at a flat price, or graduated over the tiers (the first `upTo` units at the first price...). */
export function graduated(quantity: number, p: { price?: number; tiers?: PriceTier[] }): number {
    if (p.price !== undefined) {
        return quantity * p.price;
    }
    let cost = 0;
    let from = 0;
    for (const t of p.tiers ?? []) {
        const to = t.upTo ?? Infinity;
        if (quantity > from) {
            cost += (Math.min(quantity, to) - from) * t.price;
        }
        from = to;
    }
    return cost;
}

/** Rounds money to cents. */
export function cents(x: number): number {
    return Math.round(x * 100) / 100;
}

/** `1500`, `12.5`, `0.03`: at most two decimals. */
export function num(x: number): string {
    return String(Math.round(x * 100) / 100);
}

function cost(method: PriceMethod, monthly: number, basis: string): MethodCost {
    return { method, label: METHOD_LABELS[method], status: "priced", monthly: cents(monthly), basis };
}

function refused(method: PriceMethod, status: "not priced" | "not available", basis: string): MethodCost {
    return { method, label: METHOD_LABELS[method], status, basis };
}

/** The sheet's price, or the reason there is none. */
function priceOf(ctx: ChargeContext, method: PriceMethod): SheetPrice {
    return ctx.sheet.prices[method] ?? { notPriced: "no price", unit: "", source: "" };
}

/** A plan size the method sells: at least its minimum; undefined (with the reason) above its maximum. */
function planSize(ctx: ChargeContext, method: PlanMethod, mbps: number, who: string): { size?: number; reason?: string } {
    const range = PLAN_BANDWIDTH_RANGES[ctx.site][method];
    if (!range) {
        return { reason: `not sold on the ${ctx.site} site (docs/alicloud-rules.md §1.10)` };
    }
    const need = Math.ceil(mbps);
    if (need > range[1]) {
        return { reason: `${who} needs ${need} Mbit/s; a ${method} plan is ${range[0]}-${range[1]} Mbit/s (docs/alicloud-rules.md §1.10)` };
    }
    return { size: Math.max(need, range[0]) };
}

/** The month of one plan of `size` Mbit/s carrying `demand` under `method`, before checking the price exists. */
function planMonth(method: PlanMethod, p: SheetPrice, size: number, demand: MonthDemand, days: number): { amount: number; basis: string } {
    switch (method) {
        case "PayByBandwidth":
            return { amount: graduated(size, p) * days, basis: `${size} Mbit/s x ${days} days` };
        case "PayBy95": {
            const ratio = p.minimumRatio ?? PAYBY95_RATIO / 100;
            const billed = Math.max(demand.peak95Mbps, size * ratio);
            return {
                amount: graduated(billed, p) * days,
                basis: `${num(billed)} Mbit/s x ${days} days (95th ${num(demand.peak95Mbps)}, minimum ${num(size * ratio)} = ${num(ratio * 100)}% of ${size})`,
            };
        }
        case "PayByTraffic":
        case "PayByDominantTraffic":
            return { amount: graduated(demand.monthGb, p), basis: `${num(demand.monthGb)} GB` };
    }
}

/** One plan of `planMbps` shared by every application. */
export function sharedPlanCost(ctx: ChargeContext, method: PlanMethod, planMbps: number, all: MonthDemand): MethodCost {
    const { size, reason } = planSize(ctx, method, planMbps, "the plan");
    if (size === undefined) {
        return refused(method, "not available", reason!);
    }
    const p = priceOf(ctx, method);
    if (p.notPriced !== undefined) {
        return refused(method, "not priced", p.notPriced);
    }
    const m = planMonth(method, p, size, all, ctx.days);
    return cost(method, m.amount, size === planMbps ? m.basis : `${m.basis}; ${size} Mbit/s is the smallest ${method} plan`);
}

/** Without sharing: each application on its own plan of `method`, sized at its own peak (the seeds' comparison). */
export function separatePlanCost(ctx: ChargeContext, method: PlanMethod, apps: [string, MonthDemand][]): MethodCost {
    const sizes = apps.map(([name, d]) => ({ name, d, ...planSize(ctx, method, d.peakMbps, name) }));
    const unfit = sizes.find((s) => s.size === undefined);
    if (unfit) {
        return refused(method, "not available", unfit.reason!);
    }
    const p = priceOf(ctx, method);
    if (p.notPriced !== undefined) {
        return refused(method, "not priced", p.notPriced);
    }
    if (method === "PayByTraffic" || method === "PayByDominantTraffic") {
        // Data is billed per region over every plan together (CDT), so separate plans move and pay the same data.
        const gb = apps.reduce((sum, [, d]) => sum + d.monthGb, 0);
        return cost(method, graduated(gb, p), `${num(gb)} GB, the same data as shared`);
    }
    const months = sizes.map((s) => ({ s, m: planMonth(method, p, s.size!, s.d, ctx.days) }));
    const total = months.reduce((sum, x) => sum + x.m.amount, 0);
    return cost(method, total, months.map((x) => `${x.s.name}: ${x.s.size} Mbit/s plan`).join(", "));
}

/** Without sharing: each application on its own EIP billed by the EIP's own `method`, at most what one EIP carries. */
export function eipOwnCost(ctx: ChargeContext, method: "eipPayByTraffic" | "eipPayByBandwidth", apps: [string, MonthDemand][]): MethodCost {
    if (!EIP_METHODS_SOLD[ctx.site].includes(method)) {
        return refused(
            method,
            "not available",
            `the ${ctx.site} site sells pay-as-you-go EIPs only ${EIP_METHODS_SOLD[ctx.site].map((m) => METHOD_LABELS[m].slice(4)).join(" or ")} (docs/alicloud-rules.md §1.14)`,
        );
    }
    const max = EIP_MAX_MBPS[method]!;
    const over = apps.find(([, d]) => Math.ceil(d.peakMbps) > max);
    if (over) {
        return refused(
            method,
            "not available",
            `${over[0]} peaks at ${num(over[1].peakMbps)} Mbit/s; one EIP carries at most ${max} Mbit/s (docs/alicloud-rules.md §1.14)`,
        );
    }
    const p = priceOf(ctx, method);
    if (p.notPriced !== undefined) {
        return refused(method, "not priced", p.notPriced);
    }
    if (method === "eipPayByTraffic") {
        const gb = apps.reduce((sum, [, d]) => sum + d.monthGb, 0);
        return cost(method, graduated(gb, p), `${num(gb)} GB`);
    }
    const total = apps.reduce((sum, [, d]) => sum + graduated(Math.ceil(d.peakMbps), p) * ctx.days, 0);
    return cost(method, total, apps.map(([name, d]) => `${name}: ${Math.ceil(d.peakMbps)} Mbit/s`).join(", ") + ` x ${ctx.days} days`);
}

/**
 * Charges every way of paying has: the EIPs' configuration fee (it stays when an EIP joins a plan, docs/alicloud-rules.md
 * §1.11), the NAT gateway's instance fee and its CU fee. A CU is 1 GB processed in an hour (or connections, not modelled).
 */
export function commonCharges(ctx: ChargeContext, eipCount: number, all: MonthDemand): MethodCost[] {
    const hours = 24 * ctx.days;
    const charge = (method: PriceMethod, amount: (p: SheetPrice) => number, basis: string): MethodCost => {
        const p = priceOf(ctx, method);
        return p.notPriced !== undefined ? refused(method, "not priced", p.notPriced) : cost(method, amount(p), basis);
    };
    return [
        charge("eipConfig", (p) => graduated(eipCount, p) * hours, `${eipCount} EIP${eipCount === 1 ? "" : "s"} x ${hours} hours`),
        charge("natInstance", (p) => graduated(1, p) * hours, `1 gateway x ${hours} hours`),
        charge(
            "natCu",
            (p) => all.hourGb.reduce((sum, gb) => sum + graduated(gb, p), 0) * ctx.days,
            `${num(all.monthGb)} CU-hours: 1 CU per GB processed in an hour, outbound data only`,
        ),
    ];
}
