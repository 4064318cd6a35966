/**
 * Contract: Alibaba Cloud's official VPC client (`@alicloud/vpc20160428`) drives the emulator through the seed's
 * lifecycle (/work/shared/seeds/000: create the NAT gateway, allocate EIPs, create the plan, join, bind, DNAT entries,
 * describe, then tear everything down), and meets the documented refusals with the codes the reference gives.
 * Loopback only: the emulator listens on 127.0.0.1 and hands out 127.0.0.0/8 addresses.
 */
import * as $Vpc from "@alicloud/vpc20160428";
import type Vpc from "@alicloud/vpc20160428";
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator/server";
import { emulatorPerTest, VPC, VSW } from "../support/emulator";
import { refusal, vpcClient } from "./sdk";

const REGION = "cn-shanghai";

interface Deployed {
    natId: string;
    tableId: string;
    planId: string;
    eips: { id: string; ip: string }[];
    entries: string[];
}

/** A CreateForwardEntry request on `d`'s table for TCP port 80 of its first EIP, with `over` on top. */
function forwardEntryRequest(
    d: Pick<Deployed, "tableId" | "eips">,
    over: Partial<$Vpc.CreateForwardEntryRequest>,
): $Vpc.CreateForwardEntryRequest {
    return new $Vpc.CreateForwardEntryRequest({
        regionId: REGION,
        forwardTableId: d.tableId,
        externalIp: d.eips[0].ip,
        externalPort: "80",
        internalPort: "80",
        ipProtocol: "TCP",
        ...over,
    });
}

/** The seed's steps 1-5 through the SDK: gateway, two EIPs, bindings, DNAT entries on port 80, the 1500 Mbit/s plan. */
async function deploySeed(vpc: Vpc): Promise<Deployed> {
    const nat = await vpc.createNatGateway(
        new $Vpc.CreateNatGatewayRequest({
            regionId: REGION,
            vpcId: VPC,
            vSwitchId: VSW,
            natType: "Enhanced",
            name: "test",
            description: "test",
        }),
    );
    const natId = nat.body!.natGatewayId!;
    const tableId = nat.body!.forwardTableIds!.forwardTableId![0];
    const eips = [];
    for (let i = 0; i < 2; i++) {
        const eip = await vpc.allocateEipAddress(
            new $Vpc.AllocateEipAddressRequest({ regionId: REGION, instanceChargeType: "PostPaid", internetChargeType: "PayByTraffic" }),
        );
        eips.push({ id: eip.body!.allocationId!, ip: eip.body!.eipAddress! });
    }
    const plan = await vpc.createCommonBandwidthPackage(
        new $Vpc.CreateCommonBandwidthPackageRequest({
            regionId: REGION,
            bandwidth: 1500,
            ISP: "BGP",
            name: "test",
            description: "test",
            internetChargeType: "PayByBandwidth",
        }),
    );
    const planId = plan.body!.bandwidthPackageId!;
    for (const eip of eips) {
        await vpc.addCommonBandwidthPackageIp(
            new $Vpc.AddCommonBandwidthPackageIpRequest({ regionId: REGION, bandwidthPackageId: planId, ipInstanceId: eip.id }),
        );
        // The seed sends InstanceType "NAT" (docs/alicloud-rules.md §1.4, §8.8).
        await vpc.associateEipAddress(
            new $Vpc.AssociateEipAddressRequest({ regionId: REGION, allocationId: eip.id, instanceId: natId, instanceType: "NAT" }),
        );
    }
    const entries = [];
    for (const [i, eip] of eips.entries()) {
        const entry = await vpc.createForwardEntry(
            forwardEntryRequest({ tableId, eips: [eip] }, { internalIp: `192.168.0.${100 + i}`, forwardEntryName: `DNAT${i + 1}` }),
        );
        entries.push(entry.body!.forwardEntryId!);
    }
    return { natId, tableId, planId, eips, entries };
}

