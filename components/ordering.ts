/**
 * Write ordering, as the real provider needs it against the cloud's rules (measured against the emulator:
 * BENCHMARKS.md "Write lanes with the real provider").
 *
 * - DNAT entries of one table run one after another, whatever `maxParallelWrites` says: the cloud refuses a create
 *   while another entry of the table is Pending with `IncorretForwardEntryStatus` (rules §1.6, §2 step 6), and the
 *   provider does not retry that code on create (it retries it only on update, rules §5.2), so a second lane fails
 *   the update at once.
 * - Joins to the plan run in `maxParallelWrites` lanes: only queries are allowed while a join is BINDING
 *   (rules §1.11, §2), and the provider retries that refusal on create for up to 5 minutes, so wider lanes trade
 *   conflicts and retries for overlap.
 * - Bindings have no lanes: the provider returns from AssociateEipAddress without waiting for `InUse` (rules §2
 *   step 5), so a chain of bindings only spaced out API calls, and the cloud does not refuse bindings of different
 *   EIPs at once (rules §1.4 serialises calls on one EIP).
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
