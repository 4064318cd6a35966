/**
 * Pulumi mocks backed by the offline cloud model's identity rules: while the program runs, every created resource
 * gets ids and attributes shaped like the real API's (`ngw-...` with `ftb-`/`stb-` tables, `eip-...` with an address
 * from the documentation ranges, `cbwp-...`, `<table>:<fwd-...>`), deterministic per resource name, each from its
 * kind's module (offline/kinds/<kind>.ts). Resources read by id (`Resource.get`) come from the inventory. Unknown
 * resource types echo their inputs as state.
 *
 * The rules are not applied here: the run only records what the program asks for. The graph check
 * (graphCheck.ts) replays the recorded operations against {@link CloudModel} in dependency order.
 */
import { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import type { CloudError } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { offlineKind } from "./kinds";
import { AddressPool, stableToken } from "./mockIds";

/** What the mock answered for one resource: its id and output state. */
export interface MockedResource {
    id: string;
    state: Record<string, unknown>;
}

/** The key under which {@link CloudMocks.answers} stores a resource. */
export function answerKey(type: string, name: string): string {
    return `${type}::${name}`;
}

/**
 * Mocks for {@link runProgram}. `inventory()` is consulted at the first read, so the caller may decide the inventory
 * after the program has read its configuration.
 */
export class CloudMocks implements Mocks {
    /** Every answer, by {@link answerKey}. */
    readonly answers = new Map<string, MockedResource>();
    /** Reads the account refused (an adopted id not in the inventory), by resource name. The run goes on with a placeholder. */
    readonly refusals: { name: string; error: CloudError }[] = [];

    constructor(
        private readonly inventory: () => Inventory,
        readonly addresses: AddressPool,
    ) {}

    newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const answer = args.id ? this.read(args) : this.create(args);
        this.answers.set(answerKey(args.type, args.name), answer);
        return answer;
    }

    call(args: MockCallArgs): Record<string, unknown> {
        throw new Error(`the offline cloud model does not implement the function ${args.token}`);
    }

    /** A new resource's answer; `seed` (default: the name) decides its ids and address, so a replacement gets new ones. */
    protected create(args: MockResourceArgs, seed = args.name): MockedResource {
        const inputs = args.inputs as Record<string, unknown>;
        const create = offlineKind(args.type)?.create;
        if (!create) {
            // Unknown types (e.g. dynamic resources): no rules, inputs echoed as state.
            return { id: `${args.name}-id`, state: { ...inputs } };
        }
        const token = (prefix: string) => `${prefix}-${stableToken(`${args.type}::${seed}`, 17)}`;
        return create(args, inputs, { seed, token, addresses: this.addresses });
    }

    /** An adopted resource's answer, from the inventory; a refusal is kept and the run goes on with the placeholder. */
    private read(args: MockResourceArgs): MockedResource {
        const read = offlineKind(args.type)?.read;
        if (!read) {
            return { id: args.id!, state: { ...(args.inputs as Record<string, unknown>) } };
        }
        const { answer, refusal } = read(args.id!, args.name, this.inventory());
        if (refusal) {
            this.refusals.push({ name: args.name, error: refusal });
        }
        return answer;
    }
}
