/**
 * The offline plan: runs the stack's program in-process against the offline cloud model and produces one
 * {@link PlanDocument}: resources, dependency waves, endpoints, bandwidth economics, warnings and errors.
 * The document is the public interface of `npm run plan -- --json` (shape documented in docs/offline-plan.md).
 */
import * as fs from "fs";
import * as path from "path";
import { AllocationPeriod, BandwidthEconomics, CostEstimate, validateGatewayArgs } from "../components";
import { CostChange, costChange } from "./costChange";
import { injectPriceFile } from "./priceFile";
import { providerFindings, readStackGateway, StackConfigError } from "../program/stackConfig";
import { AddressPool, CloudMocks, TYPES } from "./cloudMocks";
import { checkGraph, GraphFinding } from "./graphCheck";
import { Inventory, readInventoryFile, synthesiseInventory } from "../cloud/inventory";
import type { ChangedValue, Operation } from "./diff";
import { PriorStateMocks } from "./priorMocks";
import { PriorState, readPriorState } from "./priorState";
import { destroyWarnings } from "./protection";
import { RecordedResource, runProgram } from "./recorder";
import { readProjectName, readStackConfig } from "./stackFile";
import { deployedAddresses, planUpdate } from "./planUpdate";
import type { UpdateStep } from "./update";

/** Version of the JSON document; bumped on incompatible changes. */
export const PLAN_SCHEMA_VERSION = 1;

/** A warning or error, with the config path it concerns (`<project>:<key path>`) when one is known. */
export interface PlanFinding {
    path: string;
    message: string;
    /** API error code, when the finding is a refusal of the cloud model. */
    code?: string;
    /** URN of the resource concerned, when there is one. */
    resource?: string;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    /**
     * `create`: the stack creates it; `read`: an existing resource adopted by id (never created or deleted). Against a
     * deployed state (`--state`) also `same`, `update` (see `changes`), `replace` (see `deleteBeforeReplace`) and
     * `delete` (deployed, no longer in the program).
     */
    operation: Operation;
    /** `update` and `replace`: the inputs that change. */
    changes?: string[];
    /** `update` and `replace`: each changed input's deployed (`old`) and new value; a value not set is left out. */
    changeValues?: Record<string, ChangedValue>;
    /** `replace`: the old resource is deleted before the new one is created (else after every other step). */
    deleteBeforeReplace?: boolean;
    /** Set when deleting the resource only drops it from the state (`retainOnDelete`), such as an adopted binding. */
    retainOnDelete?: true;
    /**
     * URN of the resource whose deletion takes this one with it (`deletedWith`): when both go, the engine makes no
     * call for this one (a DNAT entry or binding with the gateway's forced deletion, a join with the plan's).
     */
    deletedWith?: string;
    /** The id the offline model gave it (or the adopted id). */
    id: string | null;
    dependsOn: string[];
    protect: boolean;
    inputs: Record<string, unknown>;
}

export interface PlanEndpoint {
    rule: string;
    eip: string;
    protocol: string;
    /** `ip:port/protocol`, or `ip/any` for a whole-IP mapping. */
    public: string;
    /** `ip:port`, or the bare IP for a whole-IP mapping. */
    private: string;
    /** The target's security group when the rule names one, else null. */
    securityGroupId: string | null;
    /** The sources its ingress lets in; null when no security group is named (the group's own rules decide). */
    allowFrom: string[] | null;
}

export interface PlanEip {
    key: string;
    allocationId: string;
    ipAddress: string;
    /** Rule keys using the EIP; empty for a spare EIP. */
    rules: string[];
    spare: boolean;
}

export interface PlanBandwidth {
    planMbps: number | null;
    coincidentPeakMbps: number | null;
    coincidentPeakAt: string | null;
    sumOfPeaksMbps: number | null;
    savingMbps: number | null;
    /** Saving as a percentage of the sum of peaks, one decimal. */
    savingPercent: number | null;
    /** Per period of the day: what each application needs and may take of the plan, and what is left (empty without demand profiles). */
    allocation: AllocationPeriod[];
    /** The month's cost of each way of paying and the cheapest (docs/costs.md); null without demand profiles. */
    costs: CostEstimate | null;
    /** With `--state`: the configured method's month plus the common charges, deployed against planned. */
    costChange?: CostChange;
}

