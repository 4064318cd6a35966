/**
 * The `npm run plan` command: argument parsing and output. Returns the exit code instead of exiting, so it can be
 * tested in-process: 0 valid, 1 configuration or plan rejected (or an input file missing), 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { renderDiagram } from "./diagram";
import { buildPlan, PLAN_SCHEMA_VERSION, PlanDocument, PlanInputError } from "./plan";
import { renderReport } from "./report";

export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** The project directory (Pulumi.yaml, index.ts, stack files). */
    cwd: string;
    /** Colour the report (the command sets it for a terminal without NO_COLOR). Default false. */
    color?: boolean;
    /** Environment, to spot options npm took for itself (`npm run plan --stack prod`). Default: none. */
    env?: Record<string, string | undefined>;
}

export const USAGE = `Usage: npm run plan -- [options]        (machine-readable: npm run -s plan -- --json)

Runs the stack's program offline against a model of the Alibaba Cloud API (no account, no Pulumi CLI) and
reports what would be built, in which order, and what the cloud would refuse.

Options:
  -s, --stack <name>       read Pulumi.<name>.yaml (default: dev)
  -c, --config <file>      read any stack file instead
  -i, --inventory <file>   existing account resources (YAML or JSON); default: synthesised from the stack config
      --state <file>       plan the update of what is deployed: \`pulumi stack export\` output or a previous --json plan
      --prices <file>      your prices (YAML or JSON), on top of the shipped table and the stack's prices key (docs/costs.md)
      --json               print one JSON document instead of the report (also when the input is rejected)
      --diagram <file>     also write a Mermaid diagram (EIPs -> NAT gateway -> servers)
  -h, --help               show this help

Exit codes: 0 valid, 1 configuration or plan rejected, 2 usage error.
`;

/** Colour for a terminal, unless NO_COLOR is set (https://no-color.org) or the terminal is dumb. Pure. */
export function colorWanted(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
    return isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

const OPTION_NAMES = ["stack", "config", "inventory", "state", "prices", "json", "diagram", "help"];

/** `npm run plan --stack prod` (no `--`): npm keeps the option and passes only its value; say how to write it. */
function forgottenDashes(env: Record<string, string | undefined>): string | undefined {
    const taken = OPTION_NAMES.filter((o) => env[`npm_config_${o}`] !== undefined);
    return taken.length > 0
        ? `npm took ${taken.map((o) => `--${o}`).join(", ")} for itself: put options after "--", e.g. npm run plan -- --${taken[0]}${taken[0] === "json" || taken[0] === "help" ? "" : " <value>"}`
        : undefined;
}

/** The document `--json` prints when no plan could be made: the input problem in `errors`. */
export function failureDocument(path: string, message: string): Pick<PlanDocument, "schemaVersion" | "valid" | "warnings" | "errors"> {
    return { schemaVersion: PLAN_SCHEMA_VERSION, valid: false, warnings: [], errors: [{ path, message }] };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
    const json = argv.includes("--json");
    const fail = (code: number, path: string, message: string, usage = false): number => {
        if (json) {
            io.stdout(JSON.stringify(failureDocument(path, message), null, 2) + "\n");
        }
        io.stderr(`plan: ${message}\n${usage ? `\n${USAGE}` : ""}`);
        return code;
    };
    let values: {
        stack?: string;
        config?: string;
        inventory?: string;
        state?: string;
        prices?: string;
        json?: boolean;
        diagram?: string;
        help?: boolean;
    };
    try {
        const parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", short: "s" },
                config: { type: "string", short: "c" },
                inventory: { type: "string", short: "i" },
                state: { type: "string" },
                prices: { type: "string" },
                json: { type: "boolean" },
                diagram: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        });
        values = parsed.values;
    } catch (e) {
        const hint = forgottenDashes(io.env ?? {});
        return fail(2, "(usage)", hint ? `${(e as Error).message}; ${hint}` : (e as Error).message, !hint);
    }
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (values.stack !== undefined && values.config !== undefined) {
        return fail(2, "(usage)", "give either --stack or --config, not both", true);
    }
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        return fail(2, "(usage)", `--stack ${JSON.stringify(values.stack)} is not a stack name (letters, digits, '_', '.', '-')`);
    }
    const resolve = (f: string) => path.resolve(io.cwd, f);
    let doc;
    try {
        doc = await buildPlan({
            projectDir: io.cwd,
            stack: values.stack,
            configFile: values.config !== undefined ? resolve(values.config) : undefined,
            inventoryFile: values.inventory !== undefined ? resolve(values.inventory) : undefined,
            stateFile: values.state !== undefined ? resolve(values.state) : undefined,
            pricesFile: values.prices !== undefined ? resolve(values.prices) : undefined,
        });
    } catch (e) {
        if (e instanceof PlanInputError) {
            return fail(1, "(input)", e.message);
        }
        throw e;
    }
    if (values.diagram !== undefined && doc.errors.length === 0) {
        try {
            fs.writeFileSync(resolve(values.diagram), renderDiagram(doc));
        } catch (e) {
            return fail(1, "(diagram)", `cannot write the diagram: ${(e as Error).message}`);
        }
    }
    io.stdout(values.json ? JSON.stringify(doc, null, 2) + "\n" : renderReport(doc, { color: io.color === true }));
    if (doc.errors.length > 0) {
        // The problems are in the report or the JSON document; stderr only says so.
        const n = doc.errors.length;
        io.stderr(`plan: rejected (${n} problem${n === 1 ? "" : "s"}, listed ${values.json ? 'in "errors"' : "above"})\n`);
        return 1;
    }
    if (values.diagram !== undefined && !values.json) {
        io.stdout(`Diagram written to ${values.diagram}\n`);
    }
    return 0;
}
