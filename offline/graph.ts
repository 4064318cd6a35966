/**
 * The dependency graph of a recorded program over its custom resources: a stable topological order, creation
 * levels (waves), and transitive dependencies and dependents. Dependencies on components stand for their custom
 * descendants.
 */
import type { RecordedResource } from "./recorder";
import { UrnIndex, UrnSet } from "./urnSet";

/** The dependency graph over custom resources; dependencies on components stand for their custom descendants. */
export interface DependencyGraph {
    /** Custom resources in a topological order (stable: recording order among resources of one level). */
    order: RecordedResource[];
    /** Direct dependencies by URN (custom resources only). */
    deps: Map<string, Set<string>>;
    /** Positions in `order`, by URN. */
    index: UrnIndex;
    /** Transitive dependencies by URN (members in `order`). */
    ancestors: Map<string, UrnSet>;
    /** Transitive dependents by URN (members in `order`). */
    descendants: Map<string, UrnSet>;
    /** Creation wave index by URN. */
    level: Map<string, number>;
}

export function shortName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Direct dependencies of every custom resource, a component dependency replaced by its custom descendants. */
function directDeps(resources: RecordedResource[]): Map<string, Set<string>> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) {
        if (r.parent) {
            const list = children.get(r.parent);
            if (list) {
                list.push(r.urn);
            } else {
                children.set(r.parent, [r.urn]);
            }
        }
    }
    const customUnder = (urn: string, out: Set<string>): void => {
        for (const c of children.get(urn) ?? []) {
            if (byUrn.get(c)?.custom) {
                out.add(c);
            }
            customUnder(c, out);
        }
    };
    const deps = new Map<string, Set<string>>();
    for (const r of resources) {
        if (!r.custom) {
            continue;
        }
        const d = new Set<string>();
        for (const u of r.dependsOn) {
            const target = byUrn.get(u);
            if (target?.custom) {
                d.add(u);
            } else if (target) {
                customUnder(u, d);
            }
        }
        d.delete(r.urn);
        deps.set(r.urn, d);
    }
    return deps;
}

/** Levels by Kahn's algorithm: level = 1 + highest level among dependencies. Throws on a cycle. */
function levels(custom: RecordedResource[], deps: Map<string, Set<string>>): Map<string, number> {
    const pending = new Map<string, number>();
    const dependents = new Map<string, string[]>();
    const ready: string[] = [];
    for (const r of custom) {
        const d = deps.get(r.urn)!;
        pending.set(r.urn, d.size);
        d.forEach((x) => (dependents.get(x) ?? dependents.set(x, []).get(x)!).push(r.urn));
        if (d.size === 0) {
            ready.push(r.urn);
        }
    }
    const level = new Map<string, number>();
    for (let i = 0; i < ready.length; i++) {
        const urn = ready[i];
        let l = 0;
        deps.get(urn)!.forEach((d) => (l = Math.max(l, level.get(d)! + 1)));
        level.set(urn, l);
        for (const next of dependents.get(urn) ?? []) {
            const left = pending.get(next)! - 1;
            pending.set(next, left);
            if (left === 0) {
                ready.push(next);
            }
        }
    }
    if (level.size < custom.length) {
        const stuck = custom.filter((r) => !level.has(r.urn)).map((r) => shortName(r.urn));
        throw new Error(`dependency cycle among ${stuck.join(", ")}`);
    }
    return level;
}

export function buildGraph(resources: RecordedResource[]): DependencyGraph {
    const custom = resources.filter((r) => r.custom);
    const deps = directDeps(resources);
    const level = levels(custom, deps);
    const order = [...custom].sort((a, b) => level.get(a.urn)! - level.get(b.urn)!);
    const index = new UrnIndex(order.map((r) => r.urn));
    const ancestors = new Map<string, UrnSet>();
    const dependents = new Map<string, string[]>();
    for (const r of order) {
        const a = index.empty();
        for (const d of deps.get(r.urn)!) {
            a.add(d);
            a.addAll(ancestors.get(d)!);
            (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(r.urn);
        }
        ancestors.set(r.urn, a);
    }
    const descendants = new Map<string, UrnSet>();
    for (let i = order.length - 1; i >= 0; i--) {
        const d = index.empty();
        for (const x of dependents.get(order[i].urn) ?? []) {
            d.add(x);
            d.addAll(descendants.get(x)!);
        }
        descendants.set(order[i].urn, d);
    }
    return { order, deps, index, ancestors, descendants, level };
}

export function groupWaves(urns: string[], levelOf: (urn: string) => number): string[][] {
    const waves: string[][] = [];
    for (const u of urns) {
        (waves[levelOf(u)] ??= []).push(u);
    }
    return waves.filter((w) => w !== undefined).map((w) => w.sort());
}
