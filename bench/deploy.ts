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
import Table from "cli-table3";
import { emulatorAccount } from "../emulator/account";
import type { LogEntry } from "../emulator/emulator";
import { Realism, REALISM_USAGE } from "../emulator/realism";
import { startEmulator } from "../emulator/server";
import { LANE_KINDS, LaneKind, providerFailure, VariantRun, variantUsage } from "../emulator/variants";
import { ensureToolchain, ROOT, Toolchain } from "../e2e/engine";
import { createE2eStack, PROJECT } from "../e2e/stack";
import { derivedArgs, realismCommandArgs } from "../tools/args";
import { lowerBound } from "./lowerBound";
import { OrderingShape, SHAPE_ENV } from "./orderings";
import { parse } from "yaml";
import { generatedStack } from "./stacks";

/** The stack of `rules` rules over 20 EIPs (bench/stacks.ts, shared with the plan bench), unprotected, with `width`. */
export function benchConfig(rules: number, width: number): Record<string, unknown> {
    const { config } = parse(generatedStack(rules)) as { config: Record<string, unknown> };
    return { ...config, [`${PROJECT}:protectEips`]: false, [`${PROJECT}:maxParallelWrites`]: width };
}

/** bench/stacks.ts gives every size as many EIPs as the gateway's quota allows (20, rules §4). */
const EIPS = 20;

const USAGE = `usage: npm run bench:deploy -- [--sizes 10,50,100] [--variant NAME|all]... [--lanes 1,2,4,8 [--lane-kinds KINDS]] [--naive] [--json|--markdown] [--verbose]

      --sizes LIST               rule counts to deploy, comma-separated (default 10,50,100)
      --variant NAME             an emulator variant (below); default: default. all: each variant in turn (not the ones
                                 no program survives)
      --lanes LIST               also deploy the component's shape (bench/lanesProgram.ts) with the kinds of write each
                                 variant bears on (emulator/variants.ts: DNAT entries, joins, bindings) in each number
                                 of lanes, comma-separated
      --lane-kinds LIST          widen these kinds of write instead (entries, joins, bindings; comma-separated)
      --max-parallel-writes N    the component's maxParallelWrites (default 1)
      --naive                    also deploy bench/naiveProgram.ts (everything in parallel)
      --json                     one JSON object per variant, ordering and size on stdout
      --markdown                 the table as Markdown, as BENCHMARKS.md "Variants" holds it
  -v, --verbose                  stream the engine's output

${REALISM_USAGE}

${variantUsage(true)}`;

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

/** One run's figures (the JSON object). */
export interface DeployFigures {
    variant: string;
    ordering: string;
    rules: number;
    eips: number;
    upSeconds: number;
    destroySeconds: number;
    lowerBoundSeconds: number;
    apiCalls: number;
    retries: number;
    conflicts: number;
    /** Refusals that were not injected, by `Action Code`. */
    refusals: Record<string, number>;
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

interface RunOptions {
    variant: string;
    realism: Realism;
    ordering: Ordering;
    maxParallelWrites: number;
    log: (l: string) => void;
    errors: string[];
}

async function runSize(tc: Toolchain, rules: number, o: RunOptions): Promise<DeployFigures> {
    const config = benchConfig(rules, o.maxParallelWrites);
    const emu = await startEmulator(emulatorAccount(config, PROJECT), 0, { realism: o.realism });
    const e2e = await createE2eStack(tc, `bench${rules}`, config, emu.endpoint, undefined, o.ordering.program);
    let failed = false;
    const timed = async (what: string, run: () => Promise<unknown>) => {
        const start = Date.now();
        // The inline program runs in this process: the lanes program reads its shape from the environment.
        process.env[SHAPE_ENV] = JSON.stringify(o.ordering.shape ?? COMPONENT_SHAPE);
        try {
            await run();
        } catch (e) {
            failed = true;
            // The engine's failing resources and the API's code and message under each (the SDK prints them on lines of their own).
            const lines = (e as Error).message.split("\n").filter((l) => /failed\*\*|ErrorCode:|Code:|^\s*Message:/.test(l));
            o.errors.push(
                `${o.variant}, ${o.ordering.label}, ${rules} rules, ${what}: ${[...new Set(lines.map((l) => l.trim()))].slice(0, 12).join(" | ")}`,
            );
        } finally {
            delete process.env[SHAPE_ENV];
        }
        return Date.now() - start;
    };
    try {
        const up = await timed("up", () => e2e.stack.up({ onOutput: o.log, color: "never" }));
        const destroy = await timed("destroy", () => e2e.stack.destroy({ onOutput: o.log, color: "never" }));
        const log = emu.log();
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
            upSeconds: seconds(up),
            destroySeconds: seconds(destroy),
            lowerBoundSeconds: Math.round((bound.upSeconds + bound.destroySeconds) * 10) / 10,
            apiCalls: log.length,
            retries: countRetries(log),
            conflicts: countConflicts(log),
            refusals,
            failed,
        };
    } finally {
        await emu.close();
        if (!failed) {
            e2e.dispose();
        } else {
            o.log(`kept the scratch project for inspection: ${e2e.workDir}\n`);
        }
    }
}

