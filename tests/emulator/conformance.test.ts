/**
 * The emulator answers as the API reference does (docs/alicloud-rules.md §8): parameters checked before any change,
 * ClientToken idempotency, resources scoped to their region, DryRun, and a deleted DNAT entry listed as Deleting.
 */
import { expect } from "chai";
import { INSTANT_REALISM } from "../../emulator/realism";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, deployed, testAccount, VPC, VSW, webEntry } from "../support/emulator";

describe("emulator conformance: a refused request leaves no trace (rules §8.1)", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("refuses a plan without RegionId with MissingParameter naming it, and the refusal takes none of the 5 plans of the quota", async () => {
        const r = await call(emu, "CreateCommonBandwidthPackage", {
            Bandwidth: "100",
            InternetChargeType: "PayByBandwidth",
            RegionId: undefined,
        });
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("MissingParameter");
        expect(r.body.Message).to.contain('"RegionId"');
        expect(emu.state().bandwidthPlans).to.deep.equal([]);
        for (let i = 0; i < 5; i++) {
            const ok = await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "100", InternetChargeType: "PayByBandwidth" });
            expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
        }
        const sixth = await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "100", InternetChargeType: "PayByBandwidth" });
        expect(sixth.body.Code).to.equal("BandwidthPackage.QuotaExceeded");
    });

    it("refuses Bandwidth abc on AllocateEipAddress with InvalidBandwidth.Malformed naming the parameter and value; no EIP, no address taken", async () => {
        const r = await call(emu, "AllocateEipAddress", { Bandwidth: "abc" });
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("InvalidBandwidth.Malformed");
        expect(r.body.Message).to.contain('"Bandwidth"').and.contain('"abc"');
        expect(emu.state().eips).to.deep.equal([]);
        const next = await call(emu, "AllocateEipAddress", {});
        expect(next.body.EipAddress).to.equal("127.0.10.1");
    });

    it("refuses a bandwidth outside the EIP's billing range in the model (InvalidParameter, rules §1.14) and keeps the old value", async () => {
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic", Bandwidth: "200" })).body;
        const r = await call(emu, "ModifyEipAddressAttribute", { AllocationId: eip.AllocationId, Bandwidth: "201" });
        expect(r.body.Code).to.equal("InvalidParameter");
        expect(r.body.Message).to.contain("1-200");
        expect(emu.state().eips[0].Bandwidth).to.equal("200");
    });

    it("refuses a malformed DNAT name and ExternalIp with their documented codes before the model runs", async () => {
        const d = await deployed(emu);
        const base = webEntry(d);
        const name = await call(emu, "CreateForwardEntry", { ...base, ForwardEntryName: "80-web" });
        expect([name.body.Code, name.body.Message]).to.satisfy(
            ([c, m]: string[]) => c === "InvalidParameter.Name.Malformed" && m.includes('"80-web"'),
        );
        const ip = await call(emu, "CreateForwardEntry", { ...base, ExternalIp: "300.1.1.1" });
        expect(ip.body.Code).to.equal("InvalidExternalIp.Malformed");
        expect(emu.state().forwardEntries).to.deep.equal([]);
    });

    it("refuses a second security group permission as a whole: the valid first one is not added", async () => {
        const group = "sg-uf6conformance0000";
        await emu.close();
        emu = await startEmulator(testAccount([{ id: group }]));
        const r = await call(emu, "AuthorizeSecurityGroup", {
            SecurityGroupId: group,
            "Permissions.1.IpProtocol": "tcp",
            "Permissions.1.PortRange": "22/22",
            "Permissions.1.SourceCidrIp": "203.0.113.0/24",
            "Permissions.2.IpProtocol": "tcp",
            "Permissions.2.PortRange": "70000/70000",
            "Permissions.2.SourceCidrIp": "203.0.113.0/24",
        });
        expect(r.status).to.equal(400);
        expect((emu.state().securityGroups[0].Permissions as { Permission: unknown[] }).Permission).to.deep.equal([]);
    });
});

describe("emulator conformance: ClientToken idempotency (rules §8.3)", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("answers a repeated AllocateEipAddress with its token with the same EIP, and allocates one", async () => {
        const a = await call(emu, "AllocateEipAddress", { ClientToken: "tok-1", InternetChargeType: "PayByTraffic" });
        const b = await call(emu, "AllocateEipAddress", { ClientToken: "tok-1", InternetChargeType: "PayByTraffic" });
        expect(b.body.AllocationId).to.equal(a.body.AllocationId);
        expect(b.body.RequestId).to.not.equal(a.body.RequestId);
        expect(emu.state().eips).to.have.length(1);
    });

    it("refuses the token with other parameters with IdempotentParameterMismatch", async () => {
        await call(emu, "CreateCommonBandwidthPackage", { ClientToken: "tok-2", Bandwidth: "100", InternetChargeType: "PayByBandwidth" });
        const r = await call(emu, "CreateCommonBandwidthPackage", {
            ClientToken: "tok-2",
            Bandwidth: "200",
            InternetChargeType: "PayByBandwidth",
        });
        expect(r.status).to.equal(400);
        expect(r.body.Code).to.equal("IdempotentParameterMismatch");
        expect(emu.state().bandwidthPlans.map((p) => p.Bandwidth)).to.deep.equal(["100"]);
    });

    it("answers a retried CreateForwardEntry with its token with the same entry instead of a duplicate refusal", async () => {
        const d = await deployed(emu);
        const entry = webEntry(d);
        const a = await call(emu, "CreateForwardEntry", { ...entry, ClientToken: "tok-3" });
        const b = await call(emu, "CreateForwardEntry", { ...entry, ClientToken: "tok-3" });
        expect(b.status).to.equal(200);
        expect(b.body.ForwardEntryId).to.equal(a.body.ForwardEntryId);
        const c = await call(emu, "CreateForwardEntry", { ...entry, ClientToken: "tok-4" });
        expect(c.body.Code).to.equal("OperationUnsupported.ForwardEntry");
    });

    it("runs a refused request again when it is retried with its token (only successes are remembered)", async () => {
        const refused = await call(emu, "AssociateEipAddress", {
            AllocationId: "eip-uf6none",
            InstanceId: "ngw-uf6none",
            ClientToken: "tok-5",
        });
        expect(refused.body.Code).to.equal("InvalidInstanId.NotFound");
        const { nat } = await deployed(emu, 0);
        const eip = (await call(emu, "AllocateEipAddress", {})).body;
        const ok = await call(emu, "AssociateEipAddress", {
            AllocationId: eip.AllocationId,
            InstanceId: nat.NatGatewayId,
            InstanceType: "Nat",
            ClientToken: "tok-5",
        });
        expect(ok.status).to.equal(200);
    });

    it("refuses a token longer than 64 characters, naming ClientToken", async () => {
        const r = await call(emu, "AllocateEipAddress", { ClientToken: "x".repeat(65) });
        expect(r.body.Code).to.equal("InvalidParameter");
        expect(r.body.Message).to.contain('"ClientToken"');
    });
});

