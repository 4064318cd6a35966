/**
 * The offline plan end to end: golden plans of both stacks, the done-when figures, the dependency-graph check on a
 * deliberately broken program, the concurrency warning, and the CLI's exit codes (in-process, plus one spawned run).
 * Refresh the golden files with `UPDATE_GOLDEN=1 npm test`.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../tools/plan";
import { stableToken } from "../../offline/mockIds";
import { buildPlan, normalisePlan, PlanDocument } from "../../offline/plan";
import { runScript } from "../support/spawned";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const GOLDEN = path.join(ROOT, "tests/golden");

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
    return { code, stdout, stderr };
}

function tempStack(name: string, text: string): string {
    const dir = tempDir("plan-test-");
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, text);
    return file;
}

function golden(name: string, doc: PlanDocument): void {
    const file = path.join(GOLDEN, `${name}.plan.json`);
    const actual = normalisePlan(doc, ROOT);
    if (process.env.UPDATE_GOLDEN === "1") {
        fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
    }
    expect(actual).to.deep.equal(
        JSON.parse(fs.readFileSync(file, "utf8")),
        `${file} differs; refresh with UPDATE_GOLDEN=1 npm test if intended`,
    );
}

/** A process planning a stack file with a private IP outside the VPC, started as this file loads (see support/spawned.ts). */
const badConfigRun = runScript("plan", [
    "--config",
    tempStack(
        "bad",
        fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("internalIp: 192.168.0.101", "internalIp: 10.9.9.9"),
    ),
]);

const short = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

