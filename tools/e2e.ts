/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones, under the emulator's default answers or the given variants (emulator/variants.ts; `--variant all` runs each
 * in turn). Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly under
 * every variant, or, under a variant no program survives with provider v1.285.0, failed where that variant says.
 */
import Table from "cli-table3";
import * as path from "path";
import { ensureToolchain } from "../e2e/engine";
import { LifecycleReport, runLifecycle } from "../e2e/lifecycle";
import { readConfigFile } from "../e2e/stack";
import { REALISM_USAGE } from "../emulator/realism";
import { providerFailure, VariantRun, variantUsage } from "../emulator/variants";
import { realismCommandArgs } from "./args";
import { stackTargets } from "./stacks";

const USAGE = `usage: npm run e2e -- [--stack NAME]... [--config FILE]... [--variant NAME|all]... [--json] [--verbose]

  -s, --stack NAME   a shipped stack (Pulumi.NAME.yaml); default: every shipped stack
  -c, --config FILE  any stack file
      --variant NAME an emulator variant (below), repeatable; default: default. all: each variant in turn
      --json         print one JSON document with every step's result and timing
  -v, --verbose      stream the engine's output

${REALISM_USAGE}

${variantUsage(true)}`;

/** One stack's lifecycle under one variant, and whether it came out as the variant expects. */
export interface VariantReport extends LifecycleReport {
    variant: string;
    /** Set under a variant no program survives: why, and whether the update failed as predicted. */
    expectedFailure?: { why: string; seen: boolean };
    /** The lifecycle succeeded, or failed exactly as its variant predicts. */
    asExpected: boolean;
}

/** Judges a lifecycle report against its variant's expectation. Pure. */
export function judge(run: Pick<VariantRun, "name" | "parts">, report: LifecycleReport): VariantReport {
    const fails = providerFailure(run as VariantRun);
    if (!fails) {
        return { ...report, variant: run.name, asExpected: report.ok };
    }
    const failed = report.steps.find((s) => !s.ok);
    const seen = failed?.step === fails.step && failed.problems.some((p) => fails.pattern.test(p));
    return { ...report, variant: run.name, expectedFailure: { why: fails.why, seen }, asExpected: seen };
}

function render(r: VariantReport): string {
    const table = new Table({ head: ["step", "result", "seconds", "resources"], style: { head: [], border: [] } });
    for (const s of r.steps) {
        const changes = Object.entries(s.changes ?? {})
            .map(([op, n]) => `${op} ${n}`)
            .join(", ");
        table.push([s.step, s.ok ? "ok" : "FAILED", (s.ms / 1000).toFixed(1), changes]);
    }
    const failures = r.steps.filter((s) => !s.ok).flatMap((s) => s.problems.map((p) => `  ${s.step}: ${p}`));
    const refused = Object.entries(r.refused).map(([k, n]) => `  ${k}: ${n}`);
    const verdict = r.expectedFailure
        ? r.asExpected
            ? `failed as the variant predicts (${r.expectedFailure.why})`
            : `did NOT fail as the variant predicts (${r.expectedFailure.why})`
        : r.ok
          ? "ok"
          : "FAILED";
    return [
        `stack ${r.stack}, variant ${r.variant}: ${verdict} in ${(r.ms / 1000).toFixed(1)} s`,
        table.toString(),
        ...failures,
        ...(refused.length > 0 ? ["refusals (not injected) by action and code, and what the provider did:", ...refused] : []),
        "",
    ].join("\n");
}

/** The per-variant summary printed after several runs. */
function summary(reports: VariantReport[]): string {
    const table = new Table({
        head: ["variant", "stack", "result", "seconds", "up s", "destroy s", "refusals ridden out", "refusals failing"],
        style: { head: [], border: [] },
    });
    for (const r of reports) {
        const step = (name: string) => r.steps.find((s) => s.step === name);
        const seconds = (name: string) => (step(name) ? (step(name)!.ms / 1000).toFixed(1) : "-");
        const count = (what: string) =>
            Object.entries(r.refused)
                .filter(([k]) => k.endsWith(`(${what})`))
                .reduce((n, [, c]) => n + c, 0);
        table.push([
            r.variant,
            r.stack,
            r.expectedFailure ? (r.asExpected ? "failed as predicted" : "NOT as predicted") : r.ok ? "ok" : "FAILED",
            (r.ms / 1000).toFixed(1),
            seconds("up"),
            seconds("destroy"),
            count("retried") + count("success"),
            count("fails"),
        ]);
    }
    return `${table.toString()}\n`;
}

async function main(): Promise<number> {
    const parsed = realismCommandArgs(
        {
            stack: { type: "string", short: "s", multiple: true },
            config: { type: "string", short: "c", multiple: true },
            json: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
        true,
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args, runs } = parsed;
    const targets = stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: VariantReport[] = [];
    for (const run of runs) {
        for (const [name, file] of targets) {
            process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file}), variant ${run.name}\n`);
            const lifecycle = await runLifecycle(toolchain, name, readConfigFile(file), log, run.realism, {
                tolerateRetried: run.name !== "default",
            });
            const report = judge(run, lifecycle);
            reports.push(report);
            if (!args.json) {
                process.stdout.write(render(report));
            }
        }
    }
    const ok = reports.every((r) => r.asExpected);
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok, stacks: reports }, null, 2)}\n`);
    } else if (runs.length > 1) {
        process.stdout.write(summary(reports));
    }
    return ok ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`e2e: ${(e as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