/** The plan, as printed by `--json`. */
export interface PlanDocument {
    schemaVersion: number;
    project: string;
    stack: string;
    /** The stack file, relative to the project directory when inside it. */
    configFile: string;
    /** `alicloud:region` of the stack, where everything is bought; null when the stack file does not set it. */
    region: string | null;
    /** true when there are no errors. */
    valid: boolean;
    inventory: { source: "file" | "synthesised" | "none"; file: string | null; notes: string[] };
    resources: PlanResource[];
    /** Creation waves: URNs of custom resources that could run in parallel, in order. */
    waves: string[][];
    /**
     * Deletion waves on destroy: the resources whose deletion calls the API (adopted and retained resources, and those
     * deleted with another, excluded); each waits for the waves before it.
     */
    destroyWaves: string[][];
    eips: PlanEip[];
    endpoints: PlanEndpoint[];
    bandwidth: PlanBandwidth;
    warnings: PlanFinding[];
    errors: PlanFinding[];
    /** With `--state`: what the plan was compared with. */
    state?: { source: PriorState["source"]; file: string | null };
    /** With `--state`: the update's steps in the order the engine runs them (deletes last, in reverse dependency order). */
    steps?: UpdateStep[];
}

/** Input the plan cannot start from (missing or unreadable stack or inventory file). */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

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

/** The config path a child resource stands for, from the component's naming scheme (`<name>-<role>-<key>`). */
export function configPathOf(resourceName: string, componentName: string, project: string): string {
    const rest = resourceName.startsWith(`${componentName}-`) ? resourceName.slice(componentName.length + 1) : undefined;
    const ingress = rest === undefined ? null : /^ingress-(.+)-\d+\.\d+\.\d+\.\d+-\d+$/.exec(rest);
    if (ingress) {
        return `${project}:rules.${ingress[1]}.allowFrom`;
    }
    const m = rest === undefined ? null : /^(dnat|eip|bind|join)-(.+)$/.exec(rest);
    if (m) {
        return `${project}:${m[1] === "dnat" ? "rules" : "eips"}.${m[2]}`;
    }
    if (rest === "nat") {
        return `${project}:natGateway`;
    }
    if (rest === "plan") {
        return `${project}:bandwidthPlan`;
    }
    return resourceName;
}

