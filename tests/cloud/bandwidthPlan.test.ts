/**
 * The per-EIP maximum inside a bandwidth plan (rules §1.16), called on the cloud model directly.
 */
import { expect } from "chai";
import { parseInventory } from "../../cloud/inventory";
import { CloudModel } from "../../cloud/model";
import { refusal } from "../support/cloud";

/** A plan of 150 Mbit/s with two members: eip-free (unbound) and eip-nat (bound to a NAT gateway). */
function planWithMembers(): CloudModel {
    const m = new CloudModel(parseInventory({ account: { site: "china" } }, "test"));
    m.createNatGateway("nat", { id: "ngw-1", vpcId: "vpc-a", forwardTableId: "ftb-1", snatTableId: "stb-1" });
    m.createBandwidthPlan("plan", { id: "cbwp-1", bandwidth: 150, internetChargeType: "PayByBandwidth", isp: "BGP" });
    for (const [id, ip] of [
        ["eip-free", "127.0.10.1"],
        ["eip-nat", "127.0.10.2"],
    ]) {
        m.allocateEip(id, { allocationId: id, ipAddress: ip, internetChargeType: "PayByTraffic", isp: "BGP" });
        m.addPlanIp(id, "cbwp-1", id);
    }
    m.associateEip("bind", "eip-nat", "ngw-1", "Nat");
    return m;
}

describe("cloud model: per-EIP maximum in a bandwidth plan (rules §1.16)", () => {
    it("sets and cancels the maximum of a member that is not bound to a NAT gateway", () => {
        const m = planWithMembers();
        m.setPlanIpCap("cbwp-1", "eip-free", 100);
        expect(m.eips.get("eip-free")?.planCapMbps).to.equal(100);
        m.setPlanIpCap("cbwp-1", "eip-free", undefined);
        expect(m.eips.get("eip-free")?.planCapMbps).to.equal(undefined);
    });

    it("refuses an EIP bound to a NAT gateway: the API supports the maximum for EIPs on ECS instances only", () => {
        const e = refusal(() => planWithMembers().setPlanIpCap("cbwp-1", "eip-nat", 100));
        expect(e.code).to.equal("(undocumented)");
        expect(e.message).to.contain("eip-nat is bound to NAT gateway ngw-1").and.contain("ECS instances").and.contain("§1.16");
    });

    it("refuses a maximum above the plan's bandwidth, or not a whole number of Mbit/s", () => {
        const m = planWithMembers();
        expect(refusal(() => m.setPlanIpCap("cbwp-1", "eip-free", 151)).message).to.contain("from 1 to the plan's 150 Mbit/s");
        expect(refusal(() => m.setPlanIpCap("cbwp-1", "eip-free", 0.5)).message).to.contain("0.5");
    });

    it("refuses an EIP outside the plan, and a missing plan with InvalidBandwidthPackageId.NotFound", () => {
        const m = planWithMembers();
        m.allocateEip("x", { allocationId: "eip-out", ipAddress: "127.0.10.3", internetChargeType: "PayByTraffic", isp: "BGP" });
        expect(refusal(() => m.setPlanIpCap("cbwp-1", "eip-out", 10)).message).to.contain("eip-out is not in bandwidth plan cbwp-1");
        expect(refusal(() => m.setPlanIpCap("cbwp-none", "eip-free", 10)).code).to.equal("InvalidBandwidthPackageId.NotFound");
    });

    it("forgets the maximum when the EIP leaves the plan (rules §1.12: its own bandwidth returns)", () => {
        const m = planWithMembers();
        m.setPlanIpCap("cbwp-1", "eip-free", 100);
        m.removePlanIp("cbwp-1", "eip-free");
        m.addPlanIp("again", "cbwp-1", "eip-free");
        expect(m.eips.get("eip-free")?.planCapMbps).to.equal(undefined);
    });
});
