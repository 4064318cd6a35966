/**
 * The component's `prices` argument (the sheet the program resolves): refused when it is not the account site's, holds
 * a negative price or prices an unknown method; with demand profiles it adds `costs` to the economics, without it the
 * economics are as before.
 */
import { expect } from "chai";
import { loadPriceTable } from "../program/prices";
import { resolvePriceSheet, SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";
import { baseArgs } from "./support/run";

/** The base arguments with demand profiles and the international sheet of cn-shanghai. */
function withPrices(mutate: (a: SharedBandwidthGatewayArgs) => void = () => undefined): SharedBandwidthGatewayArgs {
    const a = baseArgs();
    a.applications = { web: { baselineMbps: 40, peaks: [{ start: "20:00", end: "22:00", mbps: 80 }] } };
    a.prices = resolvePriceSheet(loadPriceTable(), { site: "international", region: "cn-shanghai" }).sheet;
    mutate(a);
    return a;
}

describe("the component's prices argument", () => {
    it("adds costs to the economics: on the international site only pay-by-data-transfer, not priced (CDT), and why", () => {
        const r = validateGatewayArgs("gw", withPrices());
        expect(r.problems).to.deep.equal([]);
        const costs = r.gateway!.economics!.costs!;
        expect(costs).to.include({ currency: "USD", site: "international", region: "cn-shanghai", planMbps: 100, eipCount: 2 });
        expect(costs.shared.find((c) => c.method === "PayByTraffic")).to.deep.include({ status: "not priced" });
        expect(costs.common.find((c) => c.method === "natInstance")).to.deep.include({ status: "priced", monthly: 0.034 * 720 });
        expect(costs.cheapest).to.equal(undefined);
    });

    it("leaves the economics as they were without prices", () => {
        const r = validateGatewayArgs(
            "gw",
            withPrices((a) => delete a.prices),
        );
        expect(r.gateway!.economics).to.not.have.property("costs");
        expect(r.gateway!.economics).to.include({ coincidentPeakMbps: 80, planMbps: 100 });
    });

    it("refuses a sheet of another site than the account's", () => {
        const r = validateGatewayArgs(
            "gw",
            withPrices((a) => (a.accountSite = "china")),
        );
        expect(r.problems.filter((p) => p.propertyPath === "prices.site")).to.deep.equal([
            {
                propertyPath: "prices.site",
                reason: '"international": the prices must be those of the account\'s site (china); resolve the sheet for accountSite',
            },
        ]);
    });

    it("refuses a negative price and an unknown method in the sheet, naming them", () => {
        const r = validateGatewayArgs(
            "gw",
            withPrices((a) => {
                a.prices!.prices.natCu = { price: -1, unit: "per CU per hour", source: "contract" };
                a.prices!.prices.PayByFlowers = { price: 1, unit: "u", source: "contract" };
            }),
        );
        expect(r.problems).to.deep.equal([
            { propertyPath: "prices.prices.natCu", reason: "[-1]: prices must be 0 or more" },
            {
                propertyPath: "prices.prices.PayByFlowers",
                reason: `"PayByFlowers" is not a method; use one of PayByTraffic, PayByBandwidth, PayBy95, PayByDominantTraffic, eipPayByTraffic, eipPayByBandwidth, eipConfig, natInstance, natCu`,
            },
        ]);
    });

    it("refuses a sheet of the wrong shape before anything else", () => {
        const r = validateGatewayArgs(
            "gw",
            withPrices((a) => ((a.prices as unknown as Record<string, unknown>).currency = 7)),
        );
        expect(r.problems).to.deep.equal([{ propertyPath: "prices.currency", reason: "must be a string (got 7)" }]);
    });
});
