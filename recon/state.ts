/**
 * The parts of a stack's state (`pulumi stack export`) reconcile reads: the id of every resource of the gateway's
 * types, and the pending operations a killed deploy left (a pending create has the resource's inputs but no id: the
 * cloud may hold it while the state does not).
 */

/** The gateway's cloud resource types, by role. */
export const TYPES = {
    nat: "alicloud:vpc/natGateway:NatGateway",
    eip: "alicloud:ecs/eipAddress:EipAddress",
    plan: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
    join: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment",
    bind: "alicloud:ecs/eipAssociation:EipAssociation",
    entry: "alicloud:vpc/forwardEntry:ForwardEntry",
} as const;
export type Role = keyof typeof TYPES;

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

/** Ids in the state of resources of `role`. */
export function stateIds(state: StackState, role: Role): Set<string> {
    return new Set(state.resources.filter((r) => r.type === TYPES[role] && r.id).map((r) => r.id!));
}

/** The role of a resource type, if it is one of the gateway's. */
export function roleOf(type: string): Role | undefined {
    return (Object.keys(TYPES) as Role[]).find((r) => TYPES[r] === type);
}
