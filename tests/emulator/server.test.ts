/** The emulator's HTTP server (emulator/server.ts): the VPC API over HTTP, answered by the cloud model. */
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator/server";
import { call, deployed, emulatorPerTest, VSW } from "../support/emulator";

describe("emulator: the VPC API over HTTP, answered by the cloud model", () => {
    let emu: RunningEmulator;
    emulatorPerTest((e) => (emu = e));

    it("hands out EIP addresses from 127.0.0.0/8 only, with the cloud's id prefixes", async () => {
        const { nat, plan, eips } = await deployed(emu, 3);
        expect(nat.NatGatewayId).to.match(/^ngw-[a-z0-9]{21}$/);
        expect(plan.BandwidthPackageId).to.match(/^cbwp-[a-z0-9]{21}$/);
        for (const e of eips) {
            expect(e.AllocationId).to.match(/^eip-[a-z0-9]{21}$/);
            expect(e.EipAddress).to.match(/^127\./);
        }
        expect(new Set(eips.map((e) => e.EipAddress)).size).to.equal(3);
    });

    it("answers DescribeNatGateways with every field the provider dereferences (it panics without them)", async () => {
        const { nat } = await deployed(emu);
        const { body } = await call(emu, "DescribeNatGateways", { NatGatewayId: nat.NatGatewayId });
        const g = body.NatGateways.NatGateway[0];
        expect(g.NatGatewayId).to.equal(nat.NatGatewayId);
        expect(g.Status).to.equal("Available");
        expect(g.InstanceChargeType).to.equal("PostPaid");
        expect(g.ForwardTableIds.ForwardTableId).to.deep.equal([`ftb-${nat.NatGatewayId.slice(4)}`]);
        expect(g.SnatTableIds.SnatTableId).to.have.length(1);
        expect(g.NatGatewayPrivateInfo.VswitchId).to.equal(VSW);
        expect(g.DeletionProtection).to.equal(false);
        expect(body.RequestId).to.be.a("string");
    });

    it("answers an unknown id with an empty list, never null (the provider takes element 0)", async () => {
        const { body } = await call(emu, "DescribeNatGateways", { NatGatewayId: "ngw-uf6doesnotexist0000000" });
        expect(body.NatGateways.NatGateway).to.deep.equal([]);
        const entries = await call(emu, "DescribeForwardTableEntries", { ForwardTableId: "ftb-x", ForwardEntryId: "fwd-x" });
        expect(entries.body.ForwardTableEntries.ForwardTableEntry).to.deep.equal([]);
    });

    it("reports an EIP's binding and plan membership in DescribeEipAddresses, read from the query as the provider sends it", async () => {
        const { nat, plan, eips } = await deployed(emu);
        const { body } = await call(emu, "DescribeEipAddresses", {}, { AllocationId: eips[0].AllocationId });
        const e = body.EipAddresses.EipAddress[0];
        expect(e).to.include({
            Status: "InUse",
            InstanceId: nat.NatGatewayId,
            InstanceType: "Nat",
            BandwidthPackageId: plan.BandwidthPackageId,
        });
        expect(e.BandwidthPackageBandwidth).to.equal("150");
        const p = (await call(emu, "DescribeCommonBandwidthPackages", { BandwidthPackageId: plan.BandwidthPackageId })).body;
        expect(p.CommonBandwidthPackages.CommonBandwidthPackage[0].PublicIpAddresses.PublicIpAddresse).to.deep.equal([
            { AllocationId: eips[0].AllocationId, IpAddress: eips[0].EipAddress, BandwidthPackageIpRelationStatus: "BINDED" },
        ]);
    });

    it("reads a plan member's Bandwidth as the plan's and its own as EipBandwidth; refuses a per-EIP maximum on a NAT gateway's EIP (rules §1.16)", async () => {
        const { nat, plan, eips } = await deployed(emu);
        const read = async () =>
            (await call(emu, "DescribeEipAddresses", {}, { AllocationId: eips[0].AllocationId })).body.EipAddresses.EipAddress[0];
        expect(await read()).to.include({ Bandwidth: "150", BandwidthPackageBandwidth: "150", EipBandwidth: "5" });
        const ids = { BandwidthPackageId: plan.BandwidthPackageId, EipId: eips[0].AllocationId };
        const capped = await call(emu, "ModifyCommonBandwidthPackageIpBandwidth", { ...ids, Bandwidth: "100" });
        expect(capped.status).to.equal(400);
        expect(capped.body.Message).to.contain("bound to NAT gateway").and.contain("ECS instances");
        await call(emu, "UnassociateEipAddress", {}, { AllocationId: eips[0].AllocationId, InstanceId: nat.NatGatewayId });
        expect((await call(emu, "ModifyCommonBandwidthPackageIpBandwidth", { ...ids, Bandwidth: "100" })).status).to.equal(200);
        expect(await read()).to.include({ Bandwidth: "100", BandwidthPackageBandwidth: "150" });
        expect((await call(emu, "CancelCommonBandwidthPackageIpBandwidth", ids)).status).to.equal(200);
        expect(await read()).to.include({ Bandwidth: "150" });
    });

    it("creates a DNAT entry on a bound EIP and echoes the ports as sent", async () => {
        const { table, eips } = await deployed(emu);
        const created = await call(emu, "CreateForwardEntry", {
            ForwardTableId: table,
            ExternalIp: eips[0].EipAddress,
            ExternalPort: "8000/8010",
            InternalIp: "192.168.0.10",
            InternalPort: "9000/9010",
            IpProtocol: "tcp",
        });
        expect(created.status).to.equal(200);
        const { body } = await call(emu, "DescribeForwardTableEntries", {
            ForwardTableId: table,
            ForwardEntryId: created.body.ForwardEntryId,
        });
        expect(body.ForwardTableEntries.ForwardTableEntry[0]).to.include({
            ExternalPort: "8000/8010",
            InternalPort: "9000/9010",
            IpProtocol: "tcp",
            Status: "Available",
        });
    });

    it("refuses a DNAT entry on an EIP not bound to the gateway with InvalidIp.NotInNatgw (rules §1.6), as HTTP 400", async () => {
        const { table } = await deployed(emu);
        const stray = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" })).body;
        const r = await call(emu, "CreateForwardEntry", {
            ForwardTableId: table,
            ExternalIp: stray.EipAddress,
            ExternalPort: "80",
            InternalIp: "192.168.0.10",
            InternalPort: "80",
            IpProtocol: "tcp",
        });
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("InvalidIp.NotInNatgw");
        expect(r.body.Message).to.match(/^The specified Ip not belong to natgateway/);
        expect(r.body.RequestId).to.be.a("string");
    });

    it("refuses to delete a gateway that still has EIPs bound with DependencyViolation.EIPS (rules §1.2)", async () => {
        const { nat } = await deployed(emu);
        const r = await call(emu, "DeleteNatGateway", { NatGatewayId: nat.NatGatewayId });
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("DependencyViolation.EIPS");
    });

    it("answers a missing resource with HTTP 404 and its not-found code, which the provider treats as already gone", async () => {
        const r = await call(emu, "DeleteForwardEntry", { ForwardTableId: "ftb-x", ForwardEntryId: "fwd-uf6gone" });
        expect(r.status).to.equal(404);
        expect(r.body.Code).to.equal("InvalidForwardEntryId.NotFound");
    });

    it("refuses a plan bandwidth outside the site's range, on create and on ModifyCommonBandwidthPackageSpec (rules §1.10)", async () => {
        const { plan } = await deployed(emu);
        const r = await call(emu, "ModifyCommonBandwidthPackageSpec", { BandwidthPackageId: plan.BandwidthPackageId, Bandwidth: "1" });
        expect(r.body.Code).to.equal("InvalidParameter.Bandwidth");
        expect(r.body.Message).to.contain("2-20000");
        const ok = await call(emu, "ModifyCommonBandwidthPackageSpec", { BandwidthPackageId: plan.BandwidthPackageId, Bandwidth: "160" });
        expect(ok.status).to.equal(200);
        expect(emu.state().bandwidthPlans[0].Bandwidth).to.equal("160");
    });

    it("keeps deletion protection and refuses to delete a protected gateway (rules §1.2)", async () => {
        const { nat } = await deployed(emu, 0);
        await call(emu, "DeletionProtection", { InstanceId: nat.NatGatewayId, ProtectionEnable: "true", Type: "NATGW" });
        const r = await call(emu, "DeleteNatGateway", { NatGatewayId: nat.NatGatewayId });
        expect(r.body.Code).to.equal("InvalidOperation.DeletionProtection");
        await call(emu, "DeletionProtection", { InstanceId: nat.NatGatewayId, ProtectionEnable: "false", Type: "NATGW" });
        expect((await call(emu, "DeleteNatGateway", { NatGatewayId: nat.NatGatewayId })).status).to.equal(200);
        expect(emu.state().natGateways).to.deep.equal([]);
    });

    it("tags: TagResources, ListTagResources and UnTagResources by resource type", async () => {
        const { nat } = await deployed(emu, 0);
        await call(emu, "TagResources", {
            ResourceType: "NATGATEWAY",
            "ResourceId.1": nat.NatGatewayId,
            "Tag.1.Key": "team",
            "Tag.1.Value": "edge",
        });
        const listed = await call(emu, "ListTagResources", { ResourceType: "NATGATEWAY", "ResourceId.1": nat.NatGatewayId });
        expect(listed.body.TagResources.TagResource).to.deep.equal([
            { ResourceId: nat.NatGatewayId, ResourceType: "NATGATEWAY", TagKey: "team", TagValue: "edge" },
        ]);
        await call(emu, "UnTagResources", { ResourceType: "NATGATEWAY", "ResourceId.1": nat.NatGatewayId, "TagKey.1": "team" });
        const after = await call(emu, "ListTagResources", { ResourceType: "NATGATEWAY", "ResourceId.1": nat.NatGatewayId });
        expect(after.body.TagResources.TagResource).to.deep.equal([]);
    });

    it("accepts the newer request style (action in the x-acs-action header) and logs every request", async () => {
        const res = await fetch(`${emu.url}?RegionId=cn-shanghai`, {
            method: "POST",
            headers: { "x-acs-action": "DescribeEipAddresses", "x-acs-version": "2016-04-28" },
        });
        expect(res.status).to.equal(200);
        expect(((await res.json()) as any).EipAddresses.EipAddress).to.deep.equal([]);
        expect(emu.log().map((l) => l.action)).to.deep.equal(["DescribeEipAddresses"]);
    });

    it("names an action it does not implement", async () => {
        const r = await call(emu, "CreateVpc", {});
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("InvalidAction.NotFound");
        expect(r.body.Message).to.contain('"CreateVpc"');
    });
});
