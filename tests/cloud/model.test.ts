/**
 * The offline cloud model, called directly: one accept and one refuse case per modelled rule (rules §x in each name).
 */
import { expect } from "chai";
import { CloudModel, DUPLICATE_ENTRY_CODE } from "../../cloud/model";
import { refusal } from "../support/cloud";
import { Inventory, parseInventory } from "../../cloud/inventory";

const NAT = "ngw-test1";
const FTB = "ftb-test1";

function inventory(extra: object = {}): Inventory {
    return parseInventory(
        {
            account: {
                site: "china",
                quotas: { eipsPerNatGateway: 2, dnatEntriesPerTable: 2, eipsPerBandwidthPlan: 2, bandwidthPlansPerRegion: 1 },
            },
            vpcs: [{ id: "vpc-a", cidr: "192.168.0.0/16", vswitchIds: ["vsw-a"] }],
            ...extra,
        },
        "test",
    );
}

/** A model with a NAT gateway, a plan and EIPs e1..e3 (203.0.113.1..3), pay-as-you-go BGP. */
function model(extra: object = {}): CloudModel {
    const m = new CloudModel(inventory(extra));
    m.createNatGateway("nat", { id: NAT, vpcId: "vpc-a", vswitchId: "vsw-a", forwardTableId: FTB, snatTableId: "stb-test1" });
    m.createBandwidthPlan("plan", { id: "cbwp-p", bandwidth: 100, internetChargeType: "PayByBandwidth", isp: "BGP" });
    for (const n of [1, 2, 3]) {
        m.allocateEip(`eip${n}`, {
            allocationId: `eip-e${n}`,
            ipAddress: `203.0.113.${n}`,
            internetChargeType: "PayByTraffic",
            isp: "BGP",
        });
    }
    return m;
}

const entry = (over: object = {}) => ({
    id: "fwd-1",
    tableId: FTB,
    externalIp: "203.0.113.1",
    externalPort: "80",
    internalIp: "192.168.0.10",
    internalPort: "80",
    protocol: "tcp",
    ...over,
});

function bound(): CloudModel {
    const m = model();
    m.associateEip("bind1", "eip-e1", NAT, "Nat");
    m.associateEip("bind2", "eip-e2", NAT, "Nat");
    return m;
}

