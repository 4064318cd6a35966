/**
 * An update replayed against what is deployed (`npm run plan -- --state FILE`). The cloud model is seeded with the
 * deployed resources, then every step runs in the order the engine runs an update (pulumi pkg/resource/deploy,
 * step_generator.go): creates, updates and replacements along the new program's dependency graph, a delete-first
 * replacement deleting the old resource just before creating the new one; then the deletes, of removed resources and
 * of the old halves of create-first replacements, in reverse dependency order of the deployed state; one `deletedWith`
 * another of them makes no call (step.go isDeletedWith: both are among the update's deletes). A refused step
 * stops the update (step_executor.go cancelDueToError, without --continue-on-error): nothing depending on it runs, and
 * no delete. Every refusal names the config key to change. The replay runs one valid order; whether another order
 * the engine may choose breaks is the fresh plan's ordering check (graphCheck.ts).
 */
import { CloudError, CloudModel, DUPLICATE_ENTRY_CODE } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { applyCreate, applyDelete, applyUpdate, deletionSkipped } from "./apply";
import { KINDS } from "../components/kinds";
import type { MockedResource } from "./cloudMocks";
import type { Operation } from "./diff";
import { buildGraph, shortName } from "./graph";
import type { GraphFinding } from "./graphCheck";
import type { PriorDecision } from "./priorMocks";
import type { PriorResource } from "./priorState";
import type { RecordedResource } from "./recorder";

/** One step of the update, in the order the replay ran it. `delete-replaced`: the old half of a create-first replacement. */
export interface UpdateStep {
    urn: string;
    operation: Operation | "delete-replaced";
    /** Replacements only: the old resource is deleted before the new one is created. */
    deleteBeforeReplace?: boolean;
    /** Deletes only: the URN whose deletion in the same update takes this one with it, so no call is made for it. */
    deletedWith?: string;
}

export interface UpdateInput {
    /** The program as recorded now. */
    resources: RecordedResource[];
    decision: (r: RecordedResource) => PriorDecision | undefined;
    answer: (r: RecordedResource) => MockedResource | undefined;
    /** Everything deployed. */
    prior: PriorResource[];
    /** Deployed resources the program no longer declares (by URN or alias). */
    removed: PriorResource[];
    priorAnswer: (p: PriorResource) => MockedResource | undefined;
    inventory: Inventory;
    /** The config path a resource name stands for (`<project>:rules.web`). */
    pathOf: (name: string) => string;
    project: string;
}

export interface UpdateResult {
    steps: UpdateStep[];
    errors: GraphFinding[];
    warnings: GraphFinding[];
}

export function asRecorded(p: PriorResource): RecordedResource {
    return {
        urn: p.urn,
        type: p.type,
        name: p.name,
        parent: p.parent,
        custom: p.custom,
        read: p.external,
        id: p.id,
        inputs: p.inputs,
        dependsOn: p.dependencies,
        protect: p.protect,
        deleteBeforeReplace: false,
        aliases: [],
        importId: p.importId,
        retainOnDelete: p.retainOnDelete,
        deletedWith: p.deletedWith,
    };
}

/** The key of a config path (`project:rules.web` → `rules.web`). */
const keyPath = (path: string, project: string) => (path.startsWith(`${project}:`) ? path.slice(project.length + 1) : path);

/** The deployed resources applied to a model of the account, in dependency order. */
function seedModel(input: UpdateInput, warnings: GraphFinding[]): CloudModel {
    const model = new CloudModel(input.inventory);
    if (input.inventory.source === "synthesised") {
        // A synthesised account assumes the groups the configuration names; the deployed rules' groups exist too,
        // also those of rules the update removes (without --inventory nothing says otherwise).
        const vpcId = input.inventory.vpcs?.[0]?.id;
        for (const p of input.prior.filter((x) => x.type === KINDS.ingress.type)) {
            const id = String(p.inputs.securityGroupId);
            if (!model.securityGroups.has(id)) {
                model.securityGroups.set(id, { id, vpcId });
            }
        }
    }
    const byUrn = new Map(input.prior.map((p) => [p.urn, p]));
    for (const r of buildGraph(input.prior.map(asRecorded)).order) {
        try {
            applyCreate(model, r, input.priorAnswer(byUrn.get(r.urn)!));
        } catch (e) {
            if (!(e instanceof CloudError)) {
                throw e;
            }
            warnings.push({
                resource: r.urn,
                message: `${shortName(r.urn)}: the deployed state does not replay in the cloud model (${e.message}); the update is checked without it`,
                related: [],
            });
        }
    }
    return model;
}

class Replay {
    readonly steps: UpdateStep[] = [];
    readonly errors: GraphFinding[] = [];
    readonly warnings: GraphFinding[] = [];
    readonly model: CloudModel;
    /** Deployed URNs this update deletes (removed, or the old half of a create-first replacement). */
    readonly condemned = new Set<string>();
    /** Deployed URN → the new registration that took it over. */
    readonly successor = new Map<string, RecordedResource>();
    readonly done = new Set<string>();

    constructor(readonly input: UpdateInput) {
        this.model = seedModel(input, this.warnings);
        input.removed.forEach((p) => this.condemned.add(p.urn));
        for (const r of input.resources) {
            const d = input.decision(r);
            if (d) {
                this.successor.set(d.prior.urn, r);
                if (d.operation === "replace" && !r.deleteBeforeReplace) {
                    this.condemned.add(d.prior.urn);
                }
            }
        }
    }

