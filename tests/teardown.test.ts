/**
 * How the component comes down (components/teardown.ts): the gateway's and the plan's forced deletions take the DNAT
 * entries, bindings and joins with them (`deletedWith`), in the order the cloud needs (gateway, plan, EIPs), and only
 * where the forced deletion really removes them.
 */
import { expect } from "chai";
import type { SharedBandwidthGatewayArgs } from "../components";
import { planTeardown } from "../components/teardown";
import type { RecordedResource } from "../offline/recorder";
import { baseArgs, byName, dependsTransitively, runComponent } from "./support/run";

const short = (urn: string | undefined) => (urn === undefined ? undefined : urn.slice(urn.lastIndexOf("::") + 2));

/** `name -> deletedWith` for every child that has it. */
function riders(resources: RecordedResource[]): Record<string, string | undefined> {
    return Object.fromEntries(resources.filter((r) => r.deletedWith).map((r) => [r.name, short(r.deletedWith)]));
}

async function run(change: (a: SharedBandwidthGatewayArgs) => void = () => undefined) {
    const a = baseArgs();
    change(a);
    return (await runComponent(a)).resources;
}

describe("teardown (components/teardown.ts)", () => {
    describe("planTeardown", () => {
        const created = { mode: "create" as const, deletionProtection: false };
        const plan = { internetChargeType: "PayByTraffic", deletionProtection: false };

        it("forces both deletions for a created, unprotected gateway and plan", () => {
            expect(planTeardown({ nat: created, plan })).to.deep.equal({ forceGateway: true, forcePlan: true, reasons: [] });
        });

        it("never forces an adopted gateway's deletion: it is not deleted, so its children are deleted one by one", () => {
            const t = planTeardown({ nat: { mode: "adopt" }, plan });
            expect([t.forceGateway, t.forcePlan]).to.deep.equal([false, true]);
            expect(t.reasons).to.deep.equal([
                "the NAT gateway is adopted and never deleted: the stack's DNAT entries and bindings are deleted one by one",
            ]);
        });

        it("does not force a protected gateway: deletion protection refuses Force too (rules §1.2)", () => {
            const t = planTeardown({ nat: { mode: "create", deletionProtection: true }, plan });
            expect([t.forceGateway, t.forcePlan]).to.deep.equal([false, true]);
            expect(t.reasons[0]).to.contain("natGateway.deletionProtection");
        });

        it("forces neither for a PayBy95 plan, which the provider only forgets: its EIPs must leave it unbound, one by one", () => {
            const t = planTeardown({ nat: created, plan: { internetChargeType: "PayBy95", deletionProtection: false } });
            expect([t.forceGateway, t.forcePlan]).to.deep.equal([false, false]);
            expect(t.reasons[0]).to.contain("PayBy95").and.contain("only forgotten");
        });

        it("forces neither for a protected plan, and names both reasons when the gateway is adopted too", () => {
            const t = planTeardown({ nat: { mode: "adopt" }, plan: { internetChargeType: "PayByTraffic", deletionProtection: true } });
            expect([t.forceGateway, t.forcePlan]).to.deep.equal([false, false]);
            expect(t.reasons).to.have.length(2);
            expect(t.reasons[0]).to.contain("bandwidthPlan.deletionProtection");
        });
    });

    describe("the component's children", () => {
        it("deletes entries and bindings with the gateway, joins with the plan, and sends force to both", async () => {
            const rs = await run();
            expect(riders(rs)).to.deep.equal({
                "gw-join-a": "gw-plan",
                "gw-join-b": "gw-plan",
                "gw-bind-a": "gw-nat",
                "gw-bind-b": "gw-nat",
                "gw-dnat-api": "gw-nat",
                "gw-dnat-web": "gw-nat",
            });
            expect(byName(rs, "gw-nat").inputs.force).to.equal(true);
            expect(byName(rs, "gw-plan").inputs.force).to.equal("true");
            expect(byName(rs, "gw-eip-a").deletedWith).to.equal(undefined);
        });

        it("orders destroy gateway, plan, EIPs: the gateway depends on the plan, the plan on every created EIP", async () => {
            const rs = await run();
            const u = (n: string) => byName(rs, n).urn;
            expect(byName(rs, "gw-nat").dependsOn).to.include(u("gw-plan"));
            expect(byName(rs, "gw-plan").dependsOn).to.include.members([u("gw-eip-a"), u("gw-eip-b")]);
            expect(dependsTransitively(rs, "gw-nat", "gw-eip-a")).to.equal(true);
            expect(dependsTransitively(rs, "gw-eip-a", "gw-plan")).to.equal(false);
        });

        it("an adopted gateway: entries and bindings deleted one by one, joins still with the plan, no force on the gateway", async () => {
            const rs = await run((a) => (a.natGateway = { mode: "adopt", id: "ngw-existing" }));
            expect(riders(rs)).to.deep.equal({ "gw-join-a": "gw-plan", "gw-join-b": "gw-plan" });
            expect(byName(rs, "gw-nat").read).to.equal(true);
            expect(byName(rs, "gw-plan").inputs.force).to.equal("true");
            expect(byName(rs, "gw-plan").dependsOn).to.include(byName(rs, "gw-eip-a").urn);
        });

        it("a protected gateway: no force and no deletedWith on its children, and no wait on the plan at create", async () => {
            const rs = await run((a) => (a.natGateway.deletionProtection = true));
            expect(Object.keys(riders(rs))).to.deep.equal(["gw-join-a", "gw-join-b"]);
            expect(byName(rs, "gw-nat").inputs.force).to.equal(undefined);
            expect(dependsTransitively(rs, "gw-nat", "gw-plan")).to.equal(false);
        });

        it("a PayBy95 plan: today's teardown, every child deleted on its own, nothing forced, no added ordering", async () => {
            const rs = await run((a) => {
                a.accountSite = "china";
                a.bandwidthPlan = { bandwidthMbps: 200, internetChargeType: "PayBy95", ratio: 20 };
            });
            expect(riders(rs)).to.deep.equal({});
            expect([byName(rs, "gw-nat").inputs.force, byName(rs, "gw-plan").inputs.force]).to.deep.equal([undefined, undefined]);
            expect(dependsTransitively(rs, "gw-plan", "gw-eip-a")).to.equal(false);
            expect(dependsTransitively(rs, "gw-nat", "gw-plan")).to.equal(false);
        });

        it("adopted EIPs are never released, so the plan depends only on the EIPs it created", async () => {
            const rs = await run((a) => (a.eips.a = { mode: "adopt", allocationId: "eip-existing" }));
            const plan = byName(rs, "gw-plan");
            expect(plan.dependsOn).to.include(byName(rs, "gw-eip-b").urn);
            expect(plan.dependsOn).to.not.include(byName(rs, "gw-eip-a").urn);
        });
    });
});
