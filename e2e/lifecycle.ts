/**
 * The life of one stack under the real engine, against the emulator: preview, up, a second preview and a refresh
 * that must find nothing to do, an update (an EIP and a rule added, a rule removed, the plan resized, deletion
 * protection lifted so the stack can go), a preview after it that must again be clean, destroy (by the gateway's and the
 * plan's forced deletions, components/teardown.ts), and an account left empty but for what it held before. Outputs are checked against the emulator's state after each deploy (also
 * the security groups: the stack's ingress and the rules it did not create, e2e/ingress.ts), and the connectivity check,
 * probing through the emulator's forwarding to loopback backends, must be healthy; with an enforcing check, a
 * stopped backend must fail an up. A per-EIP cap, which the cloud does not offer for a NAT gateway's EIPs, must be
 * refused naming its config key before anything is sent.
 */
import type { EngineEvent, OutputMap } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as ipaddr from "ipaddr.js";
import { emulatorAccount } from "../emulator/account";
import type { Realism } from "../emulator/realism";
import { RunningEmulator, startEmulator } from "../emulator/server";
import { loopbackCertificate } from "../emulator/tls";
import { Backends, startBackends } from "./backends";
import { refusedPerEipCap } from "./badInput";
import {
    eipOrdering,
    offlinePlan,
    planVersusPreview,
    planVersusState,
    previewOperations,
    refusalCounts,
    refusals,
    StateResource,
} from "./compare";
import { createCliStack } from "./cliProject";
import { connectivityProblems, freedSpareEips, stoppedBackend, withCheck } from "./connectivity";
import type { Toolchain } from "./engine";
import { ingressChurn, ingressProblems, withForeignRules } from "./ingress";
import { createE2eStack, E2eStack, e2eConfig, PROJECT, StackConfig, StackOps } from "./stack";
import { DeployedOutputs, expectedTeardown, leftovers, teardownProblems, verifyDeployment } from "./verify";

const NS = `${PROJECT}:`;

/** One step's outcome. */
export interface StepResult {
    step: string;
    ok: boolean;
    ms: number;
    /** Resource operations the engine reported (preview and update steps). */
    changes?: Record<string, number>;
    problems: string[];
}

export interface LifecycleReport {
    stack: string;
    ok: boolean;
    ms: number;
    steps: StepResult[];
    /** Requests the emulator answered, by action. */
    requests: Record<string, number>;
    /** Refusals that were not injected, by `Action Code (what the provider did)` (e2e/compare.ts). */
    refused: Record<string, number>;
}

/** How a lifecycle runs the program (default `inline`), and how strictly it judges refusals (default: none allowed). */
export interface LifecycleOptions {
    path?: ProgramPath;
    /** Under a variant: only refusals the provider does not ride out fail a step (e2e/compare.ts `refusals`). */
    tolerateRetried?: boolean;
}

