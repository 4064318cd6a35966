/**
 * The `npm run plan` command: argument parsing and output. Returns the exit code instead of exiting, so it can be
 * tested in-process: 0 valid, 1 configuration or plan rejected (or an input file missing), 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { renderDiagram } from "./diagram";
import { buildPlan, PlanInputError } from "./plan";
import { renderReport } from "./report";

export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** The project directory (Pulumi.yaml, index.ts, stack files). */
    cwd: string;
}

export const USAGE = `Usage: npm run plan -- [options]

Runs the stack's program offline against a model of the Alibaba Cloud API (no account, no Pulumi CLI) and
reports what would be built, in which order, and what the cloud would refuse.

Options:
  --stack <name>       read Pulumi.<name>.yaml (default: dev)
  --config <file>      read any stack file instead
  --inventory <file>   existing account resources (YAML or JSON); default: synthesised from the stack config
  --json               print one JSON document instead of the report
  --diagram <file>     also write a Mermaid diagram (EIPs -> NAT gateway -> servers)
  -h, --help           show this help

Exit codes: 0 valid, 1 configuration or plan rejected, 2 usage error.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
    let values: { stack?: string; config?: string; inventory?: string; json?: boolean; diagram?: string; help?: boolean };
    try {
        const parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", short: "s" },
                config: { type: "string", short: "c" },
                inventory: { type: "string" },
                json: { type: "boolean" },
                diagram: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        });
        values = parsed.values;
    } catch (e) {
        io.stderr(`plan: ${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (values.stack !== undefined && values.config !== undefined) {
        io.stderr(`plan: give either --stack or --config, not both\n\n${USAGE}`);
        return 2;
    }
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        io.stderr(`plan: --stack ${JSON.stringify(values.stack)} is not a stack name (letters, digits, '_', '.', '-')\n`);
        return 2;
    }
    const resolve = (f: string) => path.resolve(io.cwd, f);
    let doc;
    try {
        doc = await buildPlan({
            projectDir: io.cwd,
            stack: values.stack,
            configFile: values.config !== undefined ? resolve(values.config) : undefined,
            inventoryFile: values.inventory !== undefined ? resolve(values.inventory) : undefined,
        });
    } catch (e) {
        if (e instanceof PlanInputError) {
            io.stderr(`plan: ${e.message}\n`);
            return 1;
        }
        throw e;
    }
    if (values.diagram !== undefined && doc.errors.length === 0) {
        try {
            fs.writeFileSync(resolve(values.diagram), renderDiagram(doc));
        } catch (e) {
            io.stderr(`plan: cannot write the diagram: ${(e as Error).message}\n`);
            return 1;
        }
    }
    if (values.json) {
        io.stdout(JSON.stringify(doc, null, 2) + "\n");
    } else {
        io.stdout(renderReport(doc));
    }
    if (doc.errors.length > 0) {
        io.stderr(
            `plan: rejected (${doc.errors.length} problem${doc.errors.length === 1 ? "" : "s"}):\n${doc.errors.map((e) => `  - ${e.path}: ${e.message}`).join("\n")}\n`,
        );
        return 1;
    }
    if (values.diagram !== undefined && !values.json) {
        io.stdout(`Diagram written to ${values.diagram}\n`);
    }
    return 0;
}
