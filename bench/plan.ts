/**
 * `npm run bench:plan`: time of the offline plan (`buildPlan`, in-process, warm) for the dev stack and for
 * generated stacks of 50 to 800 rules, each against the bare anchor (bench/bare.ts: the same cloud resources and
 * dependencies registered under the SDK's mocks, nothing else), plan and anchor alternating in one process.
 *
 * Prints the table and writes it into BENCHMARKS.md under "Offline plan" (formatted with Prettier; the section's
 * "###" subsections and the other sections are kept as they are).
 *
 *   --json        print [{ rules, resources, planMs, bareMs, bareLightMs }] (medians) instead, and write nothing
 *   --runs <n>    pairs per size (default 5)
 *   --sizes a,b   rule counts (default 50,100,200,400,800)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { buildPlan, PlanDocument, PlanOptions } from "../offline/plan";
import { runBare } from "./bare";
import { writeSection } from "./benchmarksFile";
import { generatedStack } from "./stacks";

const ROOT = path.resolve(__dirname, "..");

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
    const doc = await buildPlan(opts);
    if (!doc.valid) {
        throw new Error(`plan rejected: ${doc.errors.map((e) => e.message).join("; ")}`);
    }
    return doc;
}

/** One warm-up round, then `runs` rounds alternating plan and both anchors (the order reversed every other round). */
async function measure(rules: number, opts: PlanOptions, runs: number): Promise<SizeResult> {
    const doc = await plan(opts);
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

async function run(): Promise<void> {
    const { values } = parseArgs({
        options: { json: { type: "boolean" }, runs: { type: "string" }, sizes: { type: "string" } },
    });
    const runs = Number(values.runs ?? 5);
    const sizes = (values.sizes ?? "50,100,200,400,800").split(",").map(Number);
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
        return;
    }
    const text = table([dev, ...rows]);
    process.stdout.write(`${text}\n`);
    await writeSection(path.join(ROOT, "BENCHMARKS.md"), text, { node: process.version, cpus: os.cpus().length, runs });
}

run().catch((e: unknown) => {
    process.stderr.write(`bench:plan: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
