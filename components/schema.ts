/**
 * Structural schema of {@link SharedBandwidthGatewayArgs}: shapes, types and unknown keys.
 * Semantic rules (ports, uniqueness, quotas, billing) live in `validation/`.
 */
import * as pulumi from "@pulumi/pulumi";
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";

const inputString = z.union([z.string(), z.custom<pulumi.Output<string>>((v) => pulumi.Output.isInstance(v), "expected a string")]);
const portValue = z.union([z.string(), z.number().int()]);
const tags = z.record(z.string(), z.string());

const peakWindow = z.strictObject({ start: z.string(), end: z.string(), mbps: z.number() });
const demandProfile = z.strictObject({ baselineMbps: z.number(), peaks: z.array(peakWindow).optional() });

const natGateway = z.strictObject({
    mode: z.string().optional(),
    id: z.string().optional(),
    vswitchId: inputString.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    deletionProtection: z.boolean().optional(),
    eipBindMode: z.string().optional(),
    paymentType: z.string().optional(),
    internetChargeType: z.string().optional(),
    specification: z.string().optional(),
});

const eip = z.strictObject({
    mode: z.string().optional(),
    allocationId: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    internetChargeType: z.string().optional(),
    paymentType: z.string().optional(),
    previousKeys: z.array(z.string()).optional(),
    bound: z.boolean().optional(),
});

const probe = z.strictObject({
    kind: z.string().optional(),
    path: z.string().optional(),
    ports: z.array(z.number().int()).optional(),
    enabled: z.boolean().optional(),
});

const rule = z.strictObject({
    eip: z.string(),
    protocol: z.string(),
    externalPort: portValue.optional(),
    internalIp: z.string(),
    internalPort: portValue.optional(),
    name: z.string().optional(),
    portBreak: z.boolean().optional(),
    application: z.string().optional(),
    probe: probe.optional(),
    securityGroupId: z.string().optional(),
    allowFrom: z.array(z.string()).optional(),
    previousKeys: z.array(z.string()).optional(),
});

const bandwidthPlan = z.strictObject({
    // A string is let through here so validation can say how to size the plan (e.g. "auto" -> autoSize).
    bandwidthMbps: z.union([z.number(), z.string()]).optional(),
    autoSize: z.boolean().optional(),
    headroomPercent: z.number().optional(),
    isp: z.string().optional(),
    internetChargeType: z.string().optional(),
    ratio: z.number().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    deletionProtection: z.boolean().optional(),
    strict: z.boolean().optional(),
});

const connectivityCheck = z.strictObject({
    mode: z.string().optional(),
    trigger: z.string().optional(),
    sparePorts: z.array(z.number().int()).optional(),
    timeoutMs: z.number().optional(),
    attempts: z.number().int().optional(),
    deadlineMs: z.number().optional(),
    concurrency: z.number().int().optional(),
});

const quotas = z.strictObject({
    eipsPerNatGateway: z.number().int().optional(),
    dnatEntriesPerTable: z.number().int().optional(),
    eipsPerBandwidthPlan: z.number().int().optional(),
    rulesPerSecurityGroup: z.number().int().optional(),
});

const priceTier = z.strictObject({ upTo: z.number().optional(), price: z.number() });
const sheetPrice = z.strictObject({
    price: z.number().optional(),
    tiers: z.array(priceTier).optional(),
    minimumRatio: z.number().optional(),
    notPriced: z.string().optional(),
    unit: z.string(),
    source: z.string(),
    read: z.string().optional(),
    pageUpdated: z.string().optional(),
    overridden: z.boolean().optional(),
});
const priceSheet = z.strictObject({
    site: z.string(),
    region: z.string(),
    currency: z.string(),
    isp: z.string(),
    prices: z.record(z.string(), sheetPrice),
});

