/** The price sheet the program passed in (`prices`), and the monthly estimate it makes possible. */
import { estimateCosts } from "../cost/estimate";
import type { AccountSite } from "../limits";
import { PRICE_METHODS } from "../pricing/methods";
import type { SharedBandwidthGatewayArgs } from "../types";
import { show } from "./common";
import type { BandwidthEconomics, Problem, ResolvedBandwidthPlan } from "./types";

/** The sheet must be for the account's site, price known methods, and hold no negative price. */
export function checkPrices(problems: Problem[], a: SharedBandwidthGatewayArgs, site: AccountSite): void {
    const sheet = a.prices;
    if (!sheet) {
        return;
    }
    if (sheet.site !== site) {
        problems.push({
            propertyPath: "prices.site",
            reason: `${show(sheet.site)}: the prices must be those of the account's site (${site}); resolve the sheet for accountSite`,
        });
    }
    for (const [method, p] of Object.entries(sheet.prices)) {
        const at = `prices.prices.${method}`;
        if (!(PRICE_METHODS as readonly string[]).includes(method)) {
            problems.push({ propertyPath: at, reason: `${show(method)} is not a method; use one of ${PRICE_METHODS.join(", ")}` });
        }
        const amounts = [p.price, ...(p.tiers ?? []).map((t) => t.price)].filter((x): x is number => x !== undefined);
        if (amounts.some((x) => !(x >= 0))) {
            problems.push({ propertyPath: at, reason: `${show(amounts)}: prices must be 0 or more` });
        }
        if (p.notPriced === undefined && p.price === undefined && p.tiers === undefined) {
            problems.push({ propertyPath: at, reason: "give price, tiers or notPriced (why there is no price)" });
        }
    }
}

/** Adds the month's estimate to the economics when there are demand profiles and prices. */
export function withCosts(
    economics: BandwidthEconomics | undefined,
    a: SharedBandwidthGatewayArgs,
    site: AccountSite,
    plan: ResolvedBandwidthPlan,
    eipCount: number,
): BandwidthEconomics | undefined {
    if (!economics || !a.prices) {
        return economics;
    }
    const costs = estimateCosts({
        site,
        planMbps: plan.bandwidthMbps,
        chargeType: plan.internetChargeType,
        eipCount,
        applications: a.applications ?? {},
        prices: a.prices,
    });
    return { ...economics, costs };
}
