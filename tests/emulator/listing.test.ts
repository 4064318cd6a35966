/**
 * Paging and the documented filters of the Describe and List actions (docs/alicloud-rules.md §8.4, §8.5).
 */
import { expect } from "chai";
import { tokenPage } from "../../emulator/listing";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, deployed, testAccount } from "../support/emulator";

describe("emulator listings: paging (rules §8.4)", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("pages DescribeEipAddresses 10 at a time by default, with TotalCount; a page past the end is empty", async () => {
        const ids = [];
        for (let i = 0; i < 25; i++) {
            ids.push((await call(emu, "AllocateEipAddress", {})).body.AllocationId);
        }
        const first = (await call(emu, "DescribeEipAddresses", {})).body;
        expect([first.TotalCount, first.PageNumber, first.PageSize]).to.deep.equal([25, 1, 10]);
        expect(first.EipAddresses.EipAddress.map((e: any) => e.AllocationId)).to.deep.equal(ids.slice(0, 10));
        const third = (await call(emu, "DescribeEipAddresses", { PageNumber: "3" })).body;
        expect(third.EipAddresses.EipAddress.map((e: any) => e.AllocationId)).to.deep.equal(ids.slice(20));
        const past = (await call(emu, "DescribeEipAddresses", { PageNumber: "4" })).body;
        expect([past.TotalCount, past.EipAddresses.EipAddress]).to.deep.equal([25, []]);
        const all = (await call(emu, "DescribeEipAddresses", { PageSize: "100" })).body;
        expect(all.EipAddresses.EipAddress).to.have.length(25);
    });

    it("refuses a PageSize over the action's maximum, naming it: 100 for EIPs, 50 for gateways, plans and DNAT entries", async () => {
        const eips = await call(emu, "DescribeEipAddresses", { PageSize: "101" });
        expect([eips.status, eips.body.Code]).to.deep.equal([400, "InvalidParameter"]);
        expect(eips.body.Message).to.contain('"PageSize"').and.contain("1 to 100").and.contain('"101"');
        for (const action of ["DescribeNatGateways", "DescribeCommonBandwidthPackages"]) {
            expect((await call(emu, action, { PageSize: "51" })).body.Message).to.contain("1 to 50");
        }
        const entries = await call(emu, "DescribeForwardTableEntries", { ForwardTableId: "ftb-x", PageSize: "51" });
        expect(entries.body.Message).to.contain("1 to 50");
        expect((await call(emu, "DescribeEipAddresses", { PageNumber: "0" })).body.Message).to.contain('"PageNumber"');
    });

    it("pages ListTagResources by MaxResults and NextToken, the last page with an empty token; refuses a token it did not issue", async () => {
        const { nat } = await deployed(emu, 0);
        const tags: Record<string, string> = { ResourceType: "NATGATEWAY", "ResourceId.1": nat.NatGatewayId };
        for (let i = 1; i <= 5; i++) {
            Object.assign(tags, { [`Tag.${i}.Key`]: `k${i}`, [`Tag.${i}.Value`]: `v${i}` });
        }
        await call(emu, "TagResources", tags);
        const keys: string[] = [];
        let token = "";
        for (let pages = 0; pages < 10; pages++) {
            const page = (
                await call(emu, "ListTagResources", {
                    ResourceType: "NATGATEWAY",
                    "ResourceId.1": nat.NatGatewayId,
                    MaxResults: "2",
                    NextToken: token,
                })
            ).body;
            keys.push(...page.TagResources.TagResource.map((t: any) => t.TagKey));
            token = page.NextToken;
            if (!token) {
                break;
            }
        }
        expect(keys).to.deep.equal(["k1", "k2", "k3", "k4", "k5"]);
        const bad = await call(emu, "ListTagResources", {
            ResourceType: "NATGATEWAY",
            "ResourceId.1": nat.NatGatewayId,
            NextToken: "bogus",
        });
        expect(bad.body.Code).to.equal("InvalidNextToken");
        const lone = await call(emu, "ListTagResources", { ResourceType: "natgateway", "Tag.1.Value": "v1" });
        expect([lone.body.Code, lone.body.Message]).to.satisfy(([c, m]: string[]) => c === "MissingParameter" && m.includes('"Tag.1.Key"'));
        const byKey = await call(emu, "ListTagResources", { ResourceType: "natgateway", "Tag.1.Key": "k2" });
        expect(byKey.body.TagResources.TagResource).to.have.length(5);
        expect(tokenPage([1, 2], Buffer.from("offset:1").toString("base64url"), 1)).to.deep.equal({ items: [2], nextToken: "" });
        expect(() => tokenPage([1, 2], Buffer.from("offset:01").toString("base64url"), 1)).to.throw(/NextToken/);
    });

    it("pages DescribeSecurityGroupAttribute's rules by MaxResults (10 to 1000) and NextToken (rules §7.3)", async () => {
        const group = "sg-uf6listing00000000";
        await emu.close();
        emu = await startEmulator(testAccount([{ id: group }]));
        const rules: Record<string, string> = { SecurityGroupId: group };
        for (let i = 1; i <= 12; i++) {
            Object.assign(rules, {
                [`Permissions.${i}.IpProtocol`]: "tcp",
                [`Permissions.${i}.PortRange`]: `${1000 + i}/${1000 + i}`,
                [`Permissions.${i}.SourceCidrIp`]: "203.0.113.0/24",
            });
        }
        expect((await call(emu, "AuthorizeSecurityGroup", rules, { Version: "2014-05-26" })).status).to.equal(200);
        const first = (await call(emu, "DescribeSecurityGroupAttribute", { SecurityGroupId: group, MaxResults: "10" })).body;
        expect(first.Permissions.Permission).to.have.length(10);
        const second = (
            await call(emu, "DescribeSecurityGroupAttribute", { SecurityGroupId: group, MaxResults: "10", NextToken: first.NextToken })
        ).body;
        expect([second.Permissions.Permission.length, second.NextToken]).to.deep.equal([2, ""]);
        expect((await call(emu, "DescribeSecurityGroupAttribute", { SecurityGroupId: group, MaxResults: "9" })).body.Code).to.equal(
            "InvalidParameter",
        );
    });
});

