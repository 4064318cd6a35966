/**
 * Write ordering, as the real provider needs it against the cloud's rules, under every emulator variant (the answers
 * of the cloud where the API reference is silent, emulator/variants.ts; measured in BENCHMARKS.md "Write lanes with
 * the real provider", and per variant with `npm run bench:deploy -- --lanes`, docs/emulator.md "Variants").
 *
 * - DNAT entries of one table run one after another, whatever `maxParallelWrites` says: the cloud refuses a create
 *   while another entry of the table is Pending (rules §1.6, §2 step 6), with `IncorretForwardEntryStatus`, which the
 *   provider does not retry on create (it retries it only on update, rules §5.2), or, as one public report shows, with
 *   `OperationConflict`, which it retries (variant `dnat-operation-conflict`). A second lane fails the update under
 *   the first answer; the one lane holds under both.
 * - Joins to the plan run one after another, whatever `maxParallelWrites` says: only queries are allowed while a join
 *   is BINDING (rules §1.11, §2), and the reference lists two codes for the refusal: `TaskConflict`, which the provider
 *   retries for 5 minutes, and `OperationFailed.DistibuteLock`, which it does not (variant `plan-lock-distlock`), so a
 *   second lane fails the update under the second. In one lane the provider's first check of the plan, 5 s after a
 *   join, comes after a short BINDING, and waits out a long one when the plan reports BINDING (variant
 *   `plan-reports-binding`).
 * - Bindings have no lanes: the provider returns from AssociateEipAddress without waiting for `InUse` (rules §2
 *   step 5), so a chain of bindings only spaced out API calls, and the refusals a busy gateway may answer with
 *   (`TaskConflict`, variant `gateway-one-binding`) are retried by the provider on bind and unbind.
 *
 * Inside a lane each write depends on the one before it, in key order.
 */

/** For each key (sorted), the key it must wait for in its lane, or undefined for the first of a lane. Pure. */
export function serialLanes(keys: readonly string[], width: number): Map<string, string | undefined> {
    const sorted = [...keys].sort();
    const lanes = new Map<string, string | undefined>();
    sorted.forEach((key, i) => lanes.set(key, i >= width ? sorted[i - width] : undefined));
    return lanes;
}
