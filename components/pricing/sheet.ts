/**
 * The prices of one stack: the table's rows for its site, region and line type, with the user's overrides on top.
 * The program resolves the sheet (it reads the table, the region and the overrides) and passes it to the component,
 * which estimates from it. Pure.
 */
import type { AccountSite } from "../limits";
import type { Problem } from "../schema";
import { PRICE_METHODS, PRICE_UNITS, PriceMethod, SITE_CURRENCY } from "./methods";
import type { PriceOverride, PriceTable, PriceTier } from "./table";

/** One price as the estimate uses it, and where it comes from. */
export interface SheetPrice {
    price?: number;
    tiers?: PriceTier[];
    /** PayBy95: the share of the plan's bandwidth billed every day whatever the traffic. */
    minimumRatio?: number;
    /** Why there is no price; the estimate says so instead of pricing. */
    notPriced?: string;
    /** What one unit is, e.g. `per Mbit/s per day`. */
    unit: string;
    /** The page it was read from, or where the override was given. */
    source: string;
    /** When the page was read, `YYYY-MM-DD`. */
    read?: string;
    /** The page's own date, when known. */
    pageUpdated?: string;
    /** true when the user's override replaced the table's price. */
    overridden?: boolean;
}

/** The prices of one stack, in the site's currency. */
export interface PriceSheet {
    /** `international` or `china`. */
    site: string;
    /** The region id (`alicloud:region`), or `(not set)`. */
    region: string;
    currency: string;
    /** The line type the prices are for. */
    isp: string;
    /** By method: every key of `PRICE_METHODS`. */
    prices: Record<string, SheetPrice>;
}

export interface SheetOptions {
    site: AccountSite;
    /** undefined when the stack does not set `alicloud:region`: nothing is priced. */
    region?: string;
    /** Line type; default BGP. */
    isp?: string;
    overrides?: PriceOverride[];
    /** Where the overrides were given, for `source` (`config shared-bandwidth-gateway:prices`, `--prices my.yaml`). */
    overrideSource?: string;
    /** Path prefix of the overrides in problems. Default `prices`. */
    overridePath?: string;
}

function fromTable(table: PriceTable, method: PriceMethod, o: SheetOptions & { region: string; isp: string }): SheetPrice {
    const row = table.rows.find(
        (r) => r.site === o.site && r.method === method && r.regions.includes(o.region) && (r.isp ?? "BGP") === o.isp && !r.createdBefore,
    );
    const unit = PRICE_UNITS[method];
    if (!row) {
        return {
            notPriced: `the table has no price for ${o.region} (${o.site} site, line ${o.isp})`,
            unit,
            source: "docs/prices/alibaba-cloud.json",
        };
    }
    const dates = { read: row.read, ...(row.pageUpdated ? { pageUpdated: row.pageUpdated } : {}) };
    if (row.notPriced !== undefined) {
        return { notPriced: row.notPriced, unit, source: row.source, ...dates };
    }
    return {
        ...(row.price !== undefined ? { price: row.price } : {}),
        ...(row.tiers ? { tiers: row.tiers } : {}),
        ...(row.minimumRatio !== undefined ? { minimumRatio: row.minimumRatio } : {}),
        unit,
        source: row.source,
        ...dates,
    };
}

/**
 * The sheet of a stack. Overrides for the stack's region (and line type) replace the table's price of their method;
 * the last one given wins. An override in another currency than the site's is a problem.
 */
export function resolvePriceSheet(table: PriceTable, opts: SheetOptions): { sheet: PriceSheet; problems: Problem[] } {
    const isp = opts.isp ?? "BGP";
    const currency = SITE_CURRENCY[opts.site];
    const problems: Problem[] = [];
    const prices: Record<string, SheetPrice> = {};
    const region = opts.region;
    for (const method of PRICE_METHODS) {
        prices[method] =
            region === undefined
                ? { notPriced: "alicloud:region is not set", unit: PRICE_UNITS[method], source: "docs/prices/alibaba-cloud.json" }
                : fromTable(table, method, { ...opts, region, isp });
    }
    (opts.overrides ?? []).forEach((o, i) => {
        if (o.currency !== undefined && o.currency !== currency) {
            problems.push({
                propertyPath: `${opts.overridePath ?? "prices"}.${i}.currency`,
                reason: `${JSON.stringify(o.currency)}: the ${opts.site} site bills in ${currency} (entry ${i}: "${o.region}" "${o.method}")`,
            });
            return;
        }
        if (o.region !== region || (o.isp ?? isp) !== isp) {
            return;
        }
        prices[o.method] = {
            ...(o.price !== undefined ? { price: o.price } : {}),
            ...(o.tiers ? { tiers: o.tiers } : {}),
            ...(o.minimumRatio !== undefined
                ? { minimumRatio: o.minimumRatio }
                : o.method === "PayBy95" && prices.PayBy95.minimumRatio !== undefined
                  ? { minimumRatio: prices.PayBy95.minimumRatio }
                  : {}),
            unit: PRICE_UNITS[o.method],
            source: o.source ?? opts.overrideSource ?? "override",
            overridden: true,
        };
    });
    return { sheet: { site: opts.site, region: region ?? "(not set)", currency, isp, prices }, problems };
}