const HEAD = ["variant", "ordering", "rules", "up s", "destroy s", "lower bound s", "ratio", "API calls", "retries", "conflicts", "failed"];

/** One table row per run, in {@link HEAD}'s order, and its refusals by `Action Code`. Pure. */
export function figureRows(figures: DeployFigures[]): { cells: string[]; refusals: string }[] {
    return figures.map((f) => ({
        cells: [
            f.variant,
            f.ordering,
            String(f.rules),
            String(f.upSeconds),
            String(f.destroySeconds),
            String(f.lowerBoundSeconds),
            ((f.upSeconds + f.destroySeconds) / f.lowerBoundSeconds).toFixed(2),
            String(f.apiCalls),
            String(f.retries),
            String(f.conflicts),
            f.failed ? "FAILED" : "no",
        ],
        refusals:
            Object.entries(f.refusals)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ") || "none",
    }));
}

/** The figures as a terminal table, or as the Markdown table BENCHMARKS.md "Variants" holds (refusals as a last column). */
function render(figures: DeployFigures[], markdown: boolean): string {
    const rows = figureRows(figures);
    if (markdown) {
        const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
        const head = [...HEAD, "refusals (not injected)"];
        return (
            [line(head), line(head.map(() => "---")), ...rows.map((r) => line([...r.cells, r.refusals.replace(/\|/g, "/")]))].join("\n") +
            "\n"
        );
    }
    const table = new Table({ head: HEAD, style: { head: [], border: [] } });
    rows.forEach((r) => table.push(r.cells));
    const refusals = rows.map((r) => `${r.cells[0]}, ${r.cells[1]}, ${r.cells[2]} rules: ${r.refusals}`);
    return `${table.toString()}\nrefusals by action and code (injected faults left out):\n${refusals.join("\n")}\n`;
}

/** The variants a run covers: all but the ones no program survives when `all` was asked for. */
function benchable(runs: VariantRun[], all: boolean): VariantRun[] {
    return all ? runs.filter((r) => providerFailure(r) === undefined) : runs;
}

async function main(): Promise<number> {
    const parsed = realismCommandArgs(
        {
            sizes: { type: "string" },
            lanes: { type: "string" },
            "lane-kinds": { type: "string" },
            "max-parallel-writes": { type: "string" },
            naive: { type: "boolean" },
            json: { type: "boolean" },
            markdown: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
        true,
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args } = parsed;
    const list = (text: string) => text.split(",").map(Number);
    const sizes = list(args.sizes ?? "10,50,100");
    const widths = args.lanes === undefined ? [] : list(args.lanes);
    const width = Number(args["max-parallel-writes"] ?? 1);
    const kinds = args["lane-kinds"]?.split(",").map((k) => k.trim()) as LaneKind[] | undefined;
    const checked = derivedArgs(() => {
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
        return true;
    }, USAGE);
    if (typeof checked === "number") {
        return checked;
    }
    const runs = benchable(parsed.runs, args.variant?.includes("all") ?? false);
    const tc = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const figures: DeployFigures[] = [];
    const errors: string[] = [];
    for (const run of runs) {
        for (const ordering of orderingsFor(kinds ?? [...new Set(run.parts.flatMap((p) => p.lanes))], widths, args.naive ?? false)) {
            for (const rules of sizes) {
                process.stderr.write(`== bench:deploy variant ${run.name}, ${ordering.label}, ${rules} rules\n`);
                const f = await runSize(tc, rules, {
                    variant: run.name,
                    realism: run.realism,
                    ordering,
                    maxParallelWrites: width,
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
        process.stdout.write(render(figures, args.markdown ?? false));
    }
    errors.forEach((e) => process.stderr.write(`${e}\n`));
    // A lanes or naive ordering may fail: that is what it measures. The component must not.
    return figures.some((f) => f.failed && f.ordering === "component") ? 1 : 0;
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