describe("contract: the official VPC client through the seed's lifecycle", () => {
    let emu: RunningEmulator;
    let vpc: Vpc;
    emulatorPerTest((e) => ([emu, vpc] = [e, vpcClient(e)]));

    it("deploys the seed, reads every resource back through the SDK's response models, and tears it down to nothing", async () => {
        const d = await deploySeed(vpc);
        const gw = (await vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION, natGatewayId: d.natId }))).body!;
        expect(gw.totalCount).to.equal(1);
        const g = gw.natGateways!.natGateway![0];
        expect([g.status, g.natType, g.vpcId, g.name]).to.deep.equal(["Available", "Enhanced", VPC, "test"]);
        expect(g.ipLists!.ipList!.map((ip) => ip.allocationId).sort()).to.deep.equal(d.eips.map((e) => e.id).sort());

        const ids = d.eips.map((e) => e.id).join(",");
        const eips = (await vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, allocationId: ids }))).body!;
        expect(eips.eipAddresses!.eipAddress!.map((e) => [e.status, e.instanceId, e.instanceType, e.bandwidthPackageId])).to.deep.equal(
            d.eips.map(() => ["InUse", d.natId, "Nat", d.planId]),
        );
        const plans = (
            await vpc.describeCommonBandwidthPackages(
                new $Vpc.DescribeCommonBandwidthPackagesRequest({ regionId: REGION, bandwidthPackageId: d.planId }),
            )
        ).body!;
        const plan = plans.commonBandwidthPackages!.commonBandwidthPackage![0];
        expect([plan.bandwidth, plan.status, plan.publicIpAddresses!.publicIpAddresse!.length]).to.deep.equal(["1500", "Available", 2]);
        const entries = (
            await vpc.describeForwardTableEntries(
                new $Vpc.DescribeForwardTableEntriesRequest({ regionId: REGION, forwardTableId: d.tableId }),
            )
        ).body!;
        expect(
            entries.forwardTableEntries!.forwardTableEntry!.map((e) => [e.forwardEntryName, e.externalPort, e.internalIp, e.status]),
        ).to.deep.equal([
            ["DNAT1", "80", "192.168.0.100", "Available"],
            ["DNAT2", "80", "192.168.0.101", "Available"],
        ]);

        for (const id of d.entries) {
            await vpc.deleteForwardEntry(
                new $Vpc.DeleteForwardEntryRequest({ regionId: REGION, forwardTableId: d.tableId, forwardEntryId: id }),
            );
        }
        for (const eip of d.eips) {
            await vpc.unassociateEipAddress(
                new $Vpc.UnassociateEipAddressRequest({ regionId: REGION, allocationId: eip.id, instanceId: d.natId, instanceType: "Nat" }),
            );
            await vpc.removeCommonBandwidthPackageIp(
                new $Vpc.RemoveCommonBandwidthPackageIpRequest({ regionId: REGION, bandwidthPackageId: d.planId, ipInstanceId: eip.id }),
            );
        }
        await vpc.deleteCommonBandwidthPackage(
            new $Vpc.DeleteCommonBandwidthPackageRequest({ regionId: REGION, bandwidthPackageId: d.planId }),
        );
        await vpc.deleteNatGateway(new $Vpc.DeleteNatGatewayRequest({ regionId: REGION, natGatewayId: d.natId }));
        for (const eip of d.eips) {
            await vpc.releaseEipAddress(new $Vpc.ReleaseEipAddressRequest({ regionId: REGION, allocationId: eip.id }));
        }
        const left = emu.state();
        expect([left.natGateways, left.eips, left.bandwidthPlans, left.forwardEntries]).to.deep.equal([[], [], [], []]);
        // Every call went out in the SDK's style: the action in the x-acs-action header, answered in the home region.
        expect(new Set(emu.log().map((l) => [l.status, l.region].join(" ")))).to.deep.equal(new Set(["200 cn-shanghai"]));
    });

    it("meets the documented refusals of the teardown order with their codes (rules §1.2, §1.5, §1.14, §2)", async () => {
        const d = await deploySeed(vpc);
        const unbind = await refusal(
            vpc.unassociateEipAddress(
                new $Vpc.UnassociateEipAddressRequest({
                    regionId: REGION,
                    allocationId: d.eips[0].id,
                    instanceId: d.natId,
                    instanceType: "Nat",
                }),
            ),
        );
        expect(unbind).to.include({ code: "InvalidIpStatus.HasBeenUsedByForwardEntry", status: 400 });
        const gw = await refusal(vpc.deleteNatGateway(new $Vpc.DeleteNatGatewayRequest({ regionId: REGION, natGatewayId: d.natId })));
        expect(gw.code).to.equal("DependencyViolation.ForwardEntry");
        const release = await refusal(
            vpc.releaseEipAddress(new $Vpc.ReleaseEipAddressRequest({ regionId: REGION, allocationId: d.eips[0].id })),
        );
        expect(release.code).to.equal("IncorrectEipStatus");
        const plan = await refusal(
            vpc.deleteCommonBandwidthPackage(
                new $Vpc.DeleteCommonBandwidthPackageRequest({ regionId: REGION, bandwidthPackageId: d.planId }),
            ),
        );
        expect(plan.code).to.equal("OperationFailed.BandwidthPackageNotEmpty");
        const duplicate = await refusal(vpc.createForwardEntry(forwardEntryRequest(d, { internalIp: "192.168.0.200" })));
        expect(duplicate.code).to.equal("OperationUnsupported.ForwardEntry");
        expect(emu.state().forwardEntries).to.have.length(2);
    });

    it("refuses what the reference no longer sells or does not accept, before anything is created (rules §1.1, §1.6, §8.1)", async () => {
        // The seed's own step 1 asks for a subscription gateway of spec Small billed PayBySpec, which is no longer sold.
        const prepaid = await refusal(
            vpc.createNatGateway(
                new $Vpc.CreateNatGatewayRequest({
                    regionId: REGION,
                    vpcId: VPC,
                    vSwitchId: VSW,
                    natType: "Enhanced",
                    instanceChargeType: "PrePaid",
                    internetChargeType: "PayBySpec",
                }),
            ),
        );
        expect([prepaid.code, prepaid.status]).to.deep.equal(["InvalidParameter", 400]);
        expect(prepaid.message).to.contain("InstanceChargeType");
        const noVsw = await refusal(vpc.createNatGateway(new $Vpc.CreateNatGatewayRequest({ regionId: REGION, vpcId: VPC })));
        expect(noVsw.code).to.equal("MissingParameter");
        expect(noVsw.message).to.contain("VSwitchId");
        const plan = await refusal(
            vpc.createCommonBandwidthPackage(new $Vpc.CreateCommonBandwidthPackageRequest({ regionId: REGION, bandwidth: 1 })),
        );
        expect(plan.code).to.equal("InvalidParameter.Bandwidth");
        const notFound = await refusal(vpc.describeForwardTableEntries(new $Vpc.DescribeForwardTableEntriesRequest({ regionId: REGION })));
        expect(notFound.code).to.equal("MissingParameter");
        expect(emu.state().natGateways).to.deep.equal([]);
        expect(emu.state().bandwidthPlans).to.deep.equal([]);
    });

    it("answers a DryRun CreateForwardEntry with DryRunOperation and creates nothing (rules §8.6)", async () => {
        const d = await deploySeed(vpc);
        const dry = await refusal(
            vpc.createForwardEntry(
                forwardEntryRequest(d, { externalPort: "443", internalIp: "192.168.0.100", internalPort: "443", dryRun: true }),
            ),
        );
        expect([dry.code, dry.status]).to.deep.equal(["DryRunOperation", 400]);
        expect(emu.state().forwardEntries).to.have.length(2);
    });
});