describe("emulator listings: filters (rules §8.5)", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("filters EIPs by a comma-separated AllocationId list, by EipAddress, Status and tags", async () => {
        const { eips } = await deployed(emu, 2);
        const free = (await call(emu, "AllocateEipAddress", { "Tag.1.Key": "team", "Tag.1.Value": "edge" })).body;
        const ids = (p: Record<string, string>) =>
            call(emu, "DescribeEipAddresses", p).then((r) => r.body.EipAddresses.EipAddress.map((e: any) => e.AllocationId).sort());
        expect(await ids({ AllocationId: `${eips[0].AllocationId},${free.AllocationId}` })).to.deep.equal(
            [eips[0].AllocationId, free.AllocationId].sort(),
        );
        expect(await ids({ EipAddress: eips[1].EipAddress })).to.deep.equal([eips[1].AllocationId]);
        expect(await ids({ Status: "Available" })).to.deep.equal([free.AllocationId]);
        expect(await ids({ Status: "InUse", AssociatedInstanceType: "Nat" })).to.deep.equal(eips.map((e) => e.AllocationId).sort());
        expect(await ids({ "Tag.1.Key": "team", "Tag.1.Value": "edge" })).to.deep.equal([free.AllocationId]);
        expect(await ids({ "Tag.1.Key": "team", "Tag.1.Value": "core" })).to.deep.equal([]);
        expect((await call(emu, "DescribeEipAddresses", { Status: "Bound" })).body.Message).to.contain('"Status"');
        const many = Array.from({ length: 51 }, (_, i) => `eip-${i}`).join(",");
        expect((await call(emu, "DescribeEipAddresses", { AllocationId: many })).body.Message).to.contain("at most 50");
    });

    it("filters DNAT entries by IpProtocol (any case), ExternalPort (80 matches 80/80), InternalIp and name", async () => {
        const { table, eips, nat } = await deployed(emu, 1);
        const add = (port: string, ip: string, protocol: string, name: string) =>
            call(emu, "CreateForwardEntry", {
                ForwardTableId: table,
                ExternalIp: eips[0].EipAddress,
                ExternalPort: port,
                InternalIp: ip,
                InternalPort: port,
                IpProtocol: protocol,
                ForwardEntryName: name,
            }).then((r) => r.body.ForwardEntryId);
        const web = await add("80/80", "192.168.0.10", "TCP", "web");
        const dns = await add("53", "192.168.0.11", "UDP", "dns");
        const ids = (p: Record<string, string>) =>
            call(emu, "DescribeForwardTableEntries", { NatGatewayId: nat.NatGatewayId, ...p }).then((r) =>
                r.body.ForwardTableEntries.ForwardTableEntry.map((e: any) => e.ForwardEntryId),
            );
        expect(await ids({})).to.deep.equal([web, dns]);
        expect(await ids({ IpProtocol: "udp" })).to.deep.equal([dns]);
        expect(await ids({ ExternalPort: "80" })).to.deep.equal([web]);
        expect(await ids({ InternalIp: "192.168.0.11" })).to.deep.equal([dns]);
        expect(await ids({ ForwardEntryName: "web" })).to.deep.equal([web]);
        const icmp = await call(emu, "DescribeForwardTableEntries", { NatGatewayId: nat.NatGatewayId, IpProtocol: "icmp" });
        expect([icmp.body.Code, icmp.body.Message]).to.satisfy(
            ([c, m]: string[]) => c === "InvalidParameter" && m.includes('"IpProtocol"'),
        );
        const missing = await call(emu, "DescribeForwardTableEntries", {});
        expect(missing.body.Code).to.equal("MissingParameter");
        expect(missing.body.Message).to.contain("ForwardTableId").and.contain("NatGatewayId");
    });

    it("filters gateways by Status and VpcId, and plans by Name", async () => {
        const { nat, plan } = await deployed(emu, 0);
        await call(emu, "ModifyCommonBandwidthPackageAttribute", { BandwidthPackageId: plan.BandwidthPackageId, Name: "shared" });
        const gw = (p: Record<string, string>) =>
            call(emu, "DescribeNatGateways", p).then((r) => r.body.NatGateways.NatGateway.map((g: any) => g.NatGatewayId));
        expect(await gw({ Status: "Available" })).to.deep.equal([nat.NatGatewayId]);
        expect(await gw({ Status: "Creating" })).to.deep.equal([]);
        expect(await gw({ VpcId: "vpc-other" })).to.deep.equal([]);
        const plans = (p: Record<string, string>) =>
            call(emu, "DescribeCommonBandwidthPackages", p).then((r) => r.body.CommonBandwidthPackages.CommonBandwidthPackage.length);
        expect([await plans({ Name: "shared" }), await plans({ Name: "other" })]).to.deep.equal([1, 0]);
    });
});
