/**
 * The cloud-model operation each recorded resource stands for: its creation, in-place update and deletion, each
 * done by the resource's kind (offline/kinds/<kind>.ts).
 */
import type { CloudModel } from "../cloud/model";
import type { MockedResource } from "./cloudMocks";
import { offlineKind } from "./kinds";
import type { RecordedResource } from "./recorder";

/** Applies the creation (or import) of `r` to `model`. Read resources and unknown types change nothing. */
export function applyCreate(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined): string[] {
    if (r.read || !answer) {
        return [];
    }
    return offlineKind(r.type)?.applyCreate?.(model, r, answer) ?? [];
}

/**
 * Applies the in-place update of `r` (the inputs in `changes` changed) to `model`: what the provider's Update calls.
 * Returns advisories. Changes the model does not keep (names, descriptions, tags) change nothing.
 */
export function applyUpdate(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined, changes: string[]): string[] {
    if (r.read || !answer) {
        return [];
    }
    return offlineKind(r.type)?.applyUpdate?.(model, r, answer, changes) ?? [];
}

/**
 * Whether the engine skips the deletion of `r`, so that no API call is made: adopted (read) and `retainOnDelete`
 * resources only leave the state, and so does a resource `deletedWith` another that the same operation deletes
 * (`deleting`, URNs; read resources count, as the engine discards them too). Order as in pulumi v3.248.0
 * pkg/resource/deploy/step.go DeleteStep.Apply.
 */
export function deletionSkipped(r: RecordedResource, deleting: ReadonlySet<string> = new Set()): boolean {
    return r.read || r.retainOnDelete === true || (r.deletedWith !== undefined && deleting.has(r.deletedWith));
}

/**
 * Applies the deletion of `r` to `model`, as the provider sends it (with the `force` input of a gateway or plan);
 * returns advisories. A deletion the engine skips (see {@link deletionSkipped}) changes nothing; nor do unknown types.
 */
export function applyDelete(
    model: CloudModel,
    r: RecordedResource,
    answer: MockedResource | undefined,
    deleting?: ReadonlySet<string>,
): string[] {
    if (!answer || deletionSkipped(r, deleting)) {
        return [];
    }
    return offlineKind(r.type)?.applyDelete?.(model, r, answer) ?? [];
}
