/**
 * Pulumi mocks backed by the offline cloud model's identity rules: while the program runs, every created resource
 * gets ids and attributes shaped like the real API's (`ngw-...` with `ftb-`/`stb-` tables, `eip-...` with an address
 * from the documentation ranges, `cbwp-...`, `<table>:<fwd-...>`), deterministic per resource name. Resources read by
 * id (`Resource.get`) come from the inventory. Unknown resource types echo their inputs as state.
 *
 * The rules are not applied here: the run only records what the program asks for. The graph check
 * (graphCheck.ts) replays the recorded operations against {@link CloudModel} in dependency order.
 */
import { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { CloudError } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";

/** Pulumi type tokens the model knows. */
export const TYPES = {
    natGateway: "alicloud:vpc/natGateway:NatGateway",
    eip: "alicloud:ecs/eipAddress:EipAddress",
    plan: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
    planAttachment: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment",
    eipAssociation: "alicloud:ecs/eipAssociation:EipAssociation",
    forwardEntry: "alicloud:vpc/forwardEntry:ForwardEntry",
    securityGroupRule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
    randomString: "random:index/randomString:RandomString",
} as const;

/** Documentation address ranges (RFC 5737), in allocation order. */
const RANGES = ["203.0.113", "198.51.100", "192.0.2"];
const POOL_SIZE = RANGES.length * 254;

function fnv1a(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}

/** A deterministic string of `length` characters from `alphabet`, derived from `seed`. */
export function stableToken(seed: string, length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let out = "";
    for (let i = 0; out.length < length; i++) {
        let h = fnv1a(`${seed}#${i}`);
        for (let j = 0; j < 4 && out.length < length; j++) {
            out += alphabet[h % alphabet.length];
            h = Math.floor(h / alphabet.length);
        }
    }
    return out;
}

/** Hands out public addresses from the documentation ranges, stable per name, never twice. */
export class AddressPool {
    private readonly used = new Set<string>();
    private readonly byName = new Map<string, string>();

    constructor(taken: Iterable<string> = []) {
        for (const a of taken) {
            this.used.add(a);
        }
    }

    /** The address for `name` (the same on every call). Throws when the ranges are exhausted. */
    addressFor(name: string): string {
        const known = this.byName.get(name);
        if (known) {
            return known;
        }
        const start = fnv1a(name) % POOL_SIZE;
        for (let i = 0; i < POOL_SIZE; i++) {
            const n = (start + i) % POOL_SIZE;
            const address = `${RANGES[Math.floor(n / 254)]}.${(n % 254) + 1}`;
            if (!this.used.has(address)) {
                this.used.add(address);
                this.byName.set(name, address);
                return address;
            }
        }
        throw new Error(`the documentation address ranges are exhausted (${POOL_SIZE} addresses)`);
    }
}

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
        const token = (prefix: string) => `${prefix}-${stableToken(`${args.type}::${seed}`, 17)}`;
        switch (args.type) {
            case TYPES.natGateway: {
                const id = token("ngw");
                const suffix = id.slice("ngw-".length);
                return { id, state: { ...inputs, forwardTableIds: `ftb-${suffix}`, snatTableIds: `stb-${suffix}`, status: "Available" } };
            }
            case TYPES.eip: {
                const id = token("eip");
                return { id, state: { ...inputs, ipAddress: this.addresses.addressFor(seed), status: "Available" } };
            }
            case TYPES.plan:
                return { id: token("cbwp"), state: { ...inputs, status: "Available" } };
            case TYPES.planAttachment:
                return { id: `${inputs.bandwidthPackageId}:${inputs.instanceId}`, state: { ...inputs } };
            case TYPES.eipAssociation:
                return { id: `${inputs.allocationId}:${inputs.instanceId}`, state: { ...inputs } };
            case TYPES.forwardEntry: {
                const entryId = token("fwd");
                return { id: `${inputs.forwardTableId}:${entryId}`, state: { ...inputs, forwardEntryId: entryId, status: "Available" } };
            }
            case TYPES.securityGroupRule: {
                // The provider's id: group:direction:protocol:ports:nic:source:policy:priority (resource_alicloud_security_group_rule.go).
                const parts = [inputs.securityGroupId, inputs.type, inputs.ipProtocol, inputs.portRange, inputs.nicType, inputs.cidrIp];
                const id = [...parts, inputs.policy ?? "accept", inputs.priority ?? 1].map(String).join(":");
                return { id, state: { ...inputs, securityGroupRuleId: token("sgr") } };
            }
            case TYPES.randomString: {
                const length = typeof inputs.length === "number" ? inputs.length : 8;
                const alphabet = `abcdefghijklmnopqrstuvwxyz${inputs.upper === false ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}${inputs.numeric === false ? "" : "0123456789"}`;
                return { id: args.name, state: { ...inputs, result: stableToken(seed, length, alphabet) } };
            }
            default:
                // Unknown types (e.g. dynamic resources): no rules, inputs echoed as state.
                return { id: `${args.name}-id`, state: { ...inputs } };
        }
    }

    /**
     * An existing EIP the component cannot take over: one in another bandwidth plan (it joins the stack's plan, and an
     * EIP belongs to one plan at a time, rules §1.11), or one an SNAT entry uses (the component unbinds it on destroy,
     * which the API refuses while SNAT uses it, rules §1.5).
     */
    private unadoptable(eip: Inventory["eips"][number], inv: Inventory): CloudError | undefined {
        if (eip.bandwidthPlanId !== undefined) {
            return new CloudError(
                "IpInstanceId.AlreadyInBandwidthPackage",
                `EIP ${eip.allocationId} is already in bandwidth plan ${eip.bandwidthPlanId}; it would join this stack's plan, and an EIP is in one plan at a time: remove it from ${eip.bandwidthPlanId} first`,
                "§1.11",
            );
        }
        const snat = inv.natGateways.find((n) => n.snatIps.includes(eip.ipAddress));
        if (snat) {
            return new CloudError(
                "InvalidIpStatus.HasBeenUsedBySnatTable",
                `EIP ${eip.allocationId} (${eip.ipAddress}) is used by an SNAT entry of ${snat.id}; the stack would own its binding and unbind it on destroy, which the API refuses while SNAT uses it: adopt an EIP no SNAT entry uses`,
                "§1.5",
            );
        }
        return undefined;
    }

    private read(args: MockResourceArgs): MockedResource {
        const id = args.id!;
        const inv = this.inventory();
        switch (args.type) {
            case TYPES.natGateway: {
                const nat = inv.natGateways.find((n) => n.id === id);
                if (!nat) {
                    // rules §1.3: a gateway that is not listed is not found.
                    const error = new CloudError(
                        "InvalidNatGatewayId.NotFound",
                        `NAT gateway ${id} (adopted as ${args.name}) is not in the account inventory`,
                        "§1.3",
                    );
                    this.refusals.push({ name: args.name, error });
                    return { id, state: { forwardTableIds: "ftb-notfound", snatTableIds: "stb-notfound" } };
                }
                return {
                    id,
                    state: {
                        vpcId: nat.vpcId,
                        forwardTableIds: nat.forwardTableId,
                        snatTableIds: nat.snatTableId,
                        natType: "Enhanced",
                        status: "Available",
                    },
                };
            }
            case TYPES.eip: {
                const eip = inv.eips.find((e) => e.allocationId === id);
                if (!eip) {
                    const error = new CloudError(
                        "InvalidAllocationId.NotFound",
                        `EIP ${id} (adopted as ${args.name}) is not in the account inventory`,
                        "§1.4",
                    );
                    this.refusals.push({ name: args.name, error });
                    return { id, state: { ipAddress: "0.0.0.0" } };
                }
                const unusable = this.unadoptable(eip, inv);
                if (unusable) {
                    this.refusals.push({ name: args.name, error: unusable });
                }
                return {
                    id,
                    state: {
                        ipAddress: eip.ipAddress,
                        paymentType: eip.paymentType,
                        internetChargeType: eip.internetChargeType,
                        isp: eip.isp,
                        status: eip.boundTo ? "InUse" : "Available",
                    },
                };
            }
            default:
                return { id, state: { ...(args.inputs as Record<string, unknown>) } };
        }
    }
}
