/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones, under the emulator's default answers or the given variants (emulator/variants.ts; `--variant all` runs each
 * in turn). Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly under
 * every variant, or, under a variant no program survives with provider v1.285.0, failed where that variant says.
 */
import * as path from "path";
import { ConsumerName, CONSUMERS } from "../e2e/consumerNames";
import type { Toolchain } from "../e2e/engine";
import type { LifecycleReport, ProgramPath } from "../e2e/lifecycle";
import { REALISM_USAGE } from "../emulator/realism";
import { providerFailure, VariantRun, variantUsage } from "../emulator/variants";
import { runMain } from "./args";
import { realismCommandArgs } from "./realismArgs";

/** `npm run e2e:cli` is `npm run e2e` with these options first (tools/e2eCli.ts). */
export const CLI_PATH_ARGS = ["--path", "cli", "--stack", "dev", "--consumer", "all"];
/** `npm run e2e:variants` is `npm run e2e` with these options first (tools/e2eVariants.ts). */
export const VARIANTS_ARGS = ["--stack", "dev", "--variant", "all"];

const ABOUT = {
    e2e: `Deploys, updates and destroys each stack with the real Pulumi CLI and providers against the emulator (docs/e2e.md).
Builds the toolchain on first use (npm run engine).`,
    "e2e:cli": `The CLI path: npm run e2e -- ${CLI_PATH_ARGS.join(" ")}, the dev stack through \`pulumi\` commands and
every example consumer (docs/e2e.md). Options given here are added to those.`,
    "e2e:variants": `Every emulator variant in turn: npm run e2e -- ${VARIANTS_ARGS.join(" ")}, the dev stack's lifecycle under
each answer of the cloud where the reference is silent (docs/emulator.md "Variants"; about 35 minutes). Options
given here are added to those.`,
};

const usage = (command: keyof typeof ABOUT) => `Usage: npm run ${command} -- [options]

${ABOUT[command]}

Options:
  -s, --stack <name>   a shipped stack (Pulumi.<name>.yaml), repeatable; default: every shipped stack
  -c, --config <file>  any stack file, repeatable
      --path <p>       how the stacks' program runs: inline (default; an Automation API inline program in this
                       process) or cli (\`pulumi\` commands in a copy of the project, the Node.js language host)
      --consumer <name> an example consumer in examples/ (${CONSUMERS.join(", ")}, or all), run by \`pulumi\`
                       commands; repeatable
      --variant <name> an emulator variant (below), NAME+NAME, or all (each in turn); repeatable, each run in
                       turn; default: default
      --json           print one JSON document with every step's result and timing
  -v, --verbose        stream the engine's output
  -h, --help           show this help

${REALISM_USAGE}

${variantUsage(true)}

Exit codes: 0 every stack went through its lifecycle cleanly under every variant (or failed where its variant
predicts), 1 a step failed, 2 usage error.`;

/** One lifecycle under one variant, and whether it came out as the variant expects. */
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

/** A report's verdict in words. */
function verdict(r: VariantReport): string {
    if (r.expectedFailure) {
        return `${r.asExpected ? "failed" : "did NOT fail"} as the variant predicts (${r.expectedFailure.why})`;
    }
    return r.ok ? "ok" : "FAILED";
}

function render(r: VariantReport, Table: typeof import("cli-table3")): string {
    const table = new Table({ head: ["step", "result", "seconds", "resources"], style: { head: [], border: [] } });
    for (const s of r.steps) {
        const changes = Object.entries(s.changes ?? {})
            .map(([op, n]) => `${op} ${n}`)
            .join(", ");
        table.push([s.step, s.ok ? "ok" : "FAILED", (s.ms / 1000).toFixed(1), changes]);
    }
    const failures = r.steps.filter((s) => !s.ok).flatMap((s) => s.problems.map((p) => `  ${s.step}: ${p}`));
    const refused = Object.entries(r.refused).map(([k, n]) => `  ${k}: ${n}`);
    return [
        `stack ${r.stack}, variant ${r.variant}: ${verdict(r)} in ${(r.ms / 1000).toFixed(1)} s`,
        table.toString(),
        ...failures,
        ...(refused.length > 0 ? ["refusals (not injected) by action and code, and what the provider did:", ...refused] : []),
        "",
    ].join("\n");
}

