/**
 * `npm run preflight` against the emulator: the checks that would fail the deploy, each finding with its config key,
 * exit code 1 when one is an error; and a preflight sends reads only (the emulator's request log proves it).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseInventory, type InventoryFile } from "../../cloud/inventory";
import { isRead } from "../../emulator/realism";
import { RunningEmulator, startEmulator, type EmulatorOptions } from "../../emulator/server";
import type { Finding } from "../../preflight/checks";
import { preflightCommand } from "../../preflight/commands";
import { policyActionNames, preflightActions, ramPolicy } from "../../preflight/policy";
import { call, deployed, VPC, VSW } from "../support/emulator";
import { CREDENTIALS, projectWith, runIn, SECRET } from "./support";
import { tempDir } from "../support/tmp";

const NS = "shared-bandwidth-gateway";
const SG = "sg-uf6preflight00001";

/** A small stack: one created gateway, one EIP, one rule into SG. */
function stack(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        "alicloud:region": "cn-shanghai",
        accountSite: "china",
        vpcId: VPC,
        vpcCidr: "192.168.0.0/16",
        natGateway: { vswitchId: VSW },
        eips: { web: {} },
        rules: {
            "web-http": {
                eip: "web",
                protocol: "tcp",
                externalPort: 80,
                internalIp: "192.168.0.10",
                internalPort: 80,
                securityGroupId: SG,
            },
        },
        bandwidthPlan: { bandwidthMbps: 100, internetChargeType: "PayByBandwidth", isp: "BGP" },
        ...over,
    };
}

function account(over: Partial<InventoryFile> = {}) {
    return parseInventory(
        {
            account: { site: "china" },
            vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitches: [{ id: VSW, zoneId: "cn-shanghai-a" }] }],
            securityGroups: [{ id: SG, vpcId: VPC }],
            ...over,
        },
        "test",
    );
}

