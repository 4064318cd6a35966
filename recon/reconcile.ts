/**
 * Which resources in the account belong to a stack but are not in its state: the orphans a deploy killed between
 * the cloud's answer and the state's checkpoint leaves. Pure.
 *
 * A gateway, EIP or plan belongs to the stack when it carries the stack's `sbg-stack` tag, when its name is one the
 * component gives (`<namePrefix>-<6 characters>[-<key>]`), or when its name is the one a pending create of the state
 * asked for. The name matters: the provider sends the name in the create call but sets a NAT gateway's and an EIP's
 * tags only afterwards with TagResources (terraform-provider-alicloud v1.285.0 resource_alicloud_nat_gateway.go and
 * resource_alicloud_eip_address.go Create, then Update), so a kill in between leaves them untagged; a plan's tags go
 * in its create call (resource_alicloud_common_bandwidth_package.go). Joins, bindings and DNAT entries have no name
 * or tag: they belong to the stack when they tie the stack's own EIPs to its gateway or plan; when that gateway or plan
 * is in the state with a forced deletion, an interrupted destroy is what left them, and the forced deletion removes them.
 */
import { STACK_TAG_KEY } from "../components/validation/tags";
import type { AccountSnapshot } from "./account";
import { Role, StackState, stateIds, StateResource, TYPES } from "./state";

/** How a stack's resources are recognised in the account. */
export interface Owner {
    /** Value of the `sbg-stack` tag (`<project>/<stack>`). */
    stackTag: string;
    /** Prefix of the cloud-side names. */
    namePrefix: string;
}

/** A resource the account holds for the stack and the state does not know. */
export interface Orphan {
    role: Role;
    /** The id the provider would record (joins `<plan>:<eip>`, bindings `<eip>:<gateway>`, entries `<table>:<entry>`). */
    id: string;
    /** What it is, for a person: kind, ids, address, name. */
    what: string;
    /** Why it is the stack's. */
    matchedBy: "tag" | "name" | "pending create" | "stack's EIP";
    /** URN of the pending create it is the outcome of, when there is one: importing it completes that create. */
    pendingUrn?: string;
    /** Parts the release calls need. */
    ref: Record<string, string>;
    /**
     * The gateway or plan (id) in the state whose forced deletion removes this DNAT entry, binding or join: what an
     * interrupted forced destroy leaves (the engine dropped it from the state with no call, components/teardown.ts).
     * Running `pulumi destroy` again removes it; before a `pulumi up`, release it.
     */
    goesWith?: string;
}