    key(name: string): string {
        return keyPath(this.input.pathOf(name), this.input.project);
    }

    /** Why the cloud refuses a step, with what to change in the config. */
    hint(r: RecordedResource, e: CloudError): string {
        if (e.code !== DUPLICATE_ENTRY_CODE) {
            return "";
        }
        const mine = this.key(r.name);
        for (const b of e.blockers) {
            if (b === undefined) {
                continue;
            }
            const next = this.successor.get(b);
            if (this.condemned.has(b) && !next) {
                const old = this.key(shortName(b));
                const oldKey = old.slice(old.indexOf(".") + 1);
                return (
                    `; ${old} still holds it: the engine creates ${mine} before it deletes ${old} (deletes run last), and the provider does not retry the refusal, so the update stops half-way. ` +
                    `If ${mine} is ${old} renamed, add previousKeys: ["${oldKey}"] to ${mine} (an alias: nothing changes in the cloud); otherwise remove ${old} in one deploy and add ${mine} in the next`
                );
            }
            if (next && next.urn !== r.urn && !this.done.has(next.urn)) {
                const other = this.key(next.name);
                return (
                    `; ${other} still holds it until its own update, which runs after this one (one DNAT write at a time per table). ` +
                    `Exchanging ports or targets between rules collides in between: move ${mine} to a free port in one deploy, then make the exchange in the next`
                );
            }
        }
        return "";
    }

    refuse(urn: string, op: string, e: CloudError, hint = ""): void {
        this.errors.push({
            resource: urn,
            code: e.code,
            message: `${shortName(urn)}: the cloud refuses its ${op}: ${e.message}${hint}`,
            related: [],
        });
    }

    advise(urn: string, advisories: string[]): void {
        advisories.forEach((a) => this.warnings.push({ resource: urn, message: `${shortName(urn)}: ${a}`, related: [] }));
    }

    /** Runs one step of the program's graph; false when the cloud refuses it. */
    run(r: RecordedResource, op: Operation, d: PriorDecision | undefined): boolean {
        const answer = this.input.answer(r);
        try {
            if (op === "create" || op === "import") {
                this.advise(r.urn, applyCreate(this.model, r, answer));
            } else if (op === "update") {
                this.advise(r.urn, applyUpdate(this.model, r, answer, d!.changes));
            } else if (op === "replace") {
                if (r.deleteBeforeReplace) {
                    this.advise(r.urn, applyDelete(this.model, asRecorded(d!.prior), this.input.priorAnswer(d!.prior)));
                }
                this.advise(r.urn, applyCreate(this.model, r, answer));
            }
            return true;
        } catch (e) {
            if (!(e instanceof CloudError)) {
                throw e;
            }
            this.refuse(r.urn, op, e, this.hint(r, e));
            return false;
        }
    }

    /** Whether a forward step was refused: the engine then cancels the update, so no delete runs. */
    stopped = false;

    forward(): void {
        const graph = buildGraph(this.input.resources);
        const failed = new Set<string>();
        for (const r of graph.order) {
            const d = this.input.decision(r);
            const op: Operation = r.read ? "read" : (d?.operation ?? (r.importId ? "import" : "create"));
            this.steps.push({ urn: r.urn, operation: op, ...(op === "replace" ? { deleteBeforeReplace: r.deleteBeforeReplace } : {}) });
            if ([...graph.ancestors.get(r.urn)!].some((a) => failed.has(a))) {
                failed.add(r.urn); // a dependency was refused; that refusal is reported
            } else if (!this.run(r, op, d)) {
                failed.add(r.urn);
                this.stopped = true;
            }
            this.done.add(r.urn);
        }
    }

    backward(): void {
        const byUrn = new Map(this.input.prior.map((p) => [p.urn, p]));
        const removed = new Set(this.input.removed.map((p) => p.urn));
        for (const r of [...buildGraph(this.input.prior.map(asRecorded)).order].reverse()) {
            if (!this.condemned.has(r.urn) || r.read) {
                continue;
            }
            const p = byUrn.get(r.urn)!;
            const rider = deletionSkipped(r, this.condemned) && r.deletedWith !== undefined ? { deletedWith: r.deletedWith } : {};
            this.steps.push({ urn: r.urn, operation: removed.has(r.urn) ? "delete" : "delete-replaced", ...rider });
            if (this.stopped) {
                continue;
            }
            try {
                // A removed resource `deletedWith` another this update deletes makes no call (offline/apply.ts).
                this.advise(r.urn, applyDelete(this.model, r, this.input.priorAnswer(p), this.condemned));
            } catch (e) {
                if (!(e instanceof CloudError)) {
                    throw e;
                }
                this.refuse(r.urn, "deletion", e);
            }
        }
        // Components (no cloud object) go last.
        this.input.removed.filter((p) => !p.custom).forEach((p) => this.steps.push({ urn: p.urn, operation: "delete" }));
    }
}

/** Replays the update. */
export function replayUpdate(input: UpdateInput): UpdateResult {
    const replay = new Replay(input);
    replay.forward();
    replay.backward();
    return { steps: replay.steps, errors: replay.errors, warnings: replay.warnings };
}
