/**
 * `npm run bench:plan`: time of the offline plan (`buildPlan`, in-process, warm) for the dev stack and for
 * generated stacks of 50 to 800 rules, each against the bare anchor (bench/bare.ts: the same cloud resources and
 * dependencies registered under the SDK's mocks, nothing else), plan and anchor alternating in one process.
 *
 * Prints the table; with `--write`, also writes it into BENCHMARKS.md under "Offline plan" (formatted with Prettier;
 * the section's "###" subsections and the other sections are kept as they are).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument, PlanOptions } from "../offline/plan";
import { commandArgs, runMain } from "../tools/args";

const ROOT = path.resolve(__dirname, "..");

const USAGE = `Usage: npm run bench:plan -- [options]

Times the offline plan in-process (warm) for the dev stack and for generated stacks of many rules, each against a bare
anchor (the same resources registered under the SDK's mocks, nothing else). Prints a table; BENCHMARKS.md is
written only with --write. Measure on a quiet machine: other load inflates every figure.

Options:
      --runs <n>       rounds per size (default 5)
      --sizes <a,b>    rule counts (default 50,100,200,400,800)
      --json           print [{ rules, resources, planMs, bareMs, bareLightMs }] (medians) instead of the table
      --write          also write the table into BENCHMARKS.md ("Offline plan")
  -h, --help           show this help

Exit codes: 0 done, 1 a plan failed, 2 usage error.`;

/** The plan and the anchor, loaded once the arguments are read. */
let modules: [typeof import("../offline/plan"), typeof import("./bare")];

export interface SizeResult {
    rules: number;
    resources: number;
    planMs: number;
    /** The anchor with the SDK's default settings. */
    bareMs: number;
    /** The anchor with the plan's runtime settings. */
    bareLightMs: number;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
    const t0 = process.hrtime.bigint();
    const v = await f();
    return [v, Number(process.hrtime.bigint() - t0) / 1e6];
}

async function plan(opts: PlanOptions): Promise<PlanDocument> {
    const doc = await modules[0].buildPlan(opts);
    if (!doc.valid) {
        throw new Error(`plan rejected: ${doc.errors.map((e) => e.message).join("; ")}`);
    }
    return doc;
}

/** One warm-up round, then `runs` rounds alternating plan and both anchors (the order reversed every other round). */
async function measure(rules: number, opts: PlanOptions, runs: number): Promise<SizeResult> {
    const doc = await plan(opts);
    const { runBare } = modules[1];
    await runBare(doc, false);
    await runBare(doc, true);
    const ms: [number[], number[], number[]] = [[], [], []];
    const steps: (() => Promise<unknown>)[] = [() => plan(opts), () => runBare(doc, false), () => runBare(doc, true)];
    for (let i = 0; i < runs; i++) {
        const round = i % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
        for (const k of round) {
            ms[k].push((await timed(steps[k]))[1]);
        }
    }
    const [planMs, bareMs, bareLightMs] = ms.map((m) => Math.round(median(m)));
    return { rules, resources: doc.resources.length, planMs, bareMs, bareLightMs };
}

function table(rows: SizeResult[]): string {
    return [
        `| Stack | Resources | Plan (ms) | Bare anchor, SDK defaults (ms) | Plan / bare | Bare anchor, plan's runtime settings (ms) | Plan / that |`,
        "|---|---|---|---|---|---|---|",
        ...rows.map((r) => {
            const label = r.rules === 2 ? "dev stack (2 rules)" : `generated, ${r.rules} rules / 20 EIPs`;
            const ratio = (x: number) => (r.planMs / x).toFixed(2);
            return `| ${label} | ${r.resources} | ${r.planMs} | ${r.bareMs} | ${ratio(r.bareMs)} | ${r.bareLightMs} | ${ratio(r.bareLightMs)} |`;
        }),
    ].join("\n");
}

function positiveInts(text: string, option: string): number[] {
    const xs = text.split(",").map(Number);
    if (xs.some((x) => !Number.isInteger(x) || x < 1)) {
        throw new Error(`--${option} ${JSON.stringify(text)} must be whole numbers above 0, comma-separated`);
    }
    return xs;
}

async function main(): Promise<number> {
    const values = commandArgs(
        { json: { type: "boolean" }, write: { type: "boolean" }, runs: { type: "string" }, sizes: { type: "string" } } as const,
        USAGE,
    );
    if (typeof values === "number") {
        return values;
    }
    let runs: number, sizes: number[];
    try {
        [[runs], sizes] = [positiveInts(values.runs ?? "5", "runs"), positiveInts(values.sizes ?? "50,100,200,400,800", "sizes")];
    } catch (e) {
        process.stderr.write(`bench:plan: ${(e as Error).message}\n`);
        return 2;
    }
    const [{ generatedStack }, { writeSection }] = await Promise.all([import("./stacks"), import("./benchmarksFile")]);
    modules = await Promise.all([import("../offline/plan"), import("./bare")]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
    const rows: SizeResult[] = [];
    for (const n of sizes) {
        const file = path.join(dir, `Pulumi.bench${n}.yaml`);
        fs.writeFileSync(file, generatedStack(n));
        rows.push(await measure(n, { projectDir: ROOT, configFile: file }, runs));
        if (!values.json) {
            const r = rows[rows.length - 1];
            process.stderr.write(
                `${n} rules: plan ${r.planMs} ms, bare ${r.bareMs} ms, bare with the plan's settings ${r.bareLightMs} ms\n`,
            );
        }
    }
    const dev = await measure(2, { projectDir: ROOT, stack: "dev" }, runs);
    if (values.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
    }
    const text = table([dev, ...rows]);
    process.stdout.write(`${text}\n`);
    if (values.write) {
        await writeSection(path.join(ROOT, "BENCHMARKS.md"), text, { node: process.version, cpus: os.cpus().length, runs });
        process.stdout.write("written to BENCHMARKS.md\n");
    }
    return 0;
}

runMain("bench:plan", main);
