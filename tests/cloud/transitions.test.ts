/**
 * Transitional states of the cloud model (cloud/transitions.ts) with a hand-driven clock: what the API refuses while
 * a resource is Creating, Associating, Unassociating, Pending, Deleting or BINDING (rules §x in each name).
 */
import { expect } from "chai";
import { CloudError } from "../../cloud/model";
import { PLAN_BUSY_CODE } from "../../cloud/bandwidthPlan";
import { entry, NAT, refusal, SECOND, timedModel } from "../support/timedModel";

function code(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        expect(e).to.be.instanceOf(CloudError);
        return (e as CloudError).code;
    }
    return "accepted";
}

describe("cloud model: transitional states", () => {
    it("refuses a binding while the gateway is Creating with IncorrectStatus.NatGateway, and accepts it once Available (rules §1.4, §2 step 2)", () => {
        const { m, clock } = timedModel({ natCreatingMs: 60 * SECOND });
        expect(code(() => m.associateEip("b", "eip-e1", NAT))).to.equal("IncorrectStatus.NatGateway");
        clock.t = 60 * SECOND;
        expect(code(() => m.associateEip("b", "eip-e1", NAT))).to.equal("accepted");
    });

    it("refuses a DNAT entry on an Associating EIP with OperationUnsupported.EipInBinding, which the provider retries (rules §1.6, §2 step 5)", () => {
        const { m, clock } = timedModel({ eipAssociatingMs: 3 * SECOND });
        m.associateEip("b", "eip-e1", NAT);
        expect(m.eips.get("eip-e1")!.status).to.equal("Associating");
        const e = refusal(() => m.createForwardEntry("f", entry(1)));
        expect(e?.code).to.equal("OperationUnsupported.EipInBinding");
        expect(e?.message).to.match(/provider retries this on create/);
        clock.t = 3 * SECOND;
        expect(code(() => m.createForwardEntry("f", entry(1)))).to.equal("accepted");
        expect(m.eips.get("eip-e1")!.status).to.equal("InUse");
    });

    it("refuses a create and a delete while another entry of the table is Pending with IncorretForwardEntryStatus, not retried by the provider (rules §1.6, §1.8)", () => {
        const { m, clock } = timedModel({ entryPendingMs: 3 * SECOND });
        m.associateEip("b", "eip-e1", NAT);
        m.createForwardEntry("f1", entry(1));
        const e = refusal(() => m.createForwardEntry("f2", entry(2)));
        expect(e?.code).to.equal("IncorretForwardEntryStatus");
        expect(e?.message).to.match(/fwd-1 in ftb-t1 is Pending.*does not retry this code on create/);
        expect(code(() => m.deleteForwardEntry("fwd-1"))).to.equal("IncorretForwardEntryStatus");
        clock.t = 3 * SECOND;
        expect(code(() => m.createForwardEntry("f2", entry(2)))).to.equal("accepted");
    });

    it("lets entries be deleted together, only Pending blocks a delete; a Deleting entry still blocks the unbinding (rules §1.8, §1.5)", () => {
        const { m, clock } = timedModel({ entryDeletingMs: 2 * SECOND });
        m.associateEip("b", "eip-e1", NAT);
        m.createForwardEntry("f1", entry(1));
        m.createForwardEntry("f2", entry(2));
        m.deleteForwardEntry("fwd-1");
        expect(code(() => m.deleteForwardEntry("fwd-2"))).to.equal("accepted");
        expect(m.entries.get("fwd-1")!.status).to.equal("Deleting");
        expect(code(() => m.unassociateEip("eip-e1", NAT))).to.equal("InvalidIpStatus.HasBeenUsedByForwardEntry");
        clock.t = 2 * SECOND;
        expect(code(() => m.unassociateEip("eip-e1", NAT))).to.equal("accepted");
    });

    it("keeps an Unassociating EIP on the gateway, so the gateway's deletion is refused until it is Available (rules §1.5, §1.2)", () => {
        const { m, clock } = timedModel({ eipUnassociatingMs: 3 * SECOND });
        m.associateEip("b", "eip-e1", NAT);
        m.unassociateEip("eip-e1", NAT);
        expect(m.eips.get("eip-e1")!.status).to.equal("Unassociating");
        expect(code(() => m.deleteNatGateway(NAT))).to.equal("DependencyViolation.EIPS");
        clock.t = 3 * SECOND;
        expect(code(() => m.deleteNatGateway(NAT))).to.equal("accepted");
    });

    it("refuses a second join while the plan is BINDING, and the plan's deletion with OperationFailed.AddIpTaskInProcessing (rules §1.11, §1.13)", () => {
        const { m, clock } = timedModel({ planBindingMs: 2 * SECOND });
        m.addPlanIp("j1", "cbwp-p", "eip-e1");
        expect(code(() => m.addPlanIp("j2", "cbwp-p", "eip-e2"))).to.equal(PLAN_BUSY_CODE);
        expect(code(() => m.deleteBandwidthPlan("cbwp-p", true))).to.equal("OperationFailed.AddIpTaskInProcessing");
        clock.t = 2 * SECOND;
        expect(code(() => m.addPlanIp("j2", "cbwp-p", "eip-e2"))).to.equal("accepted");
    });

    it("completes every operation at once without durations, as the offline plan needs", () => {
        const { m } = timedModel({});
        m.associateEip("b", "eip-e1", NAT);
        m.createForwardEntry("f1", entry(1));
        expect(code(() => m.createForwardEntry("f2", entry(2)))).to.equal("accepted");
        expect(m.eips.get("eip-e1")!.status).to.equal("InUse");
        expect(m.entries.get("fwd-1")!.status).to.equal(undefined);
    });
});
