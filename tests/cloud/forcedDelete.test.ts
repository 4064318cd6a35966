/**
 * The forced deletions of the cloud model: DeleteNatGateway with Force=true (rules §1.2) and
 * DeleteCommonBandwidthPackage with Force="true" (rules §1.13), and what ReleaseEipAddress says of an EIP still in a
 * plan (rules §1.14 [?]).
 */
import { expect } from "chai";
import { CloudModel, INSTANT, TransitionTimes } from "../../cloud/model";
import { parseInventory } from "../../cloud/inventory";
import { refusal } from "../support/cloud";

const NAT = "ngw-f1";
const FTB = "ftb-f1";

/** A gateway with EIPs e1, e2 joined to a plan, bound, and one DNAT entry each; `times` as the model takes them. */
function deployed(times: Partial<TransitionTimes> = {}, now = () => 0): CloudModel {
    const inventory = parseInventory(
        { account: { site: "china" }, vpcs: [{ id: "vpc-a", cidr: "192.168.0.0/16", vswitchIds: ["vsw-a"] }] },
        "test",
    );
    // Built instantly; the transition times given apply to what the test does next.
    const live: TransitionTimes = { ...INSTANT };
    const m = new CloudModel(inventory, { times: live, now });
    m.createNatGateway("nat", { id: NAT, vpcId: "vpc-a", vswitchId: "vsw-a", forwardTableId: FTB, snatTableId: "stb-f1" });
    m.createBandwidthPlan("plan", { id: "cbwp-f", bandwidth: 100, internetChargeType: "PayByBandwidth", isp: "BGP" });
    for (const n of [1, 2]) {
        m.allocateEip(`eip${n}`, { allocationId: `eip-e${n}`, ipAddress: `203.0.113.${n}`, internetChargeType: "PayByTraffic" });
        m.addPlanIp(`join${n}`, "cbwp-f", `eip-e${n}`);
        m.associateEip(`bind${n}`, `eip-e${n}`, NAT, "Nat");
        m.createForwardEntry(`dnat${n}`, {
            id: `fwd-${n}`,
            tableId: FTB,
            externalIp: `203.0.113.${n}`,
            externalPort: "80",
            internalIp: `192.168.0.${10 + n}`,
            internalPort: "80",
            protocol: "tcp",
        });
    }
    Object.assign(live, times);
    return m;
}

describe("forced deletions (rules §1.2, §1.13)", () => {
    it("DeleteNatGateway with Force=true deletes the gateway's DNAT entries and unbinds its EIPs (rules §1.2)", () => {
        const m = deployed();
        m.deleteNatGateway(NAT, true);
        expect(m.nats.has(NAT)).to.equal(false);
        expect([...m.entries.keys()]).to.deep.equal([]);
        expect([...m.eips.values()].map((e) => [e.allocationId, e.status, e.boundTo, e.planId])).to.deep.equal([
            ["eip-e1", "Available", undefined, "cbwp-f"],
            ["eip-e2", "Available", undefined, "cbwp-f"],
        ]);
    });

    it("without Force, refuses a gateway that still has DNAT entries (DependencyViolation.ForwardEntry, rules §1.2)", () => {
        const e = refusal(() => deployed().deleteNatGateway(NAT));
        expect(e.code).to.equal("DependencyViolation.ForwardEntry");
        expect(e.blockers).to.deep.equal(["dnat1", "dnat2"]);
    });

    it("a forced unbinding goes through Unassociating like UnassociateEipAddress (rules §1.5), so a release waits for it", () => {
        let t = 0;
        const m = deployed({ eipUnassociatingMs: 3000 }, () => t);
        m.deleteNatGateway(NAT, true);
        m.deleteBandwidthPlan("cbwp-f", true);
        expect(m.eips.get("eip-e1")!.status).to.equal("Unassociating");
        expect(refusal(() => m.releaseEip("eip-e1")).code).to.equal("IncorrectEipStatus");
        t = 3000;
        expect(m.releaseEip("eip-e1")).to.deep.equal([]);
        expect(m.eips.has("eip-e1")).to.equal(false);
    });

    it("refuses a forced deletion while a DNAT entry is Pending with IncorrectStatus.ForwardEntry (rules §1.2 errors [L])", () => {
        let t = 0;
        const m = deployed({ entryPendingMs: 3000 }, () => t);
        m.deleteForwardEntry("fwd-2");
        m.createForwardEntry("dnat3", {
            id: "fwd-3",
            tableId: FTB,
            externalIp: "203.0.113.2",
            externalPort: "443",
            internalIp: "192.168.0.13",
            internalPort: "443",
            protocol: "tcp",
        });
        const e = refusal(() => m.deleteNatGateway(NAT, true));
        expect(e.code).to.equal("IncorrectStatus.ForwardEntry");
        expect(e.message).to.contain("fwd-3 Pending");
        expect(e.blockers).to.deep.equal(["dnat3"]);
        t = 3000;
        m.deleteNatGateway(NAT, true);
        expect(m.entries.size).to.equal(0);
    });

    it("deletion protection refuses a forced deletion too (InvalidOperation.DeletionProtection, rules §1.2, §1.13)", () => {
        const m = deployed();
        m.setDeletionProtection(NAT, true);
        m.setDeletionProtection("cbwp-f", true);
        expect(refusal(() => m.deleteNatGateway(NAT, true)).code).to.equal("InvalidOperation.DeletionProtection");
        expect(refusal(() => m.deleteBandwidthPlan("cbwp-f", true)).code).to.equal("InvalidOperation.DeletionProtection");
        expect(m.entries.size).to.equal(2);
    });

    it("DeleteCommonBandwidthPackage with Force removes every EIP from the plan first (rules §1.13)", () => {
        const m = deployed();
        m.deleteNatGateway(NAT, true);
        expect(m.deleteBandwidthPlan("cbwp-f", true)).to.deep.equal([]);
        expect(m.plans.has("cbwp-f")).to.equal(false);
        expect([...m.eips.values()].map((e) => e.planId)).to.deep.equal([undefined, undefined]);
    });

    it("without Force, refuses a plan that still holds EIPs (OperationFailed.BandwidthPackageNotEmpty, rules §1.13)", () => {
        const m = deployed();
        m.deleteNatGateway(NAT, true);
        const e = refusal(() => m.deleteBandwidthPlan("cbwp-f"));
        expect(e.code).to.equal("OperationFailed.BandwidthPackageNotEmpty");
        expect(e.blockers).to.deep.equal(["join1", "join2"]);
    });

    it("a forced plan deletion of EIPs still bound to the gateway warns of EIP_BIND_NATGATEWAY, a rule marked [L] (rules §1.12)", () => {
        const advice = deployed().deleteBandwidthPlan("cbwp-f", true);
        expect(advice).to.have.length(2);
        expect(advice[0])
            .to.contain("removes EIP eip-e1 while it is bound to ngw-f1")
            .and.contain("EIP_BIND_NATGATEWAY")
            .and.contain("[L]");
    });

    it("releasing an EIP still in a plan is not refused (no code documented, rules §1.14 [?]) but warns", () => {
        const m = deployed();
        m.deleteNatGateway(NAT, true);
        const advice = m.releaseEip("eip-e1");
        expect(m.eips.has("eip-e1")).to.equal(false);
        expect(advice).to.deep.equal([
            "EIP eip-e1 is released while still in bandwidth plan cbwp-f: the API documents no refusal for this (docs/alicloud-rules.md §1.14 [?]), but the stack releases an EIP only after it left its plan (§2 delete step 6)",
        ]);
    });
});
