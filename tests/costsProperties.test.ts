/**
 * Properties of the estimate over random demand and prices (fast-check): more demand never costs less under any
 * method, shared or not, nor in the common charges; the cheapest is never dearer than any priced method.
 */
import { expect } from "chai";
import fc from "fast-check";
import { DemandProfile, estimateCosts, PriceSheet, PRICE_METHODS, SheetPrice } from "../components";

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A profile: a baseline and up to two windows at or above it. */
const profile = fc
    .record({
        baseline: fc.integer({ min: 0, max: 400 }),
        windows: fc.array(
            fc.record({
                start: fc.integer({ min: 0, max: 1439 }),
                length: fc.integer({ min: 1, max: 600 }),
                extra: fc.integer({ min: 0, max: 600 }),
            }),
            { maxLength: 2 },
        ),
    })
    .map(({ baseline, windows }) => ({
        baselineMbps: baseline,
        peaks: windows.map((w) => ({ start: hhmm(w.start), end: hhmm((w.start + w.length) % 1440 || 1440), mbps: baseline + w.extra })),
    }));

const amount = fc.double({ min: 0, max: 10, noNaN: true });
const sheetPrice = fc.oneof(
    amount.map((price): SheetPrice => ({ price, unit: "u", source: "https://example.test" })),
    fc
        .tuple(fc.integer({ min: 1, max: 500 }), amount, amount)
        .map(([upTo, a, b]): SheetPrice => ({ tiers: [{ upTo, price: a }, { price: b }], unit: "u", source: "https://example.test" })),
);
const sheet = fc.record(Object.fromEntries(PRICE_METHODS.map((m) => [m, sheetPrice]))).map((prices): PriceSheet => ({
    site: "china",
    region: "cn-shanghai",
    currency: "CNY",
    isp: "BGP",
    prices: prices as Record<string, SheetPrice>,
}));

/** `p` with `more` Mbit/s added to its baseline and every window. */
const grown = (p: DemandProfile, more: number): DemandProfile => ({
    baselineMbps: p.baselineMbps + more,
    peaks: (p.peaks ?? []).map((w) => ({ ...w, mbps: w.mbps + more })),
});

describe("monthly cost estimate: properties", () => {
    it("never costs less when demand grows, under every priced method, shared, separate and common", () => {
        fc.assert(
            fc.property(
                fc.array(profile, { minLength: 1, maxLength: 3 }),
                fc.nat(),
                fc.integer({ min: 1, max: 500 }),
                sheet,
                (apps, which, more, prices) => {
                    const before = Object.fromEntries(apps.map((p, i) => [`a${i}`, p]));
                    const i = which % apps.length;
                    const after = { ...before, [`a${i}`]: grown(apps[i], more) };
                    const run = (applications: Record<string, DemandProfile>) =>
                        estimateCosts({ site: "china", planMbps: 3000, chargeType: "PayByBandwidth", eipCount: 3, applications, prices });
                    const [x, y] = [run(before), run(after)];
                    for (const list of ["shared", "separate", "common"] as const) {
                        x[list].forEach((c, k) => {
                            const d = y[list][k];
                            if (c.status === "priced" && d.status === "priced") {
                                expect(d.monthly!, `${list} ${c.method}`).to.be.at.least(c.monthly!);
                            }
                        });
                    }
                    expect(y.outboundGbPerMonth).to.be.at.least(x.outboundGbPerMonth);
                    expect(y.percentile95Mbps).to.be.at.least(x.percentile95Mbps);
                },
            ),
            { numRuns: 60 },
        );
    });

    it("the cheapest is never dearer than any priced method, and its margin is what separates it from the runner-up", () => {
        fc.assert(
            fc.property(
                fc.array(profile, { minLength: 1, maxLength: 3 }),
                fc.integer({ min: 2, max: 2000 }),
                sheet,
                (apps, planMbps, prices) => {
                    const applications = Object.fromEntries(apps.map((p, i) => [`a${i}`, p]));
                    const e = estimateCosts({ site: "china", planMbps, chargeType: "PayByBandwidth", eipCount: 1, applications, prices });
                    const priced = e.shared.filter((c) => c.status === "priced");
                    expect(e.cheapest === undefined).to.equal(priced.length === 0);
                    for (const c of priced) {
                        expect(e.cheapest!.monthly).to.be.at.most(c.monthly!);
                    }
                    if (e.cheapest?.runnerUp) {
                        const next = priced.find((c) => c.method === e.cheapest!.runnerUp)!;
                        expect(e.cheapest.marginMonthly).to.be.closeTo(next.monthly! - e.cheapest.monthly, 0.011);
                    }
                },
            ),
            { numRuns: 60 },
        );
    });
});
