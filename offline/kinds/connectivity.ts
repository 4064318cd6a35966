/**
 * The connectivity check offline (components/kinds.ts `connectivity`): a dynamic resource, echoed by the mocks, whose
 * inputs the state keeps as its provider's Check leaves them.
 */
import { checkInputs } from "../../components/connectivity/provider";
import type { OfflineKind } from "./kind";

export const connectivity: OfflineKind = {
    // components/connectivity/provider.ts checkInputs: the dynamic provider sorts endpoints and defaults the trigger.
    checked: (inputs) => (Array.isArray(inputs.endpoints) ? checkInputs(inputs).inputs : inputs),
};
