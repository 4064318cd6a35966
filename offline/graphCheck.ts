/**
 * Checks a recorded program against the cloud model on its DEPENDENCY GRAPH, not on the order the mock run happened
 * to use: the real engine runs any resource as soon as its dependencies are done, so an operation may only rely on
 * preconditions established by its transitive dependencies.
 *
 * 1. Waves: resources that could run in parallel, in order (level = 1 + highest level among dependencies).
 * 2. Create replay: every operation is applied wave by wave to one model (rule refusals such as quotas, duplicates,
 *    charge types). Then each operation is applied to a fresh model holding only its transitive dependencies; a
 *    refusal there whose missing precondition another resource establishes is an ordering error naming both.
 * 3. Destroy replay (offline/destroyCheck.ts): each deletion runs against the fully created state minus only the
 *    resources that depend on it (the engine deletes dependents first, nothing else is guaranteed); a refusal names
 *    the blocking resources. A resource `deletedWith` another makes no call (the engine skips it when both go): its
 *    owner's deletion must take its object with it, which a replay of the whole destroy checks.
 * 4. Conflicts: writes the cloud refuses to run at once (DNAT entries on one table, joins to one plan) that the graph
 *    lets run at once are counted (offline/graphConflicts.ts): an error for both, since for each the cloud may answer
 *    with a code the provider does not retry (docs/alicloud-rules.md §9).
 */
import { CloudError, CloudModel, Need } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { applyCreate } from "./apply";
import { KINDS } from "../components/kinds";
import { answerKey, MockedResource } from "./cloudMocks";
import { checkDestroy } from "./destroyCheck";
import { DependencyStates } from "./dependencyStates";
import { buildGraph, DependencyGraph, groupWaves, shortName } from "./graph";
import { createConflicts } from "./graphConflicts";
import type { RecordedResource } from "./recorder";

export { applyCreate, applyDelete } from "./apply";
export { buildGraph } from "./graph";
export type { DependencyGraph } from "./graph";

/** One finding of the check, about one resource. */
export interface GraphFinding {
    /** URN of the resource the finding is about. */
    resource: string;
    /** Error code the cloud answers with, when the finding is an API refusal. */
    code?: string;
    message: string;
    /** Other resources involved (e.g. the one that should be a dependency), URNs. */
    related: string[];
}

export interface GraphCheckResult {
    /** Custom resources in creation waves (URNs, sorted within a wave). */
    waves: string[][];
    /**
     * Custom resources whose deletion calls the API on destroy, in deletion waves. Adopted and retained resources are
     * never deleted, and a resource `deletedWith` another goes with that one's deletion.
     */
    destroyWaves: string[][];
    errors: GraphFinding[];
    warnings: GraphFinding[];
    /** The model after every creation: what the account would hold. */
    model: CloudModel;
}

function describeNeed(need: Need): string {
    switch (need.kind) {
        case "nat":
            return `NAT gateway ${need.id} to exist`;
        case "eip":
            return `EIP ${need.id} to exist`;
        case "plan":
            return `bandwidth plan ${need.id} to exist`;
        case "table":
            return `DNAT table ${need.id} to exist`;
        case "binding":
            return `EIP ${need.externalIp} to be bound to NAT gateway ${need.natId}`;
    }
}

/** What the phases share. */
interface Check {
    graph: DependencyGraph;
    byUrn: Map<string, RecordedResource>;
    answer: (r: RecordedResource) => MockedResource | undefined;
    inventory: Inventory;
    /** The full replay (2a): every creation that succeeded. */
    model: CloudModel;
    /** Resources whose creation the cloud refuses, or whose dependency it refuses. */
    failed: Set<string>;
    errors: GraphFinding[];
    warnings: GraphFinding[];
}

function anyFailed(check: Check, urns: Iterable<string>): boolean {
    for (const u of urns) {
        if (check.failed.has(u)) {
            return true;
        }
    }
    return false;
}

/** Creates `urn` on the full model; false when it needs a precondition and this is not the final attempt. */
function attemptCreate(check: Check, urn: string, final: boolean): boolean {
    const r = check.byUrn.get(urn)!;
    try {
        for (const advice of applyCreate(check.model, r, check.answer(r))) {
            check.warnings.push({ resource: urn, message: `${shortName(urn)}: ${advice}`, related: [] });
        }
        return true;
    } catch (e) {
        if (!(e instanceof CloudError)) {
            throw e;
        }
        if (e.need && !final) {
            return false;
        }
        check.failed.add(urn);
        check.errors.push({
            resource: urn,
            code: e.code,
            message: `${shortName(urn)}: the cloud refuses its creation: ${e.message}`,
            related: [],
        });
        return true;
    }
}

/**
 * 2a. Full replay, wave by wave: refusals that do not depend on ordering. A refusal for a missing precondition is
 * tried once more at the end, since the resource that establishes it may sit in a later wave: this replay asks only
 * whether the cloud accepts the operations at all. Whether the precondition is guaranteed in time is the ordering
 * check's question (2b); of these refusals the provider retries only InvalidIp.NotInNatgw and
 * IncorrectStatus.NatGateway (rules §5.2).
 */
