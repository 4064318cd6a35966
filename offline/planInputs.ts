/**
 * What the offline plan starts from, read and checked before the program runs: the project, the stack file and its
 * config (with `--prices` applied), the inventory and the deployed state (`--state`). Anything unusable is a
 * {@link PlanInputError} naming the file.
 */
import * as fs from "fs";
import * as path from "path";
import { Inventory, readInventoryFile } from "../cloud/inventory";
import { injectPriceFile } from "./priceFile";
import { PriorState, readPriorState } from "./priorState";
import { listStacks, readProjectName, readStackConfig } from "./stackFile";

export interface PlanOptions {
    /** Directory holding Pulumi.yaml and the program. */
    projectDir: string;
    /** Stack name; reads `Pulumi.<stack>.yaml`. Default `dev`. Ignored when `configFile` is given. */
    stack?: string;
    /** Any stack file. The stack name is taken from `Pulumi.<name>.yaml`, else `stack` or the file's base name. */
    configFile?: string;
    /** Account inventory file (YAML or JSON). */
    inventoryFile?: string;
    /** What is deployed now: a `pulumi stack export` document or a previous `--json` plan document. */
    stateFile?: string;
    /** A parsed deployed state (tests); takes precedence over `stateFile`. */
    state?: PriorState;
    /** Price overrides (YAML or JSON, docs/costs.md): applied on top of the table and the stack's `prices` key. */
    pricesFile?: string;
    /** An inventory object (tests); takes precedence over `inventoryFile`. */
    inventory?: Inventory;
    /** The program to run instead of `<projectDir>/index.ts` (tests). */
    program?: () => unknown;
    /** Name of the gateway component in the program (default `gateway`); maps child resources to config paths. */
    componentName?: string;
}

/** Input the plan cannot start from (missing or unreadable stack or inventory file). */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

/** The plan's inputs, read. */
export interface PlanInputs {
    /** The project directory, absolute. */
    dir: string;
    project: string;
    componentName: string;
    /** The stack file, absolute. */
    file: string;
    stack: string;
    config: Record<string, string>;
    /** The inventory given (file or object); undefined: synthesised from the stack once the program reads it. */
    inventory: Inventory | undefined;
    prior: PriorState | undefined;
}

/** Runs `read`, turning what it throws into a {@link PlanInputError}. */
function asInputError<T>(read: () => T): T {
    try {
        return read();
    } catch (e) {
        throw new PlanInputError((e as Error).message);
    }
}

function stackNameOf(file: string, fallback: string | undefined): string {
    const m = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file));
    return m ? m[1] : (fallback ?? path.basename(file).replace(/\.ya?ml$/, ""));
}

/** `file` relative to `dir` when inside it, else as given. */
export function relativeTo(dir: string, file: string): string {
    const rel = path.relative(dir, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** How to plan the stack a state file holds: `--stack` only when its stack file exists; with `--config`, the file's name. */
function sameStackHint(dir: string, deployed: string, fromConfigFile: boolean): string {
    const file = `Pulumi.${deployed}.yaml`;
    const byStack = fs.existsSync(path.join(dir, file)) ? `plan it with --stack ${deployed}` : undefined;
    const byConfig = fromConfigFile
        ? `with --config the stack is named after the file (Pulumi.<stack>.yaml): name the file ${file}`
        : undefined;
    return [byStack, byConfig].filter((x) => x !== undefined).join(", or ") || `plan a stack file named ${file} (--config ${file})`;
}

function readProject(dir: string): string {
    try {
        return readProjectName(dir);
    } catch (e) {
        throw new PlanInputError(`cannot read the project file: ${(e as Error).message.split("\n")[0]}`);
    }
}

/** The stack file to read; it must exist. */
function stackFile(opts: PlanOptions, dir: string): string {
    const file = opts.configFile ? path.resolve(opts.configFile) : path.join(dir, `Pulumi.${opts.stack ?? "dev"}.yaml`);
    if (!fs.existsSync(file)) {
        const stacks = listStacks(dir);
        throw new PlanInputError(
            opts.configFile
                ? `stack file ${opts.configFile} not found`
                : `no stack file ${path.basename(file)} in ${dir}; stacks found: ${stacks.length > 0 ? stacks.join(", ") : "(none)"}`,
        );
    }
    return file;
}

/** The stack config, with the prices file's overrides appended. */
function stackConfig(opts: PlanOptions, dir: string, file: string, project: string): Record<string, string> {
    const config = asInputError(() => readStackConfig(file, project));
    const pricesFile = opts.pricesFile;
    if (pricesFile === undefined) {
        return config;
    }
    return asInputError(() => injectPriceFile(config, project, pricesFile, relativeTo(dir, path.resolve(pricesFile))));
}

/** The deployed state must be of the stack planned. */
function checkSameStack(prior: PriorState | undefined, stack: string, dir: string, opts: PlanOptions): void {
    const deployedStack = prior?.resources.map((r) => /^urn:pulumi:([^:]+)::/.exec(r.urn)?.[1]).find((x) => x !== undefined);
    if (deployedStack !== undefined && deployedStack !== stack) {
        throw new PlanInputError(
            `the state file holds stack "${deployedStack}" but the plan is for stack "${stack}": ${sameStackHint(dir, deployedStack, opts.configFile !== undefined)}`,
        );
    }
}

/** Reads and checks everything the plan starts from; throws {@link PlanInputError} for an unusable input. */
export function readPlanInputs(opts: PlanOptions): PlanInputs {
    const dir = path.resolve(opts.projectDir);
    const project = readProject(dir);
    const file = stackFile(opts, dir);
    const stack = opts.configFile ? stackNameOf(file, opts.stack) : (opts.stack ?? "dev");
    const config = stackConfig(opts, dir, file, project);
    const inventoryFile = opts.inventoryFile;
    const inventory = opts.inventory ?? (inventoryFile ? asInputError(() => readInventoryFile(inventoryFile)) : undefined);
    const stateFile = opts.stateFile;
    const prior = opts.state ?? (stateFile ? asInputError(() => readPriorState(stateFile)) : undefined);
    checkSameStack(prior, stack, dir, opts);
    return { dir, project, componentName: opts.componentName ?? "gateway", file, stack, config, inventory, prior };
}
