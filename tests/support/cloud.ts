/** Helpers for tests that call the cloud model directly. */
import { expect } from "chai";
import { CloudError } from "../../cloud/model";

/** The CloudError `fn` throws; fails the test if it throws nothing or something else. */
export function refusal(fn: () => unknown): CloudError {
    try {
        fn();
    } catch (e) {
        expect(e).to.be.instanceOf(CloudError);
        return e as CloudError;
    }
    throw new Error("expected a CloudError");
}