/** The per-variant summary printed after several runs. */
function summary(reports: VariantReport[], Table: typeof import("cli-table3")): string {
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

/** The e2e command (`npm run e2e`, or `e2e:cli` / `e2e:variants` with their options first); returns the exit code. */
export async function main(command: keyof typeof ABOUT, argv: string[]): Promise<number> {
    const opts = e2eOptions(command, argv);
    if (typeof opts === "number") {
        return opts;
    }
    const m = await loadModules();
    const { args, runs, consumers } = opts;
    const targets = consumers.length > 0 && !args.stack && !args.config ? [] : m.stackTargets(args.stack, args.config);
    const toolchain = m.ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: VariantReport[] = [];
    const report = (r: VariantReport) => {
        reports.push(r);
        if (!args.json) {
            process.stdout.write(render(r, m.Table));
        }
    };
    for (const run of runs) {
        // Under a variant, refusals the provider rides out are the variant's price (docs/emulator.md "Variants").
        const tolerateRetried = run.name !== "default";
        for (const [name, file] of targets) {
            process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file}, ${opts.path}), variant ${run.name}\n`);
            report(await runStack(m, { toolchain, run, name, file, path: opts.path, log, tolerateRetried }));
        }
        if (consumers.length > 0) {
            process.stderr.write(`== e2e consumers ${consumers.join(", ")} (examples/consumer-*), at once, variant ${run.name}\n`);
            for (const r of await m.runConsumers(toolchain, consumers as ConsumerName[], log, run.realism, tolerateRetried)) {
                report(judge(run, r));
            }
        }
    }
    const ok = reports.every((r) => r.asExpected);
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok, stacks: reports }, null, 2)}\n`);
    } else if (runs.length > 1) {
        process.stdout.write(summary(reports, m.Table));
    }
    return ok ? 0 : 1;
}

/** The command line read: its options, the variant runs, the program path and the consumers asked for. Or the exit code. */
function e2eOptions(command: keyof typeof ABOUT, argv: string[]) {
    const USAGE = usage(command);
    const parsed = realismCommandArgs(
        {
            stack: { type: "string", short: "s", multiple: true },
            config: { type: "string", short: "c", multiple: true },
            path: { type: "string", default: "inline" },
            consumer: { type: "string", multiple: true },
            json: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
        { argv, allowAll: true },
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args, runs } = parsed;
    const path_ = args.path as ProgramPath;
    const consumers = [...new Set((args.consumer ?? []).flatMap((c) => (c === "all" ? [...CONSUMERS] : [c])))];
    const unknown = consumers.filter((c) => !(CONSUMERS as readonly string[]).includes(c));
    if (!["inline", "cli"].includes(path_) || unknown.length > 0) {
        process.stderr.write(
            `${unknown.length > 0 ? `unknown consumer: ${unknown.join(", ")}` : `--path must be inline or cli`}\n${USAGE}\n`,
        );
        return 2;
    }
    return { args, runs, path: path_, consumers };
}

/** The modules a run needs, loaded only once the command line is read (so `--help` and usage errors answer at once). */
async function loadModules() {
    const [
        { default: Table },
        { ensureToolchain },
        { runLifecycle, updatedConfig },
        { e2eConfig, readConfigFile },
        { stackTargets },
        { runConsumers },
        { policyProblems },
    ] = await Promise.all([
        import("cli-table3"),
        import("../e2e/engine"),
        import("../e2e/lifecycle"),
        import("../e2e/stack"),
        import("./stacks"),
        import("../e2e/consumers"),
        import("../e2e/policy"),
    ]);
    return { Table, ensureToolchain, runLifecycle, updatedConfig, e2eConfig, readConfigFile, stackTargets, runConsumers, policyProblems };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/** One stack's lifecycle under one variant. */
interface StackRun {
    toolchain: Toolchain;
    run: VariantRun;
    name: string;
    file: string;
    path: ProgramPath;
    log: (l: string) => void;
    tolerateRetried: boolean;
}

/** Runs one stack's lifecycle, judges it against its variant and, when it passed, checks the RAM policy. */
async function runStack(m: Modules, s: StackRun): Promise<VariantReport> {
    const config = m.readConfigFile(s.file);
    const ran = await m.runLifecycle(s.toolchain, s.name, config, s.log, s.run.realism, {
        path: s.path,
        tolerateRetried: s.tolerateRetried,
    });
    const judged = judge(s.run, s.path === "cli" ? { ...ran, stack: `${s.name} (cli)` } : ran);
    if (judged.ok) {
        // Every action the provider sent is in the stack's RAM policy (npm run policy), and nothing else is.
        const start = Date.now();
        const deployed = m.e2eConfig(config);
        const problems = m.policyProblems(s.name, [deployed, m.updatedConfig(deployed)], Object.keys(judged.requests));
        judged.steps.push({
            step: "RAM policy: exactly the actions sent",
            ok: problems.length === 0,
            ms: Date.now() - start,
            problems,
        });
        judged.ok = judged.asExpected = problems.length === 0;
    }
    return judged;
}

if (require.main === module) {
    runMain("e2e", () => main("e2e", process.argv.slice(2)));
}
