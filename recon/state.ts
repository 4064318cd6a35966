/**
 * The parts of a stack's state (`pulumi stack export`) reconcile reads: the id of every resource of the gateway's
 * types, and the pending operations a killed deploy left (a pending create has the resource's inputs but no id: the
 * cloud may hold it while the state does not).
 */
import { KindName, KINDS } from "../components/kinds";

/** The kinds of child reconcile looks for in the account (components/kinds.ts), in the order it lists them. */
export const RECON_KINDS = ["nat", "eip", "plan", "join", "bind", "dnat"] as const satisfies readonly KindName[];
export type ReconKind = (typeof RECON_KINDS)[number];

/**
 * The word reconcile's output (its text, `--json` and the crash run's report) uses for a kind: a DNAT entry has
 * always been `entry` there, so that word stays at the output edge while the code says `dnat`.
 */
const ROLE_OF = { nat: "nat", eip: "eip", plan: "plan", join: "join", bind: "bind", dnat: "entry" } as const;
export type Role = (typeof ROLE_OF)[ReconKind];

/** The word the output uses for `kind`. */
export function roleOf(kind: ReconKind): Role {
    return ROLE_OF[kind];
}

/** The kind a role word of the output stands for. */
export function kindOfRole(role: Role): ReconKind {
    return RECON_KINDS.find((k) => ROLE_OF[k] === role)!;
}

/** The gateway's cloud resource types, by role word (from components/kinds.ts). */
export const TYPES = Object.fromEntries(RECON_KINDS.map((k) => [ROLE_OF[k], KINDS[k].type])) as Record<Role, string>;

/** One resource of the export (`deployment.resources[]` or a pending operation's `resource`). */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    parent?: string;
    inputs?: Record<string, unknown>;
}

/** What reconcile needs of a stack's state. */
export interface StackState {
    resources: StateResource[];
    /** Pending creates: started by a deploy that never recorded their outcome. */
    pendingCreates: StateResource[];
    /** Other pending operations (deleting, updating...), by type. */
    otherPending: { type: string; urn: string }[];
}

interface Deployment {
    resources?: StateResource[];
    pending_operations?: { type: string; resource: StateResource }[];
}

/** Reads the output of `pulumi stack export` (the whole document, or its `deployment`). */
export function parseStackExport(doc: unknown): StackState {
    const d = ((doc as { deployment?: Deployment }).deployment ?? doc) as Deployment;
    const pending = d.pending_operations ?? [];
    return {
        resources: d.resources ?? [],
        pendingCreates: pending.filter((p) => p.type === "creating").map((p) => p.resource),
        otherPending: pending.filter((p) => p.type !== "creating").map((p) => ({ type: p.type, urn: p.resource.urn })),
    };
}

/** Ids in the state of resources of `kind`. */
export function kindIds(state: StackState, kind: ReconKind): Set<string> {
    return new Set(state.resources.filter((r) => r.type === KINDS[kind].type && r.id).map((r) => r.id!));
}

/** Ids in the state of resources of `role`. */
export function stateIds(state: StackState, role: Role): Set<string> {
    return kindIds(state, kindOfRole(role));
}
