/**
 * The emulator's forced deletions over HTTP, as the provider sends them: DeleteNatGateway with `Force=true` (a boolean,
 * resource_alicloud_nat_gateway.go) and DeleteCommonBandwidthPackage with `Force="true"` (a string,
 * resource_alicloud_common_bandwidth_package.go), doing what the API pages say (docs/alicloud-rules.md §1.2, §1.13).
 */
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator/server";
import { call, emulatorPerTest, VPC, VSW } from "../support/emulator";

/** A gateway and a plan with two EIPs joined, bound, and forwarded on port 80. */
async function deployed(emu: RunningEmulator) {
    const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced" })).body;
    const plan = (await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "150", InternetChargeType: "PayByBandwidth", ISP: "BGP" }))
        .body;
    const table = nat.ForwardTableIds.ForwardTableId[0] as string;
    const eips: string[] = [];
    for (const n of [1, 2]) {
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic", ISP: "BGP" })).body;
        await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: plan.BandwidthPackageId, IpInstanceId: eip.AllocationId });
        await call(emu, "AssociateEipAddress", { InstanceType: "Nat" }, { AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
        const entry = { ForwardTableId: table, ExternalIp: eip.EipAddress, ExternalPort: "80", IpProtocol: "tcp" };
        await call(emu, "CreateForwardEntry", { ...entry, InternalIp: `192.168.0.${10 + n}`, InternalPort: "80" });
        eips.push(eip.AllocationId as string);
    }
    return { natId: nat.NatGatewayId as string, planId: plan.BandwidthPackageId as string, table, eips };
}

describe("emulator: forced deletions (DeleteNatGateway Force, DeleteCommonBandwidthPackage Force)", () => {
    let emu: RunningEmulator;
    emulatorPerTest((e) => (emu = e));

    it("without Force, refuses a gateway with DNAT entries (DependencyViolation.ForwardEntry) and keeps everything", async () => {
        const d = await deployed(emu);
        const r = await call(emu, "DeleteNatGateway", { NatGatewayId: d.natId, Force: "false" });
        expect([r.status, r.body.Code]).to.deep.equal([400, "DependencyViolation.ForwardEntry"]);
        expect(emu.state().forwardEntries).to.have.length(2);
    });

    it("with Force=true, deletes the gateway, its DNAT entries, and unbinds its EIPs, which stay in the plan", async () => {
        const d = await deployed(emu);
        const r = await call(emu, "DeleteNatGateway", { NatGatewayId: d.natId, Force: "true" });
        expect(r.status).to.equal(200);
        expect((await call(emu, "DescribeNatGateways", { NatGatewayId: d.natId })).body.NatGateways.NatGateway).to.deep.equal([]);
        const entries = (await call(emu, "DescribeForwardTableEntries", { ForwardTableId: d.table })).body;
        expect(entries.ForwardTableEntries.ForwardTableEntry).to.deep.equal([]);
        const eips = (await call(emu, "DescribeEipAddresses", {})).body.EipAddresses.EipAddress;
        expect(eips.map((e: Record<string, unknown>) => [e.Status, e.InstanceId, e.BandwidthPackageId])).to.deep.equal([
            ["Available", "", d.planId],
            ["Available", "", d.planId],
        ]);
    });

    it("DeleteCommonBandwidthPackage: refused with members unless Force is the string true, which removes them first", async () => {
        const d = await deployed(emu);
        await call(emu, "DeleteNatGateway", { NatGatewayId: d.natId, Force: "true" });
        const refused = await call(emu, "DeleteCommonBandwidthPackage", { BandwidthPackageId: d.planId, Force: "false" });
        expect([refused.status, refused.body.Code]).to.deep.equal([400, "OperationFailed.BandwidthPackageNotEmpty"]);
        expect((await call(emu, "DeleteCommonBandwidthPackage", { BandwidthPackageId: d.planId, Force: "true" })).status).to.equal(200);
        const eips = (await call(emu, "DescribeEipAddresses", {})).body.EipAddresses.EipAddress;
        expect(eips.map((e: Record<string, unknown>) => e.BandwidthPackageId)).to.deep.equal(["", ""]);
        for (const id of d.eips) {
            expect((await call(emu, "ReleaseEipAddress", { AllocationId: id })).status).to.equal(200);
        }
        expect(emu.state()).to.deep.include({ natGateways: [], eips: [], bandwidthPlans: [], forwardEntries: [] });
    });
});
