/**
 * The dynamic provider behind {@link ConnectivityCheck}: probes the endpoints when the check is created, and again
 * only when the endpoint set, the mode, the options or the `trigger` change. An unchanged stack is not re-probed.
 *
 * Pulumi stores a dynamic provider in the stack state by closure serialisation and runs it from there. So this is a
 * plain object literal: no captured clients, sockets or SDK objects; the probe engine's functions are serialised by
 * value and Node built-ins are `require()`d where they are used. tests/connectivityProvider.test.ts pins that.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describeFailures, probeAll, ProbeOptions, ProbeResult, ProbeTarget } from "./probe";

/** The check's modes: `report` records failures as warnings; `enforce` fails the create or update on any failure. */
export type ConnectivityMode = "report" | "enforce";

/** Inputs of the dynamic resource, as the provider receives them (plain values). */
export interface ConnectivityInputs {
    mode: ConnectivityMode;
    /** Opaque: changing it re-probes. */
    trigger: string;
    endpoints: ProbeTarget[];
    options: Partial<ProbeOptions>;
}

/** Totals of one check. */
export interface ConnectivitySummary {
    /** `report` or `enforce` (a plain string: this type is part of the component's multi-language schema). */
    mode: string;
    /** false only when the inputs were not yet known (a preview); nothing was probed then. */
    probed: boolean;
    total: number;
    ok: number;
    failed: number;
    /** Every endpoint met its expectation. */
    healthy: boolean;
    /** When the check started (ISO 8601). */
    startedAt: string;
    durationMs: number;
}

/** State of the dynamic resource: its inputs plus what the last check found. */
export interface ConnectivityOutputs extends ConnectivityInputs {
    /** One result per endpoint, by endpoint key. */
    results: Record<string, ProbeResult>;
    summary: ConnectivitySummary;
    /** One line per failing endpoint (report mode; in enforce mode the update fails with the same lines). */
    warnings: string[];
}

/**
 * The engine's placeholder for values not known until deploy (`unknownValue` in @pulumi/pulumi runtime/rpc).
 * Repeated here as a literal so the serialised provider does not capture the SDK; a test pins the two together.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const KINDS = ["tcp", "http", "https"];
const EXPECTS = ["open", "closed"];
const NUMERIC_OPTIONS = ["timeoutMs", "attempts", "backoffMs", "backoffMaxMs", "deadlineMs", "concurrency"];

/** true when `v` holds a value not known yet (preview). Pure. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) {
        return true;
    }
    if (Array.isArray(v)) {
        return v.some(containsUnknown);
    }
    if (v && typeof v === "object") {
        return Object.values(v).some(containsUnknown);
    }
    return false;
}

/** Records one failed check: the property, its value and what is allowed. */
type Fail = (property: string, value: unknown, allowed: string) => void;

/** false for the placeholder of a value not known yet (preview). */
const known = (v: unknown) => v !== UNKNOWN;

/** Validates and normalises inputs (endpoints sorted by key). Unknown values pass through unchecked. Pure. */
export function checkInputs(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: pulumi.dynamic.CheckFailure[] } {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const fail: Fail = (property, value, allowed) =>
        failures.push({ property, reason: `${JSON.stringify(value)} is not valid: ${allowed}` });

    const inputs: Record<string, unknown> = { ...news };
    if (known(news.mode) && !["report", "enforce"].includes(news.mode as string)) {
        fail("mode", news.mode, `use "report" or "enforce"`);
    }
    if (news.trigger === undefined) {
        inputs.trigger = "";
    } else if (known(news.trigger) && typeof news.trigger !== "string") {
        fail("trigger", news.trigger, "must be a string");
    }

    const endpoints = news.endpoints;
    if (!known(endpoints)) {
        // Left as is: the whole list is not known yet.
    } else if (!Array.isArray(endpoints)) {
        fail("endpoints", endpoints, "must be a list of endpoints");
    } else {
        const seen = new Set<string>();
        endpoints.forEach((e: Record<string, unknown>, i: number) => checkEndpoint(e, `endpoints[${i}]`, seen, fail));
        inputs.endpoints = sortedByKey(endpoints);
    }

    const options = news.options ?? {};
    if (known(options)) {
        checkOptions(options, fail);
        inputs.options = options;
    }
    return { inputs, failures };
}

/** Checks one endpoint at `at`; `seen` holds the keys of the endpoints before it. */
function checkEndpoint(e: Record<string, unknown>, at: string, seen: Set<string>, fail: Fail): void {
    if (!known(e)) {
        // A preview: the endpoint is built from an address not allocated yet.
        return;
    }
    if (!e || typeof e !== "object") {
        fail(at, e, "must be an object with key, host, port, kind and expect");
        return;
    }
    if (typeof e.key !== "string" || e.key === "") {
        fail(`${at}.key`, e.key, "must be a non-empty string");
    } else if (seen.has(e.key)) {
        fail(`${at}.key`, e.key, "is used by another endpoint; keys must be unique");
    } else {
        seen.add(e.key);
    }
    if (known(e.host) && (typeof e.host !== "string" || e.host === "")) {
        fail(`${at}.host`, e.host, "must be a non-empty address");
    }
    if (known(e.port) && !(Number.isInteger(e.port) && (e.port as number) >= 1 && (e.port as number) <= 65535)) {
        fail(`${at}.port`, e.port, "must be a whole number in 1-65535");
    }
    if (known(e.kind) && !KINDS.includes(e.kind as string)) {
        fail(`${at}.kind`, e.kind, `use one of ${KINDS.join(", ")}`);
    }
    if (known(e.expect) && !EXPECTS.includes(e.expect as string)) {
        fail(`${at}.expect`, e.expect, `use one of ${EXPECTS.join(", ")}`);
    }
    if (e.path !== undefined && known(e.path) && (typeof e.path !== "string" || !e.path.startsWith("/"))) {
        fail(`${at}.path`, e.path, `must start with "/"`);
    }
}

