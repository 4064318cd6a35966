/**
 * The offline plan's picture of destroy with forced deletions (components/teardown.ts): the destroy check proves the
 * order the cloud needs (gateway, plan, EIPs) and that whatever goes with a forced deletion (`deletedWith`) is really
 * removed by it; the update replay deletes a single rule or EIP on its own, and a removed component as destroy does.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { parseInventory } from "../../cloud/inventory";
import { buildPlan, PlanDocument } from "../../offline/plan";
import { parsePriorState } from "../../offline/priorState";
import { renderReport } from "../../offline/report";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const NS = "shared-bandwidth-gateway:";
const short = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stack config edited freely in tests
type Config = Record<string, any>;

function devStack(change: (c: Config) => void = () => undefined): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Config };
    change(doc.config);
    const file = path.join(tempDir("plan-teardown-"), "Pulumi.dev.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}

const unprotected = (c: Config) => (c[`${NS}protectEips`] = false);

/**
 * A gateway, an EIP joined to a plan and bound, one DNAT entry: the component's shape by hand, with the forced
 * deletions and `deletedWith` as given, so that a wrong shape can be shown to the destroy check.
 */
function handMade(opts: { eipWaits: boolean; natAfter: "plan" | "eip" | "nothing"; adoptedNat?: boolean; unforced?: boolean }) {
    return () => {
        const eip = new ecs.EipAddress("eip", { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", isp: "BGP" });
        const plan = new vpc.CommonBandwithPackage(
            "plan",
            { bandwidth: "100", internetChargeType: "PayByTraffic", isp: "BGP", force: "true" },
            { dependsOn: opts.eipWaits ? [eip] : [] },
        );
        const nat = opts.adoptedNat
            ? vpc.NatGateway.get("nat", "ngw-adopted1")
            : new vpc.NatGateway(
                  "nat",
                  { vpcId: "vpc-a", vswitchId: "vsw-a", natType: "Enhanced", networkType: "internet", force: !opts.unforced },
                  { dependsOn: opts.natAfter === "plan" ? [plan] : opts.natAfter === "eip" ? [eip] : [] },
              );
        const join = new vpc.CommonBandwithPackageAttachment(
            "join",
            { bandwidthPackageId: plan.id, instanceId: eip.id, ipType: "EIP" },
            { dependsOn: [plan, eip], deletedWith: plan },
        );
        const bind = new ecs.EipAssociation(
            "bind",
            { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
            { dependsOn: [nat, join], deletedWith: nat },
        );
        const fields = { forwardTableId: nat.forwardTableIds, externalIp: eip.ipAddress, internalIp: "192.168.0.10", ipProtocol: "tcp" };
        new vpc.ForwardEntry("dnat", { ...fields, externalPort: "80", internalPort: "80" }, { dependsOn: [bind], deletedWith: nat });
        return {};
    };
}

const inventory = () =>
    parseInventory(
        {
            account: { site: "international" },
            vpcs: [{ id: "vpc-a", cidr: "192.168.0.0/16", vswitchIds: ["vsw-a"] }],
            natGateways: [{ id: "ngw-adopted1", vpcId: "vpc-a" }],
        },
        "test",
    );

const plan = (program: () => unknown) => buildPlan({ projectDir: ROOT, stack: "dev", program, inventory: inventory() });

describe("offline plan: destroy with forced deletions", () => {
    it("the component's shape: no error, no warning; only the gateway, the plan and the EIPs call the API", async () => {
        const doc = await buildPlan({ projectDir: ROOT, configFile: devStack(unprotected) });
        expect([doc.errors, doc.warnings]).to.deep.equal([[], []]);
        const calls = doc.destroyWaves.flat().map(short);
        expect(calls.filter((n) => /-(dnat|bind|join)-/.test(n))).to.deep.equal([]);
        const report = renderReport(doc);
        expect(report).to.contain("gateway-nat (forced, with 2 DNAT entries and 2 bindings)");
        expect(report).to.contain("gateway-plan (forced, with 2 joins)");
    });

    it("by hand, the same shape in the same order: valid, destroy waves gateway, plan, EIP", async () => {
        const doc = await plan(handMade({ eipWaits: true, natAfter: "plan" }));
        expect([doc.errors, doc.warnings]).to.deep.equal([[], []]);
        expect(doc.destroyWaves.map((w) => w.map(short))).to.deep.equal([["nat"], ["plan"], ["eip"]]);
    });

    it("an EIP the gateway does not wait for: its release is refused while the gateway's forced deletion has not unbound it", async () => {
        const doc = await plan(handMade({ eipWaits: false, natAfter: "nothing" }));
        const err = doc.errors.find((e) => e.path === "eip");
        expect(err?.code).to.equal("IncorrectEipStatus");
        // The binding makes no call: the gateway is named as what unbinds the EIP.
        expect(err?.message).to.match(/^eip cannot be deleted while nat still exist, and they do not depend on it/);
    });

    it("a plan deleted beside the gateway: its forced deletion removes EIPs still bound, a warning ([L] EIP_BIND_NATGATEWAY)", async () => {
        const doc = await plan(handMade({ eipWaits: true, natAfter: "eip" }));
        expect(doc.errors).to.deep.equal([]);
        const w = doc.warnings.filter((x) => x.message.includes("EIP_BIND_NATGATEWAY"));
        expect(w.map((x) => x.path)).to.deep.equal(["plan"]);
        expect(w[0].message).to.contain("plan on destroy: the forced deletion of bandwidth plan");
    });

    it("children deletedWith a gateway deleted without Force: it is refused with them still there, both named", async () => {
        const doc = await plan(handMade({ eipWaits: true, natAfter: "plan", unforced: true }));
        const err = doc.errors.find((e) => e.path === "nat");
        expect(err?.code).to.equal("DependencyViolation.ForwardEntry");
        expect(err?.message).to.match(
            /^nat is to take dnat with it \(deletedWith\), so the engine makes no call for them, but its own deletion/,
        );
    });

    it("children deletedWith an adopted gateway: the gateway is never deleted, so destroy would leave them in the account", async () => {
        const doc = await plan(handMade({ eipWaits: true, natAfter: "nothing", adoptedNat: true }));
        const leaks = doc.errors.filter((e) => e.message.includes("leaves it in the account"));
        expect(leaks.map((e) => e.path)).to.deep.equal(["bind", "dnat"]);
        expect(leaks[1].message).to.contain("dnat is deleted with nat (deletedWith), so the engine makes no call for it");
    });
});

describe("offline plan against a deployed state: forced deletions only when the whole gateway goes", () => {
    let deployed: PlanDocument;
    before(async () => {
        deployed = await buildPlan({ projectDir: ROOT, configFile: devStack(unprotected) });
    });
    const against = (change: (c: Config) => void, program?: () => unknown) =>
        buildPlan({
            projectDir: ROOT,
            configFile: devStack((c) => (unprotected(c), change(c))),
            state: parsePriorState(deployed, "deployed.json"),
            program,
        });

    it("a rule removed: its DNAT entry is deleted on its own (a call), nothing else changes", async () => {
        const doc = await against((c) => delete c[`${NS}rules`]["app2-http"]);
        expect(doc.errors).to.deep.equal([]);
        const deletes = doc.steps!.filter((s) => s.operation === "delete");
        expect(deletes.map((s) => [short(s.urn), s.deletedWith])).to.deep.equal([["gateway-dnat-app2-http", undefined]]);
    });

    it("an EIP and its rule removed: entry, binding and join each deleted on its own before the release (else it is refused)", async () => {
        const doc = await against((c) => {
            delete c[`${NS}rules`]["app2-http"];
            delete c[`${NS}eips`].app2;
            delete c[`${NS}applications`].app2;
            c[`${NS}rules`]["app1-http"].application = "app1";
        });
        expect(doc.errors).to.deep.equal([]);
        const deletes = doc.steps!.filter((s) => s.operation === "delete");
        expect(deletes.map((s) => [short(s.urn), s.deletedWith])).to.deep.equal([
            ["gateway-dnat-app2-http", undefined],
            ["gateway-bind-app2", undefined],
            ["gateway-join-app2", undefined],
            ["gateway-eip-app2", undefined],
        ]);
    });

    it("the component removed: entries and bindings go with the gateway's forced deletion, joins with the plan's", async () => {
        const doc = await against(
            () => undefined,
            () => ({}),
        );
        expect(doc.errors).to.deep.equal([]);
        const riders = doc.steps!.filter((s) => s.deletedWith).map((s) => [short(s.urn), short(s.deletedWith!)]);
        expect(riders).to.deep.equal([
            ["gateway-dnat-app2-http", "gateway-nat"],
            ["gateway-dnat-app1-http", "gateway-nat"],
            ["gateway-bind-app2", "gateway-nat"],
            ["gateway-bind-app1", "gateway-nat"],
            ["gateway-join-app2", "gateway-plan"],
            ["gateway-join-app1", "gateway-plan"],
        ]);
        expect(renderReport(doc)).to.contain("delete gateway-dnat-app1-http (with gateway-nat: no call)");
    });

    it("a stack deployed before forced teardown: the next up updates the gateway and the plan (force) in place, nothing else", async () => {
        const before = JSON.parse(JSON.stringify(deployed)) as PlanDocument;
        const [eipUrns, planUrn] = [
            before.resources.filter((r) => r.name.startsWith("gateway-eip-")).map((r) => r.urn),
            before.resources.find((r) => r.name === "gateway-plan")!.urn,
        ];
        for (const r of before.resources) {
            delete r.deletedWith;
            delete r.inputs.force;
            r.dependsOn = r.dependsOn.filter(
                (d) => !(r.name === "gateway-plan" && eipUrns.includes(d)) && !(r.name === "gateway-nat" && d === planUrn),
            );
        }
        const doc = await buildPlan({ projectDir: ROOT, configFile: devStack(unprotected), state: parsePriorState(before, "main.json") });
        expect(doc.errors).to.deep.equal([]);
        const changed = doc.resources.filter((r) => r.operation !== "same").map((r) => [r.name, r.operation, r.changes]);
        expect(changed).to.deep.equal([
            ["gateway-plan", "update", ["force"]],
            ["gateway-nat", "update", ["force"]],
        ]);
    });
});
