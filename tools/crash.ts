/**
 * `npm run e2e:crash`: the real engine against the emulator, its CLI killed at seeded moments during `pulumi up` and
 * `pulumi destroy`, recovered as docs/recovery.md says, and checked: the account holds exactly what the state knows.
 * Exits 0 when nothing leaked and every kill was recovered.
 */
import * as path from "path";
import type { CrashReport } from "../e2e/crash";
import { commandArgs, helpPointer, runMain } from "./args";

const USAGE = `Usage: npm run e2e:crash -- [options]

Deploys and destroys each stack with the real engine against the emulator, killing the CLI at seeded moments, then
recovers as docs/recovery.md says and checks that the account holds exactly what the state knows (docs/e2e.md).

Options:
  -s, --stack <name>     a shipped stack (Pulumi.<name>.yaml), repeatable; default: every shipped stack
  -c, --config <file>    any stack file, repeatable
  -k, --kills <n>        kills per stack (default 30)
      --seed <s>         seed of the kill points (default 1)
      --per-chain <n>    kills in a row before an operation may finish (default 3)
      --recovery <r>     reconcile (default: the documented procedure) or refresh (pulumi refresh --clear-pending-creates alone)
      --json             print one JSON document
  -v, --verbose          stream the engine's output
  -h, --help             show this help

Exit codes: 0 nothing leaked and every kill was recovered, 1 a leak or a failed recovery, 2 usage error.`;

function summary(r: CrashReport): string {
    const byType = Object.entries(r.leakedByType).map(([t, n]) => `${t} ${n}`);
    return [
        `stack ${r.stack} (seed ${r.seed}, recovery ${r.recovery}): ${r.ok ? "ok" : "FAILED"} in ${(r.ms / 1000).toFixed(0)} s`,
        `  kills ${r.kills} (${r.records.filter((k) => k.op === "up").length} during up, ${r.records.filter((k) => k.op === "destroy").length} during destroy; ${r.missed} kill points missed), recovered ${r.recovered}, leaked ${r.leaked}${byType.length ? ` (${byType.join(", ")})` : ""}, max recovery ${r.maxRecoverySeconds.toFixed(1)} s`,
        ...r.records
            .filter((k) => !k.recovered)
            .flatMap((k) => [`  kill ${k.n} (${k.op}, ${k.kind} after write ${k.writesBefore}):`, ...k.problems.map((p) => `    ${p}`)]),
        ...r.problems.map((p) => `  ${p}`),
        "",
    ].join("\n");
}

function positive(value: string | undefined, fallback: number, name: string): number {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 0) {
        throw new Error(`--${name} must be a whole number (got ${JSON.stringify(value)})`);
    }
    return n;
}

/** The command line read: its options and the crash run's settings, or the exit code. */
function crashOptions() {
    const args = commandArgs(
        {
            stack: { type: "string", short: "s", multiple: true },
            config: { type: "string", short: "c", multiple: true },
            kills: { type: "string", short: "k" },
            seed: { type: "string" },
            "per-chain": { type: "string" },
            recovery: { type: "string" },
            json: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
    );
    if (typeof args === "number") {
        return args;
    }
    const recovery = args.recovery ?? "reconcile";
    if (recovery !== "reconcile" && recovery !== "refresh") {
        process.stderr.write(
            `e2e:crash: --recovery must be reconcile or refresh (got ${JSON.stringify(recovery)})\n${helpPointer(USAGE)}\n`,
        );
        return 2;
    }
    try {
        const [kills, seed, perChain] = [
            positive(args.kills, 30, "kills"),
            positive(args.seed, 1, "seed"),
            positive(args["per-chain"], 3, "per-chain"),
        ];
        return { args, recovery, kills, seed, perChain } as const;
    } catch (e) {
        process.stderr.write(`e2e:crash: ${(e as Error).message}\n${helpPointer(USAGE)}\n`);
        return 2;
    }
}

async function main(): Promise<number> {
    const opts = crashOptions();
    if (typeof opts === "number") {
        return opts;
    }
    const { args, recovery, kills, seed, perChain } = opts;
    const [{ runCrash }, { ensureToolchain }, { readConfigFile }, { stackTargets }] = await Promise.all([
        import("../e2e/crash"),
        import("../e2e/engine"),
        import("../e2e/stack"),
        import("./stacks"),
    ]);
    const targets = stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const verbose = args.verbose === true;
    const reports: CrashReport[] = [];
    for (const [name, file] of targets) {
        process.stderr.write(`== e2e:crash ${name} (${path.relative(process.cwd(), file) || file}), ${kills} kills, seed ${seed}\n`);
        const log = (l: string) => (verbose || l.startsWith("kill ") ? process.stderr.write(l) : undefined);
        const report = await runCrash(toolchain, name, readConfigFile(file), {
            kills,
            seed,
            perChain: Math.max(1, perChain),
            recovery,
            log,
        });
        reports.push(report);
        if (!args.json) {
            process.stdout.write(summary(report));
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok: reports.every((r) => r.ok), ...totals(reports), stacks: reports }, null, 2)}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
}

/** The totals over every stack's run, for `--json`. */
function totals(reports: CrashReport[]) {
    return {
        kills: reports.reduce((n, r) => n + r.kills, 0),
        recovered: reports.reduce((n, r) => n + r.recovered, 0),
        leaked: reports.reduce((n, r) => n + r.leaked, 0),
        leakedByType: reports.reduce<Record<string, number>>((acc, r) => {
            Object.entries(r.leakedByType).forEach(([t, n]) => (acc[t] = (acc[t] ?? 0) + n));
            return acc;
        }, {}),
        maxRecoverySeconds: Math.max(0, ...reports.map((r) => r.maxRecoverySeconds)),
    };
}

runMain("e2e:crash", main);