describe("npm run preflight (against the emulator)", () => {
    let emu: RunningEmulator;
    const dirs: string[] = [];
    afterEach(async () => {
        await emu?.close();
        dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    });
    const start = async (inv = account(), options: EmulatorOptions = {}) => (emu = await startEmulator(inv, 0, options));
    const preflight = async (config: Record<string, unknown>, env: Record<string, string | undefined> = CREDENTIALS) => {
        const dir = projectWith("t", config);
        dirs.push(dir);
        const ran = await runIn(dir, env, (io) => preflightCommand({ stack: "t", endpoint: emu.url, json: true }, io));
        const findings = ran.stdout ? (JSON.parse(ran.stdout) as { findings: Finding[] }).findings : [];
        const errors = findings.filter((f) => f.severity === "error").map((f) => [f.key.replace(`${NS}:`, ""), f.check]);
        return { ...ran, findings, errors };
    };

    it("finds nothing wrong in a ready account, sends reads only, and leaves no secret in the request log", async () => {
        await start();
        const logFile = path.join(tempDir("sbg-preflight-log-"), "requests.jsonl");
        dirs.push(path.dirname(logFile));
        const r = await preflight(stack(), { ...CREDENTIALS, SBG_EMULATOR_LOG: logFile });
        expect(r.code, r.stdout + r.stderr).to.equal(0);
        expect(r.errors).to.deep.equal([]);
        expect(r.findings.map((f) => [f.key.replace(`${NS}:`, ""), f.check])).to.deep.include.members([
            ["natGateway.vswitchId", "zone"],
            ["bandwidthPlan", "quota"],
            ["rules.web-http.securityGroupId", "quota"],
        ]);
        const actions = emu.log().map((l) => l.action);
        expect(actions.filter((a) => !isRead(a))).to.deep.equal([]);
        // Every action a preflight sends is in the read-only policy `npm run policy -- --preflight` prints.
        const allowed = policyActionNames(ramPolicy(preflightActions({ region: "cn-shanghai", account: "*" })));
        expect([...new Set(actions)].filter((a) => !allowed.includes(a))).to.deep.equal([]);
        process.env.SBG_EMULATOR_LOG = logFile;
        await emu.close();
        delete process.env.SBG_EMULATOR_LOG;
        const written = fs.readFileSync(logFile, "utf8");
        expect(written).to.contain("DescribeEipAddresses").and.not.contain(SECRET);
    });

    it("names natGateway.vswitchId when the vSwitch's zone offers no enhanced NAT gateway, or it has no free address", async () => {
        await start(
            account({
                account: { site: "china", enhancedNatZones: ["cn-shanghai-b", "cn-shanghai-e"] },
                vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitches: [{ id: VSW, zoneId: "cn-shanghai-a", availableIpCount: 0 }] }],
            }),
        );
        const r = await preflight(stack());
        expect(r.code).to.equal(1);
        expect(r.errors).to.deep.equal([
            ["natGateway.vswitchId", "zone"],
            ["natGateway.vswitchId", "vswitch"],
        ]);
        expect(r.findings[0].message).to.equal(
            `${VSW} is in zone cn-shanghai-a, which offers no enhanced NAT gateway (rules §1.1); zones that do: cn-shanghai-b, cn-shanghai-e`,
        );
    });

    it("checks adopted EIPs: free ones pass, one bound elsewhere, one in another plan and one that does not exist are errors", async () => {
        await start();
        const d = await deployed(emu, 1);
        const free = (await call(emu, "AllocateEipAddress", { ISP: "BGP" })).body.AllocationId as string;
        const inPlan = (await call(emu, "AllocateEipAddress", { ISP: "BGP" })).body.AllocationId as string;
        await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: d.plan.BandwidthPackageId, IpInstanceId: inPlan });
        const r = await preflight(
            stack({
                eips: {
                    a: { mode: "adopt", allocationId: free },
                    b: { mode: "adopt", allocationId: d.eips[0].AllocationId },
                    c: { mode: "adopt", allocationId: inPlan },
                    d: { mode: "adopt", allocationId: "eip-uf6nosuchone0001" },
                },
                rules: {},
            }),
        );
        expect(r.code).to.equal(1);
        expect(r.errors).to.deep.equal([
            ["eips.b.allocationId", "eip"],
            ["eips.b.allocationId", "eip"],
            ["eips.c.allocationId", "eip"],
            ["eips.d.allocationId", "eip"],
        ]);
        const messages = r.findings.filter((f) => f.severity === "error").map((f) => f.message);
        expect(messages[0]).to.equal(
            `${d.eips[0].AllocationId} is bound to ${d.nat.NatGatewayId} (Nat): unbind it first, or adopt another EIP`,
        );
        expect(messages[2]).to.contain(`already in bandwidth plan ${d.plan.BandwidthPackageId}`);
        expect(messages[3]).to.equal("eip-uf6nosuchone0001 is not an EIP of region cn-shanghai");
        expect(r.findings.some((f) => f.severity === "info" && f.key === `${NS}:eips.a.allocationId`)).to.equal(true);
    });

    it("accepts an EIP bound to the adopted gateway when the config says bound: true, and asks for it when it does not", async () => {
        await start();
        const d = await deployed(emu, 1);
        const adopt = (bound?: boolean) =>
            stack({
                natGateway: { mode: "adopt", id: d.nat.NatGatewayId },
                eips: { old: { mode: "adopt", allocationId: d.eips[0].AllocationId, ...(bound ? { bound } : {}) } },
                rules: {},
            });
        const said = await preflight(adopt(true));
        expect(said.errors.filter(([k]) => k.startsWith("eips.old"))).to.deep.equal([["eips.old.allocationId", "eip"]]);
        expect(said.findings.find((f) => f.key === `${NS}:eips.old.allocationId`)!.message).to.contain("already in bandwidth plan");
        const unsaid = await preflight(adopt());
        expect(unsaid.findings.map((f) => f.message)).to.include(
            `${d.eips[0].AllocationId} is already bound to the gateway ${d.nat.NatGatewayId}: set eips.old.bound: true to adopt the binding`,
        );
    });

    it("names vpcCidr and the rule's internalIp when the VPC's real CIDR is smaller than the config says", async () => {
        await start(account({ vpcs: [{ id: VPC, cidr: "192.168.0.0/24", vswitches: [{ id: VSW, zoneId: "cn-shanghai-a" }] }] }));
        const r = await preflight(
            stack({
                rules: {
                    app: {
                        eip: "web",
                        protocol: "tcp",
                        externalPort: 80,
                        internalIp: "192.168.5.10",
                        internalPort: 80,
                        securityGroupId: SG,
                    },
                },
            }),
        );
        expect(r.errors).to.deep.equal([
            ["vpcCidr", "cidr"],
            ["rules.app.internalIp", "cidr"],
        ]);
        expect(r.findings[0].message).to.equal(`is 192.168.0.0/16, but VPC ${VPC} has CIDR 192.168.0.0/24: set vpcCidr to 192.168.0.0/24`);
    });

    it("names the rule whose security group is not in the VPC", async () => {
        await start(account({ securityGroups: [] }));
        const r = await preflight(stack());
        expect(r.errors).to.deep.equal([["rules.web-http.securityGroupId", "security group"]]);
        expect(r.findings[0].message).to.equal(`${SG} is not a security group of VPC ${VPC} in cn-shanghai`);
    });

    it("reports the bandwidth plans left in the region, an error when the 5 pay-as-you-go plans are taken", async () => {
        await start();
        for (let i = 0; i < 5; i++) {
            await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "10", InternetChargeType: "PayByBandwidth", ISP: "BGP" });
        }
        const r = await preflight(stack());
        expect(r.code).to.equal(1);
        expect(r.errors).to.deep.equal([["bandwidthPlan", "quota"]]);
        expect(r.findings[0].message).to.match(
            /^pay-as-you-go bandwidth plans in cn-shanghai: 5 allowed \(rules §4\), 5 used, the stack needs 1, -1 left/,
        );
    });

    it("names each read the RAM policy refuses, skips the checks that needed it, and exits 1", async () => {
        await start(account(), { access: { denied: ["DescribeVSwitches", "DescribeEipAddresses"] } });
        const r = await preflight(stack());
        expect(r.code).to.equal(1);
        expect(r.findings.filter((f) => f.check === "permission").map((f) => [f.key, f.action])).to.deep.equal([
            ["(permissions)", "vpc:DescribeVSwitches"],
            ["(permissions)", "vpc:DescribeEipAddresses"],
        ]);
        expect(r.findings.some((f) => f.check === "zone")).to.equal(false);
    });

    it("answers bad input with one line and exit code 2: an unknown region, a VPC of another region, a secret vpcId, no credentials", async () => {
        await start();
        const unknown = await preflight(stack({ "alicloud:region": "eu-atlantis-1" }));
        expect([unknown.code, unknown.stderr.trim()]).to.deep.equal([
            2,
            'preflight: alicloud:region "eu-atlantis-1" is not an Alibaba Cloud region (e.g. cn-shanghai, ap-southeast-1): give the region the account uses',
        ]);
        const elsewhere = await preflight(stack({ "alicloud:region": "ap-southeast-1" }));
        expect([elsewhere.code, elsewhere.stderr.trim()]).to.deep.equal([
            2,
            `preflight: VPC ${VPC} is not in region ap-southeast-1: give the region the VPC is in, or a VPC of ap-southeast-1`,
        ]);
        const secret = await preflight(stack({ vpcId: { secure: "AAABAGZha2U=" } }));
        expect([secret.code, secret.stderr.trim()]).to.deep.equal([
            2,
            "preflight: vpcId is an encrypted secret, which cannot be read here: run preflight on a copy of Pulumi.t.yaml with the plain id",
        ]);
        const none = await preflight(stack(), {});
        expect(none.code).to.equal(2);
        expect(none.stderr.trim().split("\n")).to.have.length(1);
        expect(emu.log().filter((l) => l.region === "cn-shanghai")).to.deep.equal([]);
    });
});