describe("emulator conformance: regions (rules §8.2)", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("does not let a request in another region see or release an EIP", async () => {
        const eip = (await call(emu, "AllocateEipAddress", {})).body;
        const listed = await call(emu, "DescribeEipAddresses", { RegionId: "cn-beijing" });
        expect(listed.body.EipAddresses.EipAddress).to.deep.equal([]);
        const r = await call(emu, "ReleaseEipAddress", { AllocationId: eip.AllocationId, RegionId: "cn-beijing" });
        expect(r.status).to.equal(404);
        expect(r.body.Code).to.equal("InvalidAllocationId.NotFound");
        expect(emu.state().eips.map((e) => e.AllocationId)).to.deep.equal([eip.AllocationId]);
    });

    it("refuses an unknown region with InvalidRegionId.NotFound (HTTP 404) and creates nothing", async () => {
        const r = await call(emu, "AllocateEipAddress", { RegionId: "cn-atlantis" });
        expect(r.status).to.equal(404);
        expect(r.body.Code).to.equal("InvalidRegionId.NotFound");
        expect(r.body.Message).to.contain("cn-atlantis");
        expect(emu.state().eips).to.deep.equal([]);
    });

    it("keeps the VPC in its own region: a gateway in ap-southeast-1 is refused with InvalidVpcId.NotFound", async () => {
        const r = await call(emu, "CreateNatGateway", { RegionId: "ap-southeast-1", VpcId: VPC, VSwitchId: VSW });
        expect(r.body.Code).to.equal("InvalidVpcId.NotFound");
    });

    it("answers an action whose RegionId is optional in the endpoint's region (cn-shanghai)", async () => {
        const eip = (await call(emu, "AllocateEipAddress", {})).body;
        const r = await call(emu, "ReleaseEipAddress", { AllocationId: eip.AllocationId, RegionId: undefined });
        expect(r.status).to.equal(200);
        expect(emu.log().at(-1)?.region).to.equal("cn-shanghai");
    });
});

describe("emulator conformance: DryRun and Deleting (rules §1.8, §8.6)", () => {
    let emu: RunningEmulator | undefined;
    afterEach(() => emu?.close());

    it("answers a DryRun CreateForwardEntry that would pass with DryRunOperation and creates nothing; one that would fail with its refusal", async () => {
        emu = await startEmulator(testAccount());
        const d = await deployed(emu);
        const entry = webEntry(d);
        const dry = await call(emu, "CreateForwardEntry", { ...entry, DryRun: "true" });
        expect([dry.status, dry.body.Code]).to.deep.equal([400, "DryRunOperation"]);
        expect(emu.state().forwardEntries).to.deep.equal([]);
        const outside = await call(emu, "CreateForwardEntry", { ...entry, InternalIp: "10.0.0.9", DryRun: "true" });
        expect(outside.body.Code).to.equal("Forbidden.InternalIpOutOfVpcCIDR");
    });

    it("lists a deleted DNAT entry as Deleting until it is gone, and refuses the unbinding of its EIP meanwhile", async () => {
        emu = await startEmulator(testAccount(), 0, {
            realism: { ...INSTANT_REALISM, times: { ...INSTANT_REALISM.times, entryDeletingMs: 400 } },
        });
        const d = await deployed(emu);
        const { table, eips, nat } = d;
        const created = await call(emu, "CreateForwardEntry", webEntry(d));
        await call(emu, "DeleteForwardEntry", { ForwardTableId: table, ForwardEntryId: created.body.ForwardEntryId });
        const listed = await call(emu, "DescribeForwardTableEntries", { ForwardTableId: table });
        expect(listed.body.ForwardTableEntries.ForwardTableEntry.map((e: any) => e.Status)).to.deep.equal(["Deleting"]);
        const unbind = await call(emu, "UnassociateEipAddress", {
            AllocationId: eips[0].AllocationId,
            InstanceId: nat.NatGatewayId,
            InstanceType: "Nat",
        });
        expect(unbind.body.Code).to.equal("InvalidIpStatus.HasBeenUsedByForwardEntry");
        await new Promise((r) => setTimeout(r, 450));
        const after = await call(emu, "DescribeForwardTableEntries", { ForwardTableId: table });
        expect(after.body.ForwardTableEntries.ForwardTableEntry).to.deep.equal([]);
    });
});