/** The whole argument object. Strict: a misspelt key is an error, not silently ignored. */
export const gatewayArgsSchema = z.strictObject({
    vpcId: inputString.optional(),
    vpcCidr: z.string().optional(),
    accountSite: z.string().optional(),
    namePrefix: z.string().optional(),
    tags: tags.optional(),
    stackTag: z.string().optional(),
    natGateway: natGateway,
    eips: z.record(z.string(), eip),
    rules: z.record(z.string(), rule).optional(),
    bandwidthPlan: bandwidthPlan,
    applications: z.record(z.string(), demandProfile).optional(),
    quotas: quotas.optional(),
    protectEips: z.boolean().optional(),
    maxParallelWrites: z.number().int().optional(),
    connectivityCheck: connectivityCheck.optional(),
    prices: priceSheet.optional(),
});

/** One problem found in the arguments: where, and why (with the bad value and what is allowed). */
export interface Problem {
    propertyPath: string;
    reason: string;
}

function describe(value: unknown): string {
    if (pulumi.Output.isInstance(value)) {
        return "an Output";
    }
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Examples of the keyed maps, for a value of the wrong shape. */
const MAP_EXAMPLES: Record<string, string> = {
    eips: "a map keyed by EIP name, e.g. eips: { web: {}, api: {} }",
    rules: "a map keyed by rule name, e.g. rules: { web-https: { eip: web, protocol: tcp, externalPort: 443, internalIp: 10.0.0.5 } }",
    applications:
        'a map keyed by application name, e.g. applications: { shop: { baselineMbps: 100, peaks: [{ start: "19:00", end: "23:00", mbps: 400 }] } }',
    tags: "a map of tag names to values, e.g. tags: { team: edge }",
};

function unwrap(s: z.ZodType): z.ZodType {
    return s instanceof z.ZodOptional ? unwrap(s.unwrap() as z.ZodType) : s;
}

/** The object schema at `path` (stepping through maps and lists), if there is one. */
function objectAt(path: PropertyKey[]): z.ZodObject | undefined {
    let s: z.ZodType | undefined = gatewayArgsSchema;
    for (const key of path) {
        const u: z.ZodType = unwrap(s);
        s =
            u instanceof z.ZodObject
                ? (u.shape as Record<string, z.ZodType>)[String(key)]
                : u instanceof z.ZodRecord
                  ? (u.valueType as z.ZodType)
                  : u instanceof z.ZodArray
                    ? (u.element as z.ZodType)
                    : undefined;
        if (s === undefined) {
            return undefined;
        }
    }
    const u = unwrap(s);
    return u instanceof z.ZodObject ? u : undefined;
}

const PER_EIP_CAP =
    "not supported: Alibaba Cloud caps an EIP inside a bandwidth plan only when the EIP is bound to an ECS instance, never one bound to a NAT gateway (docs/alicloud-rules.md §1.16); the offline plan's hourly table shows what each application may take";

/** Keys people reach for that the cloud does not offer for this pattern, by object path (`*` for a map's keys). */
const UNSUPPORTED: Record<string, Record<string, string>> = {
    "eips.*": { maxMbps: PER_EIP_CAP, capAtPeak: PER_EIP_CAP, bandwidthPackageBandwidth: PER_EIP_CAP },
    bandwidthPlan: { capAtPeak: PER_EIP_CAP },
};

/** `path` with each key of a map replaced by `*`. */
function pathPattern(path: PropertyKey[]): string {
    let s: z.ZodType | undefined = gatewayArgsSchema;
    const parts: string[] = [];
    for (const key of path) {
        const u: z.ZodType | undefined = s === undefined ? undefined : unwrap(s);
        parts.push(u instanceof z.ZodRecord ? "*" : String(key));
        s =
            u instanceof z.ZodObject
                ? (u.shape as Record<string, z.ZodType>)[String(key)]
                : u instanceof z.ZodRecord
                  ? (u.valueType as z.ZodType)
                  : undefined;
    }
    return parts.join(".");
}

/** `unknown property "x"`, with the nearest known name when one is close (`intenalPort` -> `internalPort`). */
function unknownKey(path: PropertyKey[], key: string, value: unknown): string {
    const unsupported = UNSUPPORTED[pathPattern(path)]?.[key];
    if (unsupported !== undefined) {
        return `${unsupported} (got ${describe(value)})`;
    }
    const known = Object.keys(objectAt(path)?.shape ?? {});
    const near = known.length > 0 ? closest(key, known) : undefined;
    const hint =
        near !== undefined && distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(near.length / 4))
            ? `did you mean ${JSON.stringify(near)}?`
            : known.length > 0
              ? `known properties: ${known.join(", ")}`
              : "check the spelling against the documented arguments";
    return `unknown property ${JSON.stringify(key)}; ${hint}`;
}

