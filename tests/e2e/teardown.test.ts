/** The e2e's destroy check: the calls a forced teardown makes, and the teardown a stack config asks for. */
import { expect } from "chai";
import * as path from "path";
import { updatedConfig } from "../../e2e/lifecycle";
import { e2eConfig, PROJECT, readConfigFile } from "../../e2e/stack";
import { expectedTeardown, teardownProblems } from "../../e2e/verify";
import type { LogEntry } from "../../emulator/emulator";

let seq = 0;
const req = (action: string, params: Record<string, string> = {}, status = 200): LogEntry => ({
    seq: ++seq,
    at: "",
    action,
    params,
    status,
});
const both = { forceGateway: true, forcePlan: true, reasons: [] };

describe("e2e destroy check (components/teardown.ts)", () => {
    it("accepts the gateway's and the plan's forced deletions and the releases, nothing one by one", () => {
        const log = [
            req("DeleteNatGateway", { NatGatewayId: "ngw-1", Force: "true" }),
            req("DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1", Force: "true" }, 400),
            req("DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1", Force: "true" }),
            req("ReleaseEipAddress", { AllocationId: "eip-1" }),
        ];
        expect(teardownProblems(log, both)).to.deep.equal([]);
    });

    it("names every deletion that went one by one, and a deletion sent without Force", () => {
        const log = [
            req("DeleteForwardEntry"),
            req("UnassociateEipAddress"),
            req("DeleteNatGateway", { NatGatewayId: "ngw-1" }),
            req("RemoveCommonBandwidthPackageIp"),
            req("DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1", Force: "true" }),
        ];
        expect(teardownProblems(log, both)).to.deep.equal([
            "destroy made 0 forced DeleteNatGateway call(s), expected 1 (the gateway's forced deletion)",
            "destroy made 1 DeleteForwardEntry call(s), expected none (the entries go with the gateway)",
            "destroy made 1 UnassociateEipAddress call(s), expected none (the gateway's deletion unbinds)",
            "destroy made 1 RemoveCommonBandwidthPackageIp call(s), expected none (the EIPs go with the plan)",
        ]);
        expect(teardownProblems(log, { forceGateway: false, forcePlan: false, reasons: ["x"] })).to.deep.equal([]);
    });

    it("the prod stack deploys protected (one by one) and the update lifts protection, so its destroy is forced", () => {
        const prod = e2eConfig(readConfigFile(path.join(__dirname, "..", "..", "Pulumi.prod.yaml")));
        expect(expectedTeardown(prod, PROJECT)).to.deep.include({ forceGateway: false, forcePlan: false });
        expect(expectedTeardown(updatedConfig(prod), PROJECT)).to.deep.equal(both);
    });
});
