/**
 * The destroy half of the graph check (offline/graphCheck.ts step 3): each deletion runs against the fully created
 * state minus only the resources that depend on it (the engine deletes dependents first, nothing else is guaranteed),
 * and a refusal names the blocking resources, or, for an object a `deletedWith` child leaves, the resource whose
 * deletion should have taken it. A resource `deletedWith` another the destroy deletes makes no call (offline/apply.ts
 * deletionSkipped); a replay of the whole destroy then flags any such child its owner's deletion leaves in the account.
 */
import { CloudError, CloudModel } from "../cloud/model";
import { applyDelete, deletionSkipped } from "./apply";
import type { MockedResource } from "./cloudMocks";
import { DeletionStates } from "./deletionStates";
import { DependencyGraph, groupWaves, shortName } from "./graph";
import type { GraphFinding } from "./graphCheck";
import { offlineKind } from "./kinds";
import type { RecordedResource } from "./recorder";

/** What the destroy check needs of the graph check. */
export interface DestroyInput {
    graph: DependencyGraph;
    byUrn: Map<string, RecordedResource>;
    answer: (r: RecordedResource) => MockedResource | undefined;
    /** Every creation that succeeded: what the destroy starts from. */
    model: CloudModel;
    /** Resources whose creation the cloud refuses: never created, never deleted. */
    failed: Set<string>;
}

interface DestroyCheck extends DestroyInput {
    errors: GraphFinding[];
    warnings: GraphFinding[];
}

/** Each deletion after its dependents only, then the whole destroy; the waves of the deletions that call the API. */
export function checkDestroy(input: DestroyInput): { waves: string[][]; errors: GraphFinding[]; warnings: GraphFinding[] } {
    const check: DestroyCheck = { ...input, errors: [], warnings: [] };
    const deletable = check.graph.order.filter((r) => !r.read && !check.failed.has(r.urn));
    // What the destroy deletes, adopted resources included: the engine discards them in the same operation.
    const deleting = new Set(check.graph.order.filter((r) => !check.failed.has(r.urn)).map((r) => r.urn));
    const calls = deletable.filter((r) => !deletionSkipped(r, deleting));
    const callSet = check.graph.index.of(calls.map((r) => r.urn));
    const reverse = [...deletable].reverse();
    // A skipped deletion ends at once but still after its own dependents: a call waits for every call below it.
    const destroyLevel = new Map<string, number>();
    for (const r of [...calls].reverse()) {
        let l = 0;
        check.graph.descendants
            .get(r.urn)!
            .filtered(callSet)
            .forEach((d) => (l = Math.max(l, destroyLevel.get(d)! + 1)));
        destroyLevel.set(r.urn, l);
    }
    // Checked in deletion order, so each state can start from a dependent's; reported in creation order.
    const states = new DeletionStates(check.graph, deletable, check.answer, check.model, deleting);
    const findings = new Map<string, GraphFinding>();
    for (const r of reverse) {
        const state = states.before(r.urn);
        const finding = checkDeletion(check, r, state, deleting);
        states.keep(r.urn, state);
        if (finding) {
            findings.set(r.urn, finding);
        }
    }
    for (const r of deletable) {
        const f = findings.get(r.urn);
        if (f) {
            check[f.code === "InvalidOperation.DeletionProtection" ? "warnings" : "errors"].push(f);
        }
    }
    check.errors.push(...leftBehind(check, reverse, deleting));
    const waves = groupWaves(
        calls.map((r) => r.urn),
        (u) => destroyLevel.get(u)!,
    );
    return { waves, errors: check.errors, warnings: check.warnings };
}

/** The deletion of `r` against `state`: the fully created state minus only the resources that depend on it. */
function checkDeletion(
    check: DestroyCheck,
    r: RecordedResource,
    state: CloudModel,
    deleting: ReadonlySet<string>,
): GraphFinding | undefined {
    try {
        for (const advice of applyDelete(state, r, check.answer(r), deleting)) {
            check.warnings.push({ resource: r.urn, message: `${shortName(r.urn)} on destroy: ${advice}`, related: [] });
        }
        return undefined;
    } catch (e) {
        if (!(e instanceof CloudError)) {
            throw e;
        }
        return deletionFinding(check, r, e);
    }
}

/** The resource whose deletion removes `urn`'s object: itself, or what it is `deletedWith`. */
function remover(check: DestroyCheck, urn: string): string {
    return check.byUrn.get(urn)?.deletedWith ?? urn;
}

function deletionFinding(check: DestroyCheck, r: RecordedResource, e: CloudError): GraphFinding {
    if (e.code === "InvalidOperation.DeletionProtection") {
        return {
            resource: r.urn,
            code: e.code,
            message: `${shortName(r.urn)}: deletion protection is on, so destroy stops here until it is turned off (${e.message})`,
            related: [],
        };
    }
    const known = e.blockers.filter((b): b is string => b !== undefined);
    const riders = known.filter((b) => b !== r.urn && remover(check, b) === r.urn);
    const blockers = [...new Set(known.map((b) => remover(check, b)))].filter((b) => b !== r.urn);
    if (riders.length > 0 && blockers.length === 0) {
        return {
            resource: r.urn,
            code: e.code,
            message:
                `${shortName(r.urn)} is to take ${riders.map(shortName).join(", ")} with it (deletedWith), so the engine makes no call for them, ` +
                `but its own deletion does not remove them: ${e.message}`,
            related: riders,
        };
    }
    return {
        resource: r.urn,
        code: e.code,
        message:
            `${shortName(r.urn)} cannot be deleted while ${blockers.length > 0 ? blockers.map(shortName).join(", ") : "pre-existing resources"} ` +
            `still exist${blockers.length > 0 ? ", and they do not depend on it, so the engine may delete it first" : ""}: ${e.message}`,
        related: blockers,
    };
}

/** Whether the cloud object of a resource whose deletion the engine skips is still in `model` (the kind's `stillThere`). */
function stillThere(model: CloudModel, r: RecordedResource, answer: MockedResource): boolean {
    return offlineKind(r.type)?.stillThere?.(model, r, answer) === true;
}

/**
 * The whole destroy replayed in deletion order: a resource `deletedWith` another whose object is still in the
 * account at the end was dropped from the state with nothing deleting it (its owner is adopted, retained, or a
 * plan the provider only forgets): a leak.
 */
function leftBehind(check: DestroyCheck, reverse: RecordedResource[], deleting: ReadonlySet<string>): GraphFinding[] {
    const model = check.model.clone();
    for (const r of reverse) {
        try {
            applyDelete(model, r, check.answer(r), deleting);
        } catch {
            // reported by the deletion's own check
        }
    }
    return reverse
        .filter((r) => r.deletedWith !== undefined && deletionSkipped(r, deleting) && !r.read && !r.retainOnDelete)
        .filter((r) => {
            const answer = check.answer(r);
            return answer !== undefined && stillThere(model, r, answer);
        })
        .reverse()
        .map((r) => ({
            resource: r.urn,
            message:
                `${shortName(r.urn)} is deleted with ${shortName(r.deletedWith!)} (deletedWith), so the engine makes no call for it, but ` +
                `deleting ${shortName(r.deletedWith!)} does not remove it: destroy drops it from the state and leaves it in the account`,
            related: [r.deletedWith!],
        }));
}
