/**
 * Reads the stack configuration into {@link SharedBandwidthGatewayArgs}. Config is read here, in the program,
 * never inside the component library. Every config key maps 1:1 to an argument of the component.
 */
import * as pulumi from "@pulumi/pulumi";
import { closest, distance } from "fastest-levenshtein";
import { Problem, SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";
import { loadPriceTable, stackPriceSheet } from "./prices";
import { plaintextCredentials } from "./credentials";
import { checkRegion } from "./regions";

/** Config keys read as plain strings; every other key holds structured YAML (objects, numbers, booleans). */
const STRING_KEYS = ["vpcId", "vpcCidr", "accountSite", "namePrefix"] as const;
const STRUCTURED_KEYS = [
    "tags",
    "natGateway",
    "eips",
    "rules",
    "bandwidthPlan",
    "applications",
    "quotas",
    "protectEips",
    "maxParallelWrites",
    "connectivityCheck",
    "prices",
] as const;
const KNOWN_KEYS = new Set<string>([...STRING_KEYS, ...STRUCTURED_KEYS]);
/** What a structured key that is not an object must look like, when its text is not YAML/JSON at all. */
const SCALAR_SHAPES: Partial<Record<(typeof STRUCTURED_KEYS)[number], string>> = {
    maxParallelWrites: "must be an integer",
    protectEips: "must be true or false",
    prices: "must be a YAML list of prices, e.g. [{ region: cn-shanghai, method: PayByBandwidth, price: 3 }]",
};

/** The cloud-side name prefix of a stack without `namePrefix` in its config: `sbg-<stack>`. */
export function defaultNamePrefix(stack: string): string {
    return `sbg-${stack}`.replace(/[^A-Za-z0-9.-]/g, "-").replace(/-+$/, "");
}

/** The component's `stackTag` for a stack: `<project>/<stack>`. */
export function stackTagOf(project: string, stack: string): string {
    return `${project}/${stack}`;
}

/** What the program builds from config: the component's name and arguments, or every problem found. */
export interface StackGateway {
    name: string;
    args: SharedBandwidthGatewayArgs;
    warnings: Problem[];
}

/** Thrown when the stack configuration is invalid; the message lists every problem by config key. */
export class StackConfigError extends pulumi.RunError {
    constructor(readonly problems: Problem[]) {
        super(
            `invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
                .map((p) => `  - ${p.propertyPath}: ${p.reason}`)
                .join("\n")}`,
        );
        this.name = "StackConfigError";
    }
}

/** `unknown config key`, with the nearest known key when the misspelling is close (`bandwidthPlna`). */
function unknownKeyReason(namespace: string, key: string): string {
    const known = [...KNOWN_KEYS];
    const near = closest(key, known);
    return distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(near.length / 4))
        ? `unknown config key; did you mean ${namespace}:${near}?`
        : `unknown config key; known keys: ${known.join(", ")}`;
}

/** Whether the engine holds a config key encrypted (`pulumi config set --secret`); the SDK marks it internal. */
function isSecretConfig(key: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
    // Without the function (another SDK version) nothing can be told apart: no key is taken for plain text.
    return runtime.isConfigSecret ? runtime.isConfigSecret(key) : true;
}

/**
 * What the stack's provider settings get wrong, from the whole config (`namespace:key` to value): credentials in plain
 * text and an unknown region (problems), a region the provider's list does not have (warning). Pure; the offline
 * plan reports the warnings from it too.
 */
export function providerFindings(
    config: Record<string, string>,
    isSecret: (key: string) => boolean = () => false,
): { problems: Problem[]; warnings: Problem[] } {
    const region = checkRegion(config["alicloud:region"], config["alicloud:skipRegionValidation"] === "true");
    return {
        problems: [...plaintextCredentials(config, isSecret), ...(region.problem ? [region.problem] : [])],
        warnings: region.warning ? [region.warning] : [],
    };
}

