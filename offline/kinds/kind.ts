/**
 * What the offline front end knows of one kind of child (components/kinds.ts), written in that kind's module
 * (offline/kinds/<kind>.ts): what its mock answers on create and read, how its creation, update and deletion change
 * the cloud model, which inputs force a replacement, and the facts the protection check and the report state of it.
 * Every field is optional but `forceNew`: what a kind leaves out, the operation files treat as "nothing to do".
 */
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import type { Inventory } from "../../cloud/inventory";
import type { CloudError, CloudModel } from "../../cloud/model";
import type { AddressPool } from "../mockIds";
import type { MockedResource } from "../cloudMocks";
import type { PriorState } from "../priorState";
import type { RecordedResource } from "../recorder";

/** The code of a refusal by the Pulumi engine rather than the cloud API. */
export const ENGINE_CODE = "(engine)";
/** The code of a refusal by the provider's own input validation, before any API call. */
export const PROVIDER_CODE = "(provider)";

/** What a kind's mock needs to answer a creation: the seed of its ids, a token maker and the address pool. */
export interface CreateContext {
    /** Decides the ids and the address (the name, or another seed for a replacement). */
    seed: string;
    /** `<prefix>-<17 characters>`, derived from the type and the seed. */
    token: (prefix: string) => string;
    addresses: AddressPool;
}

/** A read by id from the inventory: the answer, and the account's refusal when the resource cannot be adopted. */
export interface ReadAnswer {
    answer: MockedResource;
    refusal?: CloudError;
}

/** Two writes on one target (a DNAT table, a plan) the cloud refuses to run at once (offline/graphConflicts.ts). */
export interface WriteConflict {
    /** The table or plan a write contends for. */
    target: (inputs: Record<string, unknown>) => string;
    /** The API code of the refusal. */
    code: string;
    /** How the error names the writes and what they contend for: `DNAT entries on`, `joins to plan`. */
    writesOn: string;
    /** The state of a write that blocks the others: `Pending`, `BINDING`. */
    busyState: string;
    /** Why the cloud refuses, with its sources, ending in what becomes of the update. */
    why: string;
    /** What the program must do instead. */
    remedy: string;
}

/** The error: `count` of the `total` writes on `target` can start while another runs (`listed` names them). Pure. */
export function conflictMessage(c: WriteConflict, count: number, total: number, target: string, listed: string): string {
    return `${count} of the ${total} ${c.writesOn} ${target} can start while another is ${c.busyState} (${listed}); ${c.why}; ${c.remedy}`;
}

/** One kind's offline behaviour. */
export interface OfflineKind {
    /** The mock's answer for a new resource; without it, the inputs are echoed as state with the id `<name>-id`. */
    create?: (args: MockResourceArgs, inputs: Record<string, unknown>, ctx: CreateContext) => MockedResource;
    /** The mock's answer for a resource read by id (`Resource.get`); without it, the inputs are echoed as state. */
    read?: (id: string, name: string, inventory: Inventory) => ReadAnswer;
    /** A deployed resource's mock answer is derived from its name alone (not from a deployment's own seed). */
    seededByName?: true;
    /** Sets in a deployed resource's rebuilt outputs what its id says (ids of tables, entries; the address). */
    deployedOutputs?: (state: Record<string, unknown>, id: string, prior: PriorState) => void;
    /** The inputs as the provider's Check leaves them, where the state keeps them so. */
    checked?: (inputs: Record<string, unknown>) => Record<string, unknown>;
    /** Applies a creation (or import) to the model; returns advisories. */
    applyCreate?: (model: CloudModel, r: RecordedResource, answer: MockedResource) => string[];
    /** Applies an in-place update (the inputs in `changes` changed): what the provider's Update calls. */
    applyUpdate?: (model: CloudModel, r: RecordedResource, answer: MockedResource, changes: string[]) => string[];
    /** Applies a deletion as the provider sends it; returns advisories. */
    applyDelete?: (model: CloudModel, r: RecordedResource, answer: MockedResource) => string[];
    /** Whether its cloud object is still in `model` (after a destroy whose deletion of it the engine skipped). */
    stillThere?: (model: CloudModel, r: RecordedResource, answer: MockedResource) => boolean;
    /**
     * The inputs (Pulumi names) whose change replaces the resource: the provider's ForceNew arguments, read from the
     * schemas of terraform-provider-alicloud v1.285.0 (`alicloud/resource_alicloud_<x>.go`, the `ForceNew: true`
     * fields) and terraform-provider-random (`internal/provider/resource_string.go`).
     */
    forceNew?: readonly string[];
    /** The provider source file the ForceNew arguments are read from, when messages cite it. */
    providerSource?: string;
    /** Inputs the component feeds from another config key (input → key path). */
    fedBy?: Record<string, string>;
    /** Words for one and for several of them when an update also replaces them: ["a binding", "bindings"]. */
    replacedWords?: readonly [string, string];
    /** Words for one and several of them when they go with a forced deletion: ["binding", "bindings"]. */
    riderWords?: readonly [string, string];
    /** Whether its deletion is forced (takes what is inside it along). */
    forcedDelete?: (inputs: Record<string, unknown>) => boolean;
    /** Whether the provider's Delete only drops it from the state, leaving it in the account. */
    forgottenOnDelete?: (inputs: Record<string, unknown>) => boolean;
    /** Writes of this kind on one target conflict when they can run at once. */
    conflict?: WriteConflict;
}

/** A string input, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
