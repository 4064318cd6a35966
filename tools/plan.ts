/**
 * `npm run plan`: the offline plan of a stack (offline/plan.ts, docs/offline-plan.md): argument parsing and output.
 * `main` returns the exit code instead of exiting, so the command is tested in-process: 0 valid, 1 configuration or
 * plan rejected (or an input file missing), 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanDocument } from "../offline/plan";
import { helpPointer, parseCommand, runMain, Values } from "./args";
import { deferSdkSerialisation } from "./deferModules";

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

const OPTIONS = {
    stack: { type: "string", short: "s" },
    config: { type: "string", short: "c" },
    inventory: { type: "string", short: "i" },
    state: { type: "string" },
    prices: { type: "string" },
    json: { type: "boolean" },
    diagram: { type: "string" },
} as const;

type PlanValues = Values<typeof OPTIONS>;

/** Prints a failure (as the `--json` document too, when asked for) and gives its exit code. */
type Fail = (code: number, path: string, message: string, pointer?: boolean) => Promise<number>;

/** Colour for a terminal, unless NO_COLOR is set (https://no-color.org) or the terminal is dumb. Pure. */
export function colorWanted(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
    return isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

/** The document `--json` prints when no plan could be made: the input problem in `errors`. */
export async function failureDocument(
    path: string,
    message: string,
): Promise<Pick<PlanDocument, "schemaVersion" | "valid" | "warnings" | "errors">> {
    const { PLAN_SCHEMA_VERSION } = await import("../offline/plan");
    return { schemaVersion: PLAN_SCHEMA_VERSION, valid: false, warnings: [], errors: [{ path, message }] };
}

/** The options, or the exit code after `--help` or a usage error. */
async function readOptions(argv: string[], io: CliIo, fail: Fail): Promise<PlanValues | number> {
    const parsed = parseCommand(OPTIONS, USAGE, argv, io.env ?? {});
    if ("help" in parsed) {
        io.stdout(parsed.help);
        return 0;
    }
    if ("error" in parsed) {
        return fail(2, "(usage)", parsed.error, true);
    }
    const values = parsed.values;
    if (values.stack !== undefined && values.config !== undefined) {
        return fail(2, "(usage)", "give either --stack or --config, not both", true);
    }
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        return fail(2, "(usage)", `--stack ${JSON.stringify(values.stack)} is not a stack name (letters, digits, '_', '.', '-')`);
    }
    return values;
}

/** The plan, or the exit code when an input cannot be used. Loaded only now, so `--help` answers without the SDK. */
async function plan(values: PlanValues, io: CliIo, fail: Fail): Promise<PlanDocument | number> {
    const { buildPlan, PlanInputError } = await import("../offline/plan");
    const resolve = (f: string | undefined) => (f !== undefined ? path.resolve(io.cwd, f) : undefined);
    try {
        return await buildPlan({
            projectDir: io.cwd,
            stack: values.stack,
            configFile: resolve(values.config),
            inventoryFile: resolve(values.inventory),
            stateFile: resolve(values.state),
            pricesFile: resolve(values.prices),
        });
    } catch (e) {
        if (e instanceof PlanInputError) {
            return fail(1, "(input)", e.message);
        }
        throw e;
    }
}

/** Writes the diagram (when asked for and the plan has no errors), then the report or the JSON document. */
async function output(doc: PlanDocument, values: PlanValues, io: CliIo, fail: Fail): Promise<number> {
    const [{ renderReport }, { renderDiagram }] = await Promise.all([import("../offline/report"), import("../offline/diagram")]);
    if (values.diagram !== undefined && doc.errors.length === 0) {
        try {
            fs.writeFileSync(path.resolve(io.cwd, values.diagram), renderDiagram(doc));
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

export async function main(argv: string[], io: CliIo): Promise<number> {
    const json = argv.includes("--json");
    const fail: Fail = async (code, path, message, pointer = false) => {
        if (json) {
            io.stdout(JSON.stringify(await failureDocument(path, message), null, 2) + "\n");
        }
        io.stderr(`plan: ${message}\n${pointer ? `${helpPointer(USAGE)}\n` : ""}`);
        return code;
    };
    const values = await readOptions(argv, io, fail);
    if (typeof values === "number") {
        return values;
    }
    const doc = await plan(values, io, fail);
    return typeof doc === "number" ? doc : output(doc, values, io, fail);
}

if (require.main === module) {
    deferSdkSerialisation();
    runMain("plan", () =>
        main(process.argv.slice(2), {
            stdout: (t) => process.stdout.write(t),
            stderr: (t) => process.stderr.write(t),
            cwd: process.cwd(),
            color: colorWanted(process.stdout.isTTY, process.env),
            env: process.env,
        }),
    );
}
