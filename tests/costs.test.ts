/**
 * The monthly estimate against figures worked out by hand: the seeds' two applications at 1000 Mbit/s peaks in
 * different hours, the enhanced 95th percentile's sampling, graduated tiers (the EIP page's own example), the methods
 * a site does not sell, a plan below a method's minimum, the charges every method has, and the cheapest with its margin.
 */
import { expect } from "chai";
import { CostInput, DemandProfile, estimateCosts, graduated, MethodCost, PriceSheet, SheetPrice } from "../components";
import { dailyPeak95, minuteDemand, monthDemand } from "../components/cost/demand";

/** Seed 000: two applications at 500 Mbit/s, peaking at 1000 at 13:00-18:00 and 19:00-23:00. */
const SEEDS: Record<string, DemandProfile> = {
    app1: { baselineMbps: 500, peaks: [{ start: "13:00", end: "18:00", mbps: 1000 }] },
    app2: { baselineMbps: 500, peaks: [{ start: "19:00", end: "23:00", mbps: 1000 }] },
};

const price = (p: Partial<SheetPrice>): SheetPrice => ({ unit: "u", source: "https://example.test/prices", read: "2026-12-02", ...p });
const none = (reason: string): SheetPrice => ({ notPriced: reason, unit: "u", source: "https://example.test/prices" });

/** A China-site sheet with round prices, so every figure below is checked by hand. */
function chinaSheet(over: Record<string, SheetPrice> = {}): PriceSheet {
    return {
        site: "china",
        region: "cn-shanghai",
        currency: "CNY",
        isp: "BGP",
        prices: {
            PayByTraffic: none("not sold"),
            PayByBandwidth: price({ price: 3 }),
            PayBy95: price({ price: 3, minimumRatio: 0.2 }),
            PayByDominantTraffic: price({ price: 0.5 }),
            eipPayByTraffic: price({ price: 0.8 }),
            eipPayByBandwidth: price({ tiers: [{ upTo: 5, price: 1 }, { price: 3 }] }),
            eipConfig: price({ price: 0.02 }),
            natInstance: price({ price: 0.2 }),
            natCu: price({ price: 0.1 }),
            ...over,
        },
    };
}

/** The estimate of `applications` at `prices` for a plan described by `plan`. */
function estimate(plan: Omit<CostInput, "applications" | "prices">, applications: Record<string, DemandProfile>, prices: PriceSheet) {
    return estimateCosts({ ...plan, applications, prices });
}

const byMethod = (list: MethodCost[], m: string): MethodCost => list.find((x) => x.method === m)!;

