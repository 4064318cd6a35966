/** bandwidthPlan sizing: a number of Mbit/s, or autoSize from the applications' demand profiles (never both). */
import { expect } from "chai";
import { SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";

function args(plan: Record<string, unknown>, withApplications = true): SharedBandwidthGatewayArgs {
    return {
        vpcId: "vpc-test",
        vpcCidr: "192.168.0.0/16",
        accountSite: "china",
        natGateway: { vswitchId: "vsw-test" },
        eips: { a: {}, b: {} },
        rules: {
            "a-http": { eip: "a", protocol: "tcp", externalPort: "80", internalIp: "192.168.0.10" },
        },
        bandwidthPlan: { internetChargeType: "PayByBandwidth", ...plan },
        applications: withApplications
            ? {
                  day: { baselineMbps: 100, peaks: [{ start: "09:00", end: "17:00", mbps: 400 }] },
                  night: { baselineMbps: 100, peaks: [{ start: "20:00", end: "23:00", mbps: 300 }] },
              }
            : undefined,
    };
}

describe("bandwidth plan sizing arguments", () => {
    it("autoSize: true sizes the plan to the coincident peak of the demand profiles", () => {
        const r = validateGatewayArgs("gw", args({ autoSize: true }));
        expect(r.problems).to.deep.equal([]);
        // 09:00-17:00: 400 + 100; 20:00-23:00: 100 + 300. Coincident peak 500, not the 700 sum of peaks.
        expect(r.gateway!.plan).to.include({ bandwidthMbps: 500, sizedBy: "auto" });
    });

    it("a number of Mbit/s is used as given", () => {
        const r = validateGatewayArgs("gw", args({ bandwidthMbps: 600 }));
        expect(r.problems).to.deep.equal([]);
        expect(r.gateway!.plan).to.include({ bandwidthMbps: 600, sizedBy: "configured" });
    });

    it("rejects bandwidthMbps together with autoSize, naming the property and value", () => {
        const r = validateGatewayArgs("gw", args({ autoSize: true, bandwidthMbps: 600 }));
        expect(r.problems).to.deep.equal([
            { propertyPath: "bandwidthPlan.bandwidthMbps", reason: "600: give either bandwidthMbps or autoSize: true, not both" },
        ]);
    });

    it('points a leftover bandwidthMbps: "auto" to autoSize', () => {
        const r = validateGatewayArgs("gw", args({ bandwidthMbps: "auto" }));
        expect(r.problems).to.have.length(1);
        expect(r.problems[0].propertyPath).to.equal("bandwidthPlan.bandwidthMbps");
        expect(r.problems[0].reason).to.match(/^"auto" is not a number of Mbit\/s; .*set autoSize: true/);
    });

    it("requires a size when autoSize is off", () => {
        const r = validateGatewayArgs("gw", args({}));
        expect(r.problems.map((p) => p.propertyPath)).to.deep.equal(["bandwidthPlan.bandwidthMbps"]);
        expect(r.problems[0].reason).to.match(/^is required: a whole number of Mbit\/s, or set autoSize: true/);
    });

    it("autoSize without demand profiles names autoSize", () => {
        const r = validateGatewayArgs("gw", args({ autoSize: true }, false));
        expect(r.problems).to.deep.equal([
            {
                propertyPath: "bandwidthPlan.autoSize",
                reason: "true needs demand profiles in applications; add them or give bandwidthMbps",
            },
        ]);
    });
});