/** Whether `path` is `under` or inside it. */
const within = (path: string, under: string) => path === under || path.startsWith(`${under}.`);

/** The project's config keys as read, before validation; keys that are unknown or cannot be read go to `problems`. */
function readRawConfig(namespace: string, all: Record<string, string>, problems: Problem[]): Record<string, unknown> {
    const config = new pulumi.Config(namespace);
    const raw: Record<string, unknown> = {};
    for (const fullKey of Object.keys(all)) {
        const [ns, key] = [fullKey.slice(0, fullKey.indexOf(":")), fullKey.slice(fullKey.indexOf(":") + 1)];
        if (ns === namespace && !KNOWN_KEYS.has(key)) {
            problems.push({ propertyPath: fullKey, reason: unknownKeyReason(namespace, key) });
        }
    }
    for (const key of STRING_KEYS) {
        const v = config.get(key);
        if (v !== undefined) {
            raw[key] = v;
        }
    }
    for (const key of STRUCTURED_KEYS) {
        try {
            const v = config.getObject<unknown>(key);
            if (v !== undefined) {
                raw[key] = v;
            }
        } catch {
            problems.push({
                propertyPath: `${namespace}:${key}`,
                reason: `${SCALAR_SHAPES[key] ?? "must be a YAML map (object)"} (got ${JSON.stringify(config.get(key))})`,
            });
        }
    }
    return raw;
}

/**
 * The prices key holds overrides; the component gets the shipped table's prices with them on top (program/prices.ts).
 * Sets `raw.prices` to that sheet (removed when there is none) and returns the overrides' problems.
 */
function resolvePrices(raw: Record<string, unknown>, namespace: string): Problem[] {
    const prices = stackPriceSheet({
        table: loadPriceTable(),
        site: raw.accountSite,
        region: new pulumi.Config("alicloud").get("region"),
        isp: (raw.bandwidthPlan as { isp?: unknown } | undefined)?.isp,
        overrides: raw.prices,
        overrideSource: `config ${namespace}:prices`,
        overridePath: `${namespace}:prices`,
    });
    if (prices.sheet) {
        raw.prices = prices.sheet;
    } else {
        delete raw.prices;
    }
    return prices.problems;
}

/**
 * Reads and validates the configuration of the current stack. `namespace` is the project name.
 * Problems name the config key (`<namespace>:rules.web.externalPort`); every problem is reported at once. Throws
 * {@link StackConfigError}.
 */
export function readStackGateway(namespace = pulumi.getProject(), componentName = "gateway"): StackGateway {
    const all = pulumi.runtime.allConfig();
    const provider = providerFindings(all, isSecretConfig);
    const problems: Problem[] = [...provider.problems];
    const raw = readRawConfig(namespace, all, problems);
    if (raw.namePrefix === undefined) {
        raw.namePrefix = defaultNamePrefix(pulumi.getStack());
    }
    // Not a config key: the program names the owning stack, so a resource a killed deploy left behind can be found.
    raw.stackTag = stackTagOf(namespace, pulumi.getStack());
    problems.push(...resolvePrices(raw, namespace));
    const args = raw as unknown as SharedBandwidthGatewayArgs;
    const result = validateGatewayArgs(componentName, args);
    // A key that could not be read is reported once, not again as missing.
    const unreadable = problems.map((p) => p.propertyPath);
    problems.push(
        ...result.problems
            .map((p) => ({ propertyPath: `${namespace}:${p.propertyPath}`, reason: p.reason }))
            .filter((p) => !unreadable.some((u) => within(p.propertyPath, u))),
    );
    if (problems.length > 0) {
        throw new StackConfigError(problems);
    }
    provider.warnings.forEach((w) => pulumi.log.warn(`${w.propertyPath}: ${w.reason}`));
    return { name: componentName, args, warnings: [...provider.warnings, ...result.warnings] };
}
