/** The e2e crash run (e2e/crash.ts, e2e/crashCheck.ts): kill points, chain budgets and the exact account-versus-state comparison. */
import { expect } from "chai";
import { chainBudget, crashConfig, killPoint, seeded } from "../../e2e/crash";
import { accountVersusState } from "../../e2e/crashCheck";
import type { EmulatorState } from "../../emulator/server";
import { parseStackExport, TYPES } from "../../recon/state";

const account: EmulatorState = {
    natGateways: [{ NatGatewayId: "ngw-1", ForwardTableIds: { ForwardTableId: ["ftb-1"] } }],
    eips: [
        { AllocationId: "eip-1", InstanceId: "ngw-1", BandwidthPackageId: "cbwp-1" },
        { AllocationId: "eip-2", InstanceId: "", BandwidthPackageId: "" },
    ],
    bandwidthPlans: [{ BandwidthPackageId: "cbwp-1" }],
    forwardEntries: [{ ForwardEntryId: "fwd-1", ForwardTableId: "ftb-1" }],
    securityGroups: [],
};

describe("e2e:crash: kill points and the exact account-versus-state comparison", () => {
    it("draws the same kill points from the same seed, each within the operation's writes and 0-6 s", () => {
        const draw = (seed: number) => {
            const rnd = seeded(seed);
            return Array.from({ length: 20 }, () => killPoint(rnd, 14));
        };
        expect(draw(7)).to.deep.equal(draw(7));
        expect(draw(7)).to.not.deep.equal(draw(8));
        for (const p of draw(7)) {
            expect(p.afterWrite).to.be.within(1, 14);
            expect(p.delayMs).to.be.within(0, 5999);
        }
        expect(new Set(draw(7).map((p) => p.kind))).to.deep.equal(new Set(["SIGINT", "SIGKILL", "SIGKILL-tree"]));
    });

    it("splits a short run's kills between up and destroy, so destroys are killed too; long runs keep perChain in a row", () => {
        // --kills 3 --per-chain 3: two kills during up, then one during destroy.
        expect([chainBudget("up", 3, 3), chainBudget("destroy", 1, 3)]).to.deep.equal([2, 1]);
        expect([chainBudget("up", 30, 3), chainBudget("destroy", 27, 3), chainBudget("up", 1, 3)]).to.deep.equal([3, 3, 1]);
        expect(chainBudget("destroy", 0, 3)).to.equal(0);
    });

    it("names every resource and relation of the account the state lacks, and what the state has that the account does not", () => {
        const state = parseStackExport({
            deployment: {
                resources: [
                    { urn: "u:nat", type: TYPES.nat, id: "ngw-1" },
                    { urn: "u:eip1", type: TYPES.eip, id: "eip-1" },
                    { urn: "u:plan", type: TYPES.plan, id: "cbwp-1" },
                    { urn: "u:join", type: TYPES.join, id: "cbwp-1:eip-1" },
                    { urn: "u:entry", type: TYPES.entry, id: "ftb-1:fwd-9" },
                ],
            },
        });
        expect(accountVersusState(account, state)).to.deep.equal([
            { role: "eip", id: "eip-2", side: "extra" },
            { role: "bind", id: "eip-1:ngw-1", side: "extra" },
            { role: "entry", id: "ftb-1:fwd-1", side: "extra" },
            { role: "entry", id: "ftb-1:fwd-9", side: "missing" },
        ]);
    });

    it("lifts deletion protection and turns an enforcing check into a short report, so every chain can end in a destroy", () => {
        const c = crashConfig({
            "shared-bandwidth-gateway:natGateway": { deletionProtection: true },
            "shared-bandwidth-gateway:bandwidthPlan": { deletionProtection: true },
            "shared-bandwidth-gateway:connectivityCheck": { mode: "enforce" },
        });
        expect(c["shared-bandwidth-gateway:natGateway"]).to.deep.equal({ deletionProtection: false });
        expect(c["shared-bandwidth-gateway:bandwidthPlan"]).to.deep.equal({ deletionProtection: false });
        expect(c["shared-bandwidth-gateway:connectivityCheck"]).to.include({ mode: "report", attempts: 1 });
        expect(c["shared-bandwidth-gateway:protectEips"]).to.equal(false);
    });
});
