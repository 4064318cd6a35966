/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones. Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly.
 */
import Table from "cli-table3";
import * as path from "path";
import { ConsumerName, CONSUMERS, runConsumers } from "../e2e/consumers";
import { ensureToolchain } from "../e2e/engine";
import { LifecycleReport, ProgramPath, runLifecycle } from "../e2e/lifecycle";
import { readConfigFile } from "../e2e/stack";
import { REALISM_USAGE } from "../emulator/realism";
import { realismCommandArgs } from "./args";
import { stackTargets } from "./stacks";

const USAGE = `usage: npm run e2e -- [--stack NAME]... [--config FILE]... [--path inline|cli] [--consumer NAME]... [--json] [--verbose]

  -s, --stack NAME     a shipped stack (Pulumi.NAME.yaml); default: every shipped stack, unless --consumer is given
  -c, --config FILE    any stack file
      --path P         how the stacks' program runs: inline (default; an Automation API inline program in this
                       process) or cli (\`pulumi\` commands in a copy of the project, the Node.js language host)
      --consumer NAME  an example consumer in examples/ (${CONSUMERS.join(", ")}, or all), run by \`pulumi\` commands
      --json         print one JSON document with every step's result and timing
  -v, --verbose      stream the engine's output

${REALISM_USAGE}`;

function render(r: LifecycleReport): string {
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

async function main(): Promise<number> {
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
    const targets = consumers.length > 0 && !args.stack && !args.config ? [] : stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: LifecycleReport[] = [];
    for (const [name, file] of targets) {
        process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file}, ${path_})\n`);
        const ran = await runLifecycle(toolchain, name, readConfigFile(file), log, realism, path_);
        const report = path_ === "cli" ? { ...ran, stack: `${name} (cli)` } : ran;
        reports.push(report);
        if (!args.json) {
            process.stdout.write(render(report));
        }
    }
    if (consumers.length > 0) {
        process.stderr.write(`== e2e consumers ${consumers.join(", ")} (examples/consumer-*), at once\n`);
        for (const report of await runConsumers(toolchain, consumers as ConsumerName[], log, realism)) {
            reports.push(report);
            if (!args.json) {
                process.stdout.write(render(report));
            }
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok: reports.every((r) => r.ok), stacks: reports }, null, 2)}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
}

main().then(
    (code) => (process.exitCode = code),
    (e) => {
        process.stderr.write(`e2e: ${(e as Error).message}\n`);
        process.exitCode = 1;
    },
);
