/**
 * `npm run e2e`: the real Pulumi engine and providers against the emulator, for every shipped stack or the given
 * ones. Builds the toolchain on first use. Exits 0 when every stack went through its whole lifecycle cleanly.
 */
import * as path from "path";
import type { LifecycleReport } from "../e2e/lifecycle";
import { REALISM_USAGE } from "../emulator/realism";
import { runMain } from "./args";
import { realismCommandArgs } from "./realismArgs";

const USAGE = `Usage: npm run e2e -- [options]

Deploys, updates and destroys each stack with the real Pulumi CLI and providers against the emulator (docs/e2e.md).
Builds the toolchain on first use (npm run engine).

Options:
  -s, --stack <name>   a shipped stack (Pulumi.<name>.yaml), repeatable; default: every shipped stack
  -c, --config <file>  any stack file, repeatable
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
    const [{ default: Table }, { ensureToolchain }, { runLifecycle }, { readConfigFile }, { stackTargets }] = await Promise.all([
        import("cli-table3"),
        import("../e2e/engine"),
        import("../e2e/lifecycle"),
        import("../e2e/stack"),
        import("./stacks"),
    ]);
    const targets = stackTargets(args.stack, args.config);
    const toolchain = ensureToolchain();
    const log = args.verbose ? (l: string) => process.stderr.write(l) : () => undefined;
    const reports: LifecycleReport[] = [];
    for (const [name, file] of targets) {
        process.stderr.write(`== e2e ${name} (${path.relative(process.cwd(), file) || file})\n`);
        const report = await runLifecycle(toolchain, name, readConfigFile(file), log, realism);
        reports.push(report);
        if (!args.json) {
            process.stdout.write(render(report, Table));
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ok: reports.every((r) => r.ok), stacks: reports }, null, 2)}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
}

runMain("e2e", main);