/** A host address inside `cidr` for the added rule (the 250th after the network address). */
function hostIn(cidr: string): string {
    const [net] = ipaddr.parseCIDR(cidr);
    const n = net.toByteArray().reduce((a, b) => a * 256 + b, 0) + 250;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** A source the update lets in through the first remaining rule that names a security group (a documentation range). */
export const ADDED_SOURCE = "198.51.100.0/24";

/**
 * The update step's config: one EIP and rule added, the last rule removed, one EIP removed, the first rule's DNAT
 * entry renamed (an in-place ModifyForwardEntry), a source added to the first remaining rule with a security group,
 * the plan resized, protection lifted. Removing an EIP is the only time the provider sends UnassociateEipAddress and
 * RemoveCommonBandwidthPackageIp (a destroy lets the forced deletions unbind and remove it), so the RAM policy check
 * sees them.
 */
export function updatedConfig(config: StackConfig): StackConfig {
    const changed = changedConfig(config);
    const eips = { ...(changed[`${NS}eips`] as Record<string, unknown>) };
    const removed = removableEip(config, changed);
    if (removed !== undefined) {
        delete eips[removed];
    }
    return { ...changed, [`${NS}eips`]: eips };
}

/**
 * The EIP the update removes: the first that no rule of `changed` uses, leaving alone one that `changed` turns spare
 * while spare ports are probed (the check's spare probe covers it). None when EIPs are protected.
 */
function removableEip(config: StackConfig, changed: StackConfig): string | undefined {
    if (config[`${NS}protectEips`] === true) {
        return undefined;
    }
    const used = new Set(Object.values(changed[`${NS}rules`] as Record<string, { eip?: string }>).map((r) => r.eip));
    const freed = new Set(freedSpareEips(config, changed));
    return Object.keys(changed[`${NS}eips`] as object).find((e) => !used.has(e) && !freed.has(e));
}

function changedConfig(config: StackConfig): StackConfig {
    const c = { ...config };
    const eips = { ...(c[`${NS}eips`] as Record<string, unknown>), e2eadded: {} };
    const rules = { ...(c[`${NS}rules`] as Record<string, Record<string, unknown>>) };
    delete rules[Object.keys(rules).pop()!];
    const first = Object.keys(rules)[0];
    rules[first] = { ...rules[first], name: `${first}-renamed` };
    const guarded = Object.keys(rules).find((k) => typeof rules[k].securityGroupId === "string");
    if (guarded !== undefined) {
        const allowFrom = (rules[guarded].allowFrom as string[] | undefined) ?? ["0.0.0.0/0"];
        rules[guarded] = { ...rules[guarded], allowFrom: [...allowFrom, ADDED_SOURCE] };
    }
    rules["e2eadded-tcp"] = {
        eip: "e2eadded",
        protocol: "tcp",
        externalPort: 8080,
        internalIp: hostIn(String(c[`${NS}vpcCidr`] ?? "192.168.0.0/16")),
        internalPort: 8080,
    };
    const plan: Record<string, unknown> = { ...(c[`${NS}bandwidthPlan`] as Record<string, unknown>), deletionProtection: false };
    if (plan.autoSize === true) {
        plan.headroomPercent = Number(plan.headroomPercent ?? 0) + 10;
    } else {
        plan.bandwidthMbps = Number(plan.bandwidthMbps) + 10;
    }
    const nat = { ...(c[`${NS}natGateway`] as Record<string, unknown>), deletionProtection: false };
    return { ...c, [`${NS}eips`]: eips, [`${NS}rules`]: rules, [`${NS}bandwidthPlan`]: plan, [`${NS}natGateway`]: nat };
}

/** The outputs' plain values. */
export function plain(outputs: OutputMap): DeployedOutputs {
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as unknown as DeployedOutputs;
}

/** Runs one step, recording its time, problems and the refusals and EIP ordering in the requests it caused. */
export async function timed(
    steps: StepResult[],
    emu: RunningEmulator,
    step: string,
    run: () => Promise<Partial<StepResult> | void>,
    tolerateRetried = false,
): Promise<boolean> {
    const start = Date.now();
    const firstRequest = emu.log().length;
    try {
        const r = (await run()) ?? {};
        const requests = emu.log().slice(firstRequest);
        const ordering = step === "destroy" ? eipOrdering(emu.log()) : eipOrdering(requests);
        const problems = [...(r.problems ?? []), ...refusals(requests, tolerateRetried), ...ordering];
        steps.push({ step, ok: problems.length === 0, ms: Date.now() - start, changes: r.changes, problems });
    } catch (e) {
        steps.push({ step, ok: false, ms: Date.now() - start, problems: [(e as Error).message.trim().split("\n").slice(-25).join("\n")] });
    }
    return steps[steps.length - 1].ok;
}

/** The non-zero counts of an operation summary. */
export function counts(summary: Record<string, number> | undefined): Record<string, number> {
    return Object.fromEntries(Object.entries(summary ?? {}).filter(([, n]) => n > 0));
}

/** The outputs of the last successful deploy: the ingress a step starts from. */
const lastOutputs = new WeakMap<E2eStack, DeployedOutputs>();

async function deployAndVerify(
    e2e: E2eStack,
    emu: RunningEmulator,
    config: StackConfig,
    log: (l: string) => void,
    tolerated: string[] = [],
): Promise<Partial<StepResult>> {
    const first = emu.log().length;
    const up = await e2e.stack.up({ onOutput: log, color: "never" });
    const state = (await e2e.stack.exportStack()).deployment.resources as StateResource[];
    const outputs = plain(up.outputs);
    const before = lastOutputs.get(e2e);
    lastOutputs.set(e2e, outputs);
    return {
        changes: counts(up.summary.resourceChanges),
        problems: [
            ...verifyDeployment(outputs, emu.state()),
            ...ingressProblems(outputs, emu.state()),
            ...ingressChurn(before, outputs, emu.log().slice(first)),
            ...planVersusState(offlinePlan(e2e.stackFile), state),
            ...connectivityProblems(up.outputs.connectivity?.value, config, emu.forwarder, tolerated),
        ],
    };
}

/**
 * The update's preview, compared with the offline plan of the same stack file against the deployed state
 * (`npm run plan -- --state`, from `pulumi stack export`): the same operation per resource, the same changed inputs.
 */
async function updatePreview(e2e: E2eStack, log: (l: string) => void): Promise<Partial<StepResult>> {
    const events: EngineEvent[] = [];
    const p = await e2e.stack.preview({ onOutput: log, color: "never", onEvent: (e) => events.push(e) });
    const stateFile = `${e2e.workDir}/deployed.json`;
    fs.writeFileSync(stateFile, JSON.stringify(await e2e.stack.exportStack()));
    const plan = offlinePlan(e2e.stackFile, stateFile);
    return {
        changes: counts(p.changeSummary),
        problems: [
            ...plan.errors.map((e) => `the offline plan of the update rejects it: ${e.path}: ${e.message}`),
            ...planVersusPreview(plan, previewOperations(events)),
        ],
    };
}

/** A preview that must plan no change. */
export async function cleanPreview(stack: StackOps, log: (l: string) => void): Promise<Partial<StepResult>> {
    const p = await stack.preview({ onOutput: log, color: "never" });
    const changes = counts(p.changeSummary);
    const changed = Object.keys(changes).filter((op) => op !== "same");
    return { changes, problems: changed.length > 0 ? [`expected no changes, the engine plans ${JSON.stringify(changes)}`] : [] };
}

/** How the program runs: in this process as an Automation API inline program, or by `pulumi` commands (e2e/cliProject.ts). */
export type ProgramPath = "inline" | "cli";

/**
 * Runs the whole lifecycle for stack `name` with `config` (a stack file's config block) against a cloud that behaves
 * as `realism` says, the program run the `options.path` way, refusals judged as `options` says. Never throws.
 */
export async function runLifecycle(
    tc: Toolchain,
    name: string,
    config: StackConfig,
    log: (l: string) => void,
    realism: Realism,
    options: LifecycleOptions = {},
): Promise<LifecycleReport> {
    const started = Date.now();
    const steps: StepResult[] = [];
    const configs = lifecycleConfigs(config);
    const backends: Backends = await startBackends([configs.deployed, configs.updated]);
    // The provider deletes security group rules over HTTPS only (emulator/tls.ts): the emulator answers TLS too.
    const emu = await startEmulator(withForeignRules(emulatorAccount(config, PROJECT)), 0, {
        backends: backends.table,
        tls: loopbackCertificate(),
        realism,
    });
    const e2e: E2eStack = await (options.path === "cli" ? createCliStack : createE2eStack)(
        tc,
        name,
        configs.deployed,
        emu.endpoint,
        emu.certificate,
    );
    try {
        await runSteps(steps, emu, lifecycleSteps({ e2e, emu, backends, log, ...configs }), options.tolerateRetried ?? false);
    } finally {
        await emu.close();
        await backends.close();
        if (steps.every((s) => s.ok)) {
            e2e.dispose();
        } else {
            log(`kept the scratch project for inspection: ${e2e.workDir}`);
        }
    }
    return lifecycleReport(name, started, steps, emu);
}

/** One named step of a lifecycle. */
export type Step = [string, () => Promise<Partial<StepResult> | void>];

/** Runs `sequence` in order with {@link timed}, stopping at the first step that fails. */
export async function runSteps(steps: StepResult[], emu: RunningEmulator, sequence: Step[], tolerateRetried: boolean): Promise<void> {
    for (const [step, run] of sequence) {
        if (!(await timed(steps, emu, step, run, tolerateRetried))) {
            break;
        }
    }
}

/** The report of a lifecycle run as stack `stack`: it passed when every step did and the last was the destroy. */
export function lifecycleReport(stack: string, started: number, steps: StepResult[], emu: RunningEmulator): LifecycleReport {
    const requests: Record<string, number> = {};
    emu.log().forEach((r) => (requests[r.action] = (requests[r.action] ?? 0) + 1));
    return {
        stack,
        ok: steps[steps.length - 1]?.step === "destroy" && steps.every((s) => s.ok),
        ms: Date.now() - started,
        steps,
        requests,
        refused: refusalCounts(emu.log()),
    };
}

/** The configs of a lifecycle: as deployed, as updated, and the update as deployed (its check in report mode when it frees EIPs). */
interface LifecycleConfigs {
    deployed: StackConfig;
    updated: StackConfig;
    /** EIPs the update leaves spare. */
    freed: string[];
    updating: StackConfig;
}

function lifecycleConfigs(config: StackConfig): LifecycleConfigs {
    const deployed = e2eConfig(config);
    const updated = updatedConfig(deployed);
    // An EIP the update leaves spare still answers at the update's check (its entry goes last): report, then re-probe.
    const freed = freedSpareEips(deployed, updated);
    const updating = freed.length > 0 ? withCheck(updated, { mode: "report" }) : updated;
    return { deployed, updated, freed, updating };
}

/** What the steps of a lifecycle act on. */
interface LifecycleWorld extends LifecycleConfigs {
    e2e: E2eStack;
    emu: RunningEmulator;
    backends: Backends;
    log: (l: string) => void;
}

/** The lifecycle's steps in order (see the file's header). */
function lifecycleSteps(w: LifecycleWorld): Step[] {
    const { e2e, emu, backends, log, deployed, updated, freed, updating } = w;
    const { stack } = e2e;
    return [
        ["preview", async () => ({ changes: counts((await stack.preview({ onOutput: log, color: "never" })).changeSummary) })],
        ["up", () => deployAndVerify(e2e, emu, deployed, log)],
        ["preview (no changes)", () => cleanPreview(stack, log)],
        ["refresh (no changes)", () => cleanRefresh(stack, log)],
        ["up with a backend stopped (must fail)", () => stoppedBackend(e2e, backends, deployed, log)],
        ["up with a per-EIP cap (must be refused, nothing sent)", () => refusedPerEipCap(e2e, emu, deployed, log)],
        [
            "update: preview, against the offline plan of the update",
            () => {
                e2e.writeConfig(updating);
                return updatePreview(e2e, log);
            },
        ],
        ["update: up", () => deployAndVerify(e2e, emu, updating, log, freed)],
        ...(freed.length === 0 ? [] : [reprobeStep(e2e, emu, updated, log)]),
        ["update: preview (no changes)", () => cleanPreview(stack, log)],
        ["destroy", () => destroyAndVerify(e2e, emu, updated, log)],
    ];
}

/** After an update that freed EIPs: the check again, enforcing, now that the freed EIPs' entries are gone. */
function reprobeStep(e2e: E2eStack, emu: RunningEmulator, updated: StackConfig, log: (l: string) => void): Step {
    return [
        "update: re-probe (enforce)",
        () => {
            const reprobe = withCheck(updated, { trigger: "e2e-after-update" });
            e2e.writeConfig(reprobe);
            return deployAndVerify(e2e, emu, reprobe, log);
        },
    ];
}

async function cleanRefresh(stack: StackOps, log: (l: string) => void): Promise<Partial<StepResult>> {
    const r = await stack.refresh({ onOutput: log, color: "never", expectNoChanges: true });
    return { changes: counts(r.summary.resourceChanges) };
}

/** The destroy: nothing left in the account, the gateway and the plan gone by their forced deletions, ingress undone. */
async function destroyAndVerify(
    e2e: E2eStack,
    emu: RunningEmulator,
    updated: StackConfig,
    log: (l: string) => void,
): Promise<Partial<StepResult>> {
    const first = emu.log().length;
    const d = await e2e.stack.destroy({ onOutput: log, color: "never" });
    const left = leftovers(emu.state());
    return {
        changes: counts(d.summary.resourceChanges),
        problems: [
            ...left.map((l) => `left in the account: ${l}`),
            // The update lifted deletion protection: the gateway and the plan go with their forced deletions.
            ...teardownProblems(emu.log().slice(first), expectedTeardown(updated, PROJECT)),
            ...ingressProblems(undefined, emu.state()),
            ...ingressChurn(lastOutputs.get(e2e), undefined, emu.log().slice(first)),
        ],
    };
}
