/**
 * `npm run bench:deploy`: `pulumi up` then `pulumi destroy` of generated stacks (bench/stacks.ts) with the real
 * engine and provider against the emulator with its default latencies, transitional states and faults, or under the
 * given variants (emulator/variants.ts; `all`: each in turn), and for each variant, size and ordering (the component;
 * `--lanes`: the component's shape with the kinds of write the variant bears on in 1, 2, 4... lanes; `--naive`): wall
 * times, API calls, retries, conflicts, the lower bound (bench/lowerBound.ts) and whether it failed. Not part of
 * `npm test` or CI: the default sizes took 39 minutes (BENCHMARKS.md). Run it under the e2e lock:
 * `flock /tmp/sbg-e2e.lock npm run bench:deploy -- --sizes 10,50,100`.
 */
import * as path from "path";
import type { LogEntry } from "../emulator/emulator";
import { Realism, REALISM_USAGE } from "../emulator/realism";
import { LANE_KINDS, LaneKind, providerFailure, VariantRun, variantUsage } from "../emulator/variants";
import { ensureToolchain, ROOT, Toolchain } from "../e2e/engine";
import { readProjectName } from "../offline/stackFile";
import { derivedArgs, runMain } from "../tools/args";
import { realismCommandArgs } from "../tools/realismArgs";
import { DeployFigures, renderFigures } from "./deployTable";
import { lowerBound } from "./lowerBound";
import { OrderingShape, SHAPE_ENV } from "./orderingShape";
import { parse } from "yaml";
import { generatedStack } from "./stacks";

export { figureRows } from "./deployTable";
export type { DeployFigures } from "./deployTable";

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

Deploys and destroys generated stacks with the real engine against the emulator and reports, per variant, ordering
and size, the wall times, API calls, retries and conflicts against a lower bound (BENCHMARKS.md). Long: run it on a
quiet machine, under the e2e lock (flock /tmp/sbg-e2e.lock npm run bench:deploy).

Options:
      --sizes <list>              rule counts to deploy, comma-separated (default 10,50,100)
      --variant <name>            an emulator variant (below), NAME+NAME, or all (each in turn, but the ones no program
                                  survives); repeatable, each run in turn; default: default
      --lanes <list>              also deploy the component's shape (bench/lanesProgram.ts) with the kinds of write each
                                  variant bears on (emulator/variants.ts: DNAT entries, joins, bindings) in each number
                                  of lanes, comma-separated
      --lane-kinds <list>         widen these kinds of write instead (entries, joins, bindings; comma-separated)
      --max-parallel-writes <n>   the component's maxParallelWrites (default 1)
      --parallel <n>              the engine's --parallel (default ${BENCH_PARALLEL}; the CLI's own default is 4 per CPU)
      --naive                     also deploy bench/naiveProgram.ts (everything in parallel)
      --json                      one JSON object per variant, ordering and size on stdout
      --markdown                  the table as Markdown, for BENCHMARKS.md
  -v, --verbose                   stream the engine's output
  -h, --help                      show this help

${REALISM_USAGE}

${variantUsage(true)}

