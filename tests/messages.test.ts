/** The messages a newcomer sees for bad input, from the component's validation and from the program's stack config. */
import { expect } from "chai";
import { SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";
import { readStackConfig } from "../offline/stackFile";
import { baseArgs, PROJECT, runIndex, stackFiles } from "./support/run";

/** The problems of `baseArgs()` after `mutate`, as `path: reason` lines. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests write wrong shapes on purpose
type Loose = Record<string, any>;

function problemsOf(mutate: (a: Loose) => void): string[] {
    const a = baseArgs() as unknown as Loose;
    mutate(a);
    return validateGatewayArgs("gw", a as SharedBandwidthGatewayArgs).problems.map((p) => `${p.propertyPath}: ${p.reason}`);
}

describe("messages a newcomer can act on", () => {
    it("an unknown property suggests the nearest known one", () => {
        expect(problemsOf((a) => (a.rules.web.intenalPort = a.rules.web.internalPort))).to.deep.equal([
            'rules.web.intenalPort: unknown property "intenalPort"; did you mean "internalPort"?',
        ]);
    });

    it("an unknown property with nothing close lists the known ones", () => {
        expect(problemsOf((a) => (a.natGateway.colour = "blue"))).to.deep.equal([
            'natGateway.colour: unknown property "colour"; known properties: mode, id, vswitchId, name, description, deletionProtection, eipBindMode, paymentType, internetChargeType, specification',
        ]);
    });

    it("a per-EIP cap (eips.<key>.maxMbps) is refused with the reason: the cloud caps EIPs of ECS instances only (rules §1.16)", () => {
        const [problem] = problemsOf((a) => (a.eips[Object.keys(a.eips)[0]].maxMbps = 800));
        expect(problem).to.match(
            /^eips\.\w+\.maxMbps: not supported: Alibaba Cloud caps an EIP inside a bandwidth plan only when the EIP is bound to an ECS instance/,
        );
        expect(problem)
            .to.contain("docs/alicloud-rules.md §1.16")
            .and.match(/\(got 800\)$/);
        expect(problemsOf((a) => (a.bandwidthPlan.capAtPeak = true))[0]).to.match(
            /^bandwidthPlan\.capAtPeak: not supported: .* \(got true\)$/,
        );
    });

    it("a missing required property says required", () => {
        expect(problemsOf((a) => delete a.rules.web.internalIp)).to.deep.equal(["rules.web.internalIp: is required: a string"]);
    });

    it("a list where a keyed map belongs says what shape is expected, with an example", () => {
        expect(problemsOf((a) => (a.eips = ["a", "b"]))).to.deep.equal([
            'eips: must be a map keyed by EIP name, e.g. eips: { web: {}, api: {} } (got ["a","b"])',
        ]);
    });

    it("a fractional integer says must be an integer", () => {
        expect(problemsOf((a) => (a.maxParallelWrites = 1.5))).to.deep.equal(["maxParallelWrites: must be an integer (got 1.5)"]);
    });

    it("a refused plan charge type suggests only what the account's site sells", () => {
        const china = problemsOf((a) =>
            Object.assign(a, { accountSite: "china", bandwidthPlan: { bandwidthMbps: 100, internetChargeType: "PayByLcu" } }),
        );
        expect(china).to.deep.equal([
            'bandwidthPlan.internetChargeType: "PayByLcu" is not a bandwidth plan charge type; the china site sells PayByBandwidth, PayBy95, PayByDominantTraffic',
        ]);
        const intl = problemsOf((a) => (a.bandwidthPlan.internetChargeType = "PayByLcu"));
        expect(intl).to.deep.equal([
            'bandwidthPlan.internetChargeType: "PayByLcu" is not a bandwidth plan charge type; the international site sells PayByTraffic',
        ]);
    });

    it("maxParallelWrites: four in a stack file says must be an integer, naming the config key", async () => {
        const config = readStackConfig(stackFiles().dev, PROJECT);
        config[`${PROJECT}:maxParallelWrites`] = "four";
        const run = runIndex("dev", config);
        const error = await run.then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.contain(`${PROJECT}:maxParallelWrites: must be an integer (got "four")`);
    });
});
