/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones. Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly.
 */
import * as path from "path";
import { ConsumerName, CONSUMERS } from "../e2e/consumerNames";
import type { LifecycleReport, ProgramPath } from "../e2e/lifecycle";
import { REALISM_USAGE } from "../emulator/realism";
import { runMain } from "./args";
import { realismCommandArgs } from "./realismArgs";

/** `npm run e2e:cli` is `npm run e2e` with these options first (tools/e2eCli.ts). */
export const CLI_PATH_ARGS = ["--path", "cli", "--stack", "dev", "--consumer", "all"];

const ABOUT = {
    e2e: `Deploys, updates and destroys each stack with the real Pulumi CLI and providers against the emulator (docs/e2e.md).
Builds the toolchain on first use (npm run engine).`,
    "e2e:cli": `The CLI path: npm run e2e -- ${CLI_PATH_ARGS.join(" ")}, the dev stack through \`pulumi\` commands and
every example consumer (docs/e2e.md). Options given here are added to those.`,
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
      --json           print one JSON document with every step's result and timing
  -v, --verbose        stream the engine's output
  -h, --help           show this help

${REALISM_USAGE}

Exit codes: 0 every stack went through its lifecycle cleanly, 1 a step failed, 2 usage error.`;

function render(r: LifecycleReport, Table: typeof import("cli-table3")): string {
    const table = new Table({ head: ["step", "result", "seconds", "resources"], style: { head: [], border: [] } });
    for (const s of r.steps) {
        const changes = Object.entries(s.changes ?? {})
            .map(([op, n]) => `${op} ${n}`)
            .join(", ");
        table.push([s.step, s.ok ? "ok" : "FAILED", (s.ms / 1000).toFixed(1), changes]);
    }
    const failures = r.steps.filter((s) => !s.ok).flatMap((s) => s.problems.map((p) => `  ${s.step}: ${p}`));
    return [`stack ${r.stack}: ${r.ok ? "ok" : "FAILED"} in ${(r.ms / 1000).toFixed(1)} s`, table.toString(), ...failures, ""].join("\n");
}

/** The e2e command (`npm run e2e`, or `npm run e2e:cli` with its options first); returns the exit code. */
export async function main(command: keyof typeof ABOUT, argv: string[]): Promise<number> {
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
        argv,
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args, realism } = parsed;
    const path_ = args.path as ProgramPath;
    const consumers = [...new Set((args.consumer ?? []).flatMap((c) => (c === "all" ? [...CONSUMERS] : [c])))];
    const unknown = consumers.filter((c) => !(CONSUMERS as readonly string[]).includes(c));
    if (!["inline", "cli"].includes(path_) || unknown.length > 0) {
        process.stderr.write(
            `${unknown.length > 0 ? `unknown consumer: ${unknown.join(", ")}` : `--path must be inline or cli`}\n${USAGE}\n`,
        );
        return 2;
    }
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
    const targets = consumers.length > 0 && !args.stack && !args.config ? [] : stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: LifecycleReport[] = [];
    for (const [name, file] of targets) {
        process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file}, ${path_})\n`);
        const config = readConfigFile(file);
        const ran = await runLifecycle(toolchain, name, config, log, realism, path_);
        const report = path_ === "cli" ? { ...ran, stack: `${name} (cli)` } : ran;
        if (report.ok) {
            // Every action the provider sent is in the stack's RAM policy (npm run policy), and nothing else is.
            const start = Date.now();
            const deployed = e2eConfig(config);
            const problems = policyProblems(name, [deployed, updatedConfig(deployed)], Object.keys(report.requests));
            report.steps.push({
                step: "RAM policy: exactly the actions sent",
                ok: problems.length === 0,
                ms: Date.now() - start,
                problems,
            });
            report.ok = problems.length === 0;
        }
        reports.push(report);
        if (!args.json) {
            process.stdout.write(render(report, Table));
        }
    }
    if (consumers.length > 0) {
        process.stderr.write(`== e2e consumers ${consumers.join(", ")} (examples/consumer-*), at once\n`);
        for (const report of await runConsumers(toolchain, consumers as ConsumerName[], log, realism)) {
            reports.push(report);
            if (!args.json) {
                process.stdout.write(render(report, Table));
            }
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok: reports.every((r) => r.ok), stacks: reports }, null, 2)}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
}

if (require.main === module) {
    runMain("e2e", () => main("e2e", process.argv.slice(2)));
}
