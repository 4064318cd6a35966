/**
 * The emulator's refusals on request (emulator/access.ts) and its network reads (emulator/actions/network.ts,
 * DescribeSecurityGroups), over the provider's RPC style.
 */
import { expect } from "chai";
import { parseInventory } from "../../cloud/inventory";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, VPC, VSW } from "../support/emulator";

const account = () =>
    parseInventory(
        {
            account: { enhancedNatZones: ["cn-shanghai-b"] },
            vpcs: [
                {
                    id: VPC,
                    cidr: "192.168.0.0/16",
                    vswitchIds: ["vsw-uf6plain000000001"],
                    vswitches: [{ id: VSW, zoneId: "cn-shanghai-b", cidr: "192.168.1.0/24", availableIpCount: 7 }],
                },
            ],
            securityGroups: Array.from({ length: 12 }, (_, i) => ({ id: `sg-uf6access${String(i).padStart(8, "0")}`, vpcId: VPC })),
        },
        "test",
    );

describe("emulator: refusals on request and the network reads", () => {
    let emu: RunningEmulator;
    afterEach(() => emu.close());

    it("refuses a denied action with 403 Forbidden.RAM, throttles the next N requests of an action, refuses unknown keys", async () => {
        emu = await startEmulator(account(), 0, {
            access: { denied: ["DescribeEipAddresses"], throttled: { DescribeNatGateways: 2 }, refusedKeys: { LTAIgone: "unknown" } },
        });
        const denied = await call(emu, "DescribeEipAddresses", {});
        expect([denied.status, denied.body.Code]).to.deep.equal([403, "Forbidden.RAM"]);
        const nat = [];
        for (let i = 0; i < 3; i++) {
            nat.push((await call(emu, "DescribeNatGateways", {})).status);
        }
        expect(nat).to.deep.equal([400, 400, 200]);
        const gone = await call(emu, "DescribeVpcs", {}, { AccessKeyId: "LTAIgone" });
        expect([gone.status, gone.body.Code]).to.deep.equal([404, "InvalidAccessKeyId.NotFound"]);
        expect((await call(emu, "DescribeVpcs", {}, { AccessKeyId: "LTAIvalid" })).status).to.equal(200);
    });

    it("lists the VPC, its vSwitches with zone, CIDR and free addresses (defaults for one listed by id only), and the NAT zones", async () => {
        emu = await startEmulator(account(), 0);
        const vpcs = (await call(emu, "DescribeVpcs", { VpcId: VPC })).body;
        expect(vpcs.Vpcs.Vpc.map((v: Record<string, unknown>) => [v.VpcId, v.CidrBlock])).to.deep.equal([[VPC, "192.168.0.0/16"]]);
        const vsw = (await call(emu, "DescribeVSwitches", { VpcId: VPC })).body;
        expect(
            vsw.VSwitches.VSwitch.map((w: Record<string, unknown>) => [w.VSwitchId, w.ZoneId, w.CidrBlock, w.AvailableIpAddressCount]),
        ).to.deep.equal([
            ["vsw-uf6plain000000001", "cn-shanghai-a", "192.168.0.0/16", 100],
            [VSW, "cn-shanghai-b", "192.168.1.0/24", 7],
        ]);
        const zones = (await call(emu, "ListEnhanhcedNatGatewayAvailableZones", {})).body;
        expect(zones.Zones).to.deep.equal([{ ZoneId: "cn-shanghai-b", LocalName: "cn-shanghai-b" }]);
        const elsewhere = (await call(emu, "DescribeVpcs", { RegionId: "cn-beijing" })).body;
        expect(elsewhere.TotalCount).to.equal(0);
    });

    it("pages the security groups by token (10 by default) and filters them by id list", async () => {
        emu = await startEmulator(account(), 0);
        const first = (await call(emu, "DescribeSecurityGroups", { VpcId: VPC })).body;
        expect([first.TotalCount, first.SecurityGroups.SecurityGroup.length]).to.deep.equal([12, 10]);
        const second = (await call(emu, "DescribeSecurityGroups", { VpcId: VPC, NextToken: first.NextToken })).body;
        expect([second.SecurityGroups.SecurityGroup.length, second.NextToken]).to.deep.equal([2, ""]);
        const some = (await call(emu, "DescribeSecurityGroups", { SecurityGroupIds: JSON.stringify(["sg-uf6access00000003"]) })).body;
        expect(some.SecurityGroups.SecurityGroup.map((g: Record<string, unknown>) => g.SecurityGroupId)).to.deep.equal([
            "sg-uf6access00000003",
        ]);
        const bad = await call(emu, "DescribeSecurityGroups", { SecurityGroupIds: "sg-1,sg-2" });
        expect([bad.status, bad.body.Code]).to.deep.equal([400, "InvalidParameter"]);
    });
});
