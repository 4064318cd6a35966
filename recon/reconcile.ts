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
import { cloudNamePattern, KINDS } from "../components/kinds";
import { STACK_TAG_KEY } from "../components/validation/tags";
import type { AccountSnapshot } from "./account";
import { kindIds, ReconKind, Role, roleOf, StackState, StateResource } from "./state";

/** How a stack's resources are recognised in the account. */
export interface Owner {
    /** Value of the `sbg-stack` tag (`<project>/<stack>`). */
    stackTag: string;
    /** Prefix of the cloud-side names. */
    namePrefix: string;
}

/** A resource the account holds for the stack and the state does not know. */
export interface Orphan {
    /** Its kind, in the word reconcile's output uses (recon/state.ts: `entry` for a DNAT entry). */
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

type Inputs = Record<string, unknown>;

/** Name input of a pending create, per named kind. */
const NAME_INPUT = { nat: "natGatewayName", eip: "addressName", plan: "bandwidthPackageName" } as const;

function pendingBy(state: StackState, kind: ReconKind, match: (inputs: Inputs) => boolean): StateResource | undefined {
    return state.pendingCreates.find((p) => p.type === KINDS[kind].type && match(p.inputs ?? {}));
}

/** The named resources (gateways, EIPs, plans) of the stack that the state lacks. */
function namedOrphans(state: StackState, account: AccountSnapshot, owner: Owner): Orphan[] {
    const generated = cloudNamePattern(owner.namePrefix);
    const out: Orphan[] = [];
    const consider = (
        kind: keyof typeof NAME_INPUT,
        id: string,
        name: string,
        tags: Record<string, string>,
        what: string,
        ref: Record<string, string>,
    ) => {
        if (kindIds(state, kind).has(id)) {
            return;
        }
        const pending = pendingBy(state, kind, (inputs) => inputs[NAME_INPUT[kind]] === name && name !== "");
        const matchedBy =
            tags[STACK_TAG_KEY] === owner.stackTag ? "tag" : pending ? "pending create" : generated.test(name) ? "name" : undefined;
        if (matchedBy) {
            out.push({ role: roleOf(kind), id, what, matchedBy, pendingUrn: pending?.urn, ref });
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
            .filter(
                (r) =>
                    (r.type === KINDS.nat.type && r.inputs?.force === true) || (r.type === KINDS.plan.type && r.inputs?.force === "true"),
            )
            .map((r) => r.id)
            .filter((id): id is string => id !== undefined),
    );
}

/** The gateways, plans and EIPs that are the stack's: in its state, or named orphans. */
interface Owned {
    nats: Set<string>;
    plans: Set<string>;
    eips: Set<string>;
}

/** A join, binding or DNAT entry of the account that ties the stack's own resources together. */
interface Tie {
    kind: "join" | "bind" | "dnat";
    id: string;
    what: string;
    ref: Record<string, string>;
    /** Whether a pending create's inputs ask for it. */
    match: (inputs: Inputs) => boolean;
    /** The gateway or plan whose forced deletion removes it. */
    owner: string;
}

/** The joins and bindings of the stack's EIPs with its plans and gateways, EIP by EIP. */
function eipTies(account: AccountSnapshot, owned: Owned): Tie[] {
    const out: Tie[] = [];
    for (const e of account.eips.filter((x) => owned.eips.has(x.id))) {
        if (owned.plans.has(e.planId)) {
            out.push({
                kind: "join",
                id: `${e.planId}:${e.id}`,
                what: `EIP ${e.id} in plan ${e.planId}`,
                ref: { planId: e.planId, allocationId: e.id },
                match: (i) => i.bandwidthPackageId === e.planId && i.instanceId === e.id,
                owner: e.planId,
            });
        }
        if (owned.nats.has(e.boundTo)) {
            out.push({
                kind: "bind",
                id: `${e.id}:${e.boundTo}`,
                what: `EIP ${e.id} bound to ${e.boundTo}`,
                ref: { allocationId: e.id, natGatewayId: e.boundTo },
                match: (i) => i.allocationId === e.id && i.instanceId === e.boundTo,
                owner: e.boundTo,
            });
        }
    }
    return out;
}

/** The DNAT entries on the stack's gateways' tables that forward its EIPs' addresses. */
function dnatTies(account: AccountSnapshot, owned: Owned): Tie[] {
    const tableOwner = new Map(account.natGateways.flatMap((n) => n.forwardTableIds.map((t) => [t, n.id] as const)));
    const tables = new Set(account.natGateways.filter((n) => owned.nats.has(n.id)).flatMap((n) => n.forwardTableIds));
    const addresses = new Set(account.eips.filter((e) => owned.eips.has(e.id)).map((e) => e.ipAddress));
    return account.forwardEntries
        .filter((f) => tables.has(f.tableId) && addresses.has(f.externalIp))
        .map((f) => ({
            kind: "dnat",
            id: `${f.tableId}:${f.id}`,
            what: `DNAT entry ${f.id} ${f.externalIp}:${f.externalPort}/${f.ipProtocol} -> ${f.internalIp}:${f.internalPort}`,
            ref: { tableId: f.tableId, entryId: f.id },
            match: (i) =>
                i.forwardTableId === f.tableId &&
                i.externalIp === f.externalIp &&
                String(i.externalPort).toLowerCase() === f.externalPort.toLowerCase() &&
                String(i.ipProtocol).toLowerCase() === f.ipProtocol.toLowerCase(),
            owner: tableOwner.get(f.tableId) ?? "",
        }));
}

/** The orphan a tie is, unless the state has it. */
function tieOrphan(state: StackState, forced: Set<string>, t: Tie): Orphan[] {
    if (kindIds(state, t.kind).has(t.id)) {
        return [];
    }
    const goesWith = forced.has(t.owner) ? { goesWith: t.owner } : {};
    const pendingUrn = pendingBy(state, t.kind, t.match)?.urn;
    return [{ role: roleOf(t.kind), id: t.id, what: t.what, matchedBy: "stack's EIP", pendingUrn, ref: t.ref, ...goesWith }];
}

/** Every resource of the account that belongs to the stack but is not in its state. */
export function findOrphans(state: StackState, account: AccountSnapshot, owner: Owner): Orphan[] {
    const named = namedOrphans(state, account, owner);
    const mine = (kind: ReconKind) => new Set([...kindIds(state, kind), ...named.filter((o) => o.role === roleOf(kind)).map((o) => o.id)]);
    const owned: Owned = { nats: mine("nat"), plans: mine("plan"), eips: mine("eip") };
    const forced = forcedIds(state);
    return [...named, ...[...eipTies(account, owned), ...dnatTies(account, owned)].flatMap((t) => tieOrphan(state, forced, t))];
}