function escape(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Name input of a pending create, per role. */
const NAME_INPUT: Partial<Record<Role, string>> = { nat: "natGatewayName", eip: "addressName", plan: "bandwidthPackageName" };

function pendingBy(state: StackState, role: Role, match: (inputs: Record<string, unknown>) => boolean): StateResource | undefined {
    return state.pendingCreates.find((p) => p.type === TYPES[role] && match(p.inputs ?? {}));
}

/** The named resources (gateways, EIPs, plans) of the stack that the state lacks. */
function namedOrphans(state: StackState, account: AccountSnapshot, owner: Owner): Orphan[] {
    const generated = new RegExp(`^${escape(owner.namePrefix)}-[a-z0-9]{6}(-[A-Za-z0-9_.-]+)?$`);
    const out: Orphan[] = [];
    const consider = (role: Role, id: string, name: string, tags: Record<string, string>, what: string, ref: Record<string, string>) => {
        if (stateIds(state, role).has(id)) {
            return;
        }
        const pending = pendingBy(state, role, (inputs) => inputs[NAME_INPUT[role]!] === name && name !== "");
        const matchedBy =
            tags[STACK_TAG_KEY] === owner.stackTag ? "tag" : pending ? "pending create" : generated.test(name) ? "name" : undefined;
        if (matchedBy) {
            out.push({ role, id, what, matchedBy, pendingUrn: pending?.urn, ref });
        }
    };
    account.natGateways.forEach((n) => consider("nat", n.id, n.name, n.tags, `NAT gateway ${n.id} (${n.name})`, { natGatewayId: n.id }));
    account.bandwidthPlans.forEach((p) => consider("plan", p.id, p.name, p.tags, `bandwidth plan ${p.id} (${p.name})`, { planId: p.id }));
    account.eips.forEach((e) =>
        consider("eip", e.id, e.name, e.tags, `EIP ${e.id} ${e.ipAddress} (${e.name})`, { allocationId: e.id, ipAddress: e.ipAddress }),
    );
    return out;
}

/** Ids of the gateways and plans the state deletes with Force (their `force` input, components/teardown.ts). */
function forcedIds(state: StackState): Set<string> {
    return new Set(
        state.resources
            .filter((r) => (r.type === TYPES.nat && r.inputs?.force === true) || (r.type === TYPES.plan && r.inputs?.force === "true"))
            .map((r) => r.id)
            .filter((id): id is string => id !== undefined),
    );
}

/** Every resource of the account that belongs to the stack but is not in its state. */
export function findOrphans(state: StackState, account: AccountSnapshot, owner: Owner): Orphan[] {
    const forced = forcedIds(state);
    const tableOwner = new Map(account.natGateways.flatMap((n) => n.forwardTableIds.map((t) => [t, n.id] as const)));
    const named = namedOrphans(state, account, owner);
    const mine = (role: Role) => new Set([...stateIds(state, role), ...named.filter((o) => o.role === role).map((o) => o.id)]);
    const [nats, plans, eips] = [mine("nat"), mine("plan"), mine("eip")];
    const out = [...named];
    const add = (
        role: Role,
        id: string,
        what: string,
        ref: Record<string, string>,
        match: (i: Record<string, unknown>) => boolean,
        owner: string,
    ) => {
        if (!stateIds(state, role).has(id)) {
            const goesWith = forced.has(owner) ? { goesWith: owner } : {};
            out.push({ role, id, what, matchedBy: "stack's EIP", pendingUrn: pendingBy(state, role, match)?.urn, ref, ...goesWith });
        }
    };
    for (const e of account.eips.filter((x) => eips.has(x.id))) {
        if (plans.has(e.planId)) {
            add(
                "join",
                `${e.planId}:${e.id}`,
                `EIP ${e.id} in plan ${e.planId}`,
                { planId: e.planId, allocationId: e.id },
                (i) => i.bandwidthPackageId === e.planId && i.instanceId === e.id,
                e.planId,
            );
        }
        if (nats.has(e.boundTo)) {
            add(
                "bind",
                `${e.id}:${e.boundTo}`,
                `EIP ${e.id} bound to ${e.boundTo}`,
                { allocationId: e.id, natGatewayId: e.boundTo },
                (i) => i.allocationId === e.id && i.instanceId === e.boundTo,
                e.boundTo,
            );
        }
    }
    const tables = new Set(account.natGateways.filter((n) => nats.has(n.id)).flatMap((n) => n.forwardTableIds));
    const addresses = new Set(account.eips.filter((e) => eips.has(e.id)).map((e) => e.ipAddress));
    for (const f of account.forwardEntries.filter((x) => tables.has(x.tableId) && addresses.has(x.externalIp))) {
        const tuple = `${f.externalIp}:${f.externalPort}/${f.ipProtocol} -> ${f.internalIp}:${f.internalPort}`;
        add(
            "entry",
            `${f.tableId}:${f.id}`,
            `DNAT entry ${f.id} ${tuple}`,
            { tableId: f.tableId, entryId: f.id },
            (i) =>
                i.forwardTableId === f.tableId &&
                i.externalIp === f.externalIp &&
                String(i.externalPort).toLowerCase() === f.externalPort.toLowerCase() &&
                String(i.ipProtocol).toLowerCase() === f.ipProtocol.toLowerCase(),
            tableOwner.get(f.tableId) ?? "",
        );
    }
    return out;
}
