/**
 * Mocks for a plan against what is deployed (`--state`): a resource the state already holds (by URN, or by one of
 * its aliases) keeps its id and outputs unless the provider would replace it; a replacement gets new ids, so what
 * depends on it sees the change as the engine does (an unknown id in a preview), and new resources are answered as
 * in a fresh plan. The decision for each resource is kept for the plan.
 */
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import type { Inventory } from "../cloud/inventory";
import { answerKey, CloudMocks, MockedResource } from "./cloudMocks";
import { diffInputs, ResourceDiff } from "./diff";
import { offlineKind } from "./kinds";
import type { AddressPool } from "./mockIds";
import type { PriorResource, PriorState } from "./priorState";

/** What the engine would do with a deployed resource the program still declares. */
export interface PriorDecision extends ResourceDiff {
    prior: PriorResource;
}

/** Inputs as the provider's Check leaves them, where the state keeps them so (the kind's `checked`). */
function checked(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    return offlineKind(type)?.checked?.(inputs) ?? inputs;
}

export class PriorStateMocks extends CloudMocks {
    /** By {@link answerKey} of the new registration. */
    readonly decisions = new Map<string, PriorDecision>();
    /** Deployed resources some registration took over (by URN or alias), by their deployed URN. */
    readonly claimed = new Set<string>();
    private readonly byUrn: Map<string, PriorResource>;
    private readonly matched = new Map<string, PriorResource>();
    private readonly rebuilt = new Map<string, Record<string, unknown>>();
    /** Resources read by id (`Resource.get`): never diffed. */
    private readonly reads = new Set<string>();

    constructor(
        inventory: () => Inventory,
        addresses: AddressPool,
        readonly prior: PriorState,
    ) {
        super(inventory, addresses);
        this.byUrn = new Map(prior.resources.map((r) => [r.urn, r]));
    }

    /** For the recorder: a registration's URN and aliases, before it reaches {@link newResource}. */
    readonly onRegister = (type: string, name: string, urns: string[], read = false): void => {
        const found = urns.map((u) => this.byUrn.get(u)).find((p) => p !== undefined && !this.claimed.has(p.urn));
        if (found) {
            this.claimed.add(found.urn);
            this.matched.set(answerKey(type, name), found);
        }
        if (read) {
            this.reads.add(answerKey(type, name));
        }
    };

    /** The deployed resource a registration took over, if any. */
    priorOf(type: string, name: string): PriorResource | undefined {
        return this.matched.get(answerKey(type, name));
    }

    newResource(args: MockResourceArgs): MockedResource {
        const key = answerKey(args.type, args.name);
        // An import registration has an id too, but is diffed like any other once it is in the state.
        const p = this.reads.has(key) ? undefined : this.matched.get(key);
        if (!p || p.type !== args.type || p.id === undefined) {
            return super.newResource(args);
        }
        const inputs = args.inputs as Record<string, unknown>;
        const decision = { ...diffInputs(args.type, checked(args.type, p.inputs), checked(args.type, inputs)), prior: p };
        this.decisions.set(key, decision);
        const answer =
            decision.operation === "replace"
                ? this.create(args, `${args.name}#replacement`)
                : { id: p.id, state: { ...this.outputsOf(p), ...inputs } };
        this.answers.set(key, answer);
        return answer;
    }

    /**
     * A deployed resource's outputs. A stack export has them; for a plan document they are what the offline plan's
     * mocks gave it (deterministic by name), with the address the document shows.
     */
    outputsOf(p: PriorResource): Record<string, unknown> {
        if (Object.keys(p.outputs).length > 0) {
            return p.outputs;
        }
        const known = this.rebuilt.get(p.urn);
        if (known) {
            return known;
        }
        // The plan's mocks derive some results from the name alone; ids below come from the document.
        const kind = offlineKind(p.type);
        const seed = kind?.seededByName ? p.name : `${p.name}#deployed`;
        const state: Record<string, unknown> = { ...this.create({ type: p.type, name: p.name, inputs: p.inputs }, seed).state };
        if (p.id) {
            kind?.deployedOutputs?.(state, p.id, this.prior);
        }
        this.rebuilt.set(p.urn, state);
        return state;
    }

    /** A deployed resource as a mock answer (for replaying its deletion or seeding the model). */
    answerOf(p: PriorResource): MockedResource | undefined {
        return p.id === undefined ? undefined : { id: p.id, state: this.outputsOf(p) };
    }
}
