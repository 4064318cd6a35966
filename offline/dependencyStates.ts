/**
 * The model each resource's creation is checked against in the ordering check: the inventory plus the creations
 * of its transitive dependencies only, as if nothing else had run yet.
 *
 * Replaying every resource's dependencies from scratch costs O(n²) operations on a chain of n DNAT entries (and
 * each operation scans the table). Instead, the state after a resource's own creation is kept while a dependent
 * still needs it: a dependent starts from the saved state of the dependency that covers most of its transitive
 * dependencies and applies only those that one does not cover. That applies the same set of creations, in another
 * topological order; creations that all succeed commute (each writes fixed values to its own object and reads
 * others' only to refuse), so the state is the same. Whenever a creation on that path is refused, the state is
 * rebuilt from scratch in the graph's order, exactly as the check is defined.
 */
import { CloudModel } from "../cloud/model";
import { applyCreate } from "./apply";
import type { MockedResource } from "./cloudMocks";
import type { DependencyGraph } from "./graph";
import type { RecordedResource } from "./recorder";

export class DependencyStates {
    /** The dependency each resource starts from, if any. */
    private readonly base = new Map<string, string>();
    /** How many resources still start from each resource's saved state. */
    private readonly uses = new Map<string, number>();
    private readonly saved = new Map<string, CloudModel>();

    constructor(
        private readonly graph: DependencyGraph,
        private readonly failed: ReadonlySet<string>,
        private readonly answer: (r: RecordedResource) => MockedResource | undefined,
        private readonly empty: CloudModel,
    ) {
        for (const r of graph.order) {
            const best = this.widestDependency(r.urn);
            if (best !== undefined && !failed.has(r.urn)) {
                this.base.set(r.urn, best);
                this.uses.set(best, (this.uses.get(best) ?? 0) + 1);
            }
        }
    }

    /** Whether a later resource starts from the state after `urn`. */
    needed(urn: string): boolean {
        return (this.uses.get(urn) ?? 0) > 0;
    }

    /** The inventory plus the creations of the transitive dependencies of `urn` (none of them failed). */
    before(urn: string): CloudModel {
        const base = this.base.get(urn);
        const saved = base === undefined ? undefined : this.saved.get(base);
        if (base === undefined || saved === undefined) {
            return this.fromScratch(urn);
        }
        const left = this.uses.get(base)! - 1;
        this.uses.set(base, left);
        if (left === 0) {
            this.saved.delete(base);
        }
        return this.extend(left === 0 ? saved : saved.clone(), base, urn) ?? this.fromScratch(urn);
    }

    /** Keeps `state`, the model after the creation of `urn`, for the resources that start from it. */
    keep(urn: string, state: CloudModel): void {
        if (this.needed(urn)) {
            this.saved.set(urn, state);
        }
    }

    /** The replay as defined: every transitive dependency that did not fail, in the graph's order. */
    fromScratch(urn: string): CloudModel {
        const state = this.empty.clone();
        for (const p of this.graph.ancestors.get(urn)!.positions()) {
            const a = this.graph.order[p];
            if (!this.failed.has(a.urn)) {
                applyCreate(state, a, this.answer(a));
            }
        }
        return state;
    }

    private widestDependency(urn: string): string | undefined {
        let best: string | undefined;
        for (const d of this.graph.deps.get(urn)!) {
            if (!this.failed.has(d) && (best === undefined || this.graph.ancestors.get(d)!.size > this.graph.ancestors.get(best)!.size)) {
                best = d;
            }
        }
        return best;
    }

    /** Applies to `state` (the model after `base`) the dependencies of `urn` that `base` does not cover. */
    private extend(state: CloudModel, base: string, urn: string): CloudModel | undefined {
        const rest = this.graph.ancestors.get(urn)!.filtered(undefined, this.graph.ancestors.get(base));
        try {
            for (const p of rest.positions()) {
                const r = this.graph.order[p];
                if (r.urn !== base && !this.failed.has(r.urn)) {
                    applyCreate(state, r, this.answer(r));
                }
            }
        } catch {
            return undefined;
        }
        return state;
    }
}
