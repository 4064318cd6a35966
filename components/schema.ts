/**
 * Structural schema of {@link SharedBandwidthGatewayArgs}: shapes, types and unknown keys.
 * Semantic rules (ports, uniqueness, quotas, billing) live in `validation.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
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
});

/** The whole argument object. Strict: a misspelt key is an error, not silently ignored. */
export const gatewayArgsSchema = z.strictObject({
    vpcId: inputString.optional(),
    vpcCidr: z.string().optional(),
    accountSite: z.string().optional(),
    namePrefix: z.string().optional(),
    tags: tags.optional(),
    natGateway: natGateway,
    eips: z.record(z.string(), eip),
    rules: z.record(z.string(), rule).optional(),
    bandwidthPlan: bandwidthPlan,
    applications: z.record(z.string(), demandProfile).optional(),
    quotas: quotas.optional(),
    protectEips: z.boolean().optional(),
    maxParallelWrites: z.number().int().optional(),
    connectivityCheck: connectivityCheck.optional(),
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

/** Runs the structural schema; returns the problems in the project's format. */
export function checkShape(args: unknown): Problem[] {
    const result = gatewayArgsSchema.safeParse(args, { reportInput: true });
    if (result.success) {
        return [];
    }
    const problems: Problem[] = [];
    for (const issue of result.error.issues) {
        const base = issue.path.map(String).join(".");
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                problems.push({
                    propertyPath: base ? `${base}.${key}` : key,
                    reason: `unknown property ${JSON.stringify(key)}; check the spelling against the documented arguments`,
                });
            }
            continue;
        }
        const got = "input" in issue ? ` (got ${describe(issue.input)})` : "";
        problems.push({ propertyPath: base || "(root)", reason: `${issue.message.replace(/^Invalid input: /, "")}${got}` });
    }
    return problems;
}