function relativeTo(dir: string, file: string): string {
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

/** Lists the stacks that have a file in `dir`. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/**
 * Builds the plan. Throws {@link PlanInputError} when the stack or inventory file cannot be used; every other
 * problem (invalid configuration, refusals of the cloud model, ordering errors) is reported in `errors`.
 */
export async function buildPlan(opts: PlanOptions): Promise<PlanDocument> {
    const dir = path.resolve(opts.projectDir);
    let project: string;
    try {
        project = readProjectName(dir);
    } catch (e) {
        throw new PlanInputError(`cannot read the project file: ${(e as Error).message.split("\n")[0]}`);
    }
    const componentName = opts.componentName ?? "gateway";
    const file = opts.configFile ? path.resolve(opts.configFile) : path.join(dir, `Pulumi.${opts.stack ?? "dev"}.yaml`);
    if (!fs.existsSync(file)) {
        const stacks = listStacks(dir);
        throw new PlanInputError(
            opts.configFile
                ? `stack file ${opts.configFile} not found`
                : `no stack file ${path.basename(file)} in ${dir}; stacks found: ${stacks.length > 0 ? stacks.join(", ") : "(none)"}`,
        );
    }
    const stack = opts.configFile ? stackNameOf(file, opts.stack) : (opts.stack ?? "dev");
    let config: Record<string, string>;
    try {
        config = readStackConfig(file, project);
    } catch (e) {
        throw new PlanInputError((e as Error).message);
    }
    if (opts.pricesFile !== undefined) {
        const pricesFile = opts.pricesFile;
        config = asInputError(() => injectPriceFile(config, project, pricesFile, relativeTo(dir, path.resolve(pricesFile))));
    }
    const inventoryFile = opts.inventoryFile;
    let inventory: Inventory | undefined =
        opts.inventory ?? (inventoryFile ? asInputError(() => readInventoryFile(inventoryFile)) : undefined);
    const stateFile = opts.stateFile;
    const prior: PriorState | undefined = opts.state ?? (stateFile ? asInputError(() => readPriorState(stateFile)) : undefined);
    const deployedStack = prior?.resources.map((r) => /^urn:pulumi:([^:]+)::/.exec(r.urn)?.[1]).find((x) => x !== undefined);
    if (deployedStack !== undefined && deployedStack !== stack) {
        throw new PlanInputError(
            `the state file holds stack "${deployedStack}" but the plan is for stack "${stack}": ${sameStackHint(dir, deployedStack, opts.configFile !== undefined)}`,
        );
    }
    const taken = [...(inventory ? inventory.eips.map((e) => e.ipAddress) : []), ...deployedAddresses(prior)];
    const pool = new AddressPool(taken);
    const mocks = prior
        ? new PriorStateMocks(() => inventory ?? synthesiseEmpty(), pool, prior)
        : new CloudMocks(() => inventory ?? synthesiseEmpty(), pool);
    const doc: PlanDocument = {
        schemaVersion: PLAN_SCHEMA_VERSION,
        project,
        stack,
        configFile: relativeTo(dir, file),
        region: config["alicloud:region"] ?? null,
        valid: false,
        inventory: { source: "none", file: null, notes: [] },
        resources: [],
        waves: [],
        destroyWaves: [],
        eips: [],
        endpoints: [],
        bandwidth: {
            planMbps: null,
            coincidentPeakMbps: null,
            coincidentPeakAt: null,
            sumOfPeaksMbps: null,
            savingMbps: null,
            savingPercent: null,
            allocation: [],
            costs: null,
        },
        warnings: [],
        errors: [],
    };

    const indexPath = path.join(dir, "index.ts");
    const program =
        opts.program ??
        (() => {
            if (!inventory) {
                // Validate first (StackConfigError lists every problem), then make an account consistent with the stack.
                const sg = readStackGateway(project, componentName);
                const gw = validateGatewayArgs(sg.name, sg.args).gateway!;
                const vswitch = sg.args.natGateway.vswitchId;
                inventory = synthesiseInventory(
                    gw,
                    typeof sg.args.vpcId === "string" ? sg.args.vpcId : undefined,
                    typeof vswitch === "string" ? vswitch : undefined,
                    (key) => pool.addressFor(`adopted-eip-${key}`),
                );
            }
            delete require.cache[require.resolve(indexPath)];

            return require(indexPath);
        });

    let run: Awaited<ReturnType<typeof runProgram>>;
    // Without an engine the SDK prints the component's log messages to the console; the plan reports them itself.
    const consoleWarn = console.warn;
    const consoleLog = console.log;
    console.warn = (...a: unknown[]) => (/^(warning|error): \[runtime\]/.test(String(a[0])) ? undefined : consoleWarn(...a));
    console.log = (...a: unknown[]) => (/^(info|debug): \[runtime\]/.test(String(a[0])) ? undefined : consoleLog(...a));
    try {
        // runProgram drains the runtime's RPC queue itself, so a later run in this process starts clean.
        run = await runProgram(program, {
            project,
            stack,
            config,
            mocks,
            serialiseDynamicProviders: false,
            onRegister: mocks instanceof PriorStateMocks ? mocks.onRegister : undefined,
        });
    } catch (e) {
        if (e instanceof StackConfigError) {
            doc.errors = e.problems.map((p) => ({ path: p.propertyPath, message: p.reason }));
            return doc;
        }
        throw e;
    } finally {
        console.warn = consoleWarn;
        console.log = consoleLog;
    }
    inventory ??= synthesiseEmpty();
    doc.inventory = {
        source: inventory.source,
        file: inventory.source === "file" && opts.inventoryFile ? relativeTo(dir, path.resolve(opts.inventoryFile)) : null,
        notes: inventory.notes,
    };
    doc.resources = run.resources.map((r) => toPlanResource(r, mocks));
    if (mocks.refusals.length > 0) {
        // Adopted resources that do not exist or cannot be taken over: what is built on them would fail too, so only these.
        doc.errors = mocks.refusals.map((x) => ({
            path: configPathOf(x.name, componentName, project),
            code: x.error.code,
            message: x.error.message,
        }));
        return doc;
    }
    const check = checkGraph(run.resources, mocks.answers, inventory);
    doc.waves = check.waves;
    doc.destroyWaves = check.destroyWaves;

    const out = run.outputs as {
        eips?: Record<string, { allocationId: string; ipAddress: string }>;
        endpoints?: Record<
            string,
            Omit<PlanEndpoint, "securityGroupId" | "allowFrom"> & { securityGroupId?: string; allowFrom?: string[] }
        >;
        bandwidthPlanMbps?: number;
        bandwidthEconomics?: BandwidthEconomics;
        warnings?: { propertyPath: string; reason: string }[];
    };
    const endpoints = Object.values(out.endpoints ?? {}).sort((a, b) => a.rule.localeCompare(b.rule));
    doc.endpoints = endpoints.map((e) => ({
        rule: e.rule,
        eip: e.eip,
        protocol: e.protocol,
        public: e.public,
        private: e.private,
        securityGroupId: e.securityGroupId ?? null,
        allowFrom: e.allowFrom ?? null,
    }));
    doc.eips = Object.entries(out.eips ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, e]) => {
            const rules = endpoints.filter((x) => x.eip === key).map((x) => x.rule);
            return { key, allocationId: e.allocationId, ipAddress: e.ipAddress, rules, spare: rules.length === 0 };
        });
    const econ = out.bandwidthEconomics;
    const planMbps = out.bandwidthPlanMbps ?? null;
    doc.bandwidth = {
        planMbps,
        coincidentPeakMbps: econ?.coincidentPeakMbps ?? null,
        coincidentPeakAt: econ?.coincidentPeakAt ?? null,
        sumOfPeaksMbps: econ?.sumOfPeaksMbps ?? null,
        savingMbps: econ?.savingMbps ?? null,
        savingPercent: econ && econ.sumOfPeaksMbps > 0 ? Math.round((econ.savingMbps / econ.sumOfPeaksMbps) * 1000) / 10 : null,
        allocation: econ?.allocation ?? [],
        costs: econ?.costs ?? null,
    };
    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    const finding = (f: GraphFinding): PlanFinding => {
        const r = byUrn.get(f.resource);
        const path = r ? configPathOf(r.name, componentName, project) : f.resource;
        const key = path.replace(`${project}:`, "");
        return {
            path,
            message:
                f.code === "InvalidAssociation.Duplicated" && r?.type === TYPES.eipAssociation
                    ? `${f.message}; ${key} is already bound to the gateway: set ${key}.bound: true to adopt the binding instead of binding it again`
                    : f.message,
            ...(f.code ? { code: f.code } : {}),
            resource: f.resource,
        };
    };
    doc.warnings = [
        ...providerFindings(config).warnings.map((w) => ({ path: w.propertyPath, message: w.reason })),
        ...(out.warnings ?? []).map((w) => ({ path: `${project}:${w.propertyPath}`, message: w.reason })),
        ...check.warnings.map(finding),
    ];
    doc.errors = check.errors.map(finding);
    if (!(mocks instanceof PriorStateMocks)) {
        const keyOf = (name: string) => configPathOf(name, componentName, project).replace(`${project}:`, "");
        doc.warnings.push(
            ...destroyWarnings(run.resources, keyOf).map((f) => ({
                path: `${project}:${f.key}`,
                message: f.message,
                resource: f.resource,
            })),
        );
    }
    if (mocks instanceof PriorStateMocks) {
        const update = planUpdate(doc, run.resources, mocks, inventory, (name) => configPathOf(name, componentName, project));
        doc.state = { source: mocks.prior.source, file: opts.stateFile ? relativeTo(dir, path.resolve(opts.stateFile)) : null };
        const change = costChange(mocks.prior, config, project, econ?.costs);
        if (change) {
            doc.bandwidth.costChange = change;
        }
        doc.warnings.push(...update.warnings);
        doc.errors.push(...update.errors);
    }
    doc.valid = doc.errors.length === 0;
    return doc;
}