function replayWaves(check: Check, waves: string[][]): void {
    const retry: string[] = [];
    for (const wave of waves) {
        for (const urn of wave) {
            if (anyFailed(check, check.graph.ancestors.get(urn)!)) {
                check.failed.add(urn); // a dependency already failed; its error is reported
            } else if (!attemptCreate(check, urn, false)) {
                retry.push(urn);
            }
        }
    }
    for (const urn of retry) {
        if (!anyFailed(check, check.graph.ancestors.get(urn)!)) {
            attemptCreate(check, urn, true);
        }
    }
}

/** 2b. Each operation against its transitive dependencies only. */
function orderingCheck(check: Check): void {
    const states = new DependencyStates(check.graph, check.failed, check.answer, new CloudModel(check.inventory));
    for (const r of check.graph.order) {
        if (check.failed.has(r.urn)) {
            continue;
        }
        if (r.read) {
            keepReadState(states, r.urn);
            continue;
        }
        const anc = check.graph.ancestors.get(r.urn)!;
        const partial = states.before(r.urn);
        try {
            applyCreate(partial, r, check.answer(r));
            states.keep(r.urn, partial);
        } catch (e) {
            if (!(e instanceof CloudError)) {
                throw e;
            }
            const by = e.need ? check.model.establishedBy(e.need) : undefined;
            if (e.need && by && !anc.has(by)) {
                check.errors.push({
                    resource: r.urn,
                    code: e.code,
                    message:
                        `${shortName(r.urn)} needs ${describeNeed(e.need)}, which ${shortName(by)} establishes, but ${shortName(by)} is not among its ` +
                        `dependencies (direct or transitive): the engine may run it first and the cloud answers ${e.message}. Add ${shortName(by)} to its dependsOn`,
                    related: [by],
                });
            }
        }
    }
}

/** A read resource is not checked (its creation changes nothing), but a dependent may start from its state. */
function keepReadState(states: DependencyStates, urn: string): void {
    if (!states.needed(urn)) {
        return;
    }
    try {
        states.keep(urn, states.before(urn));
    } catch {
        // its dependents rebuild their state from scratch
    }
}

/** 2c. The project's preferred order (rules §2 create step 4 [L], so a warning): an EIP joins its plan before it is bound. */
function joinBeforeBind(check: Check): void {
    for (const r of check.graph.order) {
        if (r.type !== KINDS.bind.type || r.read || check.failed.has(r.urn)) {
            continue;
        }
        const eip = check.model.eips.get(String(r.inputs.allocationId));
        if (eip?.joinedBy && !check.graph.ancestors.get(r.urn)!.has(eip.joinedBy)) {
            check.warnings.push({
                resource: r.urn,
                message:
                    `${shortName(r.urn)} binds EIP ${eip.allocationId} without depending on ${shortName(eip.joinedBy)}, which adds it to the bandwidth plan: ` +
                    `binding first may interrupt service while the EIP joins (docs/alicloud-rules.md §2 create step 4 [L]), and on destroy the EIP may leave the plan ` +
                    `while still bound, which the API may refuse (EIP_BIND_NATGATEWAY, docs/alicloud-rules.md §1.12 [L]). Add ${shortName(eip.joinedBy)} to its dependsOn`,
                related: [eip.joinedBy],
            });
        }
    }
}

function memoisedAnswers(answers: Map<string, MockedResource>): (r: RecordedResource) => MockedResource | undefined {
    const known = new Map<RecordedResource, MockedResource | undefined>();
    return (r) => {
        if (!known.has(r)) {
            known.set(r, answers.get(answerKey(r.type, r.name)));
        }
        return known.get(r);
    };
}

/** Runs the whole check. `answers` are the mock's answers by {@link answerKey}. */
export function checkGraph(resources: RecordedResource[], answers: Map<string, MockedResource>, inventory: Inventory): GraphCheckResult {
    const graph = buildGraph(resources);
    const check: Check = {
        graph,
        byUrn: new Map(resources.map((r) => [r.urn, r])),
        answer: memoisedAnswers(answers),
        inventory,
        model: new CloudModel(inventory),
        failed: new Set<string>(),
        errors: [],
        warnings: [],
    };
    const waves = groupWaves(
        graph.order.map((r) => r.urn),
        (u) => graph.level.get(u)!,
    );
    replayWaves(check, waves);
    orderingCheck(check);
    joinBeforeBind(check);
    const destroy = checkDestroy(check);
    check.errors.push(...destroy.errors);
    check.warnings.push(...destroy.warnings);
    check.errors.push(...createConflicts(graph, check.byUrn));
    return { waves, destroyWaves: destroy.waves, errors: check.errors, warnings: check.warnings, model: check.model };
}
