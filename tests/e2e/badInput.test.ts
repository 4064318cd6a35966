/**
 * How the e2e judges a refused update: the config key and the rules section named, no stack trace, nothing written.
 */
import { expect } from "chai";
import { refusalProblems, withPerEipCap } from "../../e2e/badInput";

const KEY = "shared-bandwidth-gateway:eips.a.maxMbps";
const REFUSAL = `error: ${KEY}: not supported: ... (docs/alicloud-rules.md §1.16) (got 100)`;

describe("e2e: a refused per-EIP cap", () => {
    it("adds the cap to the first EIP by key order and names its config key", () => {
        const { config, key } = withPerEipCap({ "shared-bandwidth-gateway:eips": { b: {}, a: { name: "x" } } });
        expect(key).to.equal(KEY);
        expect(config["shared-bandwidth-gateway:eips"]).to.deep.equal({ b: {}, a: { name: "x", maxMbps: 100 } });
    });

    it("accepts a refusal naming the key with only look-ups sent", () => {
        expect(refusalProblems(REFUSAL, KEY, [{ action: "DescribeNatGateways" }, { action: "ListTagResources" }])).to.deep.equal([]);
    });

    it("flags a refusal without the key, a stack trace, and any write request", () => {
        const problems = refusalProblems("error: something\n    at Object.<anonymous> (/x/index.ts:3:9)", KEY, [
            { action: "DescribeEipAddresses" },
            { action: "AllocateEipAddress" },
        ]);
        expect(problems).to.have.length(3);
        expect(problems[0]).to.contain(`does not name ${KEY}`);
        expect(problems[1]).to.equal("the refusal prints a stack trace");
        expect(problems[2]).to.equal("the refused update still sent AllocateEipAddress");
    });
});
