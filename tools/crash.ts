/**
 * `npm run e2e:crash`: the real engine against the emulator, its CLI killed at seeded moments during `pulumi up` and
 * `pulumi destroy`, recovered as the README says, and checked: the account holds exactly what the state knows.
 * Exits 0 when nothing leaked and every kill was recovered.
 */
import * as path from "path";
import { CrashReport, runCrash } from "../e2e/crash";
import { ensureToolchain } from "../e2e/engine";
import { readConfigFile } from "../e2e/stack";
import { commandArgs } from "./args";
import { stackTargets } from "./stacks";

const USAGE = `usage: npm run e2e:crash -- [--stack NAME]... [--config FILE]... [--kills N] [--seed S] [--recovery reconcile|refresh] [--json] [--verbose]

  -s, --stack NAME     a shipped stack (Pulumi.NAME.yaml); default: every shipped stack
  -c, --config FILE    any stack file
  -k, --kills N        kills per stack (default 30)
      --seed S         seed of the kill points (default 1)
      --per-chain N    kills in a row before an operation may finish (default 3)
      --recovery R     reconcile (default: the README's procedure) or refresh (pulumi refresh --clear-pending-creates alone)
      --json           print one JSON document
  -v, --verbose        stream the engine's output`;

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

async function main(): Promise<number> {
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
        process.stderr.write(`--recovery must be reconcile or refresh (got ${JSON.stringify(recovery)})\n${USAGE}\n`);
        return 2;
    }
    let kills: number, seed: number, perChain: number;
    try {
        [kills, seed, perChain] = [
            positive(args.kills, 30, "kills"),
            positive(args.seed, 1, "seed"),
            positive(args["per-chain"], 3, "per-chain"),
        ];
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
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
        const totals = {
            kills: reports.reduce((n, r) => n + r.kills, 0),
            recovered: reports.reduce((n, r) => n + r.recovered, 0),
            leaked: reports.reduce((n, r) => n + r.leaked, 0),
            leakedByType: reports.reduce<Record<string, number>>((acc, r) => {
                Object.entries(r.leakedByType).forEach(([t, n]) => (acc[t] = (acc[t] ?? 0) + n));
                return acc;
            }, {}),
            maxRecoverySeconds: Math.max(0, ...reports.map((r) => r.maxRecoverySeconds)),
        };
        process.stdout.write(`${JSON.stringify({ ok: reports.every((r) => r.ok), ...totals, stacks: reports }, null, 2)}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
}

main().then(
    (code) => (process.exitCode = code),
    (e) => {
        process.stderr.write(`e2e:crash: ${(e as Error).message}\n`);
        process.exitCode = 1;
    },
);