Exit codes: 0 the component deployed and destroyed under every variant and size (a lanes or naive ordering may fail:
that is what it measures), 1 it failed, 2 usage error.`;

/** What is deployed: the component (index.ts), or a bench program with an ordering shape (bench/orderings.ts). */
export interface Ordering {
    label: string;
    /** A bench program instead of index.ts. */
    program?: string;
    shape?: OrderingShape;
}

/** The component's own shape (components/ordering.ts): entries and joins in one lane each, bindings free. */
export const COMPONENT_SHAPE: OrderingShape = { lanes: { entries: 1, joins: 1 }, joinBeforeBind: true };

/**
 * The orderings to deploy under a variant: the component, then for each width the component's shape with the kinds of
 * write the variant bears on in that many lanes (none when it bears on none), then the naive one. Pure.
 */
export function orderingsFor(kinds: readonly LaneKind[], widths: readonly number[], naive: boolean): Ordering[] {
    const lanes = kinds.length === 0 ? [] : widths;
    return [
        { label: "component" },
        ...lanes.map((w) => ({
            label: `${kinds.join("+")} in ${w} lane${w === 1 ? "" : "s"}`,
            program: path.join(ROOT, "bench", "lanesProgram.ts"),
            shape: { ...COMPONENT_SHAPE, lanes: { ...COMPONENT_SHAPE.lanes, ...Object.fromEntries(kinds.map((k) => [k, w])) } },
        })),
        ...(naive ? [{ label: "naive", program: path.join(ROOT, "bench", "naiveProgram.ts") }] : []),
    ];
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

interface RunOptions {
    variant: string;
    realism: Realism;
    ordering: Ordering;
    maxParallelWrites: number;
    parallel: number;
    log: (l: string) => void;
    errors: string[];
}

async function runSize(tc: Toolchain, rules: number, o: RunOptions): Promise<DeployFigures> {
    const config = benchConfig(rules, o.maxParallelWrites);
    // Loaded here, not at the top, so --help answers without loading the Pulumi SDK.
    const [{ emulatorAccount }, { startEmulator }, { createE2eStack, PROJECT }] = await Promise.all([
        import("../emulator/account"),
        import("../emulator/server"),
        import("../e2e/stack"),
    ]);
    const emu = await startEmulator(emulatorAccount(config, PROJECT), 0, { realism: o.realism });
    const e2e = await createE2eStack(tc, `bench${rules}`, config, emu.endpoint, undefined, o.ordering.program);
    const outcome = { failed: false };
    try {
        const run = { onOutput: o.log, color: "never" as const, parallel: o.parallel };
        const up = await timedOperation(`${o.variant}, ${o.ordering.label}, ${rules} rules, up`, () => e2e.stack.up(run), o, outcome);
        const destroy = await timedOperation(
            `${o.variant}, ${o.ordering.label}, ${rules} rules, destroy`,
            () => e2e.stack.destroy(run),
            o,
            outcome,
        );
        return deployFigures(rules, o, up, destroy, emu.log(), outcome.failed);
    } finally {
        await emu.close();
        if (!outcome.failed) {
            e2e.dispose();
        } else {
            o.log(`kept the scratch project for inspection: ${e2e.workDir}\n`);
        }
    }
}

/** Runs one operation of the ordering's program and returns its wall time; a failure is noted in `o.errors` and `outcome`. */
async function timedOperation(what: string, run: () => Promise<unknown>, o: RunOptions, outcome: { failed: boolean }): Promise<number> {
    const start = Date.now();
    // The inline program runs in this process: the lanes program reads its shape from the environment.
    process.env[SHAPE_ENV] = JSON.stringify(o.ordering.shape ?? COMPONENT_SHAPE);
    try {
        await run();
    } catch (e) {
        outcome.failed = true;
        // The engine's failing resources and the API's code and message under each (the SDK prints them on lines of their own).
        const lines = (e as Error).message.split("\n").filter((l) => /failed\*\*|ErrorCode:|Code:|^\s*Message:/.test(l));
        o.errors.push(`${what}: ${[...new Set(lines.map((l) => l.trim()))].slice(0, 12).join(" | ")}`);
    } finally {
        delete process.env[SHAPE_ENV];
    }
    return Date.now() - start;
}

/** The figures of one size's up and destroy, from their wall times and the emulator's log. */
function deployFigures(
    rules: number,
    o: RunOptions,
    up: number,
    destroy: number,
    log: readonly LogEntry[],
    failed: boolean,
): DeployFigures {
    const refusals: Record<string, number> = {};
    log.filter((l) => l.status >= 400 && !l.injected).forEach(
        (l) => (refusals[`${l.action} ${l.code}`] = (refusals[`${l.action} ${l.code}`] ?? 0) + 1),
    );
    const bound = lowerBound(rules, EIPS, o.realism);
    return {
        variant: o.variant,
        ordering: o.ordering.label,
        rules,
        eips: EIPS,
        parallel: o.parallel,
        upSeconds: seconds(up),
        destroySeconds: seconds(destroy),
        upLowerBoundSeconds: bound.upSeconds,
        destroyLowerBoundSeconds: bound.destroySeconds,
        lowerBoundSeconds: Math.round((bound.upSeconds + bound.destroySeconds) * 10) / 10,
        apiCalls: log.length,
        retries: countRetries(log),
        conflicts: countConflicts(log),
        refusals,
        failed,
    };
}

/** The variants a run covers: all but the ones no program survives when `all` was asked for. */
function benchable(runs: VariantRun[], all: boolean): VariantRun[] {
    return all ? runs.filter((r) => providerFailure(r) === undefined) : runs;
}

/** The numbers of the command line, checked; throws naming the option. */
function numbers(args: { sizes?: string; lanes?: string; "lane-kinds"?: string; "max-parallel-writes"?: string; parallel?: string }) {
    const list = (text: string) => text.split(",").map(Number);
    const sizes = list(args.sizes ?? "10,50,100");
    const widths = args.lanes === undefined ? [] : list(args.lanes);
    const width = Number(args["max-parallel-writes"] ?? 1);
    const parallel = Number(args.parallel ?? BENCH_PARALLEL);
    const kinds = args["lane-kinds"]?.split(",").map((k) => k.trim()) as LaneKind[] | undefined;
    if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100)) {
        throw new Error(`--sizes ${JSON.stringify(args.sizes)} must be integers from 1 to 100 (the DNAT table quota)`);
    }
    if (kinds?.some((k) => !LANE_KINDS.includes(k))) {
        throw new Error(`--lane-kinds ${JSON.stringify(args["lane-kinds"])} must list kinds among ${LANE_KINDS.join(", ")}`);
    }
    if (widths.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--lanes ${JSON.stringify(args.lanes)} must be integers of at least 1`);
    }
    if (!Number.isInteger(width) || width < 1) {
        throw new Error(`--max-parallel-writes ${JSON.stringify(args["max-parallel-writes"])} must be an integer of at least 1`);
    }
    if (!Number.isInteger(parallel) || parallel < 1) {
        throw new Error(`--parallel ${JSON.stringify(args.parallel)} must be an integer of at least 1`);
    }
    return { sizes, widths, width, parallel, kinds };
}