function synthesiseEmpty(): Inventory {
    return {
        source: "synthesised",
        site: "international",
        quotas: { eipsPerNatGateway: 20, dnatEntriesPerTable: 100, eipsPerBandwidthPlan: 100, bandwidthPlansPerRegion: 5 },
        natGateways: [],
        eips: [],
        bandwidthPlans: [],
        notes: ["no inventory: an empty international account with default quotas"],
    };
}

function toPlanResource(r: RecordedResource, mocks: CloudMocks): PlanResource {
    const answer = mocks.answers.get(`${r.type}::${r.name}`);
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        operation: r.read ? "read" : r.importId ? "import" : "create",
        id: r.custom ? (r.id ?? answer?.id ?? null) : null,
        dependsOn: r.dependsOn,
        protect: r.protect,
        ...(r.retainOnDelete ? { retainOnDelete: true as const } : {}),
        ...(r.deletedWith ? { deletedWith: r.deletedWith } : {}),
        inputs: summariseInputs(r.inputs),
    };
}

/**
 * A dynamic resource carries its provider's serialised code in `__provider`: tens of kilobytes that say nothing
 * about the plan and change with every edit of the provider. The plan shows a placeholder instead.
 */
function summariseInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    if (typeof inputs.__provider !== "string") {
        return inputs;
    }
    return { ...inputs, __provider: "<serialised dynamic provider>" };
}

/** Replaces the absolute project directory in a plan document with `<project>` (for stored golden files). */
export function normalisePlan(doc: PlanDocument, projectDir: string): PlanDocument {
    const abs = path.resolve(projectDir);
    return JSON.parse(JSON.stringify(doc).split(abs).join("<project>")) as PlanDocument;
}
