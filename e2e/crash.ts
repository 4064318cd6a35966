/**
 * Killed mid-deploy, nothing leaks: the real engine deploys and destroys a stack against the emulator while the CLI
 * is killed at seeded moments (after the Nth write request of the operation, plus a delay), then the recovery the
 * docs/recovery.md gives runs (`pulumi cancel`, `npm run reconcile -- --import` with `pulumi refresh --clear-pending-creates`),
 * the operation runs again (and may be killed again), and at the end the account must hold exactly what the state
 * knows, with a further preview showing no changes (after an up) or nothing left at all (after a destroy).
 *
 * `recovery: "refresh"` runs the documented engine recovery alone (`pulumi cancel`, `pulumi refresh
 * --clear-pending-creates`), which is what a user had before reconcile: its leaks are counted, then released, so
 * each chain of kills starts from an account that matches the state.
 */
import type { Deployment, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { LoopbackPool } from "../emulator/addresses";
import { emulatorAccount } from "../emulator/account";
import { RunningEmulator, startEmulator } from "../emulator/server";
import { loopbackCertificate } from "../emulator/tls";
import { defaultNamePrefix, stackTagOf } from "../program/stackConfig";
import { readAccount, rpcCaller } from "../recon/account";
import { adoptPendingCreates } from "../recon/adopt";
import { findOrphans, Orphan } from "../recon/reconcile";
import { release, releasePlan } from "../recon/release";
import { parseStackExport, Role, StackState } from "../recon/state";
import { accountVersusState, Difference } from "./crashCheck";
import type { Toolchain } from "./engine";
import { armKill, isWrite, KillKind, KillPoint, waitGone } from "./kill";
import { createE2eStack, E2eStack, e2eConfig, PROJECT, StackConfig } from "./stack";

const NS = `${PROJECT}:`;
const execFileAsync = promisify(execFile);
/** First EIP address of a crash run. */
const CRASH_ADDRESSES = "127.0.50.1";

export interface CrashOptions {
    kills: number;
    seed: number;
    /** Kills at most in a row before an operation is let through to the end. */
    perChain: number;
    recovery: "reconcile" | "refresh";
    log: (line: string) => void;
}

/** One kill and what followed it. */
export interface KillRecord {
    n: number;
    op: "up" | "destroy";
    kind: KillKind;
    afterWrite: number;
    delayMs: number;
    /** Write requests the operation had sent when the kill struck. */
    writesBefore: number;
    /** From the kill to a stack ready for the next operation (plugins gone, lock cleared, state reconciled). */
    recoverySeconds: number;
    /** Orphans found and imported as the outcome of pending creates. */
    imported: number;
    recovered: boolean;
    problems: string[];
}

export interface CrashReport {
    stack: string;
    seed: number;
    recovery: CrashOptions["recovery"];
    kills: number;
    /** Kills whose chain ended with the account and state identical and a clean preview (or an empty account). */
    recovered: number;
    leaked: number;
    leakedByType: Partial<Record<Role, number>>;
    maxRecoverySeconds: number;
    /** Kill points the operation finished before (not counted as kills). */
    missed: number;
    ok: boolean;
    ms: number;
    records: KillRecord[];
    problems: string[];
}

/** A small seeded generator (mulberry32): the same seed gives the same kill points. */
export function seeded(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The kill point `rnd` picks for an operation that sends `writes` write requests: any of them, then 0-6 s. */
export function killPoint(rnd: () => number, writes: number): KillPoint {
    const kinds: KillKind[] = ["SIGINT", "SIGKILL", "SIGKILL-tree"];
    // Up to 6 s after a write covers the provider's 5 s wait before it returns a create (engine-notes: waiters).
    return {
        kind: kinds[Math.floor(rnd() * kinds.length)],
        afterWrite: 1 + Math.floor(rnd() * Math.max(1, writes)),
        delayMs: Math.floor(rnd() * 6000),
    };
}

/**
 * The e2e stack with what a crash run needs: created EIPs unprotected and deletion protection off (every chain
 * ends in a destroy), and a connectivity check that is on in `report` mode with short timings: it runs (and can be
 * killed) without loopback backends or forwarding, so a crash run binds no fixed address.
 */
export function crashConfig(config: StackConfig): StackConfig {
    const c = e2eConfig(config);
    const nat = { ...(c[`${NS}natGateway`] as Record<string, unknown>), deletionProtection: false };
    const plan = { ...(c[`${NS}bandwidthPlan`] as Record<string, unknown>), deletionProtection: false };
    const check = c[`${NS}connectivityCheck`] as Record<string, unknown> | undefined;
    const out: StackConfig = { ...c, [`${NS}natGateway`]: nat, [`${NS}bandwidthPlan`]: plan };
    if (check && check.mode !== "off") {
        out[`${NS}connectivityCheck`] = { ...check, mode: "report", attempts: 1, timeoutMs: 500, deadlineMs: 5000 };
    }
    return out;
}

/** What a run works on. */
interface Run {
    tc: Toolchain;
    name: string;
    emu: RunningEmulator;
    e2e: E2eStack<Stack>;
    opts: CrashOptions;
    owner: { stackTag: string; namePrefix: string };
    leaked: Map<string, Role>;
    problems: string[];
}

/** Runs the CLI in the scratch project, as a person would in theirs. */
async function cli(run: Run, args: string[]): Promise<void> {
    const ws = run.e2e.stack.workspace as LocalWorkspace;
    const { stdout, stderr } = await execFileAsync(
        path.join(run.tc.binDir, "pulumi"),
        [...args, "--stack", run.name, "--non-interactive", "--color", "never"],
        {
            cwd: ws.workDir,
            env: { ...process.env, ...ws.envVars },
            maxBuffer: 64 * 1024 * 1024,
        },
    );
    run.opts.log(stdout + stderr);
}

async function state(run: Run): Promise<StackState> {
    return parseStackExport(await run.e2e.stack.exportStack());
}

/** Runs `op` once, killed at `point` if given. */
async function attempt(run: Run, op: "up" | "destroy", point?: KillPoint) {
    const start = run.emu.log().length;
    const armed = point ? armKill(() => run.emu.log(), start, point) : undefined;
    let error: string | undefined;
    try {
        const o = { onOutput: run.opts.log, color: "never" as const };
        await (op === "up" ? run.e2e.stack.up(o) : run.e2e.stack.destroy(o));
    } catch (e) {
        const lines = (e as Error).message.trim().split("\n");
        error = [...lines.filter((l) => /error|refused|failed/i.test(l)).slice(0, 8), ...lines.slice(-3)].join("\n");
    }
    armed?.disarm();
    return { error, armed, writes: run.emu.log().slice(start).filter(isWrite).length };
}

/** The recovery after an interrupted operation. */
async function recover(run: Run, plugins: number[]): Promise<{ imported: Orphan[]; problems: string[] }> {
    const problems: string[] = [];
    // Plugins of a CLI killed alone carry on with the request in flight (they were seen calling TagResources after
    // the kill) and then linger: give them the provider's 5 s wait and a margin, then end them as a person would.
    for (const p of await waitGone(plugins, 12000)) {
        process.kill(p, "SIGKILL");
    }
    await waitGone(plugins, 5000);
    // A killed CLI leaves its lock; `pulumi cancel` removes it (and fails when there is none, which is fine).
    await cli(run, ["cancel", "--yes"]).catch(() => undefined);
    let imported: Orphan[] = [];
    if (run.opts.recovery === "reconcile") {
        // npm run reconcile -- --import: the orphans that complete pending creates go into the state by stack import.
        const rpc = rpcCaller({ endpoint: run.emu.url, region: "cn-shanghai", accessKeyId: "crash", accessKeySecret: "crash" });
        const exported = await run.e2e.stack.exportStack();
        const orphans = findOrphans(parseStackExport(exported), await readAccount(rpc), run.owner);
        const { doc, adopted } = adoptPendingCreates(exported, orphans);
        if (adopted.length > 0) {
            await run.e2e.stack.importStack(doc as Deployment);
        }
        imported = orphans.filter((o) => o.pendingUrn && adopted.includes(o.pendingUrn));
    }
    // What never reached the cloud is dropped from the state; what a killed destroy deleted is read as gone.
    await cli(run, ["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]).catch((e: Error) =>
        problems.push(`recovery refresh failed: ${e.message.trim().split("\n").slice(-6).join(" ")}`),
    );
    return { imported, problems };
}

/** An account-side difference as an orphan the release calls can take. */
function asOrphan(d: Difference): Orphan {
    const [a, b] = d.id.split(":");
    const ref: Record<Role, Record<string, string>> = {
        nat: { natGatewayId: a },
        eip: { allocationId: a },
        plan: { planId: a },
        join: { planId: a, allocationId: b },
        bind: { allocationId: a, natGatewayId: b },
        entry: { tableId: a, entryId: b },
    };
    return { role: d.role, id: d.id, what: `${d.role} ${d.id}`, matchedBy: "tag", ref: ref[d.role] };
}

/** Counts what the account holds beyond the state as leaked, then releases it so the next chain starts clean. */
async function settleLeaks(run: Run, diffs: Difference[]): Promise<void> {
    const extra = diffs.filter((d) => d.side === "extra");
    extra.forEach((d) => run.leaked.set(`${d.role}:${d.id}`, d.role));
    if (extra.length > 0) {
        const rpc = rpcCaller({ endpoint: run.emu.url, region: "cn-shanghai", accessKeyId: "crash", accessKeySecret: "crash" });
        await release(rpc, releasePlan(extra.map(asOrphan), true), (l) => run.opts.log(`${l}\n`));
    }
}

/** After a chain: the operation through to the end, then the exact comparison and a clean preview or an empty account. */
async function finish(run: Run, op: "up" | "destroy"): Promise<string[]> {
    const problems: string[] = [];
    let done = await attempt(run, op);
    if (done.error) {
        problems.push(`${op} after recovery failed: ${done.error}`);
        const again = await recover(run, []);
        problems.push(...again.problems);
        done = await attempt(run, op);
        if (done.error) {
            problems.push(`${op} failed again: ${done.error}`);
        }
    }
    const diffs = accountVersusState(run.emu.state(), await state(run));
    problems.push(
        ...diffs.map(
            (d) =>
                `${d.side === "extra" ? "leaked (in the account, not in the state)" : "in the state, not in the account"}: ${d.role} ${d.id}`,
        ),
    );
    await settleLeaks(run, diffs);
    if (op === "up") {
        const p = await run.e2e.stack.preview({ onOutput: run.opts.log, color: "never" });
        const changed = Object.entries(p.changeSummary ?? {}).filter(([k, n]) => k !== "same" && n > 0);
        if (changed.length > 0) {
            problems.push(`the stack does not converge: a further preview plans ${JSON.stringify(Object.fromEntries(changed))}`);
        }
    } else if ((await state(run)).resources.some((r) => r.type.startsWith("alicloud:") && !r.type.startsWith("pulumi:providers:"))) {
        problems.push("destroy left resources in the state");
    }
    return problems;
}

/**
 * How many kills a chain of `op` may take: at most `perChain`, and an up chain at most half of what is left, so that a
 * short run (`--kills 3`) kills destroys too, forced teardowns included (components/teardown.ts). Pure.
 */
export function chainBudget(op: "up" | "destroy", left: number, perChain: number): number {
    return Math.max(0, Math.min(perChain, op === "up" ? Math.ceil(left / 2) : left));
}

/** Kills `op` up to its budget ({@link chainBudget}) in a row, recovering after each, then lets it finish and checks. */
async function chain(run: Run, op: "up" | "destroy", writes: number, rnd: () => number, records: KillRecord[]): Promise<number> {
    const mine: KillRecord[] = [];
    let missed = 0;
    const budget = chainBudget(op, run.opts.kills - records.length, run.opts.perChain);
    for (let i = 0; i < budget; i++) {
        const point = killPoint(rnd, writes);
        const r = await attempt(run, op, point);
        if (!r.armed?.fired) {
            missed++;
            if (r.error) {
                run.problems.push(`${op} failed without a kill: ${r.error}`);
            }
            break;
        }
        const rec = await recover(run, r.armed.plugins);
        const record: KillRecord = {
            n: records.length + 1,
            op,
            ...point,
            writesBefore: r.armed.writesBefore ?? 0,
            recoverySeconds: (Date.now() - r.armed.firedAt!) / 1000,
            imported: rec.imported.length,
            recovered: false,
            problems: rec.problems,
        };
        run.opts.log(
            `kill ${record.n}: ${op} ${point.kind} after write ${record.writesBefore} (+${point.delayMs} ms); imported ${record.imported}\n`,
        );
        records.push(record);
        mine.push(record);
    }
    const problems = await finish(run, op);
    mine.forEach((m) => {
        m.problems.push(...problems);
        m.recovered = m.problems.length === 0;
    });
    if (mine.length === 0) {
        run.problems.push(...problems);
    }
    return missed;
}

/** Runs the crash test for stack `name` with `config`. Never throws. */
export async function runCrash(tc: Toolchain, name: string, config: StackConfig, opts: CrashOptions): Promise<CrashReport> {
    const started = Date.now();
    const run = await startCrashRun(tc, name, config, opts);
    const records: KillRecord[] = [];
    const tally = { missed: 0 };
    try {
        await killChains(run, records, tally);
    } catch (e) {
        run.problems.push((e as Error).message);
    } finally {
        await run.emu.close();
    }
    const report = crashReport(run, records, tally.missed, started);
    if (report.ok) {
        run.e2e.dispose();
    } else {
        opts.log(`kept the scratch project for inspection: ${run.e2e.workDir}\n`);
    }
    return report;
}

/** The emulator and the scratch stack of a crash run. */
async function startCrashRun(tc: Toolchain, name: string, config: StackConfig, opts: CrashOptions): Promise<Run> {
    const cfg = crashConfig(config);
    // The provider deletes security group rules over HTTPS only (emulator/tls.ts): the emulator answers TLS too.
    const emu = await startEmulator(emulatorAccount(config, PROJECT), 0, { tls: loopbackCertificate() });
    // EIPs from a /24 of their own, where nothing listens: the report-mode check is refused at once, and a crash run
    // touches none of the addresses the e2e's forwarding and backends bind (127.0.10.x, 127.0.30.x).
    Object.assign(emu.emulator, { addresses: new LoopbackPool(CRASH_ADDRESSES) });
    const e2e = await createE2eStack(tc, name, cfg, emu.endpoint, emu.certificate);
    const owner = { stackTag: stackTagOf(PROJECT, name), namePrefix: String(cfg[`${NS}namePrefix`] ?? defaultNamePrefix(name)) };
    return { tc, name, emu, e2e, opts, owner, leaked: new Map(), problems: [] };
}

/** A clean up and destroy, then chains of killed ups and destroys until `opts.kills` kills struck; counts the misses. */
async function killChains(run: Run, records: KillRecord[], tally: { missed: number }): Promise<void> {
    const { opts } = run;
    const rnd = seeded(opts.seed);
    // A clean up and destroy first: they must pass, and they count each operation's write requests.
    const writes = { up: 0, destroy: 0 };
    for (const op of ["up", "destroy"] as const) {
        const r = await attempt(run, op);
        if (r.error) {
            throw new Error(`the uninterrupted ${op} failed: ${r.error}`);
        }
        writes[op] = r.writes;
    }
    while (records.length < opts.kills) {
        const before = records.length;
        tally.missed += await chain(run, "up", writes.up, rnd, records);
        tally.missed += await chain(run, "destroy", writes.destroy, rnd, records);
        if (records.length === before && tally.missed > 3 * opts.kills) {
            throw new Error(`no kill point struck in ${tally.missed} tries`);
        }
    }
}

/** The report of a crash run: it passed when nothing leaked, no problem was found and every kill was recovered. */
function crashReport(run: Run, records: KillRecord[], missed: number, started: number): CrashReport {
    const leakedByType: Partial<Record<Role, number>> = {};
    run.leaked.forEach((role) => (leakedByType[role] = (leakedByType[role] ?? 0) + 1));
    return {
        stack: run.name,
        seed: run.opts.seed,
        recovery: run.opts.recovery,
        kills: records.length,
        recovered: records.filter((r) => r.recovered).length,
        leaked: run.leaked.size,
        leakedByType,
        maxRecoverySeconds: Math.max(0, ...records.map((r) => r.recoverySeconds)),
        missed,
        ok: run.problems.length === 0 && run.leaked.size === 0 && records.every((r) => r.recovered),
        ms: Date.now() - started,
        records,
        problems: run.problems,
    };
}
