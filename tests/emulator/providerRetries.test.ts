/**
 * What the provider does with a refusal (emulator/providerRetries.ts, terraform-provider-alicloud v1.285.0 retry
 * lists and errors.go matching): the variants' refusals are judged by it.
 */
import { expect } from "chai";
import { providerOutcome, RETRIES_OPERATION_CONFLICT } from "../../emulator/providerRetries";

describe("emulator: the provider's retries", () => {
    it("fails a create on IncorretForwardEntryStatus but retries it on modify; retries OperationConflict on create and delete, not modify", () => {
        const r = (action: string, code: string, status = 400) => providerOutcome({ action, status, code });
        expect(r("CreateForwardEntry", "IncorretForwardEntryStatus")).to.equal("fails");
        expect(r("ModifyForwardEntry", "IncorretForwardEntryStatus")).to.equal("retried");
        expect(r("CreateForwardEntry", "OperationConflict", 409)).to.equal("retried");
        expect(r("DeleteForwardEntry", "OperationConflict", 409)).to.equal("retried");
        expect(r("ModifyForwardEntry", "OperationConflict", 409)).to.equal("fails");
    });

    it("retries TaskConflict on a join and a leave but not OperationFailed.DistibuteLock; fails EIP_BIND_NATGATEWAY on a leave", () => {
        expect(providerOutcome({ action: "AddCommonBandwidthPackageIp", status: 400, code: "TaskConflict" })).to.equal("retried");
        expect(providerOutcome({ action: "RemoveCommonBandwidthPackageIp", status: 400, code: "TaskConflict" })).to.equal("retried");
        expect(providerOutcome({ action: "AddCommonBandwidthPackageIp", status: 400, code: "OperationFailed.DistibuteLock" })).to.equal(
            "fails",
        );
        expect(providerOutcome({ action: "RemoveCommonBandwidthPackageIp", status: 400, code: "EIP_BIND_NATGATEWAY" })).to.equal("fails");
    });

    it("takes a not-found leave or delete as done, and retries throttling and 5xx on any write", () => {
        expect(
            providerOutcome({ action: "RemoveCommonBandwidthPackageIp", status: 400, code: "OperationUnsupported.IpNotInCbwp" }),
        ).to.equal("success");
        expect(providerOutcome({ action: "DeleteForwardEntry", status: 404, code: "InvalidForwardEntryId.NotFound" })).to.equal("success");
        expect(providerOutcome({ action: "AssociateEipAddress", status: 404, code: "InvalidAllocationId.NotFound" })).to.equal("fails");
        expect(providerOutcome({ action: "AuthorizeSecurityGroup", status: 400, code: "Throttling.User" })).to.equal("retried");
        expect(providerOutcome({ action: "AuthorizeSecurityGroup", status: 503, code: "ServiceUnavailable" })).to.equal("retried");
        expect(providerOutcome({ action: "AuthorizeSecurityGroup", status: 500, code: "InternalError" })).to.equal("retried");
    });

    it("matches as errors.go does: a list entry starting with the code, or the answer containing an entry", () => {
        // "IncorrectStatus" is a prefix of the listed "IncorrectStatus.NatGateway"; any code is retried when its message names a listed one.
        expect(providerOutcome({ action: "CreateNatGateway", status: 400, code: "IncorrectStatus" })).to.equal("retried");
        expect(providerOutcome({ action: "CreateForwardEntry", status: 400, code: "Busy", message: "see TaskConflict" })).to.equal(
            "retried",
        );
        expect(providerOutcome({ action: "CreateForwardEntry", status: 400, code: "Busy", message: "try later" })).to.equal("fails");
    });

    it("injects OperationConflict only on writes whose retry list names it", () => {
        expect(RETRIES_OPERATION_CONFLICT.has("CreateForwardEntry")).to.equal(true);
        expect(RETRIES_OPERATION_CONFLICT.has("AddCommonBandwidthPackageIp")).to.equal(true);
        expect(RETRIES_OPERATION_CONFLICT.has("ModifyForwardEntry")).to.equal(false);
        expect(RETRIES_OPERATION_CONFLICT.has("DescribeForwardTableEntries")).to.equal(false);
    });
});
