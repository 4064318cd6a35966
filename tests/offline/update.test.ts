/**
 * The offline plan against what is deployed (`--state`): each stack's own plan is the deployed state, the stack file
 * is changed, and the plan must show the engine's operation per resource and report, before deploy, what the cloud
 * or the engine would refuse half-way, naming the config key to change.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../tools/plan";
import { buildPlan, PlanDocument } from "../../offline/plan";
import { parsePriorState } from "../../offline/priorState";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const NS = "shared-bandwidth-gateway:";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stack config edited freely in tests
type Config = Record<string, any>;

/** The stack file of `stack` with `change` applied, written as Pulumi.<stack>.yaml in a directory of its own. */
function changedStack(stack: string, change: (c: Config) => void): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Config };
    change(doc.config);
    const dir = tempDir("plan-update-");
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, stringify(doc));
    return file;
}

const ops = (doc: PlanDocument) => Object.fromEntries(doc.resources.map((r) => [r.name, r.operation]));
const row = (doc: PlanDocument, name: string) => doc.resources.find((r) => r.name === name)!;

describe("offline plan against a deployed state (--state)", () => {
    const deployed: Record<string, PlanDocument> = {};
    before(async () => {
        deployed.dev = await buildPlan({ projectDir: ROOT, stack: "dev" });
        deployed.prod = await buildPlan({ projectDir: ROOT, stack: "prod" });
    });
    const against = (stack: string, change: (c: Config) => void) =>
        buildPlan({ projectDir: ROOT, configFile: changedStack(stack, change), state: parsePriorState(deployed[stack], "deployed.json") });

    it("an unchanged stack: every resource same, valid", async () => {
        const doc = await against("dev", () => undefined);
        expect(doc.valid).to.equal(true);
        expect(new Set(Object.values(ops(doc)))).to.deep.equal(new Set(["same"]));
        expect(doc.steps!.filter((s) => s.operation !== "same")).to.deep.equal([]);
    });

    it("a rule's port changed: the entry is updated in place (ModifyForwardEntry), not replaced", async () => {
        const doc = await against("dev", (c) => (c[`${NS}rules`]["app1-http"].externalPort = 8080));
        expect(doc.valid).to.equal(true);
        expect(row(doc, "gateway-dnat-app1-http")).to.include({ operation: "update" });
        expect(row(doc, "gateway-dnat-app1-http").changes).to.deep.equal(["externalPort"]);
        expect(ops(doc)["gateway-eip-app1"]).to.equal("same");
    });

    it("a rule moved to a new key with the same public tuple: refused naming the new key, with the previousKeys hint", async () => {
        const doc = await against("dev", (c) => {
            const rules = c[`${NS}rules`];
            rules["app1-web"] = rules["app1-http"];
            delete rules["app1-http"];
        });
        expect(ops(doc)).to.include({ "gateway-dnat-app1-web": "create", "gateway-dnat-app1-http": "delete" });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}rules.app1-web`, "OperationUnsupported.ForwardEntry"]]);
        expect(doc.errors[0].message)
            .to.contain("the engine creates rules.app1-web before it deletes rules.app1-http")
            .and.contain('add previousKeys: ["app1-http"] to rules.app1-web');
        // Deletes run last, after the refused create.
        const last = doc.steps![doc.steps!.length - 1];
        expect([last.operation, last.urn.endsWith("::gateway-dnat-app1-http")]).to.deep.equal(["delete", true]);
    });

    it("a rule and its EIP renamed with previousKeys: nothing created or deleted, only cosmetic names updated in place", async () => {
        const doc = await against("dev", (c) => {
            const rules = c[`${NS}rules`];
            const eips = c[`${NS}eips`];
            rules["app1-web"] = { ...rules["app1-http"], eip: "web1", previousKeys: ["app1-http"] };
            delete rules["app1-http"];
            eips.web1 = { previousKeys: ["app1"] };
            delete eips.app1;
        });
        expect(doc.errors).to.deep.equal([]);
        const counts = new Set(Object.values(ops(doc)));
        expect(counts.has("create") || counts.has("delete") || counts.has("replace")).to.equal(false);
        expect(row(doc, "gateway-eip-web1")).to.deep.include({ operation: "update", changes: ["addressName"] });
        expect(row(doc, "gateway-dnat-app1-web")).to.deep.include({ operation: "update", changes: ["forwardEntryName"] });
        expect(ops(doc)).to.include({ "gateway-join-web1": "same", "gateway-bind-web1": "same" });
    });

    it("an EIP renamed without previousKeys: the protected EIP's delete is an error with the previousKeys hint", async () => {
        const doc = await against("dev", (c) => {
            const eips = c[`${NS}eips`];
            eips.web1 = {};
            delete eips.app1;
            c[`${NS}rules`]["app1-http"].eip = "web1";
        });
        expect(ops(doc)).to.include({ "gateway-eip-web1": "create", "gateway-eip-app1": "delete" });
        const err = doc.errors.find((e) => e.path === `${NS}eips.app1`);
        expect(err?.message)
            .to.match(/^removing eips\.app1 deletes EIP eips\.app1 \(\S+\), which is protected/)
            .and.contain('If eips.web1 is eips.app1 renamed, add previousKeys: ["app1"] to it');
    });

    it("ports swapped between two rules: the first in-place update collides with the second rule, both named", async () => {
        const doc = await against("prod", (c) => {
            const rules = c[`${NS}rules`];
            rules["ip3-http"].externalPort = 443;
            rules["ip3-https"].externalPort = 80;
        });
        expect(ops(doc)).to.include({ "gateway-dnat-ip3-http": "update", "gateway-dnat-ip3-https": "update" });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}rules.ip3-http`, "OperationUnsupported.ForwardEntry"]]);
        expect(doc.errors[0].message)
            .to.contain("the cloud refuses its update")
            .and.contain("rules.ip3-https still holds it until its own update")
            .and.contain("move rules.ip3-http to a free port in one deploy");
    });

    it("bandwidthPlan.isp changed: the plan and every created EIP are replaced; the EIPs are protected: one error names the cause, every EIP and what else it replaces", async () => {
        const doc = await against("dev", (c) => (c[`${NS}bandwidthPlan`].isp = "BGP_PRO"));
        expect(ops(doc)).to.include({ "gateway-plan": "replace", "gateway-eip-app1": "replace", "gateway-eip-app2": "replace" });
        expect(row(doc, "gateway-eip-app1").changes).to.deep.equal(["isp"]);
        expect(row(doc, "gateway-eip-app1").changeValues).to.deep.equal({ isp: { old: "BGP", new: "BGP_PRO" } });
        // The engine refuses the update before any step runs: nothing of what the steps would meet is reported.
        expect(doc.errors.map((e) => e.path)).to.deep.equal([`${NS}bandwidthPlan.isp`]);
        expect(doc.errors[0].message).to.match(
            /^changing bandwidthPlan\.isp \(BGP → BGP_PRO\) replaces EIP eips\.app1 \(\S+\), EIP eips\.app2 \(\S+\) \(isp: ForceNew in resource_alicloud_eip_address\.go\), which are protected, so the engine refuses the whole update before anything runs/,
        );
        expect(doc.errors[0].message).to.match(
            /; the same change would also replace the bandwidth plan, 2 plan memberships and 2 bindings$/,
        );
        expect(doc.warnings.filter((w) => /leaves bandwidth plan/.test(w.message))).to.deep.equal([]);
    });

    it("a state planned from another stack file names how to plan that stack: --stack only when its file exists", async () => {
        const dir = tempDir("plan-state-");
        const orig = path.join(dir, "Pulumi.dev.orig.yaml");
        fs.copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), orig);
        const stateFile = path.join(dir, "orig.json");
        fs.writeFileSync(stateFile, JSON.stringify(await buildPlan({ projectDir: ROOT, configFile: orig })));
        let err = "";
        const io = { stdout: () => undefined, stderr: (t: string) => (err += t), cwd: ROOT };
        expect(await main(["--config", path.join(ROOT, "Pulumi.dev.yaml"), "--state", stateFile], io)).to.equal(1);
        expect(err).to.contain('the state file holds stack "dev.orig" but the plan is for stack "dev"');
        expect(err).to.contain("with --config the stack is named after the file (Pulumi.<stack>.yaml): name the file Pulumi.dev.orig.yaml");
        expect(err).to.not.contain("--stack dev.orig");
    });

    it("the plan's charge type changed: the plan is replaced (ForceNew), its attachments delete-first, the EIPs kept", async () => {
        const doc = await against("dev", (c) => (c[`${NS}bandwidthPlan`].internetChargeType = "PayByDominantTraffic"));
        expect(ops(doc)).to.include({ "gateway-plan": "replace", "gateway-join-app1": "replace", "gateway-eip-app1": "same" });
        expect(row(doc, "gateway-plan").changes).to.deep.equal(["internetChargeType"]);
        expect(row(doc, "gateway-join-app1").deleteBeforeReplace).to.equal(true);
        expect(doc.steps!.find((s) => s.operation === "delete-replaced")?.urn).to.match(/::gateway-plan$/);
    });

    it("a PayBy95 plan replaced: a warning names the key, as the provider only forgets the old plan (it stays, billed)", async () => {
        const payBy95 = (c: Config) => Object.assign(c[`${NS}bandwidthPlan`], { internetChargeType: "PayBy95", ratio: 20 });
        const deployedPlan = await buildPlan({ projectDir: ROOT, configFile: changedStack("dev", payBy95) });
        expect(deployedPlan.warnings.map((w) => w.path)).to.include(`${NS}bandwidthPlan.internetChargeType`);
        const doc = await buildPlan({
            projectDir: ROOT,
            configFile: changedStack("dev", () => undefined),
            state: parsePriorState(deployedPlan, "deployed.json"),
        });
        // The new plan is no longer PayBy95, so its deletion is forced (components/teardown.ts): `force` is set too.
        expect(row(doc, "gateway-plan")).to.deep.include({ operation: "replace", changes: ["force", "internetChargeType", "ratio"] });
        const w = doc.warnings.find((x) => x.message.includes("PayBy95"));
        expect(w?.path).to.equal(`${NS}bandwidthPlan.internetChargeType`);
        expect(w?.message).to.contain("replaces the PayBy95 bandwidth plan cbwp-").and.contain("stays in the account");
    });

    it("an unprotected EIP replaced: not an error, but a warning that its address is released for good", async () => {
        const doc = await against("dev", (c) => {
            c[`${NS}bandwidthPlan`].isp = "BGP_PRO";
            c[`${NS}protectEips`] = false;
        });
        expect(doc.errors.filter((e) => e.message.includes("protected"))).to.deep.equal([]);
        const released = doc.warnings.filter((w) => w.message.includes("released for good"));
        expect(released.map((w) => w.path)).to.deep.equal([`${NS}bandwidthPlan.isp`, `${NS}bandwidthPlan.isp`]);
        expect(released[0].message).to.match(/^changing bandwidthPlan\.isp replaces EIP eips\.app1 \(\d+\.\d+\.\d+\.\d+\)/);
    });

    it("the only rule naming a security group removed: its ingress rule is deleted from the group the state names (prod's SSH)", async () => {
        const doc = await against("prod", (c) => delete c[`${NS}rules`]["ip4-ssh"]);
        expect(doc.errors).to.deep.equal([]);
        expect(row(doc, "gateway-ingress-ip4-ssh-203.0.113.0-24")).to.include({ operation: "delete" });
        expect(ops(doc)["gateway-ingress-ip3-http-0.0.0.0-0"]).to.equal("same");
    });

    it("allowFrom changed from one source to another: exactly one ingress rule created and one deleted, nothing else", async () => {
        const doc = await against("prod", (c) => (c[`${NS}rules`]["ip4-ssh"].allowFrom = ["198.51.100.0/24"]));
        expect(doc.valid).to.equal(true);
        const changed = Object.entries(ops(doc)).filter(([, op]) => op !== "same");
        expect(changed).to.deep.equal([
            ["gateway-ingress-ip4-ssh-198.51.100.0-24", "create"],
            ["gateway-ingress-ip4-ssh-203.0.113.0-24", "delete"],
        ]);
    });

    it("the summary line counts the operations; --json has operation per resource, changes per updated one, and the steps", async () => {
        const changed = changedStack("dev", (c) => (c[`${NS}rules`]["app2-http"].internalPort = 8081));
        const dir = tempDir("plan-state-");
        const stateFile = path.join(dir, "deployed.json");
        fs.writeFileSync(stateFile, JSON.stringify(deployed.dev));
        let out = "";
        const io = { stdout: (t: string) => (out += t), stderr: () => undefined, cwd: ROOT };
        expect(await main(["--config", changed, "--state", stateFile], io)).to.equal(0);
        expect(out).to.contain("Summary: 14 resources (13 same, 1 update)");
        expect(out).to.contain("Update steps, in the order the engine runs them").and.contain("1. update gateway-dnat-app2-http");
        out = "";
        expect(await main(["--config", changed, "--state", stateFile, "--json"], io)).to.equal(0);
        const doc = JSON.parse(out) as PlanDocument;
        expect(doc.state).to.deep.equal({ source: "plan", file: stateFile });
        expect(row(doc, "gateway-dnat-app2-http")).to.deep.include({
            operation: "update",
            changes: ["internalPort"],
            changeValues: { internalPort: { old: "80", new: "8081" } },
        });
        // The check probes public endpoints only: a private port change leaves it as it is.
        expect(row(doc, "gateway-connectivity").operation).to.equal("same");
    });

    it("shows every changed input with its deployed and new value, in the report and the JSON", async () => {
        const changed = changedStack("prod", (c) => {
            c[`${NS}bandwidthPlan`].bandwidthMbps = 300;
            c[`${NS}bandwidthPlan`].name = "edge-plan";
        });
        const stateFile = path.join(tempDir("plan-state-"), "deployed.json");
        fs.writeFileSync(stateFile, JSON.stringify(deployed.prod));
        let out = "";
        const io = { stdout: (t: string) => (out += t), stderr: () => undefined, cwd: ROOT };
        expect(await main(["--config", changed, "--state", stateFile], io)).to.equal(0);
        const planRow = out.split("\n").findIndex((l) => /│ gateway-plan\s/.test(l));
        expect(out.split("\n")[planRow]).to.contain("bandwidth: 150 → 300 Mbit/s");
        expect(out.split("\n")[planRow + 1]).to.match(/│ +│ .*bandwidthPackageName: sbg-prod-\w+ → edge-plan/);
        out = "";
        expect(await main(["--config", changed, "--state", stateFile, "--json"], io)).to.equal(0);
        const plan = row(JSON.parse(out) as PlanDocument, "gateway-plan");
        expect(plan).to.deep.include({ operation: "update", changes: ["bandwidth", "bandwidthPackageName"] });
        expect(plan.changeValues!.bandwidth).to.deep.equal({ old: "150", new: "300" });
        expect(plan.changeValues!.bandwidthPackageName.new).to.equal("edge-plan");
    });

    it("reads `pulumi stack export` output: outputs from the state, providers left out, bridge defaults and secrets not compared", async () => {
        const d = deployed.dev;
        const address = new Map(d.eips.map((e) => [e.allocationId, e.ipAddress]));
        const suffix = String(row(d, "gateway-nat").inputs.natGatewayName).split("-").pop();
        const outputs = (r: PlanDocument["resources"][number]): Record<string, unknown> => {
            switch (r.name) {
                case "gateway-nat":
                    return { forwardTableIds: `ftb-${r.id!.slice(4)}`, snatTableIds: `stb-${r.id!.slice(4)}` };
                case "gateway-suffix":
                    return { result: suffix };
                default:
                    return r.name.startsWith("gateway-eip-")
                        ? { ipAddress: address.get(r.id!) }
                        : r.name.startsWith("gateway-dnat-")
                          ? { forwardEntryId: r.id!.split(":")[1] }
                          : { status: "Available" };
            }
        };
        const exported = {
            version: 3,
            deployment: {
                resources: [
                    {
                        urn: "urn:pulumi:dev::shared-bandwidth-gateway::pulumi:providers:alicloud::default_3_108_0",
                        custom: true,
                        id: "p",
                        type: "pulumi:providers:alicloud",
                    },
                    ...d.resources.map((r) => ({
                        urn: r.urn,
                        custom: r.id !== null,
                        id: r.id ?? undefined,
                        type: r.type,
                        parent: r.parent ?? undefined,
                        protect: r.protect,
                        dependencies: r.dependsOn,
                        // The bridge writes provider defaults into the state's inputs and lists them in __defaults.
                        inputs: r.name === "gateway-plan" ? { ...r.inputs, zone: "cn-shanghai-b", __defaults: ["zone"] } : r.inputs,
                        outputs: {
                            ...outputs(r),
                            secretThing: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "x" },
                        },
                    })),
                ],
            },
        };
        const state = parsePriorState(exported, "export.json");
        expect(state.source).to.equal("stack-export");
        expect(state.resources.some((r) => r.type.startsWith("pulumi:providers:"))).to.equal(false);
        expect(state.resources.find((r) => r.name === "gateway-nat")!.outputs.secretThing).to.equal("[secret]");
        const doc = await buildPlan({ projectDir: ROOT, configFile: changedStack("dev", () => undefined), state });
        expect(doc.errors).to.deep.equal([]);
        expect(new Set(Object.values(ops(doc)))).to.deep.equal(new Set(["same"]));
        expect(doc.state?.source).to.equal("stack-export");
    });

    it("refuses a state of another stack, naming both", async () => {
        const dir = tempDir("plan-state-");
        const stateFile = path.join(dir, "prod.json");
        fs.writeFileSync(stateFile, JSON.stringify(deployed.prod));
        let err = "";
        const code = await main(["--stack", "dev", "--state", stateFile], {
            stdout: () => undefined,
            stderr: (t) => (err += t),
            cwd: ROOT,
        });
        expect(code).to.equal(1);
        expect(err).to.contain('the state file holds stack "prod" but the plan is for stack "dev": plan it with --stack prod');
    });
});
