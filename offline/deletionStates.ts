/**
 * The model each resource's deletion is checked against in the destroy check: the fully created state after the
 * deletion, dependents first, of every resource that depends on it (errors ignored: each is reported on its own).
 *
 * Rebuilding that state for every resource costs O(n²) on a chain of n DNAT entries. A resource whose dependent d
 * is deleted right after all of d's own dependents, with none of its other dependents in between, sees exactly
 * the same sequence of deletions up to d: it starts from the state kept after d's deletion and applies only the
 * deletions that come after d. That is the same sequence of operations, so the state is the same whatever the
 * cloud refuses on the way.
 */
import { CloudModel } from "../cloud/model";
import { applyDelete } from "./apply";
import type { MockedResource } from "./cloudMocks";
import type { DependencyGraph } from "./graph";
import type { RecordedResource } from "./recorder";
import type { UrnSet } from "./urnSet";

export class DeletionStates {
    /** Deletable transitive dependents by URN. */
    private readonly dependents = new Map<string, UrnSet>();
    private readonly base = new Map<string, string>();
    private readonly uses = new Map<string, number>();
    private readonly saved = new Map<string, CloudModel>();

    constructor(
        private readonly graph: DependencyGraph,
        deletable: RecordedResource[],
        private readonly answer: (r: RecordedResource) => MockedResource | undefined,
        private readonly full: CloudModel,
        /** What the destroy deletes: a resource `deletedWith` one of them makes no call (offline/apply.ts). */
        private readonly deleting: ReadonlySet<string>,
    ) {
        const mask = graph.index.of(deletable.map((r) => r.urn));
        for (const r of deletable) {
            this.dependents.set(r.urn, graph.descendants.get(r.urn)!.filtered(mask));
        }
        for (const r of deletable) {
            const b = this.startingPoint(r.urn);
            if (b !== undefined) {
                this.base.set(r.urn, b);
                this.uses.set(b, (this.uses.get(b) ?? 0) + 1);
            }
        }
    }

    /** The state before the deletion of `urn`: every deletable dependent deleted, in deletion order. */
    before(urn: string): CloudModel {
        const base = this.base.get(urn);
        const saved = base === undefined ? undefined : this.saved.get(base);
        if (base === undefined || saved === undefined) {
            return this.deleteBelow(this.full.clone(), urn, Infinity);
        }
        const left = this.uses.get(base)! - 1;
        this.uses.set(base, left);
        if (left === 0) {
            this.saved.delete(base);
        }
        return this.deleteBelow(left === 0 ? saved : saved.clone(), urn, this.graph.index.position.get(base)!);
    }

    /** Keeps `state`, the model after the deletion of `urn` was attempted, for the resources that start from it. */
    keep(urn: string, state: CloudModel): void {
        if ((this.uses.get(urn) ?? 0) > 0) {
            this.saved.set(urn, state);
        }
    }

    /**
     * The direct dependent deleted last whose deletion sequence is a prefix of this one's, if any. Deletion runs in
     * reverse creation order, so a dependent d is deleted after exactly those of this resource's dependents that
     * come after d in the graph's order; the sequences agree when those are d's own dependents.
     */
    private startingPoint(urn: string): string | undefined {
        const mine = this.dependents.get(urn)!;
        const position = this.graph.index.position;
        const direct = [...mine].filter((d) => this.graph.deps.get(d)!.has(urn));
        direct.sort((a, b) => position.get(a)! - position.get(b)!);
        return direct.slice(0, 3).find((d) => mine.countAbove(position.get(d)!) === this.dependents.get(d)!.size);
    }

    /** Deletes from `state`, in deletion order, the dependents of `urn` positioned below `limit` in the graph's order. */
    private deleteBelow(state: CloudModel, urn: string, limit: number): CloudModel {
        const positions = this.dependents.get(urn)!.positions();
        for (let k = positions.length - 1; k >= 0; k--) {
            if (positions[k] >= limit) {
                continue;
            }
            const r = this.graph.order[positions[k]];
            try {
                applyDelete(state, r, this.answer(r), this.deleting);
            } catch {
                // reported on its own
            }
        }
        return state;
    }
}
