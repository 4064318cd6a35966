/** The deployment bench's pure parts: the lower bound (bench/lowerBound.ts) and the retry and conflict counts. */
import { expect } from "chai";
import { BENCH_PARALLEL, countConflicts, countRetries, benchConfig, COMPONENT_SHAPE, figureRows, orderingsFor } from "../bench/deploy";
import { lowerBound, retrySeconds, waitSeconds } from "../bench/lowerBound";
import { DEFAULT_REALISM, INSTANT_REALISM } from "../emulator/realism";
import type { LogEntry } from "../emulator/emulator";

describe("bench:deploy", () => {
    it("polls as the provider's waiter does: 5 s, then 3, 6 and 10 s apart (common.go BuildStateConf, state.go)", () => {
        expect(waitSeconds(0)).to.deep.equal({ seconds: 5, checks: 1 });
        expect(waitSeconds(6)).to.deep.equal({ seconds: 8, checks: 2 });
        expect(waitSeconds(60)).to.deep.equal({ seconds: 64, checks: 8 });
        expect(waitSeconds(0, 15).seconds).to.equal(15);
        expect(retrySeconds(0)).to.equal(0);
        expect(retrySeconds(2.9)).to.equal(3);
        expect(retrySeconds(4)).to.equal(8);
    });

    it("costs one DNAT entry after another on the table and, on destroy, the forced deletions of the gateway and the plan, then the releases", () => {
        const instant = lowerBound(100, 20, INSTANT_REALISM);
        // NAT 5 s + binding + 100 entries of 5 s each; the 20 joins take 100 s, less.
        expect(instant.upSeconds).to.equal(505);
        // gateway 5 s + plan 15 s + release 5 s, whatever the number of entries (one by one: entry, unbind, leave, plan: 30 s).
        expect(instant.destroySeconds).to.equal(25);
        expect(lowerBound(10, 20, INSTANT_REALISM).destroySeconds).to.equal(25);
        // The forced unbinding's Unassociating, when longer than the gateway's deletion, delays the plan's.
        const slowUnbind = { ...INSTANT_REALISM, times: { ...INSTANT_REALISM.times, eipUnassociatingMs: 8000 } };
        expect(lowerBound(100, 20, slowUnbind).destroySeconds).to.equal(28);
        const real = lowerBound(100, 20, DEFAULT_REALISM);
        expect(real.upSeconds).to.be.above(lowerBound(50, 20, DEFAULT_REALISM).upSeconds + 250);
    });

    it("counts a refusal as retried only when the same request comes again, and conflicts without injected faults", () => {
        const e = (seq: number, action: string, status: number, extra: Partial<LogEntry> = {}): LogEntry => ({
            seq,
            at: "",
            action,
            params: { AllocationId: "eip-1" },
            status,
            ...extra,
        });
        const log = [
            e(1, "AssociateEipAddress", 400, { code: "Throttling.User", injected: true }),
            e(2, "AssociateEipAddress", 200),
            e(3, "CreateForwardEntry", 400, { code: "IncorretForwardEntryStatus" }),
        ];
        expect(countRetries(log)).to.equal(1);
        expect(countConflicts(log)).to.equal(1);
    });

    it("runs the engine wide enough for every EIP's release at once, which the destroy bound assumes", () => {
        const eips = Object.keys(benchConfig(10, 1)["shared-bandwidth-gateway:eips"] as object).length;
        expect(BENCH_PARALLEL).to.be.at.least(eips + 2);
    });

    it("generates stacks over 20 EIPs, unprotected, with the requested maxParallelWrites", () => {
        const c = benchConfig(50, 4);
        expect(Object.keys(c["shared-bandwidth-gateway:eips"] as object)).to.have.length(20);
        expect(Object.keys(c["shared-bandwidth-gateway:rules"] as object)).to.have.length(50);
        expect(c["shared-bandwidth-gateway:protectEips"]).to.equal(false);
        expect(c["shared-bandwidth-gateway:maxParallelWrites"]).to.equal(4);
    });

    it("deploys the component, then its shape with the variant's kinds of write widened to each number of lanes, then the naive ordering", () => {
        expect(orderingsFor([], [1, 2], true).map((o) => o.label)).to.deep.equal(["component", "naive"]);
        const o = orderingsFor(["joins"], [1, 4], false);
        expect(o.map((x) => x.label)).to.deep.equal(["component", "joins in 1 lane", "joins in 4 lanes"]);
        expect(o[0].program).to.equal(undefined);
        expect(o[2].program).to.match(/bench\/lanesProgram\.ts$/);
        expect(o[2].shape).to.deep.equal({ lanes: { entries: 1, joins: 4 }, joinBeforeBind: true });
        expect(orderingsFor(["entries", "bindings"], [2], false)[1].shape!.lanes).to.deep.equal({ entries: 2, joins: 1, bindings: 2 });
        expect(COMPONENT_SHAPE.lanes).to.deep.equal({ entries: 1, joins: 1 });
    });

    it("writes one row per run with the ratios to the up and destroy bounds, and the refusals by action and code", () => {
        const base = {
            variant: "slow",
            ordering: "joins in 2 lanes",
            rules: 10,
            eips: 20,
            parallel: 32,
            apiCalls: 300,
            retries: 4,
            conflicts: 3,
        };
        const bounds = { upLowerBoundSeconds: 100, destroyLowerBoundSeconds: 25, lowerBoundSeconds: 125 };
        const rows = figureRows([
            {
                ...base,
                ...bounds,
                upSeconds: 150,
                destroySeconds: 50,
                refusals: { "AddCommonBandwidthPackageIp TaskConflict": 3 },
                failed: false,
            },
            { ...base, ...bounds, upSeconds: 90, destroySeconds: 60, refusals: {}, failed: true },
        ]);
        expect(rows[0].cells).to.deep.equal([
            "slow",
            "joins in 2 lanes",
            "10",
            "150 (1.50x)",
            "100",
            "50 (2.00x)",
            "25",
            "1.60",
            "300",
            "4",
            "3",
            "no",
        ]);
        expect(rows[0].refusals).to.equal("AddCommonBandwidthPackageIp TaskConflict 3");
        expect([rows[1].cells[11], rows[1].refusals]).to.deep.equal(["FAILED", "none"]);
    });
});
