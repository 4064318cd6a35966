/**
 * `npm run inventory` against the emulator: read-only, paged to the end (more than 100 EIPs), throttling retried by
 * the client, refused reads named by their RAM action, bad input answered with one line and exit code 2; and the file
 * it writes is one the offline plan reads and plans the stack against.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseInventory, readInventoryFile } from "../../cloud/inventory";
import { emulatorAccount } from "../../emulator/account";
import { isRead } from "../../emulator/realism";
import { RunningEmulator, startEmulator, type EmulatorOptions } from "../../emulator/server";
import { readConfigFile } from "../../e2e/stack";
import { buildPlan } from "../../offline/plan";
import { inventoryCommand, type InventoryOptions } from "../../preflight/commands";
import { call, deployed, VPC, VSW } from "../support/emulator";
import { PROJECT, ROOT } from "../support/run";
import { CREDENTIALS, runIn, SECRET } from "./support";
import { tempDir } from "../support/tmp";

const account = () =>
    parseInventory(
        {
            account: { site: "china", enhancedNatZones: ["cn-shanghai-b"] },
            vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitches: [{ id: VSW, zoneId: "cn-shanghai-b", availableIpCount: 42 }] }],
            securityGroups: [{ id: "sg-uf6invtest000001", vpcId: VPC }],
        },
        "test",
    );

describe("npm run inventory (against the emulator)", () => {
    let emu: RunningEmulator;
    const start = async (options: EmulatorOptions = {}) => (emu = await startEmulator(account(), 0, options));
    afterEach(() => emu?.close());
    const inventory = (o: Partial<InventoryOptions>, env: Record<string, string | undefined> = CREDENTIALS) =>
        runIn(ROOT, env, (io) => inventoryCommand({ region: "cn-shanghai", vpc: VPC, endpoint: emu.url, json: true, ...o }, io));

    it("pages through 105 EIPs (two pages of 100), lists each once, and sends reads only", async () => {
        await start();
        const made: string[] = [];
        for (let i = 0; i < 105; i++) {
            made.push((await call(emu, "AllocateEipAddress", { ISP: "BGP" })).body.AllocationId as string);
        }
        const first = emu.log().length;
        const ran = await inventory({});
        expect(ran.code, ran.stderr).to.equal(0);
        const doc = JSON.parse(ran.stdout) as { eips: { allocationId: string }[] };
        expect(doc.eips.map((e) => e.allocationId)).to.deep.equal(made);
        const requests = emu.log().slice(first);
        expect(
            requests.filter((r) => r.action === "DescribeEipAddresses").map((r) => [r.params.PageNumber, r.params.PageSize]),
        ).to.deep.equal([
            ["1", "100"],
            ["2", "100"],
        ]);
        expect(requests.filter((r) => !isRead(r.action)).map((r) => r.action)).to.deep.equal([]);
    });

    it("writes the vSwitch's zone and free addresses, the enhanced NAT zones, the gateway's DNAT entries and the security groups", async () => {
        await start();
        const d = await deployed(emu, 1);
        await call(emu, "CreateForwardEntry", {
            ForwardTableId: d.table,
            ExternalIp: d.eips[0].EipAddress,
            ExternalPort: "80",
            InternalIp: "192.168.0.9",
            InternalPort: "8080",
            IpProtocol: "tcp",
        });
        const ran = await inventory({});
        expect(ran.code, ran.stderr).to.equal(0);
        const doc = parseInventory(JSON.parse(ran.stdout), "out");
        expect(doc.region).to.equal("cn-shanghai");
        expect(doc.enhancedNatZones).to.deep.equal(["cn-shanghai-b"]);
        expect(doc.vpcs).to.deep.equal([
            {
                id: VPC,
                cidr: "192.168.0.0/16",
                vswitchIds: [VSW],
                vswitches: [{ id: VSW, zoneId: "cn-shanghai-b", cidr: "192.168.0.0/16", availableIpCount: 42 }],
            },
        ]);
        expect(doc.natGateways.map((n) => [n.id, n.forwardEntries])).to.deep.equal([
            [
                d.nat.NatGatewayId,
                [
                    {
                        externalIp: d.eips[0].EipAddress,
                        externalPort: "80",
                        internalIp: "192.168.0.9",
                        internalPort: "8080",
                        protocol: "tcp",
                    },
                ],
            ],
        ]);
        expect(doc.eips.map((e) => [e.allocationId, e.boundTo, e.bandwidthPlanId])).to.deep.equal([
            [d.eips[0].AllocationId, d.nat.NatGatewayId, d.plan.BandwidthPackageId],
        ]);
        expect(doc.securityGroups?.map((g) => g.id)).to.deep.equal(["sg-uf6invtest000001"]);
    });

    it("retries throttled reads with backoff (Throttling.User three times) and still writes the inventory", async () => {
        await start({ access: { throttled: { DescribeEipAddresses: 3, DescribeVpcs: 1 } } });
        const ran = await inventory({});
        expect(ran.code, ran.stderr).to.equal(0);
        const answers = emu
            .log()
            .filter((r) => r.action === "DescribeEipAddresses")
            .map((r) => r.code ?? r.status);
        expect(answers).to.deep.equal(["Throttling.User", "Throttling.User", "Throttling.User", 200]);
    });

    it("names every read the RAM policy refuses (Forbidden.RAM), writes nothing and exits 1", async () => {
        await start({ access: { denied: ["DescribeEipAddresses", "DescribeSecurityGroups"] } });
        const out = path.join(tempDir("sbg-inventory-test-"), "account.yaml");
        try {
            const ran = await inventory({ out, json: false });
            expect(ran.code).to.equal(1);
            expect(ran.stderr)
                .to.contain("vpc:DescribeEipAddresses (Forbidden.RAM)")
                .and.contain("ecs:DescribeSecurityGroups (Forbidden.RAM)");
            expect(fs.existsSync(out)).to.equal(false);
            // The other reads went on: one run names every missing permission.
            expect(emu.log().map((r) => r.action)).to.include.members(["DescribeCommonBandwidthPackages", "DescribeNatGateways"]);
        } finally {
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
        }
    });

    it("refuses an unknown region before any request, and a region the VPC is not in, with one line and exit code 2", async () => {
        await start();
        const unknown = await inventory({ region: "cn-atlantis" });
        expect([unknown.code, unknown.stderr.trim().split("\n").length]).to.deep.equal([2, 1]);
        expect(unknown.stderr).to.contain('"cn-atlantis" is not an Alibaba Cloud region');
        expect(emu.log()).to.deep.equal([]);
        const other = await inventory({ region: "cn-beijing" });
        expect(other.code).to.equal(2);
        expect(other.stderr.trim()).to.equal(
            `inventory: VPC ${VPC} is not in region cn-beijing: give the region the VPC is in, or a VPC of cn-beijing`,
        );
    });

    it("answers missing, unknown and expired credentials with one line and exit code 2, never printing the secret", async () => {
        await start({ access: { refusedKeys: { LTAIgone000000001: "unknown", STSexpired0000001: "expired" } } });
        const missing = await inventory({}, {});
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.match(
            /^inventory: no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/,
        );
        const gone = await inventory({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIgone000000001", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET });
        const expired = await inventory(
            {},
            {
                ALIBABA_CLOUD_ACCESS_KEY_ID: "STSexpired0000001",
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
                ALIBABA_CLOUD_SECURITY_TOKEN: "tok",
            },
        );
        expect([gone.code, expired.code]).to.deep.equal([2, 2]);
        expect(gone.stderr).to.contain("the AccessKey was refused (InvalidAccessKeyId.NotFound)");
        expect(expired.stderr).to.contain("the AccessKey was refused (InvalidSecurityToken.Expired)");
        for (const r of [missing, gone, expired]) {
            expect(r.stderr.trim().split("\n")).to.have.length(1);
            expect(r.stdout + r.stderr).not.to.contain(SECRET);
        }
        expect(JSON.stringify(emu.log())).not.to.contain(SECRET);
    });

    it("writes a file the offline plan reads and plans the dev stack against", async function () {
        this.timeout(60_000);
        const config = readConfigFile(path.join(ROOT, "Pulumi.dev.yaml"));
        emu = await startEmulator(emulatorAccount(config, PROJECT), 0);
        const dir = tempDir("sbg-inventory-test-");
        try {
            const out = path.join(dir, "account.yaml");
            const ran = await inventory({ vpc: String(config[`${PROJECT}:vpcId`]), out, json: false, site: "china" });
            expect(ran.code, ran.stderr).to.equal(0);
            expect(parse(fs.readFileSync(out, "utf8")).account.region).to.equal("cn-shanghai");
            expect(fs.readFileSync(out, "utf8")).not.to.contain(SECRET);
            readInventoryFile(out);
            const plan = await buildPlan({ projectDir: ROOT, stack: "dev", inventoryFile: out });
            expect(plan.errors).to.deep.equal([]);
            expect(plan.inventory.source).to.equal("file");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
