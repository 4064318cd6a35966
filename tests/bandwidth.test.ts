/** The bandwidth planner (components/bandwidth.ts): demand profiles, time-of-day parsing, individual peaks and the plan's size. */
import { expect } from "chai";
import * as fc from "fast-check";
import {
    DemandProfile,
    demandAt,
    formatTimeOfDay,
    individualPeak,
    MINUTES_PER_DAY,
    parseTimeOfDay,
    planBandwidth,
} from "../components/bandwidth";

/** Each application's demand in every minute of the day, filled window by window (wrapping past midnight). */
function minuteDemand(profile: DemandProfile): number[] {
    const minutes = new Array<number>(MINUTES_PER_DAY).fill(profile.baselineMbps);
    for (const w of profile.peaks ?? []) {
        const start = parseTimeOfDay(w.start, false)!;
        const end = parseTimeOfDay(w.end, true)!;
        // start < end: [start, end); otherwise it wraps: [start, 24:00) and [00:00, end). "24:00" is 1440.
        const length = (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY;
        for (let k = 0; k < length; k++) {
            const t = (start + k) % MINUTES_PER_DAY;
            minutes[t] = Math.max(minutes[t], w.mbps);
        }
    }
    return minutes;
}

/**
 * Brute-force oracle: every minute of the day, from the windows as written (not the planner's own window code). Also
 * checks `demandAt` against it at every window edge and the minute before, where a piecewise demand can change.
 */
function oracle(profiles: Record<string, DemandProfile>): { coincident: number; sum: number; demandAtAgrees: boolean } {
    const apps = Object.values(profiles);
    const byApp = apps.map(minuteDemand);
    let coincident = 0;
    for (let t = 0; t < MINUTES_PER_DAY; t++) {
        coincident = Math.max(
            coincident,
            byApp.reduce((s, m) => s + m[t], 0),
        );
    }
    const sum = byApp.reduce((s, m) => s + Math.max(...m), 0);
    const edges = apps.flatMap((a) =>
        (a.peaks ?? []).flatMap((w) => [w.start, w.end].map((x) => parseTimeOfDay(x, true)! % MINUTES_PER_DAY)),
    );
    const probes = [...new Set([0, MINUTES_PER_DAY - 1, ...edges, ...edges.map((t) => (t + MINUTES_PER_DAY - 1) % MINUTES_PER_DAY)])];
    const demandAtAgrees = apps.every((a, i) => probes.every((t) => demandAt(a, t) === byApp[i][t]));
    return { coincident, sum, demandAtAgrees };
}

describe("bandwidth planner", () => {
    const seed000: Record<string, DemandProfile> = {
        app1: { baselineMbps: 500, peaks: [{ start: "13:00", end: "18:00", mbps: 1000 }] },
        app2: { baselineMbps: 500, peaks: [{ start: "19:00", end: "23:00", mbps: 1000 }] },
    };

    const cases: { name: string; profiles: Record<string, DemandProfile>; headroom?: number; want: [number, string, number, number] }[] = [
        { name: "seed 000: 1500 coincident vs 2000 separately", profiles: seed000, want: [1500, "13:00", 2000, 1500] },
        {
            name: "peaks at the same hour add up",
            profiles: {
                a: { baselineMbps: 100, peaks: [{ start: "09:00", end: "10:00", mbps: 300 }] },
                b: { baselineMbps: 50, peaks: [{ start: "09:30", end: "11:00", mbps: 200 }] },
            },
            want: [500, "09:30", 500, 500],
        },
        {
            name: "a window past midnight wraps",
            profiles: {
                night: { baselineMbps: 10, peaks: [{ start: "22:00", end: "02:00", mbps: 100 }] },
                day: { baselineMbps: 20, peaks: [{ start: "01:00", end: "03:00", mbps: 40 }] },
            },
            want: [140, "01:00", 140, 140],
        },
        {
            name: "overlapping windows of one application take the larger figure, not the sum",
            profiles: {
                a: {
                    baselineMbps: 0,
                    peaks: [
                        { start: "08:00", end: "12:00", mbps: 100 },
                        { start: "10:00", end: "14:00", mbps: 150 },
                    ],
                },
            },
            want: [150, "10:00", 150, 150],
        },
        { name: "baseline only", profiles: { a: { baselineMbps: 30 }, b: { baselineMbps: 12 } }, want: [42, "00:00", 42, 42] },
        { name: "headroom rounds up", profiles: seed000, headroom: 10, want: [1500, "13:00", 2000, 1650] },
        {
            name: "a window ending at 24:00, with 10% headroom on 9 rounding up to 10",
            profiles: { a: { baselineMbps: 1, peaks: [{ start: "23:00", end: "24:00", mbps: 9 }] } },
            headroom: 10,
            want: [9, "23:00", 9, 10],
        },
    ];

    for (const c of cases) {
        it(c.name, () => {
            const f = planBandwidth(c.profiles, c.headroom ?? 0);
            expect([f.coincidentPeakMbps, f.coincidentPeakAt, f.sumOfPeaksMbps, f.recommendedMbps]).to.deep.equal(c.want);
        });
    }

    it("demand inside and outside a peak window, end exclusive", () => {
        const p = seed000.app1;
        expect([demandAt(p, 12 * 60 + 59), demandAt(p, 13 * 60), demandAt(p, 17 * 60 + 59), demandAt(p, 18 * 60)]).to.deep.equal([
            500, 1000, 1000, 500,
        ]);
        expect(individualPeak(p)).to.equal(1000);
    });

    it("parses and formats times of day", () => {
        expect([parseTimeOfDay("00:00", false), parseTimeOfDay("9:05", false), parseTimeOfDay("24:00", true)]).to.deep.equal([
            0, 545, 1440,
        ]);
        expect([parseTimeOfDay("24:00", false), parseTimeOfDay("12:60", false), parseTimeOfDay("noon", false)]).to.deep.equal([
            undefined,
            undefined,
            undefined,
        ]);
        expect(formatTimeOfDay(545)).to.equal("09:05");
    });

    it("matches a brute-force minute-by-minute oracle on random profiles (property)", () => {
        const time = fc.integer({ min: 0, max: 1439 }).map(formatTimeOfDay);
        const window = fc.record({ start: time, end: time, mbps: fc.integer({ min: 0, max: 2000 }) }).filter((w) => w.start !== w.end);
        const profile = fc
            .record({ baselineMbps: fc.integer({ min: 0, max: 500 }), peaks: fc.array(window, { maxLength: 3 }) })
            .map((p) => ({ ...p, peaks: p.peaks.map((w) => ({ ...w, mbps: w.mbps + p.baselineMbps })) }));
        fc.assert(
            fc.property(fc.dictionary(fc.constantFrom("a", "b", "c", "d"), profile, { minKeys: 1 }), (profiles) => {
                const f = planBandwidth(profiles);
                const o = oracle(profiles);
                return (
                    f.coincidentPeakMbps === o.coincident &&
                    f.sumOfPeaksMbps === o.sum &&
                    f.coincidentPeakMbps <= f.sumOfPeaksMbps &&
                    o.demandAtAgrees
                );
            }),
            { numRuns: 60 },
        );
    });
});
