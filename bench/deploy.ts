/**
 * `npm run bench:deploy`: `pulumi up` then `pulumi destroy` of generated stacks (bench/stacks.ts) with the real
 * engine and provider against the emulator with its default latencies, transitional states and faults, and for each
 * size: wall times, API calls, retries, conflicts, the lower bound (bench/lowerBound.ts) and whether it failed.
 * Not part of `npm test` or CI: the default sizes took 39 minutes (BENCHMARKS.md). Run it under the e2e lock:
 * `flock /tmp/sbg-e2e.lock npm run bench:deploy -- --sizes 10,50,100`.
 */
import * as path from "path";
import Table from "cli-table3";
import type { LogEntry } from "../emulator/emulator";
import { Realism, REALISM_OPTIONS, REALISM_USAGE, realismFromArgs } from "../emulator/realism";
import { ensureToolchain, ROOT, Toolchain } from "../e2e/engine";
import { readProjectName } from "../offline/stackFile";
import { commandArgs, derivedArgs } from "../tools/args";
import { lowerBound } from "./lowerBound";
import { parse } from "yaml";
import { generatedStack } from "./stacks";

/** The stack of `rules` rules over 20 EIPs (bench/stacks.ts, shared with the plan bench), unprotected, with `width`. */
export function benchConfig(rules: number, width: number): Record<string, unknown> {
    const PROJECT = readProjectName(ROOT);
    const { config } = parse(generatedStack(rules)) as { config: Record<string, unknown> };
    return { ...config, [`${PROJECT}:protectEips`]: false, [`${PROJECT}:maxParallelWrites`]: width };
}

/** bench/stacks.ts gives every size as many EIPs as the gateway's quota allows (20, rules §4). */
const EIPS = 20;

/**
 * The engine's `--parallel` the bench runs with: enough for the 20 EIPs' releases (and allocations) to go at once. The
 * CLI's own default is 4 per CPU (pulumi v3.248.0 cmd/pulumi/operations/up.go defaultParallel), 8 on 2 CPUs, which
 * releases them in 3 rounds: a limit of the client, not of the cloud or of the ordering the bound measures.
 */
export const BENCH_PARALLEL = 32;

const USAGE = `Usage: npm run bench:deploy -- [options]

Deploys and destroys generated stacks with the real engine against the emulator and reports, per size, the wall
times, API calls, retries and conflicts against a lower bound (BENCHMARKS.md). Long: run it on a quiet machine, under
the e2e lock (flock /tmp/sbg-e2e.lock npm run bench:deploy).

Options:
      --sizes <list>              rule counts to deploy, comma-separated (default 10,50,100)
      --max-parallel-writes <n>   the component's maxParallelWrites (default 1)
      --parallel <n>              the engine's --parallel (default ${BENCH_PARALLEL}; the CLI's own default is 4 per CPU)
      --naive                     deploy bench/naiveProgram.ts (everything in parallel) instead of index.ts
      --json                      one JSON object per size on stdout
  -v, --verbose                   stream the engine's output
  -h, --help                      show this help

${REALISM_USAGE}

Exit codes: 0 every size deployed and destroyed, 1 one failed, 2 usage error.`;

/** One size's figures (the JSON object). */
export interface DeployFigures {
    rules: number;
    eips: number;
    /** The engine's `--parallel`. */
    parallel: number;
    upSeconds: number;
    destroySeconds: number;
    /** bench/lowerBound.ts: the longest chain the cloud forces on `up`. */
    upLowerBoundSeconds: number;
    /** bench/lowerBound.ts: the same for `destroy`. */
    destroyLowerBoundSeconds: number;
    /** The sum of the two bounds. */
    lowerBoundSeconds: number;
    apiCalls: number;
    retries: number;
    conflicts: number;
    failed: boolean;
}

/** Refusals the provider sent again (same action, same parameters, later in the log). Pure. */
export function countRetries(log: readonly LogEntry[]): number {
    const key = (l: LogEntry) => `${l.action} ${JSON.stringify(l.params)}`;
    let retries = 0;
    log.forEach((l, i) => {
        if (l.status >= 400 && log.slice(i + 1).some((later) => key(later) === key(l))) {
            retries++;
        }
    });
    return retries;
}

/** Refusals that are rules of the cloud (a transitional state), not injected faults. Pure. */
export function countConflicts(log: readonly LogEntry[]): number {
    return log.filter((l) => l.status >= 400 && !l.injected).length;
}

function seconds(ms: number): number {
    return Math.round(ms / 100) / 10;
}

