/**
 * Write ordering. The cloud refuses concurrent writes on one DNAT table ("no concurrent CreateForwardEntry
 * within the same NAT gateway", rules §2 step 6; `IncorretForwardEntryStatus` while another entry is Pending)
 * and on one EIP or NAT binding (rules §2 "Other state requirements"). The provider only retries such
 * conflicts for 5 minutes (rules §5.2), so a wide fan-out can time out. Writes of one kind are therefore
 * put in `width` lanes; inside a lane each write depends on the one before it, in key order.
 */

/** For each key (sorted), the key it must wait for in its lane, or undefined for the first of a lane. Pure. */
export function serialLanes(keys: readonly string[], width: number): Map<string, string | undefined> {
    const sorted = [...keys].sort();
    const lanes = new Map<string, string | undefined>();
    sorted.forEach((key, i) => lanes.set(key, i >= width ? sorted[i - width] : undefined));
    return lanes;
}
