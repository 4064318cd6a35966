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
 * Deletions conflict with nothing: only a `Pending` entry blocks a DeleteForwardEntry (rules §1.8), and concurrent
 * bindings on one gateway are not refused (rules §1.4 serialises calls on one EIP, which one binding per EIP is).
 */
import { PLAN_BUSY_CODE } from "../cloud/bandwidthPlan";
import { TYPES } from "./cloudMocks";
import { DependencyGraph, shortName } from "./graph";
import type { GraphFinding } from "./graphCheck";
import type { RecordedResource } from "./recorder";

/** The table or plan a write contends for, or undefined. */
function contended(r: RecordedResource): { kind: "entry" | "join"; target: string } | undefined {
    if (r.read) {
        return undefined;
    }
    if (r.type === TYPES.forwardEntry) {
        return { kind: "entry", target: String(r.inputs.forwardTableId) };
    }
    if (r.type === TYPES.planAttachment) {
        return { kind: "join", target: String(r.inputs.bandwidthPackageId) };
    }
    return undefined;
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
    const groups = new Map<string, { kind: "entry" | "join"; target: string; urns: string[] }>();
    for (const r of graph.order) {
        const c = contended(byUrn.get(r.urn)!);
        if (c) {
            const key = `${c.kind} ${c.target}`;
            (groups.get(key) ?? groups.set(key, { ...c, urns: [] }).get(key)!).urns.push(r.urn);
        }
    }
    const errors: GraphFinding[] = [];
    for (const { kind, target, urns } of groups.values()) {
        const pairs = unordered(graph, urns);
        if (pairs.length === 0) {
            continue;
        }
        if (kind === "entry") {
            errors.push({
                resource: pairs[0][1],
                code: "IncorretForwardEntryStatus",
                message:
                    `${pairs.length} of the ${urns.length} DNAT entries on ${target} can start while another is Pending (${list(pairs)}); ` +
                    `the cloud refuses a create then (IncorretForwardEntryStatus, docs/alicloud-rules.md §1.6, §2 step 6) and the provider ` +
                    `does not retry that code on create, so the update fails; the entries of one table must depend on one another`,
                related: pairs.map(([a]) => a),
            });
        } else {
            errors.push({
                resource: pairs[0][1],
                code: "OperationFailed.DistibuteLock",
                message:
                    `${pairs.length} of the ${urns.length} joins to plan ${target} can start while another is BINDING (${list(pairs)}); ` +
                    `the cloud allows only queries then (docs/alicloud-rules.md §1.11, §2), and of the codes it may refuse with, ` +
                    `${PLAN_BUSY_CODE} is retried by the provider but OperationFailed.DistibuteLock is not (§9.4, variant plan-lock-distlock), ` +
                    `so the update can fail; the joins to one plan must depend on one another`,
                related: pairs.map(([a]) => a),
            });
        }
    }
    return errors;
}
