/** How `npm run e2e` judges a lifecycle under a variant (tools/e2e.ts judge). */
import { expect } from "chai";
import type { LifecycleReport } from "../../e2e/lifecycle";
import { variantRuns } from "../../emulator/variants";
import { judge } from "../../tools/e2e";

function report(failedStep: string | undefined, problem = ""): LifecycleReport {
    const steps = ["preview", "up", "destroy"].map((step) => ({
        step,
        ok: step !== failedStep,
        ms: 1000,
        problems: step === failedStep ? [problem] : [],
    }));
    return { stack: "dev", ok: failedStep === undefined, ms: 3000, steps, requests: {}, refused: {} };
}

describe("e2e: judging a lifecycle under a variant", () => {
    it("passes a survivable variant only when the lifecycle succeeded", () => {
        const [run] = variantRuns("plan-lock-distlock", false);
        expect(judge(run, report(undefined)).asExpected).to.equal(true);
        expect(judge(run, report("up", "boom")).asExpected).to.equal(false);
        expect(judge(run, report(undefined)).variant).to.equal("plan-lock-distlock");
    });

    it("passes eip-bound-after-inuse only when up fails on the provider's read of the new binding", () => {
        const [run] = variantRuns("eip-bound-after-inuse", false);
        const read =
            "[ERROR] terraform-provider-alicloud@v1.285.0/alicloud/resource_alicloud_eip_association.go:138:\n" +
            "[ERROR] terraform-provider-alicloud@v1.285.0/alicloud/service_alicloud_eip_v2.go:327: ResourceNotfound!!! map[…]:\n" +
            "The specified Association eip-uf6yya54ijh5xphho4hsg:ngw-uf6n38bn7jxe0pazvdnag is not found.";
        expect(judge(run, report("up", read))).to.deep.include({ asExpected: true });
        expect(judge(run, report("up", read)).expectedFailure!.seen).to.equal(true);
        expect(judge(run, report("destroy", read)).asExpected).to.equal(false);
        expect(judge(run, report("up", "something else")).asExpected).to.equal(false);
        expect(judge(run, report(undefined)).asExpected).to.equal(false);
    });
});