/** Checks the probe options: known names, positive numbers (whole for counts), a boolean `tlsVerify`. */
function checkOptions(options: unknown, fail: Fail): void {
    if (typeof options !== "object" || Array.isArray(options)) {
        fail("options", options, "must be an object");
        return;
    }
    for (const [k, v] of Object.entries(options as Record<string, unknown>)) {
        if (!known(v) || v === undefined) {
            continue;
        }
        if (k === "tlsVerify") {
            if (typeof v !== "boolean") {
                fail("options.tlsVerify", v, "must be true or false");
            }
        } else if (!NUMERIC_OPTIONS.includes(k)) {
            fail(`options.${k}`, v, `unknown option; known: ${[...NUMERIC_OPTIONS, "tlsVerify"].join(", ")}`);
        } else if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) {
            fail(`options.${k}`, v, "must be a number greater than 0");
        } else if ((k === "attempts" || k === "concurrency") && !Number.isInteger(v)) {
            fail(`options.${k}`, v, "must be a whole number");
        }
    }
}

/** A copy of the endpoints sorted by key, the order both the state and the fingerprint use. */
function sortedByKey<T extends { key?: unknown } | null | undefined>(endpoints: T[]): T[] {
    return [...endpoints].sort((a, b) => String(a?.key).localeCompare(String(b?.key)));
}

/** What decides whether a check is current: everything but the results. Canonical JSON. Pure. */
export function fingerprint(v: { mode?: unknown; trigger?: unknown; endpoints?: unknown; options?: unknown }): string {
    const canonical = (x: unknown): unknown =>
        Array.isArray(x)
            ? x.map(canonical)
            : x && typeof x === "object"
              ? Object.fromEntries(
                    Object.keys(x)
                        .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
                        .sort()
                        .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
                )
              : x;
    const endpoints = Array.isArray(v.endpoints) ? sortedByKey(v.endpoints) : v.endpoints;
    return JSON.stringify(canonical({ mode: v.mode, trigger: v.trigger ?? "", endpoints, options: v.options ?? {} }));
}

/** Runs the check and builds the resource state; in enforce mode throws one error listing every failure. */
export async function runCheck(inputs: ConnectivityInputs): Promise<ConnectivityOutputs> {
    const startedAt = new Date();
    if (containsUnknown(inputs)) {
        // A preview: addresses are not known yet, and a preview never probes.
        return {
            ...inputs,
            results: {},
            summary: {
                mode: inputs.mode,
                probed: false,
                total: 0,
                ok: 0,
                failed: 0,
                healthy: false,
                startedAt: startedAt.toISOString(),
                durationMs: 0,
            },
            warnings: ["not probed: the endpoints are not known until the deploy"],
        };
    }
    const list = await probeAll(inputs.endpoints, inputs.options ?? {});
    const failures = describeFailures(list);
    const summary: ConnectivitySummary = {
        mode: inputs.mode,
        probed: true,
        total: list.length,
        ok: list.length - failures.length,
        failed: failures.length,
        healthy: failures.length === 0,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
    };
    if (inputs.mode === "enforce" && failures.length > 0) {
        throw new Error(
            `connectivity check failed for ${failures.length} of ${list.length} endpoint${list.length === 1 ? "" : "s"} ` +
                `(mode enforce; set connectivityCheck.mode to "report" to deploy anyway):\n${failures.map((f) => `  - ${f}`).join("\n")}`,
        );
    }
    // Through JSON: the engine's wire format has no `undefined`, so absent fields must be absent, not undefined.
    return JSON.parse(JSON.stringify({ ...inputs, results: Object.fromEntries(list.map((r) => [r.key, r])), summary, warnings: failures }));
}

/** Stable id of a check: a hash of what it checks, when it was first created. */
function checkId(inputs: ConnectivityInputs): string {
    const crypto = require("crypto") as typeof import("crypto");
    return `connectivity-${crypto.createHash("sha256").update(fingerprint(inputs)).digest("hex").slice(0, 16)}`;
}

/** The dynamic provider. A plain object: every method gets what it needs from the functions above. */
export const connectivityProvider: pulumi.dynamic.ResourceProvider<ConnectivityInputs, ConnectivityOutputs> = {
    async check(_olds, news) {
        const { inputs, failures } = checkInputs(news as unknown as Record<string, unknown>);
        return { inputs: inputs as unknown as ConnectivityInputs, failures };
    },
    async diff(_id, olds, news) {
        // Unknown inputs mean something the check covers is changing: it will probe during the deploy.
        const changes = containsUnknown(news) || fingerprint(olds) !== fingerprint(news);
        return { changes, replaces: [], deleteBeforeReplace: false };
    },
    async create(inputs) {
        const outs = await runCheck(inputs);
        return { id: checkId(inputs), outs };
    },
    async update(_id, _olds, news) {
        return { outs: await runCheck(news) };
    },
    async read(id, props) {
        // A refresh keeps the last check: probing belongs to deploys, not to reads.
        return { id, props };
    },
    async delete() {
        // Nothing exists outside the stack state.
    },
};
