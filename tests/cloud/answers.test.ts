/**
 * The cloud model's answers where the reference is silent (cloud/answers.ts), each as a variant gives it
 * (emulator/variants.ts), with a hand-driven clock: the code of each refusal and whether the provider retries it
 * (docs/alicloud-rules.md §9).
 */
import { expect } from "chai";
import { CloudError, CloudModel, SilentAnswers } from "../../cloud/model";
import { entry, NAT, refusal as thrown, SECOND, timedModel } from "../support/timedModel";

const model = (answers: Partial<SilentAnswers>, times: Partial<CloudModel["times"]>) => timedModel(times, answers);

/** The refusal, checked to be the model's own. */
function refusal(fn: () => unknown): CloudError | undefined {
    const e = thrown(fn);
    if (e !== undefined) {
        expect(e).to.be.instanceOf(CloudError);
    }
    return e;
}

describe("cloud model: answers where the reference is silent", () => {
    it("dnat-operation-conflict: a create or delete beside a Pending entry gets OperationConflict, retried on create and delete, not on modify (#5600)", () => {
        const { m, clock } = model({ tableBusyCode: "OperationConflict" }, { entryPendingMs: 3 * SECOND });
        m.associateEip("b", "eip-e1", NAT);
        m.createForwardEntry("f1", entry(1));
        const create = refusal(() => m.createForwardEntry("f2", entry(2)));
        expect(create?.code).to.equal("OperationConflict");
        expect(create?.message).to.match(
            /too frequent, please try again later\. \(fwd-1 in ftb-t1 is Pending\); the provider retries this on create/,
        );
        expect(refusal(() => m.deleteForwardEntry("fwd-1"))?.message).to.match(/provider retries this on delete/);
        expect(refusal(() => m.modifyForwardEntry({ ...entry(1), internalPort: "81" }))?.message).to.match(
            /^OperationConflict: .*the provider does not retry this code on update/,
        );
        clock.t = 3 * SECOND;
        expect(refusal(() => m.createForwardEntry("f2", entry(2)))).to.equal(undefined);
    });

    it("deleting-blocks-table: a Deleting entry refuses the next create with IncorretForwardEntryStatus; by default it does not", () => {
        for (const [deletingBlocksTable, expected] of [
            [true, "IncorretForwardEntryStatus"],
            [false, undefined],
        ] as const) {
            const { m } = model({ deletingBlocksTable }, { entryDeletingMs: 2 * SECOND });
            m.associateEip("b", "eip-e1", NAT);
            m.createForwardEntry("f1", entry(1));
            m.deleteForwardEntry("fwd-1");
            const e = refusal(() => m.createForwardEntry("f2", entry(2)));
            expect(e?.code, `deletingBlocksTable ${deletingBlocksTable}`).to.equal(expected);
            if (e) {
                expect(e.message).to.match(/fwd-1 in ftb-t1 is Deleting.*does not retry this code on create/);
            }
        }
    });

    it("plan-lock-distlock: a second join while the plan is BINDING gets OperationFailed.DistibuteLock, said not to be retried", () => {
        const { m, clock } = model({ planBusyCode: "OperationFailed.DistibuteLock" }, { planBindingMs: 2 * SECOND });
        m.addPlanIp("j1", "cbwp-p", "eip-e1");
        const e = refusal(() => m.addPlanIp("j2", "cbwp-p", "eip-e2"));
        expect(e?.code).to.equal("OperationFailed.DistibuteLock");
        expect(e?.message).to.match(/is BINDING eip-e1.*the provider does not retry this code on join/);
        expect(refusal(() => m.removePlanIp("cbwp-p", "eip-e1"))?.code).to.equal("OperationFailed.DistibuteLock");
        clock.t = 2 * SECOND;
        expect(refusal(() => m.addPlanIp("j2", "cbwp-p", "eip-e2"))).to.equal(undefined);
    });

    it("gateway-one-binding: a second binding or an unbinding while another EIP of the gateway is Associating gets TaskConflict, retried", () => {
        const { m, clock } = model({ gatewayOneBindingAtATime: true }, { eipAssociatingMs: 3 * SECOND });
        m.associateEip("b1", "eip-e1", NAT);
        const e = refusal(() => m.associateEip("b2", "eip-e2", NAT));
        expect(e?.code).to.equal("TaskConflict");
        expect(e?.message).to.match(/eip-e1 on ngw-t1 is Associating.*provider retries this on bind/);
        clock.t = 3 * SECOND;
        m.associateEip("b2", "eip-e2", NAT);
        expect(refusal(() => m.unassociateEip("eip-e1", NAT))?.code).to.equal("TaskConflict");
        const free = model({}, { eipAssociatingMs: 3 * SECOND }).m;
        free.associateEip("b1", "eip-e1", NAT);
        expect(refusal(() => free.associateEip("b2", "eip-e2", NAT))).to.equal(undefined);
    });

    it("leave-needs-unbind: an EIP bound to the gateway cannot leave its plan (EIP_BIND_NATGATEWAY); once unbound it can", () => {
        const { m } = model({ leaveWhileBound: false }, {});
        m.addPlanIp("j1", "cbwp-p", "eip-e1");
        m.associateEip("b1", "eip-e1", NAT);
        const e = refusal(() => m.removePlanIp("cbwp-p", "eip-e1"));
        expect(e?.code).to.equal("EIP_BIND_NATGATEWAY");
        expect(e?.blockers).to.deep.equal(["b1"]);
        m.unassociateEip("eip-e1", NAT);
        expect(refusal(() => m.removePlanIp("cbwp-p", "eip-e1"))).to.equal(undefined);
    });

    it("leave-needs-unbind: a forced plan deletion is refused while an EIP is still Unassociating from the gateway's forced deletion; once unbound it goes (rules §9.7)", () => {
        const { m, clock } = model({ leaveWhileBound: false }, { eipUnassociatingMs: 3 * SECOND });
        m.addPlanIp("j1", "cbwp-p", "eip-e1");
        m.associateEip("b1", "eip-e1", NAT);
        m.deleteNatGateway(NAT, true);
        const e = refusal(() => m.deleteBandwidthPlan("cbwp-p", true));
        expect(e?.code).to.equal("EIP_BIND_NATGATEWAY");
        expect(e?.message).to.match(
            /eip-e1 is bound to ngw-t1, still Unassociating; unbind it before it leaves with the forced deletion of cbwp-p/,
        );
        expect(m.plans.has("cbwp-p")).to.equal(true);
        clock.t = 3 * SECOND;
        expect(refusal(() => m.deleteBandwidthPlan("cbwp-p", true))).to.equal(undefined);
        const lenient = model({}, { eipUnassociatingMs: 3 * SECOND }).m;
        lenient.addPlanIp("j1", "cbwp-p", "eip-e1");
        lenient.associateEip("b1", "eip-e1", NAT);
        expect(lenient.deleteBandwidthPlan("cbwp-p", true)[0]).to.match(/may refuse this with EIP_BIND_NATGATEWAY/);
    });

    it("keeps the answers in a clone", () => {
        const { m } = model({ planBusyCode: "OperationFailed.DistibuteLock" }, {});
        expect(m.clone().answers.planBusyCode).to.equal("OperationFailed.DistibuteLock");
    });
});
