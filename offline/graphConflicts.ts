/**
 * The conflicts the cloud enforces between writes (cloud/transitions.ts), counted on the dependency graph: two
 * writes that neither depends on the other may run at once, whatever wave they fall in.
 *
 * - DNAT entries on one table: a create while another entry of the table is `Pending` is refused with
 *   `IncorretForwardEntryStatus` (rules §1.6, §2 step 6), which the provider does not retry on create
 *   (terraform-provider-alicloud v1.285.0 resource_alicloud_forward_entry.go): the update fails, so this is an error.
 * - Joins to one plan: only queries are allowed while a join is `BINDING` (rules §1.11, §2), and the reference lists
 *   both `TaskConflict`, which the provider retries, and `OperationFailed.DistibuteLock`, which it does not, for the
 *   refusal (rules §9.4, variant `plan-lock-distlock`): the update can fail, so this is an error too.
 *
 * Each kind that conflicts says so, with its code and message, in its module (offline/kinds/dnat.ts, join.ts `conflict`).
 *
 * Deletions conflict with nothing: only a `Pending` entry blocks a DeleteForwardEntry (rules §1.8), and concurrent
 * bindings on one gateway are not refused (rules §1.4 serialises calls on one EIP, which one binding per EIP is).
 */
import { DependencyGraph, shortName } from "./graph";
import type { GraphFinding } from "./graphCheck";
import { conflictMessage, offlineKind, WriteConflict } from "./kinds";
import type { RecordedResource } from "./recorder";

/** The conflict of a write's kind and the table or plan it contends for, or undefined. */
function contended(r: RecordedResource): { conflict: WriteConflict; target: string } | undefined {
    const conflict = r.read ? undefined : offlineKind(r.type)?.conflict;
    return conflict && { conflict, target: conflict.target(r.inputs) };
}

/**
 * Writes on one target in topological order, and each that may start while the one before it runs (it does not
 * depend on it): every such write is one conflict.
 */
function unordered(graph: DependencyGraph, urns: string[]): [string, string][] {
    const pairs: [string, string][] = [];
    for (let i = 1; i < urns.length; i++) {
        if (!graph.ancestors.get(urns[i])!.has(urns[i - 1])) {
            pairs.push([urns[i - 1], urns[i]]);
        }
    }
    return pairs;
}

const list = (pairs: [string, string][]) =>
    pairs
        .slice(0, 3)
        .map(([a, b]) => `${shortName(b)} with ${shortName(a)}`)
        .join(", ") + (pairs.length > 3 ? ` and ${pairs.length - 3} more` : "");

/** The conflicts of the create phase, as errors: writes on one DNAT table or one plan that can run at once. */
export function createConflicts(graph: DependencyGraph, byUrn: Map<string, RecordedResource>): GraphFinding[] {
    const groups = new Map<string, { conflict: WriteConflict; target: string; urns: string[] }>();
    for (const r of graph.order) {
        const c = contended(byUrn.get(r.urn)!);
        if (c) {
            const key = `${c.conflict.code} ${c.target}`;
            (groups.get(key) ?? groups.set(key, { ...c, urns: [] }).get(key)!).urns.push(r.urn);
        }
    }
    const errors: GraphFinding[] = [];
    for (const { conflict, target, urns } of groups.values()) {
        const pairs = unordered(graph, urns);
        if (pairs.length > 0) {
            errors.push({
                resource: pairs[0][1],
                code: conflict.code,
                message: conflictMessage(conflict, pairs.length, urns.length, target, list(pairs)),
                related: pairs.map(([a]) => a),
            });
        }
    }
    return errors;
}
