/**
 * The hourly allocation of the shared plan: what each application needs, may take and what is left.
 */
import { expect } from "chai";
import { hourlyAllocation } from "../components/allocation";
import type { DemandProfile } from "../components/bandwidth";

/** Seed 000: two applications at 500 Mbit/s, each peaking at 1000 at different hours. */
const SEED_000: Record<string, DemandProfile> = {
    app1: { baselineMbps: 500, peaks: [{ start: "13:00", end: "18:00", mbps: 1000 }] },
    app2: { baselineMbps: 500, peaks: [{ start: "19:00", end: "23:00", mbps: 1000 }] },
};

describe("hourly allocation of the shared plan", () => {
    it("seed 000 in 1500 Mbit/s: app1 can take 1000 from 13:00 to 18:00 while app2 keeps its 500", () => {
        const periods = hourlyAllocation(SEED_000, 1500);
        expect(periods.map((p) => `${p.from}-${p.to}`)).to.deep.equal([
            "00:00-13:00",
            "13:00-18:00",
            "18:00-19:00",
            "19:00-23:00",
            "23:00-24:00",
        ]);
        expect(periods[1]).to.deep.equal({
            from: "13:00",
            to: "18:00",
            applications: { app1: { needsMbps: 1000, mayTakeMbps: 1000 }, app2: { needsMbps: 500, mayTakeMbps: 500 } },
            totalMbps: 1500,
            leftMbps: 0,
        });
        expect(periods[0].applications).to.deep.equal({
            app1: { needsMbps: 500, mayTakeMbps: 1000 },
            app2: { needsMbps: 500, mayTakeMbps: 1000 },
        });
        expect(periods[0].leftMbps).to.equal(500);
        expect(periods[3].applications.app2).to.deep.equal({ needsMbps: 1000, mayTakeMbps: 1000 });
    });

    it("shows a short plan as negative left and no burst room for anyone at that hour", () => {
        const [, peak] = hourlyAllocation(SEED_000, 1200);
        expect(peak).to.include({ from: "13:00", to: "18:00", totalMbps: 1500, leftMbps: -300 });
        expect(peak.applications.app1.mayTakeMbps).to.equal(700);
        expect(peak.applications.app2.mayTakeMbps).to.equal(200);
    });

    it("takes the worst minute of an hour that a window enters half-way, and a window across midnight", () => {
        const periods = hourlyAllocation(
            { night: { baselineMbps: 10, peaks: [{ start: "22:30", end: "01:15", mbps: 90 }] }, day: { baselineMbps: 20 } },
            150,
        );
        expect(periods.map((p) => `${p.from}-${p.to}`)).to.deep.equal(["00:00-02:00", "02:00-22:00", "22:00-24:00"]);
        expect(periods[0].applications.night.needsMbps).to.equal(90);
        expect(periods[2]).to.include({ totalMbps: 110, leftMbps: 40 });
        expect(periods[2].applications.day).to.deep.equal({ needsMbps: 20, mayTakeMbps: 60 });
    });

    it("counts only what applications need at the same minute, not the sum of their hourly maxima", () => {
        const [, hour] = hourlyAllocation(
            {
                a: { baselineMbps: 0, peaks: [{ start: "10:00", end: "10:30", mbps: 100 }] },
                b: { baselineMbps: 0, peaks: [{ start: "10:30", end: "11:00", mbps: 100 }] },
            },
            150,
        );
        expect(hour).to.include({ from: "10:00", to: "11:00", totalMbps: 100, leftMbps: 50 });
        expect(hour.applications.a).to.deep.equal({ needsMbps: 100, mayTakeMbps: 50 });
    });

    it("is empty without applications", () => {
        expect(hourlyAllocation({}, 100)).to.deep.equal([]);
    });
});