describe("cloud model", () => {
    describe("CreateNatGateway (rules §1.1)", () => {
        it("accepts a gateway in a listed VPC and vSwitch", () => {
            expect(model().nats.get(NAT)?.forwardTableId).to.equal(FTB);
        });
        it("refuses an unknown VPC with InvalidVpcId.NotFound", () => {
            const e = refusal(() =>
                new CloudModel(inventory()).createNatGateway("n", { id: "ngw-x", vpcId: "vpc-zz", forwardTableId: "f", snatTableId: "s" }),
            );
            expect(e.code).to.equal("InvalidVpcId.NotFound");
            expect(e.message).to.contain("vpc-zz");
        });
        it("refuses a vSwitch of another VPC with OperationFailed.VswNotBelongToVpc", () => {
            const e = refusal(() =>
                new CloudModel(inventory()).createNatGateway("n", {
                    id: "ngw-x",
                    vpcId: "vpc-a",
                    vswitchId: "vsw-other",
                    forwardTableId: "f",
                    snatTableId: "s",
                }),
            );
            expect(e.code).to.equal("OperationFailed.VswNotBelongToVpc");
        });
    });

    describe("AllocateEipAddress (rules §1.14)", () => {
        it("refuses an unknown charge type with InvalidParameter", () => {
            expect(
                refusal(() => model().allocateEip("x", { allocationId: "eip-x", ipAddress: "192.0.2.9", internetChargeType: "PayBy95" }))
                    .code,
            ).to.equal("InvalidParameter");
        });
        it("refuses an unknown ISP with IllegalParam.Isp", () => {
            expect(refusal(() => model().allocateEip("x", { allocationId: "eip-x", ipAddress: "192.0.2.9", isp: "Nope" })).code).to.equal(
                "IllegalParam.Isp",
            );
        });
        it("refuses pay-as-you-go PayByBandwidth on an international account with COMMODITY.INVALID_COMPONENT, accepts PayByTraffic", () => {
            const m = new CloudModel(parseInventory({ account: { site: "international" } }, "t"));
            expect(
                refusal(() => m.allocateEip("x", { allocationId: "eip-x", ipAddress: "192.0.2.9", internetChargeType: "PayByBandwidth" }))
                    .code,
            ).to.equal("COMMODITY.INVALID_COMPONENT");
            expect(
                m.allocateEip("y", { allocationId: "eip-y", ipAddress: "192.0.2.8", internetChargeType: "PayByTraffic" }).status,
            ).to.equal("Available");
        });
    });

    describe("CreateCommonBandwidthPackage (rules §1.10, §4)", () => {
        const fresh = () => new CloudModel(inventory());
        it("refuses a charge type not sold on the site with InvalidParameter.InvalidChargeType", () => {
            expect(
                refusal(() => fresh().createBandwidthPlan("p", { id: "cbwp-x", bandwidth: 100, internetChargeType: "PayByTraffic" })).code,
            ).to.equal("InvalidParameter.InvalidChargeType");
        });
        it("refuses 1 Mbit/s PayByBandwidth on the China site (2-20000) with InvalidParameter.Bandwidth, accepts 2", () => {
            expect(
                refusal(() => fresh().createBandwidthPlan("p", { id: "cbwp-x", bandwidth: 1, internetChargeType: "PayByBandwidth" })).code,
            ).to.equal("InvalidParameter.Bandwidth");
            expect(
                fresh().createBandwidthPlan("p", { id: "cbwp-x", bandwidth: 2, internetChargeType: "PayByBandwidth" }).bandwidthMbps,
            ).to.equal(2);
        });
        it("refuses PayBy95 without ratio 20 with IllegalParam.Ratio, accepts ratio 20", () => {
            expect(
                refusal(() => fresh().createBandwidthPlan("p", { id: "cbwp-x", bandwidth: 200, internetChargeType: "PayBy95", ratio: 100 }))
                    .code,
            ).to.equal("IllegalParam.Ratio");
            expect(
                fresh().createBandwidthPlan("p", { id: "cbwp-x", bandwidth: 200, internetChargeType: "PayBy95", ratio: 20 }).id,
            ).to.equal("cbwp-x");
        });
        it("refuses a plan beyond the per-region quota with BandwidthPackage.QuotaExceeded", () => {
            expect(
                refusal(() => model().createBandwidthPlan("p2", { id: "cbwp-2", bandwidth: 100, internetChargeType: "PayByBandwidth" }))
                    .code,
            ).to.equal("BandwidthPackage.QuotaExceeded");
        });
    });

    describe("AddCommonBandwidthPackageIp (rules §1.11)", () => {
        it("accepts a pay-as-you-go EIP with the plan's line type", () => {
            const m = model();
            m.addPlanIp("join1", "cbwp-p", "eip-e1");
            expect(m.eips.get("eip-e1")?.planId).to.equal("cbwp-p");
        });
        it("refuses a subscription EIP with IpInstanceId.ChargeType.NotSupport", () => {
            const m = model({ eips: [{ allocationId: "eip-sub", ipAddress: "198.51.100.5", paymentType: "Subscription" }] });
            expect(refusal(() => m.addPlanIp("j", "cbwp-p", "eip-sub")).code).to.equal("IpInstanceId.ChargeType.NotSupport");
        });
        it("refuses an EIP already in a plan with IpInstanceId.AlreadyInBandwidthPackage", () => {
            const m = model();
            m.addPlanIp("join1", "cbwp-p", "eip-e1");
            expect(refusal(() => m.addPlanIp("again", "cbwp-p", "eip-e1")).code).to.equal("IpInstanceId.AlreadyInBandwidthPackage");
        });
        it("keeps an inventory EIP's plan membership: joining it again is IpInstanceId.AlreadyInBandwidthPackage", () => {
            const m = model({
                account: { site: "china", quotas: { eipsPerBandwidthPlan: 2, bandwidthPlansPerRegion: 2 } },
                bandwidthPlans: [{ id: "cbwp-old", bandwidthMbps: 10 }],
                eips: [{ allocationId: "eip-member", ipAddress: "198.51.100.6", bandwidthPlanId: "cbwp-old" }],
            });
            expect(m.eips.get("eip-member")?.planId).to.equal("cbwp-old");
            expect(refusal(() => m.addPlanIp("j", "cbwp-p", "eip-member")).code).to.equal("IpInstanceId.AlreadyInBandwidthPackage");
        });
        it("refuses a third EIP in a plan with quota 2 with IpInstanceId.QuotaExceeded", () => {
            const m = model();
            m.addPlanIp("j1", "cbwp-p", "eip-e1");
            m.addPlanIp("j2", "cbwp-p", "eip-e2");
            const e = refusal(() => m.addPlanIp("j3", "cbwp-p", "eip-e3"));
            expect(e.code).to.equal("IpInstanceId.QuotaExceeded");
            expect(e.message).to.contain("2 of 2");
        });
        it("refuses an EIP of another line type, with no code that looks like the API's (it is undocumented)", () => {
            const m = model({ eips: [{ allocationId: "eip-tel", ipAddress: "198.51.100.6", isp: "ChinaTelecom" }] });
            const e = refusal(() => m.addPlanIp("j", "cbwp-p", "eip-tel"));
            expect(e.code).to.equal("(undocumented)");
            expect(e.message).to.contain("ChinaTelecom").and.contain("[?]");
        });
        it("refuses a missing plan with InvalidBandwidthPackageId.NotFound and names the need", () => {
            const e = refusal(() => model().addPlanIp("j", "cbwp-none", "eip-e1"));
            expect(e.code).to.equal("InvalidBandwidthPackageId.NotFound");
            expect(e.need).to.deep.equal({ kind: "plan", id: "cbwp-none" });
        });
    });

    describe("AssociateEipAddress (rules §1.4, §4)", () => {
        it("accepts InstanceType Nat and marks the EIP InUse", () => {
            const m = model();
            m.associateEip("b", "eip-e1", NAT, "Nat");
            expect(m.eips.get("eip-e1")).to.include({ status: "InUse", boundTo: NAT, boundBy: "b" });
        });
        it("refuses InstanceType NatGateway with Invalid.DirectEip.BindType [L]", () => {
            expect(refusal(() => model().associateEip("b", "eip-e1", NAT, "NatGateway")).code).to.equal("Invalid.DirectEip.BindType");
        });
        it("refuses a second association of the same EIP with InvalidAssociation.Duplicated", () => {
            const m = bound();
            expect(refusal(() => m.associateEip("b", "eip-e1", NAT, "Nat")).code).to.equal("InvalidAssociation.Duplicated");
        });
        it("refuses an EIP bound elsewhere with IncorrectEipStatus", () => {
            const m = model({ eips: [{ allocationId: "eip-ecs", ipAddress: "198.51.100.7", boundTo: "i-ecs1" }] });
            const e = refusal(() => m.associateEip("b", "eip-ecs", NAT, "Nat"));
            expect(e.code).to.equal("IncorrectEipStatus");
            // rules §5.2: the provider retries IncorrectEipStatus on AssociateEipAddress for its 5-minute timeout.
            expect(e.message).to.contain("the provider retries this on bind for 5 minutes");
        });
        it("refuses a third EIP on a gateway with quota 2 with QuotaExceeded.NumberOfEip", () => {
            const e = refusal(() => bound().associateEip("b3", "eip-e3", NAT, "Nat"));
            expect(e.code).to.equal("QuotaExceeded.NumberOfEip");
            expect(e.message).to.contain("Binded eip Quota exceed on this NatGw.");
        });
    });

    describe("CreateForwardEntry (rules §1.6, §3, §4)", () => {
        it("accepts a TCP entry on a bound EIP, and UDP on the same port next to it", () => {
            const m = bound();
            m.createForwardEntry("d1", entry());
            m.createForwardEntry("d2", entry({ id: "fwd-2", protocol: "udp" }));
            expect(m.entries.size).to.equal(2);
        });
        it("refuses an EIP not bound to the gateway with InvalidIp.NotInNatgw and names the binding it needs", () => {
            const e = refusal(() => model().createForwardEntry("d", entry()));
            expect(e.code).to.equal("InvalidIp.NotInNatgw");
            expect(e.need).to.deep.equal({ kind: "binding", externalIp: "203.0.113.1", natId: NAT });
            expect(e.message).to.contain(
                "the provider retries this on create for 5 minutes, so the update fails only after 5 minutes of retries",
            );
        });
        it("refuses an internal IP outside the VPC CIDR with Forbidden.InternalIpOutOfVpcCIDR", () => {
            const e = refusal(() => bound().createForwardEntry("d", entry({ internalIp: "10.0.0.5" })));
            expect(e.code).to.equal("Forbidden.InternalIpOutOfVpcCIDR");
            expect(e.message).to.contain("10.0.0.5").and.contain("192.168.0.0/16");
        });
        it("refuses a duplicate (ExternalIp, ExternalPort, IpProtocol) with the documented candidate code and says it is undocumented", () => {
            const m = bound();
            m.createForwardEntry("d1", entry());
            const e = refusal(() => m.createForwardEntry("d2", entry({ id: "fwd-2", internalIp: "192.168.0.11" })));
            expect(e.code).to.equal(DUPLICATE_ENTRY_CODE);
            expect(e.message).to.contain("Duplicated destination ip port is unsupported.").and.contain("[?]");
        });
        it("refuses an overlapping public range (treated as a conflict, rules §3 [?])", () => {
            const m = bound();
            m.createForwardEntry("d1", entry({ externalPort: "80/90", internalPort: "80/90" }));
            expect(
                refusal(() => m.createForwardEntry("d2", entry({ id: "fwd-2", externalPort: "85", internalIp: "192.168.0.11" }))).code,
            ).to.equal(DUPLICATE_ENTRY_CODE);
        });
        it("refuses a duplicate (InternalIp, InternalPort, IpProtocol)", () => {
            const m = bound();
            m.createForwardEntry("d1", entry());
            const e = refusal(() => m.createForwardEntry("d2", entry({ id: "fwd-2", externalIp: "203.0.113.2" })));
            expect(e.message).to.contain("192.168.0.10:80/tcp is already the target");
        });
        it("refuses a second entry on an IP-mapped EIP (rules §3)", () => {
            const m = bound();
            m.createForwardEntry("d1", entry({ protocol: "any", externalPort: "any", internalPort: "any" }));
            expect(refusal(() => m.createForwardEntry("d2", entry({ id: "fwd-2", internalIp: "192.168.0.11" }))).message).to.contain(
                "IP-mapping",
            );
        });
        it("refuses IP mapping on an SNAT address with Forbidden.ExternalIp.UsedInSnatTable", () => {
            const m = new CloudModel(
                inventory({
                    natGateways: [{ id: "ngw-snat", vpcId: "vpc-a", snatIps: ["198.51.100.8"] }],
                    eips: [{ allocationId: "eip-s", ipAddress: "198.51.100.8", boundTo: "ngw-snat" }],
                }),
            );
            const e = refusal(() =>
                m.createForwardEntry(
                    "d",
                    entry({ tableId: "ftb-snat", externalIp: "198.51.100.8", protocol: "any", externalPort: "any", internalPort: "any" }),
                ),
            );
            expect(e.code).to.equal("Forbidden.ExternalIp.UsedInSnatTable");
        });
        it("refuses the third entry in a table with quota 2 with QuotaExceeded [L]", () => {
            const m = bound();
            m.createForwardEntry("d1", entry());
            m.createForwardEntry("d2", entry({ id: "fwd-2", externalPort: "81", internalPort: "81" }));
            const e = refusal(() => m.createForwardEntry("d3", entry({ id: "fwd-3", externalPort: "82", internalPort: "82" })));
            expect(e.code).to.equal("QuotaExceeded");
            expect(e.message).to.contain("2 of 2");
        });
        it("refuses protocol Any with numeric ports, an unknown protocol, and ranges of different lengths", () => {
            const m = bound();
            expect(refusal(() => m.createForwardEntry("d", entry({ protocol: "any" }))).code).to.equal("InvalidExternalPort.Malformed");
            expect(refusal(() => m.createForwardEntry("d", entry({ protocol: "icmp" }))).code).to.equal(
                "InvalidProtocal.ValueNotSupported",
            );
            expect(refusal(() => m.createForwardEntry("d", entry({ externalPort: "80/90", internalPort: "80/85" }))).code).to.equal(
                "InvalidInternalPort.Malformed",
            );
        });
    });

    describe("delete order (rules §2, §1.2, §1.5, §1.12, §1.13, §1.14)", () => {
        function full(): CloudModel {
            const m = model();
            m.addPlanIp("join1", "cbwp-p", "eip-e1");
            m.associateEip("bind1", "eip-e1", NAT, "Nat");
            m.createForwardEntry("dnat1", entry());
            return m;
        }
        it("accepts the reverse of create: entry, unbind, leave plan, delete plan and gateway, release", () => {
            const m = full();
            m.deleteForwardEntry("fwd-1");
            m.unassociateEip("eip-e1", NAT);
            m.removePlanIp("cbwp-p", "eip-e1");
            m.deleteBandwidthPlan("cbwp-p");
            m.deleteNatGateway(NAT);
            m.releaseEip("eip-e1");
            expect([m.nats.size, m.plans.size, m.entries.size, m.eips.has("eip-e1")]).to.deep.equal([0, 0, 0, false]);
        });
        it("refuses unbinding an EIP used by a DNAT entry with InvalidIpStatus.HasBeenUsedByForwardEntry", () => {
            const e = refusal(() => full().unassociateEip("eip-e1", NAT));
            expect(e.code).to.equal("InvalidIpStatus.HasBeenUsedByForwardEntry");
            expect(e.blockers).to.deep.equal(["dnat1"]);
            expect(e.message).to.contain("the provider retries this on unbind for 5 minutes");
        });
        it("lets a bound EIP leave the plan with a warning naming EIP_BIND_NATGATEWAY, a rule the reference marks [L] (§1.12)", () => {
            const m = full();
            const advice = m.removePlanIp("cbwp-p", "eip-e1");
            expect(m.eips.get("eip-e1")!.planId).to.equal(undefined);
            expect(advice).to.have.length(1);
            expect(advice[0]).to.contain("EIP_BIND_NATGATEWAY").and.contain("[L]").and.contain("unbind first");
        });
        it("lets a bound EIP join the plan with a warning that service may be interrupted, a rule marked [L] (§2 create step 4)", () => {
            const m = model();
            m.associateEip("bind1", "eip-e1", NAT, "Nat");
            const advice = m.addPlanIp("join1", "cbwp-p", "eip-e1");
            expect(m.eips.get("eip-e1")!.planId).to.equal("cbwp-p");
            expect(advice).to.deep.equal([
                `EIP eip-e1 joins bandwidth plan cbwp-p while bound to ${NAT}: service may be interrupted while it joins (docs/alicloud-rules.md §2 create step 4 [L])`,
            ]);
            expect(model().addPlanIp("join1", "cbwp-p", "eip-e2")).to.deep.equal([]);
        });
        it("refuses deleting a plan with members with OperationFailed.BandwidthPackageNotEmpty", () => {
            expect(refusal(() => full().deleteBandwidthPlan("cbwp-p")).code).to.equal("OperationFailed.BandwidthPackageNotEmpty");
        });
        it("refuses deleting a gateway with DNAT entries, then with EIPs bound (DependencyViolation.EIPS)", () => {
            const m = full();
            expect(refusal(() => m.deleteNatGateway(NAT)).code).to.equal("DependencyViolation.ForwardEntry");
            m.deleteForwardEntry("fwd-1");
            const e = refusal(() => m.deleteNatGateway(NAT));
            expect(e.code).to.equal("DependencyViolation.EIPS");
            expect(e.message).to.contain("There are Eips on specified NatGateway, please unbind it first.");
            expect(e.message).to.contain("the provider retries this on delete for 10 minutes");
            expect(e.blockers).to.deep.equal(["bind1"]);
        });
        it("refuses deleting a protected gateway with InvalidOperation.DeletionProtection", () => {
            const m = new CloudModel(inventory());
            m.createNatGateway("n", {
                id: "ngw-p",
                vpcId: "vpc-a",
                forwardTableId: "ftb-p",
                snatTableId: "stb-p",
                deletionProtection: true,
            });
            expect(refusal(() => m.deleteNatGateway("ngw-p")).code).to.equal("InvalidOperation.DeletionProtection");
        });
        it("refuses releasing a bound EIP with IncorrectEipStatus", () => {
            const e = refusal(() => full().releaseEip("eip-e1"));
            expect(e.code).to.equal("IncorrectEipStatus");
            expect(e.message).to.contain("the provider retries this on release for 9 minutes");
        });
    });
});