describe("offline plan", () => {
    let dev: PlanDocument;
    let prod: PlanDocument;
    before(async () => {
        dev = await buildPlan({ projectDir: ROOT, stack: "dev" });
        prod = await buildPlan({ projectDir: ROOT, stack: "prod" });
    });

    it("dev: 2 bound EIPs, 2 forward entries on 80/TCP, 1500 Mbit/s plan against 2000 sum of peaks, valid", () => {
        expect(dev.errors).to.deep.equal([]);
        expect(dev.valid).to.equal(true);
        const binds = dev.resources.filter((r) => r.type === "alicloud:ecs/eipAssociation:EipAssociation");
        expect(binds.map((r) => r.name)).to.deep.equal(["gateway-bind-app1", "gateway-bind-app2"]);
        const entries = dev.resources.filter((r) => r.type === "alicloud:vpc/forwardEntry:ForwardEntry");
        expect(entries.map((r) => [r.inputs.externalPort, r.inputs.ipProtocol])).to.deep.equal([
            ["80", "tcp"],
            ["80", "tcp"],
        ]);
        expect(dev.bandwidth).to.include({ planMbps: 1500, coincidentPeakMbps: 1500, sumOfPeaksMbps: 2000, savingMbps: 500 });
        expect(dev.warnings).to.deep.equal([]);
    });

    it("dev: waves follow the lanes: join before bind before entry, one serialised write per wave", () => {
        expect(dev.waves.map((w) => w.map(short))).to.deep.equal([
            ["gateway-suffix"],
            // the EIPs, then the plan, then the gateway: destroy deletes them in reverse (components/teardown.ts)
            ["gateway-eip-app1", "gateway-eip-app2"],
            ["gateway-plan"],
            ["gateway-join-app1", "gateway-nat"],
            ["gateway-bind-app1", "gateway-join-app2"],
            ["gateway-bind-app2", "gateway-dnat-app1-http"],
            ["gateway-dnat-app2-http"],
            // the connectivity check runs last, after every entry and join it covers
            ["gateway-connectivity"],
        ]);
    });

    it("dev: destroy forces the gateway's deletion, then the plan's, then releases the EIPs; the rest goes with them", () => {
        expect(dev.destroyWaves.map((w) => w.map(short))).to.deep.equal([
            ["gateway-connectivity"],
            ["gateway-nat"],
            ["gateway-plan"],
            ["gateway-eip-app1", "gateway-eip-app2"],
            ["gateway-suffix"],
        ]);
        const urn = (name: string) => dev.resources.find((r) => r.name === name)!.urn;
        const riders = dev.resources.filter((r) => r.deletedWith).map((r) => [r.name, short(r.deletedWith!)]);
        expect(riders).to.deep.equal([
            ["gateway-join-app1", "gateway-plan"],
            ["gateway-join-app2", "gateway-plan"],
            ["gateway-bind-app1", "gateway-nat"],
            ["gateway-bind-app2", "gateway-nat"],
            ["gateway-dnat-app1-http", "gateway-nat"],
            ["gateway-dnat-app2-http", "gateway-nat"],
        ]);
        expect(dev.resources.find((r) => r.name === "gateway-nat")!.inputs.force).to.equal(true);
        expect(dev.resources.find((r) => r.name === "gateway-plan")!.inputs.force).to.equal("true");
        expect(dev.resources.find((r) => r.name === "gateway-dnat-app1-http")!.deletedWith).to.equal(urn("gateway-nat"));
    });

    it("prod: deletion protection keeps today's teardown: every entry, binding and join deleted on its own, no force", () => {
        expect(prod.resources.filter((r) => r.deletedWith).map((r) => r.name)).to.deep.equal([]);
        expect(prod.resources.filter((r) => r.inputs.force !== undefined).map((r) => r.name)).to.deep.equal([]);
        const calls = prod.destroyWaves.flat().map(short);
        expect(calls.filter((n) => /^gateway-(dnat|bind|join)-/.test(n))).to.have.length(15);
        // the gateway after its last entry and binding, the plan after the joins
        const wave = (n: string) => prod.destroyWaves.findIndex((w) => w.some((u) => short(u) === n));
        expect(wave("gateway-nat")).to.be.greaterThan(Math.max(wave("gateway-dnat-ip1-all"), wave("gateway-bind-ip1")));
        expect(wave("gateway-plan")).to.be.greaterThan(wave("gateway-join-ip1"));
    });

    it("prod: 5 EIPs, the 5 rules of seed 002 and the spare ip5", () => {
        expect(prod.valid).to.equal(true);
        expect(prod.eips.map((e) => [e.key, e.rules])).to.deep.equal([
            ["ip1", ["ip1-all"]],
            ["ip2", ["ip2-all"]],
            ["ip3", ["ip3-http", "ip3-https"]],
            ["ip4", ["ip4-ssh"]],
            ["ip5", []],
        ]);
        expect(prod.eips.find((e) => e.key === "ip5")?.spare).to.equal(true);
        const ip = (k: string) => prod.eips.find((e) => e.key === k)!.ipAddress;
        expect(prod.endpoints.map((e) => [e.rule, e.public, e.private])).to.deep.equal([
            ["ip1-all", `${ip("ip1")}/any`, "192.168.1.1"],
            ["ip2-all", `${ip("ip2")}/any`, "192.168.1.2"],
            ["ip3-http", `${ip("ip3")}:80/tcp`, "192.168.1.3:80"],
            ["ip3-https", `${ip("ip3")}:443/tcp`, "192.168.1.4:443"],
            ["ip4-ssh", `${ip("ip4")}:22/tcp`, "192.168.1.5:22"],
        ]);
        expect(prod.bandwidth.planMbps).to.equal(150);
        expect(prod.warnings.map((w) => w.path)).to.include.members([
            "shared-bandwidth-gateway:eips.ip5",
            "shared-bandwidth-gateway:rules.ip1-all",
        ]);
        // SSH comes in only from the office range, through the jump host's security group; the web ports from anywhere.
        expect(prod.warnings.map((w) => w.path)).to.not.include("shared-bandwidth-gateway:rules.ip4-ssh");
        expect(prod.endpoints.map((e) => [e.rule, e.securityGroupId, e.allowFrom])).to.deep.equal([
            ["ip1-all", null, null],
            ["ip2-all", null, null],
            ["ip3-http", "sg-uf6prodweb00000000", ["0.0.0.0/0"]],
            ["ip3-https", "sg-uf6prodweb00000000", ["0.0.0.0/0"]],
            ["ip4-ssh", "sg-uf6prodjump0000000", ["203.0.113.0/24"]],
        ]);
        // The ingress needs nothing the DNAT entries need: it runs in the first wave.
        const ingress = prod.resources.filter((r) => r.type === "alicloud:ecs/securityGroupRule:SecurityGroupRule").map((r) => r.urn);
        expect(ingress).to.have.length(3);
        expect(prod.waves[0]).to.include.members(ingress);
    });

    it("addresses come from the documentation ranges", () => {
        for (const e of [...dev.eips, ...prod.eips]) {
            expect(e.ipAddress).to.match(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
        }
    });

    it("matches the golden plans (UPDATE_GOLDEN=1 to refresh)", () => {
        golden("dev", dev);
        golden("prod", prod);
    });

    it("keeps joins and DNAT entries chained with maxParallelWrites 4, and warns that the key has no effect (rules §9)", async () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8") + "  shared-bandwidth-gateway:maxParallelWrites: 4\n";
        const doc = await buildPlan({ projectDir: ROOT, configFile: tempStack("wide", text) });
        expect(doc.valid).to.equal(true);
        expect(doc.errors).to.deep.equal([]);
        expect(doc.warnings.filter((w) => w.message.includes("BINDING"))).to.deep.equal([]);
        const warned = doc.warnings.filter((w) => w.path.endsWith("maxParallelWrites")).map((w) => w.message);
        expect(warned).to.have.length(1);
        expect(warned[0]).to.match(/^4 has no effect: joins to the plan and DNAT entries of one table run one at a time/);
    });

    it("rejects joins to one plan that can start at once: OperationFailed.DistibuteLock is not retried (rules §1.11, §9.4 plan-lock-distlock)", async () => {
        const program = () => {
            const plan = new vpc.CommonBandwithPackage("plan", { bandwidth: "100", internetChargeType: "PayByTraffic", isp: "BGP" });
            for (const key of ["a", "b"]) {
                const eip = new ecs.EipAddress(`eip-${key}`, { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", isp: "BGP" });
                new vpc.CommonBandwithPackageAttachment(`join-${key}`, { bandwidthPackageId: plan.id, instanceId: eip.id, ipType: "EIP" });
            }
            return {};
        };
        const doc = await buildPlan({ projectDir: ROOT, stack: "dev", program });
        expect(doc.valid).to.equal(false);
        expect(doc.errors.map((e) => e.code)).to.deep.equal(["OperationFailed.DistibuteLock"]);
        expect(doc.errors[0].message).to.match(
            /^1 of the 2 joins to plan cbwp-\S+ can start while another is BINDING \(join-b with join-a\)/,
        );
        expect(doc.errors[0].message).to.match(/OperationFailed\.DistibuteLock is not .*so the update can fail/);
    });

    it("rejects DNAT entries of one table that can start at once: IncorretForwardEntryStatus is not retried on create (rules §1.6, §2 step 6)", async () => {
        const program = () => {
            const nat = new vpc.NatGateway("nat", { vpcId: "vpc-a", vswitchId: "vsw-a", natType: "Enhanced", networkType: "internet" });
            const eip = new ecs.EipAddress("eip", { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", isp: "BGP" });
            const bind = new ecs.EipAssociation("bind", { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" });
            for (const port of ["80", "443"]) {
                new vpc.ForwardEntry(
                    `dnat-${port}`,
                    {
                        forwardTableId: nat.forwardTableIds,
                        externalIp: eip.ipAddress,
                        externalPort: port,
                        internalIp: "192.168.0.10",
                        internalPort: port,
                        ipProtocol: "tcp",
                    },
                    { dependsOn: [bind] },
                );
            }
            return {};
        };
        const doc = await buildPlan({ projectDir: ROOT, stack: "dev", program });
        expect(doc.valid).to.equal(false);
        expect(doc.errors.map((e) => e.code)).to.deep.equal(["IncorretForwardEntryStatus"]);
        expect(doc.errors[0].message).to.match(
            /^1 of the 2 DNAT entries on ftb-\S+ can start while another is Pending \(dnat-443 with dnat-80\)/,
        );
        expect(doc.errors[0].message).to.match(/does not retry that code on create, so the update fails/);
    });

    it("rejects a program whose forward entry does not depend on its EIP binding, naming both resources", async () => {
        const program = () => {
            const nat = new vpc.NatGateway("nat", {
                vpcId: "vpc-a",
                vswitchId: "vsw-a",
                natType: "Enhanced",
                networkType: "internet",
            });
            const eip = new ecs.EipAddress("eip", { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", isp: "BGP" });
            new ecs.EipAssociation("bind", { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" });
            new vpc.ForwardEntry("dnat", {
                forwardTableId: nat.forwardTableIds,
                externalIp: eip.ipAddress,
                externalPort: "80",
                internalIp: "192.168.0.10",
                internalPort: "80",
                ipProtocol: "tcp",
            });
            return {};
        };
        const doc = await buildPlan({ projectDir: ROOT, stack: "dev", program });
        expect(doc.valid).to.equal(false);
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([
            ["dnat", "InvalidIp.NotInNatgw"],
            ["bind", "InvalidIpStatus.HasBeenUsedByForwardEntry"],
        ]);
        expect(doc.errors[0].message).to.match(
            /^dnat needs EIP \S+ to be bound to NAT gateway ngw-\S+, which bind establishes, but bind is not among its dependencies/,
        );
        // Destroy: the entry does not depend on the binding, so the engine may unbind first.
        expect(doc.errors[1].message).to.match(/^bind cannot be deleted while dnat still exist, and they do not depend on it/);
    });

    it("rejects a binding that does not depend on its gateway, on create and on destroy (DependencyViolation.EIPS)", async () => {
        const program = () => {
            new vpc.NatGateway("nat", { vpcId: "vpc-a", vswitchId: "vsw-a" });
            const eip = new ecs.EipAddress("eip", { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic" });
            // The gateway's id written as a literal (the model's ids are deterministic): the binding does not depend on it.
            const natId = `ngw-${stableToken("alicloud:vpc/natGateway:NatGateway::nat", 17)}`;
            new ecs.EipAssociation("bind", { allocationId: eip.id, instanceId: natId, instanceType: "Nat" });
            return {};
        };
        const doc = await buildPlan({ projectDir: ROOT, stack: "dev", program });
        expect(doc.errors.find((e) => e.code === "InvalidInstanId.NotFound")?.message).to.match(
            /^bind needs NAT gateway ngw-\S+ to exist, which nat establishes/,
        );
        const err = doc.errors.find((e) => e.code === "DependencyViolation.EIPS");
        expect(err?.message)
            .to.contain("nat cannot be deleted while bind still exist")
            .and.contain("There are Eips on specified NatGateway, please unbind it first.");
    });

    describe("CLI", () => {
        it("exits 0 for dev and prints the report", async () => {
            const r = await cli(["--stack", "dev"]);
            expect(r.code).to.equal(0);
            expect(r.stdout).to.contain("VALID").and.contain("1500 Mbit/s").and.contain("Resources, in creation order");
            expect(r.stderr).to.equal("");
        });

        it("--json prints one JSON document with the documented keys", async () => {
            const r = await cli(["--stack", "prod", "--json"]);
            expect(r.code).to.equal(0);
            const doc = JSON.parse(r.stdout);
            expect(Object.keys(doc)).to.include.members(["stack", "resources", "waves", "endpoints", "bandwidth", "warnings", "errors"]);
            expect(doc.eips).to.have.length(5);
        });

        it("exits 1 on a bad config, naming the property path and value once, in the report, without a stack trace", async () => {
            const text = fs
                .readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")
                .replace("internalIp: 192.168.0.101", "internalIp: 10.9.9.9");
            const r = await cli(["--config", tempStack("bad", text)]);
            expect(r.code).to.equal(1);
            expect(r.stdout).to.contain("shared-bandwidth-gateway:rules.app2-http.internalIp").and.contain("10.9.9.9");
            expect(r.stdout.split("rules.app2-http.internalIp")).to.have.length(2);
            expect(r.stderr).to.equal("plan: rejected (1 problem, listed above)\n");
            expect(r.stdout).to.not.match(/\n\s+at /);
        });

        it("--json on a bad config lists the problems in errors", async () => {
            const text = fs
                .readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")
                .replace("externalPort: 80\n      internalIp: 192.168.0.101", "externalPort: 70000\n      internalIp: 192.168.0.101");
            const r = await cli(["--config", tempStack("bad", text), "--json"]);
            expect(r.code).to.equal(1);
            const doc = JSON.parse(r.stdout);
            expect(doc.errors.map((e: { path: string }) => e.path)).to.include("shared-bandwidth-gateway:rules.app2-http.externalPort");
        });

        it("exits 1 with a readable message when the stack file does not exist", async () => {
            const r = await cli(["--stack", "qa"]);
            expect(r.code).to.equal(1);
            expect(r.stderr).to.contain("no stack file Pulumi.qa.yaml").and.contain("stacks found: dev, prod");
        });

        it("exits 2 on an unknown flag and on --stack with --config", async () => {
            const a = await cli(["--bogus"]);
            expect(a.code).to.equal(2);
            expect(a.stderr).to.contain("plan: unknown option --bogus");
            expect((await cli(["--stack", "dev", "--config", "x.yaml"])).code).to.equal(2);
        });

        it("writes a Mermaid diagram with the EIPs grouped in the plan", async () => {
            const file = path.join(tempDir("plan-diagram-"), "dev.mmd");
            expect((await cli(["--stack", "dev", "--diagram", file])).code).to.equal(0);
            const text = fs.readFileSync(file, "utf8");
            expect(text).to.match(/^flowchart LR\n {4}subgraph plan\["EIP bandwidth plan 1500 Mbit\/s"\]/);
            expect(text).to.contain("eip_app1 --> nat").and.contain('nat -->|"app1-http: ');
        });

        it("reads an inventory file and refuses an adopted EIP that is not in it", async () => {
            const dir = tempDir("plan-inv-");
            const inv = path.join(dir, "inventory.yaml");
            fs.writeFileSync(inv, "account:\n  site: china\nvpcs:\n  - id: vpc-uf68wppzf839896z7dev0\n    cidr: 192.168.0.0/16\n");
            const text = fs
                .readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")
                .replace("    app2: {}", "    app2: { mode: adopt, allocationId: eip-missing0001 }");
            const r = await cli(["--config", tempStack("adopt", text), "--inventory", inv]);
            expect(r.code).to.equal(1);
            expect(r.stdout).to.contain("InvalidAllocationId.NotFound").and.contain("eip-missing0001");
        });

        it("spawned: a bad config exits 1 with the problems, no stack trace and no colour from the whole process", async () => {
            // In-process runs cannot see what Node itself prints (e.g. unhandled rejections); a real process can.
            // Started as `npm run plan` starts it (package.json's command line, without npm). Not a terminal: no colour.
            // `.ci/run` runs `npm run plan` on the dev stack, which covers the exit-0 path as a process.
            const r = await badConfigRun;
            expect(r.code, r.stderr).to.equal(1);
            expect(r.stdout).to.contain("REJECTED");
            expect(r.stdout).to.contain("shared-bandwidth-gateway:rules.app2-http.internalIp").and.contain("10.9.9.9");
            expect(r.stderr).to.equal("plan: rejected (1 problem, listed above)\n");
            expect(r.stdout).to.not.match(/\n\s+at /);
            expect(r.stdout).to.not.contain("StackConfigError");
            expect(r.stdout, "not a terminal").to.not.contain("\u001b[");
        });
    });
});