/** The command line read: its options, the variant runs and the checked numbers. Or the exit code. */
function benchOptions() {
    const parsed = realismCommandArgs(
        {
            sizes: { type: "string" },
            lanes: { type: "string" },
            "lane-kinds": { type: "string" },
            "max-parallel-writes": { type: "string" },
            parallel: { type: "string" },
            naive: { type: "boolean" },
            json: { type: "boolean" },
            markdown: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
        { allowAll: true },
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args } = parsed;
    const checked = derivedArgs(() => numbers(args), USAGE);
    if (typeof checked === "number") {
        return checked;
    }
    return { args, runs: benchable(parsed.runs, args.variant?.includes("all") ?? false), ...checked };
}

async function main(): Promise<number> {
    const opts = benchOptions();
    if (typeof opts === "number") {
        return opts;
    }
    const { args, runs, sizes, widths, width, parallel, kinds } = opts;
    const tc = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const figures: DeployFigures[] = [];
    const errors: string[] = [];
    for (const run of runs) {
        for (const ordering of orderingsFor(kinds ?? [...new Set(run.parts.flatMap((p) => p.lanes))], widths, args.naive ?? false)) {
            for (const rules of sizes) {
                process.stderr.write(`== bench:deploy variant ${run.name}, ${ordering.label}, ${rules} rules, --parallel ${parallel}\n`);
                const f = await runSize(tc, rules, {
                    variant: run.name,
                    realism: run.realism,
                    ordering,
                    maxParallelWrites: width,
                    parallel,
                    log,
                    errors,
                });
                figures.push(f);
                if (args.json) {
                    process.stdout.write(`${JSON.stringify(f)}\n`);
                }
            }
        }
    }
    if (!args.json) {
        const { default: Table } = await import("cli-table3");
        process.stdout.write(renderFigures(figures, args.markdown ?? false, Table));
    }
    errors.forEach((e) => process.stderr.write(`${e}\n`));
    // A lanes or naive ordering may fail: that is what it measures. The component must not.
    return figures.some((f) => f.failed && f.ordering === "component") ? 1 : 0;
}

if (require.main === module) {
    runMain("bench:deploy", main);
}
