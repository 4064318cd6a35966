/**
 * The connectivity check under the e2e: after each deploy its output must say every endpoint met its expectation
 * (rules answered through the emulator's forwarding, spare addresses silent); and with one backend stopped, an
 * enforcing check must fail the update naming that endpoint.
 */
import type { Forwarder } from "../emulator/forwarding";
import type { Backends } from "./backends";
import type { E2eStack } from "./stack";
import { PROJECT, StackConfig } from "./stack";

const NS = `${PROJECT}:`;

interface ConnectivityOutput {
    summary?: { probed?: boolean; healthy?: boolean; total?: number };
    results?: Record<string, { ok?: boolean }>;
    warnings?: string[];
}

function checkMode(config: StackConfig): string {
    const check = config[`${NS}connectivityCheck`] as { mode?: string } | undefined;
    return String(check?.mode ?? "off").toLowerCase();
}

/** `config` with its connectivity check changed by `patch`. */
export function withCheck(config: StackConfig, patch: Record<string, unknown>): StackConfig {
    return { ...config, [`${NS}connectivityCheck`]: { ...(config[`${NS}connectivityCheck`] as object), ...patch } };
}

function ruleEips(config: StackConfig): Set<string> {
    return new Set(Object.values((config[`${NS}rules`] ?? {}) as Record<string, { eip?: string }>).map((r) => String(r.eip)));
}

/**
 * EIPs that `after` turns spare (rules in `before`, none in `after`) while spare ports are probed. The engine deletes
 * removed DNAT entries after the check has probed, so the first check after such an update still finds them open.
 */
export function freedSpareEips(before: StackConfig, after: StackConfig): string[] {
    const check = after[`${NS}connectivityCheck`] as { sparePorts?: number[] } | undefined;
    if (checkMode(after) === "off" || (check?.sparePorts ?? []).length === 0) {
        return [];
    }
    const [had, has] = [ruleEips(before), ruleEips(after)];
    return Object.keys((after[`${NS}eips`] ?? {}) as object).filter((e) => had.has(e) && !has.has(e));
}

/**
 * What is wrong with the `connectivity` output of a deploy of `config`; empty when healthy or off. Failures of
 * spare endpoints on the `tolerated` EIPs are left out.
 */
export function connectivityProblems(output: unknown, config: StackConfig, forwarder?: Forwarder, tolerated: string[] = []): string[] {
    const problems = (forwarder?.errors ?? []).map((e) => `forwarding: ${e}`);
    if (checkMode(config) === "off") {
        return problems;
    }
    const c = output as ConnectivityOutput | null | undefined;
    if (!c?.summary?.probed) {
        return [...problems, `connectivity: the check did not probe (${JSON.stringify(c?.summary ?? null)})`];
    }
    const failed = Object.entries(c.results ?? {}).filter(([key, r]) => !r.ok && !tolerated.some((e) => key.startsWith(`spare/${e}:`)));
    if (failed.length > 0 || (!c.summary.healthy && tolerated.length === 0)) {
        problems.push(...(c.warnings ?? []).map((w) => `connectivity: ${w}`));
        problems.push(`connectivity: not healthy (${JSON.stringify(c.summary)})`);
    }
    return problems;
}

interface RuleConfig {
    protocol?: string;
    externalPort?: string | number;
    internalIp?: string;
    internalPort?: string | number;
    probe?: { kind?: string; enabled?: boolean };
}

/**
 * A port-mapped http or https rule: its endpoint key and backend. A tcp probe would not notice a stopped backend,
 * since the emulator accepts the connection before it connects to the backend.
 */
export function requestProbedRule(config: StackConfig): { endpoint: string; internalIp: string; port: number } | undefined {
    const rules = Object.entries((config[`${NS}rules`] ?? {}) as Record<string, RuleConfig>).sort(([a], [b]) => a.localeCompare(b));
    for (const [key, r] of rules) {
        const kind = String(r.probe?.kind ?? "tcp").toLowerCase();
        if (String(r.protocol).toLowerCase() === "tcp" && r.probe?.enabled !== false && (kind === "http" || kind === "https")) {
            const first = (v: unknown) => Number(String(v).split("/")[0]);
            return { endpoint: `rule/${key}:${first(r.externalPort)}`, internalIp: r.internalIp!, port: first(r.internalPort) };
        }
    }
    return undefined;
}

/**
 * Stops one backend, changes the check's trigger so that it probes again, and expects `pulumi up` to fail naming
 * that endpoint; then restores the backend and the config. Skipped (no problems) without an enforcing check.
 */
export async function stoppedBackend(
    e2e: E2eStack,
    backends: Backends,
    config: StackConfig,
    log: (l: string) => void,
): Promise<{ problems: string[] }> {
    const target = requestProbedRule(config);
    if (checkMode(config) !== "enforce" || !target) {
        return { problems: [] };
    }
    await backends.stop(target.internalIp, target.port);
    e2e.writeConfig(withCheck(config, { trigger: "e2e-stopped-backend" }));
    try {
        await e2e.stack.up({ onOutput: log, color: "never" });
        return { problems: [`pulumi up succeeded with the backend of ${target.endpoint} stopped`] };
    } catch (e) {
        const message = (e as Error).message;
        const named = message.includes(`${target.endpoint}:`) && message.includes("connectivity check failed for 1 of");
        return {
            problems: named
                ? []
                : [`pulumi up failed without naming ${target.endpoint}: ${message.trim().split("\n").slice(-10).join("\n")}`],
        };
    } finally {
        await backends.restart(target.internalIp, target.port);
        e2e.writeConfig(config);
    }
}