describe("monthly cost estimate (components/cost)", () => {
    describe("the seeds' two applications, 1500 Mbit/s shared against 2 x 1000 separately", () => {
        const e = estimate({ site: "china", planMbps: 1500, chargeType: "PayByBandwidth", eipCount: 2 }, SEEDS, chinaSheet());

        it("moves 384,750 GB a month: (500 x 19 h + 1000 x 5 h + 500 x 20 h + 1000 x 4 h) x 3600 s / 8000 Mbit per GB x 30 days", () => {
            expect(e.outboundGbPerMonth).to.equal(((500 * 19 + 1000 * 5 + 500 * 20 + 1000 * 4) * 3600 * 30) / 8000);
            expect(e.outboundGbPerMonth).to.equal(384750);
        });

        it("has an enhanced 95th percentile of 1500 Mbit/s: 9 hours at 1500 leave far more than 5 samples at the top", () => {
            expect(e.percentile95Mbps).to.equal(1500);
        });

        it("prices each method the china site sells: 1500 x 3 x 30 = 135,000 by bandwidth and by 95th; 384,750 x 0.5 by dominant traffic", () => {
            expect(byMethod(e.shared, "PayByBandwidth")).to.include({ status: "priced", monthly: 135000 });
            expect(byMethod(e.shared, "PayBy95")).to.include({ status: "priced", monthly: 135000 });
            expect(byMethod(e.shared, "PayByDominantTraffic")).to.include({ status: "priced", monthly: 192375 });
            expect(byMethod(e.shared, "PayByTraffic")).to.deep.include({
                status: "not available",
                basis: "not sold on the china site (docs/alicloud-rules.md §1.10)",
            });
        });

        it("without sharing: two 1000 Mbit/s plans, 2 x 1000 x 3 x 30 = 180,000; the same data by traffic; no EIP carries 1000 alone", () => {
            expect(byMethod(e.separate, "PayByBandwidth")).to.include({ status: "priced", monthly: 180000 });
            expect(byMethod(e.separate, "PayBy95")).to.include({ status: "priced", monthly: 180000 });
            expect(byMethod(e.separate, "PayByDominantTraffic")).to.include({ status: "priced", monthly: 192375 });
            expect(byMethod(e.separate, "eipPayByBandwidth")).to.include({ status: "not available" });
            expect(byMethod(e.separate, "eipPayByBandwidth").basis).to.equal(
                "app1 peaks at 1000 Mbit/s; one EIP carries at most 500 Mbit/s (docs/alicloud-rules.md §1.14)",
            );
            expect(byMethod(e.separate, "eipPayByTraffic").basis).to.contain("at most 200 Mbit/s");
        });

        it("adds the charges every method has: 2 EIPs x 720 h x 0.02, 720 h x 0.2, 384,750 CU-hours x 0.1", () => {
            expect(e.common.map((c) => [c.method, c.monthly])).to.deep.equal([
                ["eipConfig", 28.8],
                ["natInstance", 144],
                ["natCu", 38475],
            ]);
            expect(e.commonMonthly).to.equal(38647.8);
            expect(e.configuredMonthly).to.equal(135000);
            expect(e.totalMonthly).to.equal(173647.8);
        });

        it("names the cheapest (a tie of bandwidth and 95th here) and what sharing saves: 180,000 - 135,000", () => {
            expect(e.cheapest).to.deep.equal({
                method: "PayByBandwidth",
                label: "pay-by-bandwidth",
                monthly: 135000,
                runnerUp: "PayBy95",
                marginMonthly: 0,
                marginPercent: 0,
            });
            expect(e.sharingSavesMonthly).to.equal(45000);
        });

        it("states its assumptions and that the buy page prevails", () => {
            expect(e.assumptions[0]).to.equal("30 days per month; the daily demand profile repeats every day");
            expect(e.assumptions.some((a) => a.startsWith("outbound only"))).to.equal(true);
            expect(e.notice).to.contain("the prices on the buy page prevail");
        });
    });

    describe("the enhanced 95th percentile (5-minute averages, 4 highest dropped)", () => {
        const day = (burst: [number, number]) =>
            minuteDemand([{ baselineMbps: 100, peaks: [{ start: hhmm(burst[0]), end: hhmm(burst[1]), mbps: 1000 }] }]);
        function hhmm(m: number): string {
            return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        }

        it("a 20-minute burst fills 4 samples, all dropped: the daily peak is the baseline", () => {
            expect(dailyPeak95(day([780, 800]))).to.equal(100);
        });

        it("a 25-minute burst fills 5 samples: the fifth is the burst", () => {
            expect(dailyPeak95(day([780, 805]))).to.equal(1000);
        });

        it("a 20-minute burst across sample edges (13:02-13:22): 3 full samples, then 460 = (2 x 1000 + 3 x 100) / 5", () => {
            expect(dailyPeak95(day([782, 802]))).to.equal(460);
        });

        it("the page's example: a 1000 Mbit/s plan, 20% minimum, a 300 Mbit/s month: 200 x 3.36 + 100 x 3.36 a day", () => {
            const flat300 = { app: { baselineMbps: 300 } };
            const e = estimate(
                { site: "china", planMbps: 1000, chargeType: "PayBy95", eipCount: 0 },
                flat300,
                chinaSheet({ PayBy95: price({ price: 3.36, minimumRatio: 0.2 }) }),
            );
            expect(byMethod(e.shared, "PayBy95").monthly).to.equal((200 * 3.36 + 100 * 3.36) * 30);
        });

        it("bills at least the minimum: a 1000 Mbit/s plan carrying 50 pays for 200", () => {
            const e = estimate(
                { site: "china", planMbps: 1000, chargeType: "PayBy95", eipCount: 0 },
                { a: { baselineMbps: 50 } },
                chinaSheet(),
            );
            expect(byMethod(e.shared, "PayBy95")).to.include({ monthly: 200 * 3 * 30 });
        });

        it("prices a plan below the method's smallest at the smallest: 150 Mbit/s by 95th is a 200 Mbit/s plan", () => {
            const e = estimate(
                { site: "china", planMbps: 150, chargeType: "PayByBandwidth", eipCount: 0 },
                { a: { baselineMbps: 30 } },
                chinaSheet(),
            );
            expect(byMethod(e.shared, "PayBy95").monthly).to.equal(40 * 3 * 30);
            expect(byMethod(e.shared, "PayBy95").basis).to.contain("200 Mbit/s is the smallest PayBy95 plan");
        });
    });

    describe("graduated tiers", () => {
        it("the EIP page's example: 20 Mbit/s a day at 0.96 up to 5 and 3.36 above is 55.2", () => {
            expect(graduated(20, { tiers: [{ upTo: 5, price: 0.96 }, { price: 3.36 }] })).to.be.closeTo(55.2, 1e-9);
        });

        it("a flat price is quantity x price; tiers stop at the quantity", () => {
            expect(graduated(7, { price: 2 })).to.equal(14);
            expect(graduated(3, { tiers: [{ upTo: 5, price: 1 }, { price: 10 }] })).to.equal(3);
        });
    });

    describe("sites, regions and missing prices", () => {
        const intl = (over: Record<string, SheetPrice> = {}): PriceSheet => ({
            site: "international",
            region: "cn-shanghai",
            currency: "USD",
            isp: "BGP",
            prices: { ...chinaSheet().prices, PayByTraffic: none("CDT tier prices were not found"), ...over },
        });

        it("international: only pay-by-data-transfer is sold; without its price nothing is cheapest, and it says why", () => {
            const e = estimate(
                { site: "international", planMbps: 1000, chargeType: "PayByTraffic", eipCount: 1 },
                { a: { baselineMbps: 100 } },
                intl(),
            );
            expect(e.shared.map((c) => [c.method, c.status])).to.deep.equal([
                ["PayByTraffic", "not priced"],
                ["PayByBandwidth", "not available"],
                ["PayBy95", "not available"],
                ["PayByDominantTraffic", "not available"],
            ]);
            expect(byMethod(e.shared, "PayByTraffic").basis).to.equal("CDT tier prices were not found");
            expect(e.cheapest).to.equal(undefined);
            expect(e.totalMonthly).to.equal(undefined);
            expect(byMethod(e.separate, "eipPayByBandwidth").basis).to.equal(
                "the international site sells pay-as-you-go EIPs only pay-by-data-transfer (docs/alicloud-rules.md §1.14)",
            );
        });

        it("international with a price given: 100 Mbit/s all day is 32,400 GB a month at 0.1", () => {
            const e = estimate(
                { site: "international", planMbps: 1000, chargeType: "PayByTraffic", eipCount: 1 },
                { a: { baselineMbps: 100 } },
                intl({ PayByTraffic: price({ price: 0.1 }) }),
            );
            expect(byMethod(e.shared, "PayByTraffic").monthly).to.equal(3240);
            expect(e.cheapest).to.deep.include({ method: "PayByTraffic", monthly: 3240 });
            expect(e.cheapest!.runnerUp).to.equal(undefined);
        });

        it("international: a 1500 Mbit/s plan is above what pay-by-data-transfer sells (1-1000)", () => {
            const e = estimate(
                { site: "international", planMbps: 1500, chargeType: "PayByTraffic", eipCount: 1 },
                SEEDS,
                intl({ PayByTraffic: price({ price: 0.1 }) }),
            );
            expect(byMethod(e.shared, "PayByTraffic")).to.deep.include({
                status: "not available",
                basis: "the plan needs 1500 Mbit/s; a PayByTraffic plan is 1-1000 Mbit/s (docs/alicloud-rules.md §1.10)",
            });
        });

        it("the cheapest names the margin over the runner-up in money and percent", () => {
            const e = estimate(
                { site: "china", planMbps: 1000, chargeType: "PayByBandwidth", eipCount: 0 },
                { a: { baselineMbps: 100 } },
                chinaSheet(),
            );
            // 95th: 200 (minimum of a 1000 plan) x 3 x 30 = 18,000; bandwidth: 90,000; dominant: 32,400 GB x 0.5 = 16,200.
            expect(e.cheapest).to.deep.include({
                method: "PayByDominantTraffic",
                monthly: 16200,
                runnerUp: "PayBy95",
                marginMonthly: 1800,
                marginPercent: 10,
            });
        });
    });

    it("monthDemand of one profile: its peak, 95th and data", () => {
        const d = monthDemand([SEEDS.app1], 30);
        expect(d.peakMbps).to.equal(1000);
        expect(d.peak95Mbps).to.equal(1000);
        expect(d.monthGb).to.equal(((500 * 19 + 1000 * 5) * 3600 * 30) / 8000);
        expect(d.hourGb).to.have.length(24);
    });
});
