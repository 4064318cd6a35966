/**
 * The emulator builds an error answer from the model's refusal fields (cloud/errors.ts): the HTTP status and Code the
 * API sends, and the API's Message without the model's note or its docs/alicloud-rules.md citation, which only the
 * offline plan prints.
 */
import { expect } from "chai";
import { CloudError, noted } from "../../cloud/model";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, deployed, testAccount, VPC, VSW, webEntry } from "../support/emulator";

describe("CloudError: code, HTTP status, API message and citation as fields", () => {
    it("words message as before (<code>: <text> (docs/alicloud-rules.md §x)) and keeps the API's Message apart", () => {
        const e = new CloudError("InvalidIp.NotInNatgw", noted("The specified Ip not belong to natgateway.", "; retried"), "§1.6, §2");
        expect(e.message).to.equal(
            "InvalidIp.NotInNatgw: The specified Ip not belong to natgateway.; retried (docs/alicloud-rules.md §1.6, §2)",
        );
        expect([e.code, e.httpStatus, e.apiMessage, e.citation]).to.deep.equal([
            "InvalidIp.NotInNatgw",
            400,
            "The specified Ip not belong to natgateway.",
            "docs/alicloud-rules.md §1.6, §2",
        ]);
    });

    it("answers 404 for a NotFound code, 409 for OperationConflict (rules §1.15), 400 otherwise", () => {
        const status = (code: string) => new CloudError(code, "m", "§1").httpStatus;
        expect(["InvalidAllocationId.NotFound", "OperationConflict", "IncorrectEipStatus"].map(status)).to.deep.equal([404, 409, 400]);
    });
});

describe("emulator error answers carry no docs/alicloud-rules.md citation", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    it("answers model refusals (not found, duplicate entry, unbound IP, busy gateway, protection) with their code and a bare Message", async () => {
        const d = await deployed(emu, 2);
        const other = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW })).body.NatGatewayId as string;
        await call(emu, "CreateForwardEntry", webEntry(d));
        const answers = [
            await call(emu, "ReleaseEipAddress", { AllocationId: "eip-missing" }),
            await call(emu, "CreateForwardEntry", webEntry(d)),
            await call(emu, "CreateForwardEntry", webEntry(d, { ExternalPort: "81", InternalPort: "80" })),
            await call(emu, "CreateForwardEntry", webEntry(d, { ForwardTableId: `ftb-${other.slice(4)}` })),
            await call(emu, "DeleteNatGateway", { NatGatewayId: d.nat.NatGatewayId }),
            await call(emu, "UnassociateEipAddress", { AllocationId: d.eips[0].AllocationId, InstanceId: d.nat.NatGatewayId }),
        ];
        expect(answers.map((a) => [a.status, a.body.Code])).to.deep.equal([
            [404, "InvalidAllocationId.NotFound"],
            [400, "OperationUnsupported.ForwardEntry"],
            [400, "OperationUnsupported.ForwardEntry"],
            [400, "InvalidIp.NotInNatgw"],
            [400, "DependencyViolation.ForwardEntry"],
            [400, "InvalidIpStatus.HasBeenUsedByForwardEntry"],
        ]);
        expect(answers[1].body.Message).to.match(/^Duplicated destination ip port is unsupported\. \(.* overlaps 80\/tcp\)$/);
        for (const a of answers) {
            expect(a.body.Message, a.body.Code).to.be.a("string").and.not.contain("docs/alicloud-rules.md").and.not.contain("retries");
        }
    });

    it("logs no error Message with the citation across every refusal of a session", async () => {
        const d = await deployed(emu);
        await call(emu, "DeleteCommonBandwidthPackage", { BandwidthPackageId: d.plan.BandwidthPackageId });
        await call(emu, "DeleteNatGateway", { NatGatewayId: d.nat.NatGatewayId });
        await call(
            emu,
            "AssociateEipAddress",
            { InstanceType: "Nat" },
            { AllocationId: d.eips[0].AllocationId, InstanceId: d.nat.NatGatewayId },
        );
        await call(emu, "AllocateEipAddress", { Bandwidth: "abc" });
        const refused = emu.log().filter((l) => l.status >= 400);
        expect(refused.map((l) => l.code)).to.deep.equal([
            "OperationFailed.BandwidthPackageNotEmpty",
            "DependencyViolation.EIPS",
            "InvalidAssociation.Duplicated",
            "InvalidBandwidth.Malformed",
        ]);
        expect(refused.filter((l) => l.message?.includes("docs/alicloud-rules.md"))).to.deep.equal([]);
    });

    it("refuses to release an EIP with deletion protection on (rules §1.14), the model holding the flag, and releases it once off", async () => {
        const eip = (await call(emu, "AllocateEipAddress", {})).body.AllocationId as string;
        await call(emu, "DeletionProtection", { InstanceId: eip, ProtectionEnable: "true", Type: "EIP" });
        expect(emu.state().eips[0].DeletionProtection).to.equal(true);
        const r = await call(emu, "ReleaseEipAddress", { AllocationId: eip });
        expect([r.status, r.body.Code, r.body.Message]).to.deep.equal([
            400,
            "InvalidOperation.DeletionProtection",
            `Deletion protection is on for ${eip}.`,
        ]);
        await call(emu, "DeletionProtection", { InstanceId: eip, ProtectionEnable: "false", Type: "EIP" });
        expect((await call(emu, "ReleaseEipAddress", { AllocationId: eip })).status).to.equal(200);
        expect(emu.state().eips).to.deep.equal([]);
    });
});
