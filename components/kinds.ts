/**
 * The kinds of child a SharedBandwidthGateway has, each written once: its one name (the role in the child's name,
 * used for it everywhere in the code), its Pulumi type, what its key is, the config path it comes from, and how its
 * child name is built and read back. Everything that recognises a child (the offline plan, reconcile, the bench)
 * asks this module, so a renamed role or a new kind is one entry here.
 *
 * One concept, one name, from config to API:
 *
 * | kind | config | child name | Pulumi resource | API noun |
 * |---|---|---|---|---|
 * | nat | `natGateway` | `<name>-nat` | vpc.NatGateway | NatGateway |
 * | plan | `bandwidthPlan` | `<name>-plan` | vpc.CommonBandwithPackage | CommonBandwidthPackage |
 * | eip | `eips.<key>` | `<name>-eip-<key>` | ecs.EipAddress | EipAddress |
 * | join | `eips.<key>` | `<name>-join-<key>` | vpc.CommonBandwithPackageAttachment | CommonBandwidthPackageIp |
 * | bind | `eips.<key>` | `<name>-bind-<key>` | ecs.EipAssociation | (Un)AssociateEipAddress |
 * | dnat | `rules.<key>` | `<name>-dnat-<key>` | vpc.ForwardEntry | ForwardEntry |
 * | ingress | `rules.<key>.allowFrom` | `<name>-ingress-<key>-<source>` | ecs.SecurityGroupRule | SecurityGroupRule |
 * | suffix | (none) | `<name>-suffix` | random.RandomString | (none) |
 * | connectivity | (none) | `<name>-connectivity` | dynamic resource | (none) |
 *
 * Pure: no Pulumi SDK is loaded here, so the offline tools and reconcile can use it cheaply.
 */

/** What identifies one child among its kind. */
export type KeyOf = "none" | "eip" | "rule" | "ruleSource";

/** One kind of child. */
export interface Kind<N extends string = string> {
    /** The kind's one name: the role in the child's name. */
    readonly name: N;
    /** The Pulumi type token. */
    readonly type: string;
    /** What the child's key is: none (one per gateway), an EIP key, a rule key, or a rule key and a source. */
    readonly keyOf: KeyOf;
    /** The config path (below the project's namespace) a child comes from; undefined for kinds no key sets. */
    readonly configPath: ((key: string) => string) | undefined;
}

const kind = <N extends string>(name: N, type: string, keyOf: KeyOf, configPath?: (key: string) => string): Kind<N> => ({
    name,
    type,
    keyOf,
    configPath,
});

/** Every kind, in the order the component creates them. */
export const KINDS = {
    suffix: kind("suffix", "random:index/randomString:RandomString", "none"),
    eip: kind("eip", "alicloud:ecs/eipAddress:EipAddress", "eip", (k) => `eips.${k}`),
    plan: kind("plan", "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage", "none", () => "bandwidthPlan"),
    nat: kind("nat", "alicloud:vpc/natGateway:NatGateway", "none", () => "natGateway"),
    join: kind("join", "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", "eip", (k) => `eips.${k}`),
    bind: kind("bind", "alicloud:ecs/eipAssociation:EipAssociation", "eip", (k) => `eips.${k}`),
    dnat: kind("dnat", "alicloud:vpc/forwardEntry:ForwardEntry", "rule", (k) => `rules.${k}`),
    ingress: kind("ingress", "alicloud:ecs/securityGroupRule:SecurityGroupRule", "ruleSource", (k) => `rules.${k}.allowFrom`),
    connectivity: kind("connectivity", "pulumi-nodejs:dynamic:Resource", "none"),
} as const;

/** The name of a kind. */
export type KindName = keyof typeof KINDS;

/** The kinds that are cloud resources of the alicloud provider. */
export const CLOUD_KINDS: readonly KindName[] = ["eip", "plan", "nat", "join", "bind", "dnat", "ingress"];

const BY_TYPE = new Map<string, Kind<KindName>>(Object.values(KINDS).map((k) => [k.type, k]));

/** The kind of a Pulumi type token; undefined for a type the gateway does not create. */
export function kindOfType(type: string): KindName | undefined {
    return BY_TYPE.get(type)?.name;
}

/** The part of a child's name that stands for an ingress source: `203.0.113.0/24` -> `203.0.113.0-24`. Pure. */
export function sourceName(cidr: string): string {
    return cidr.replace("/", "-");
}

/**
 * The name of a child: `<component>-<kind>` for a kind with one child, `<component>-<kind>-<key>` for a keyed one,
 * `<component>-ingress-<rule key>-<source>` for an ingress rule.
 */
export function childName(component: string, kind: KindName, key?: string, source?: string): string {
    const k = KINDS[kind];
    if (k.keyOf === "none") {
        return `${component}-${kind}`;
    }
    if (key === undefined || (k.keyOf === "ruleSource" && source === undefined)) {
        throw new Error(`a ${kind} child is named by its ${k.keyOf === "ruleSource" ? "rule key and source" : "key"}`);
    }
    return k.keyOf === "ruleSource" ? `${component}-${kind}-${key}-${sourceName(source!)}` : `${component}-${kind}-${key}`;
}

/** What a child's name says: its kind and key (for ingress, the source as the name writes it). */
export interface ChildIdentity {
    kind: KindName;
    key?: string;
    source?: string;
}

/** An ingress source as a name writes it: an IPv4 CIDR with `-` for `/`. */
const INGRESS = /^(.+)-(\d+\.\d+\.\d+\.\d+-\d+)$/;

/** Reads a child's name back; undefined for a name that is not one of `component`'s children. Pure. */
export function parseChildName(component: string, resourceName: string): ChildIdentity | undefined {
    if (!resourceName.startsWith(`${component}-`)) {
        return undefined;
    }
    const rest = resourceName.slice(component.length + 1);
    for (const k of Object.values(KINDS)) {
        if (k.keyOf === "none") {
            if (rest === k.name) {
                return { kind: k.name };
            }
        } else if (rest.startsWith(`${k.name}-`) && rest.length > k.name.length + 1) {
            const tail = rest.slice(k.name.length + 1);
            if (k.keyOf !== "ruleSource") {
                return { kind: k.name, key: tail };
            }
            const m = INGRESS.exec(tail);
            if (m) {
                return { kind: k.name, key: m[1], source: m[2] };
            }
        }
    }
    return undefined;
}

/**
 * The config key a child comes from, as messages name it (`<project>:eips.app1`, `<project>:natGateway`); the
 * resource name itself for a child no config key sets.
 */
export function configPathOf(resourceName: string, component: string, project: string): string {
    const id = parseChildName(component, resourceName);
    const path = id && KINDS[id.kind].configPath;
    return path ? `${project}:${path(id.key ?? "")}` : resourceName;
}

/** The cloud-side name of a created resource: `<prefix>-<suffix>` or `<prefix>-<suffix>-<part>` (an EIP's key). */
export function cloudName(prefix: string, suffix: string, part?: string): string {
    return `${prefix}-${suffix}${part ? `-${part}` : ""}`;
}

function escape(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Matches the cloud-side names {@link cloudName} gives under `prefix` (the suffix is 6 lowercase letters or digits). */
export function cloudNamePattern(prefix: string): RegExp {
    return new RegExp(`^${escape(prefix)}-[a-z0-9]{6}(-[A-Za-z0-9_.-]+)?$`);
}
