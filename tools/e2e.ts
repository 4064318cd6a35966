/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones. Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly.
 */
import Table from "cli-table3";
import * as path from "path";
import { ensureToolchain } from "../e2e/engine";
import { LifecycleReport, runLifecycle, updatedConfig } from "../e2e/lifecycle";
import { policyProblems } from "../e2e/policy";
import { e2eConfig, readConfigFile } from "../e2e/stack";
import { REALISM_USAGE } from "../emulator/realism";
import { realismCommandArgs } from "./args";
import { stackTargets } from "./stacks";

const USAGE = `usage: npm run e2e -- [--stack NAME]... [--config FILE]... [--json] [--verbose]

  -s, --stack NAME   a shipped stack (Pulumi.NAME.yaml); default: every shipped stack
  -c, --config FILE  any stack file
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
            json: { type: "boolean" },
            verbose: { type: "boolean", short: "v" },
        } as const,
        USAGE,
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args, realism } = parsed;
    const targets = stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: LifecycleReport[] = [];
    for (const [name, file] of targets) {
        process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file})\n`);
        const config = readConfigFile(file);
        const report = await runLifecycle(toolchain, name, config, log, realism);
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
            process.stdout.write(render(report));
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