async function runSize(
    tc: Toolchain,
    rules: number,
    options: { realism: Realism; maxParallelWrites: number; parallel: number; naive: boolean; log: (l: string) => void; errors: string[] },
): Promise<DeployFigures> {
    const config = benchConfig(rules, options.maxParallelWrites);
    // Loaded here, not at the top, so --help answers without loading the Pulumi SDK.
    const [{ emulatorAccount }, { startEmulator }, { createE2eStack, PROJECT }] = await Promise.all([
        import("../emulator/account"),
        import("../emulator/server"),
        import("../e2e/stack"),
    ]);
    const emu = await startEmulator(emulatorAccount(config, PROJECT), 0, { realism: options.realism });
    const program = options.naive ? path.join(ROOT, "bench", "naiveProgram.ts") : undefined;
    const e2e = await createE2eStack(tc, `bench${rules}`, config, emu.endpoint, undefined, program);
    let failed = false;
    const timed = async (what: string, run: () => Promise<unknown>) => {
        const start = Date.now();
        try {
            await run();
        } catch (e) {
            failed = true;
            // The engine's failing resources and the API's code and message under each (the SDK prints them on lines of their own).
            const lines = (e as Error).message.split("\n").filter((l) => /failed\*\*|ErrorCode:|^\s*Message:/.test(l));
            options.errors.push(`${rules} rules, ${what}: ${[...new Set(lines.map((l) => l.trim()))].slice(0, 12).join(" | ")}`);
        }
        return Date.now() - start;
    };
    try {
        const run = { onOutput: options.log, color: "never" as const, parallel: options.parallel };
        const up = await timed("up", () => e2e.stack.up(run));
        const destroy = await timed("destroy", () => e2e.stack.destroy(run));
        const log = emu.log();
        const codes: Record<string, number> = {};
        log.filter((l) => l.status >= 400).forEach((l) => (codes[`${l.action} ${l.code}`] = (codes[`${l.action} ${l.code}`] ?? 0) + 1));
        process.stderr.write(`   refusals by action and code: ${JSON.stringify(codes)}\n`);
        const bound = lowerBound(rules, EIPS, options.realism);
        return {
            rules,
            eips: EIPS,
            parallel: options.parallel,
            upSeconds: seconds(up),
            destroySeconds: seconds(destroy),
            upLowerBoundSeconds: bound.upSeconds,
            destroyLowerBoundSeconds: bound.destroySeconds,
            lowerBoundSeconds: Math.round((bound.upSeconds + bound.destroySeconds) * 10) / 10,
            apiCalls: log.length,
            retries: countRetries(log),
            conflicts: countConflicts(log),
            failed,
        };
    } finally {
        await emu.close();
        if (!failed) {
            e2e.dispose();
        } else {
            options.log(`kept the scratch project for inspection: ${e2e.workDir}\n`);
        }
    }
}

async function main(): Promise<number> {
    const args = commandArgs(
        {
            sizes: { type: "string" },
            "max-parallel-writes": { type: "string" },
            parallel: { type: "string" },
            naive: { type: "boolean" },
            json: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
            ...REALISM_OPTIONS,
        } as const,
        USAGE,
    );
    if (typeof args === "number") {
        return args;
    }
    const sizes = (args.sizes ?? "10,50,100").split(",").map(Number);
    const width = Number(args["max-parallel-writes"] ?? 1);
    const parallel = Number(args.parallel ?? BENCH_PARALLEL);
    const realism = derivedArgs(() => {
        if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100)) {
            throw new Error(`--sizes ${JSON.stringify(args.sizes)} must be integers from 1 to 100 (the DNAT table quota)`);
        }
        if (!Number.isInteger(width) || width < 1) {
            throw new Error(`--max-parallel-writes ${JSON.stringify(args["max-parallel-writes"])} must be an integer of at least 1`);
        }
        if (!Number.isInteger(parallel) || parallel < 1) {
            throw new Error(`--parallel ${JSON.stringify(args.parallel)} must be an integer of at least 1`);
        }
        return realismFromArgs(args);
    }, USAGE);
    if (typeof realism === "number") {
        return realism;
    }
    const tc = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const figures: DeployFigures[] = [];
    const errors: string[] = [];
    for (const rules of sizes) {
        process.stderr.write(
            `== bench:deploy ${rules} rules (${args.naive ? "naive" : `maxParallelWrites ${width}`}, --parallel ${parallel})\n`,
        );
        const f = await runSize(tc, rules, { realism, maxParallelWrites: width, parallel, naive: args.naive ?? false, log, errors });
        figures.push(f);
        if (args.json) {
            process.stdout.write(`${JSON.stringify(f)}\n`);
        }
    }
    if (!args.json) {
        const table = new Table({
            head: [
                "rules",
                "eips",
                "up s",
                "up bound s",
                "destroy s",
                "destroy bound s",
                "ratio",
                "API calls",
                "retries",
                "conflicts",
                "failed",
            ],
            style: { head: [], border: [] },
        });
        for (const f of figures) {
            table.push([
                f.rules,
                f.eips,
                `${f.upSeconds} (${(f.upSeconds / f.upLowerBoundSeconds).toFixed(2)}x)`,
                f.upLowerBoundSeconds,
                `${f.destroySeconds} (${(f.destroySeconds / f.destroyLowerBoundSeconds).toFixed(2)}x)`,
                f.destroyLowerBoundSeconds,
                ((f.upSeconds + f.destroySeconds) / f.lowerBoundSeconds).toFixed(2),
                f.apiCalls,
                f.retries,
                f.conflicts,
                f.failed ? "FAILED" : "no",
            ]);
        }
        process.stdout.write(`${table.toString()}\n`);
    }
    errors.forEach((e) => process.stderr.write(`${e}\n`));
    return figures.some((f) => f.failed) ? 1 : 0;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`bench:deploy: ${(e as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