/** What a value at a property must look like, for messages about a value of the wrong type, by object path. */
const EXPECTED: Record<string, string> = {
    "rules.*.externalPort": "a port (1-65535), a range such as 8000/8010, or any",
    "rules.*.internalPort": "a port (1-65535), a range such as 8000/8010, or any",
    "bandwidthPlan.bandwidthMbps": "a whole number of Mbit/s",
    vpcId: 'a VPC id such as "vpc-uf68wppzf839896z7dev0"',
    "natGateway.vswitchId": 'a vSwitch id such as "vsw-uf6gnat6e5tk0gnbmdev0"',
    natGateway: 'the NAT gateway\'s properties, e.g. natGateway: { vswitchId: "vsw-..." }',
    bandwidthPlan: "the plan's properties, e.g. bandwidthPlan: { bandwidthMbps: 100 } or { autoSize: true }",
    "eips.*": "the EIP's properties, or {} for a created EIP with every default, e.g. eips: { web: {} }",
    "rules.*": "the rule's properties, e.g. { eip: web, protocol: tcp, externalPort: 443, internalIp: 10.0.0.5 }",
    "applications.*": 'the demand profile, e.g. { baselineMbps: 100, peaks: [{ start: "19:00", end: "23:00", mbps: 400 }] }',
};

/** What the value at `path` must be, in words: a documented description, a map example, or the schema's type. */
function expectedAt(path: PropertyKey[], fallback: string): string {
    const key = String(path[path.length - 1]);
    return EXPECTED[pathPattern(path)] ?? MAP_EXAMPLES[key] ?? fallback;
}

/** The reason for one type problem, in words a user can act on; never the schema library's own text. */
function typeReason(issue: z.core.$ZodIssue): string {
    const input = "input" in issue ? issue.input : undefined;
    if (issue.code === "invalid_type" && input === undefined) {
        const what = issue.expected === "string" ? "a string" : issue.expected === "number" ? "a number" : `a ${issue.expected}`;
        return `is required: ${expectedAt(issue.path, what)}`;
    }
    if (input === null) {
        // An empty entry in YAML (`web:` with nothing after it) is null.
        const expected = issue.code === "invalid_type" ? issue.expected : "value";
        return `is empty (an empty YAML entry is null): must be ${expectedAt(issue.path, `a ${expected}`)}`;
    }
    if (issue.code === "invalid_type" && issue.expected === "int") {
        return `must be an integer (got ${describe(input)})`;
    }
    if (issue.code === "invalid_type" || issue.code === "invalid_union") {
        const expected = issue.code === "invalid_type" ? issue.expected : "value";
        const what = expected === "boolean" ? "true or false" : expected === "record" ? "a map of names to values" : `a ${expected}`;
        return `must be ${expectedAt(issue.path, what)} (got ${describe(input)})`;
    }
    return `${issue.message.replace(/^Invalid input: /, "")} (got ${describe(input)})`;
}

/** Runs the structural schema; returns the problems in the project's format, and the schema's issues. */
export function checkShape(args: unknown): Problem[] {
    return shapeIssues(args).problems;
}

/** The schema's issues for `args` and the same as problems (each unknown key a problem of its own). */
export function shapeIssues(args: unknown): { problems: Problem[]; issues: z.core.$ZodIssue[] } {
    const result = gatewayArgsSchema.safeParse(args, { reportInput: true });
    if (result.success) {
        return { problems: [], issues: [] };
    }
    const problems: Problem[] = [];
    for (const issue of result.error.issues) {
        const base = issue.path.map(String).join(".");
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                const value = [...issue.path, key].reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], args);
                problems.push({ propertyPath: base ? `${base}.${key}` : key, reason: unknownKey(issue.path, key, value) });
            }
            continue;
        }
        problems.push({ propertyPath: base || "(root)", reason: typeReason(issue) });
    }
    return { problems, issues: result.error.issues };
}
