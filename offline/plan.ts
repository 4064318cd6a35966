/**
 * The offline plan: runs the stack's program in-process against the offline cloud model and produces one
 * {@link PlanDocument}: resources, dependency waves, endpoints, bandwidth economics, warnings and errors.
 * The document is the public interface of `npm run plan -- --json` (shape documented in docs/offline-plan.md).
 */
import * as path from "path";
import type { Inventory } from "../cloud/inventory";
import type { AllocationPeriod, CostEstimate } from "../components";
import { StackConfigError } from "../program/stackConfig";
import { CostChange, costChange } from "./costChange";
import type { ChangedValue, Operation } from "./diff";
import { checkGraph } from "./graphCheck";
import { checkFindings, destroyFindings, pathOf, refusalFindings } from "./planFindings";
import { PlanInputs, PlanOptions, readPlanInputs, relativeTo } from "./planInputs";
import { bandwidthOf, eipsOf, emptyBandwidth, endpointsOf, StackOutputs, toPlanResource } from "./planOutputs";
import { Account, planMocks, runPlanProgram, stackProgram, synthesiseEmpty } from "./planRun";
import { planUpdate } from "./planUpdate";
import { PriorStateMocks } from "./priorMocks";
import type { PriorState } from "./priorState";
import type { ProgramRun } from "./recorder";
import type { UpdateStep } from "./update";

export { PlanInputError } from "./planInputs";
export type { PlanOptions } from "./planInputs";
export { listStacks } from "./stackFile";

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

/** The document before the program runs: what the inputs say, nothing planned yet. */
function emptyDocument(input: PlanInputs): PlanDocument {
    return {
        schemaVersion: PLAN_SCHEMA_VERSION,
        project: input.project,
        stack: input.stack,
        configFile: relativeTo(input.dir, input.file),
        region: input.config["alicloud:region"] ?? null,
        valid: false,
        inventory: { source: "none", file: null, notes: [] },
        resources: [],
        waves: [],
        destroyWaves: [],
        eips: [],
        endpoints: [],
        bandwidth: emptyBandwidth(),
        warnings: [],
        errors: [],
    };
}

/**
 * Builds the plan. Throws {@link PlanInputError} when the stack or inventory file cannot be used; every other
 * problem (invalid configuration, refusals of the cloud model, ordering errors) is reported in `errors`.
 */
export async function buildPlan(opts: PlanOptions): Promise<PlanDocument> {
    const input = readPlanInputs(opts);
    const account: Account = { inventory: input.inventory };
    const { mocks, pool } = planMocks(input, account);
    const doc = emptyDocument(input);
    let run: ProgramRun;
    try {
        run = await runPlanProgram(opts.program ?? stackProgram(input, account, pool), input, mocks);
    } catch (e) {
        if (e instanceof StackConfigError) {
            doc.errors = e.problems.map((p) => ({ path: p.propertyPath, message: p.reason }));
            return doc;
        }
        throw e;
    }
    const inventory = (account.inventory ??= synthesiseEmpty());
    const inventoryFile =
        inventory.source === "file" && opts.inventoryFile ? relativeTo(input.dir, path.resolve(opts.inventoryFile)) : null;
    doc.inventory = { source: inventory.source, file: inventoryFile, notes: inventory.notes };
    doc.resources = run.resources.map((r) => toPlanResource(r, mocks));
    if (mocks.refusals.length > 0) {
        doc.errors = refusalFindings(mocks, input);
        return doc;
    }
    const check = checkGraph(run.resources, mocks.answers, inventory);
    doc.waves = check.waves;
    doc.destroyWaves = check.destroyWaves;
    const out = run.outputs as StackOutputs;
    doc.endpoints = endpointsOf(out);
    doc.eips = eipsOf(out, doc.endpoints);
    doc.bandwidth = bandwidthOf(out);
    Object.assign(doc, checkFindings(input, run.resources, out, check));
    if (mocks instanceof PriorStateMocks) {
        addUpdate(doc, { input, run, mocks, inventory, stateFile: opts.stateFile });
    } else {
        doc.warnings.push(...destroyFindings(input, run.resources));
    }
    doc.valid = doc.errors.length === 0;
    return doc;
}

/** With `--state`: the update against what is deployed, its findings, and the change of the month's cost. */
function addUpdate(
    doc: PlanDocument,
    {
        input,
        run,
        mocks,
        inventory,
        stateFile,
    }: { input: PlanInputs; run: ProgramRun; mocks: PriorStateMocks; inventory: Inventory; stateFile?: string },
): void {
    const update = planUpdate(doc, run.resources, mocks, inventory, pathOf(input));
    doc.state = { source: mocks.prior.source, file: stateFile ? relativeTo(input.dir, path.resolve(stateFile)) : null };
    const change = costChange(mocks.prior, input.config, input.project, doc.bandwidth.costs ?? undefined);
    if (change) {
        doc.bandwidth.costChange = change;
    }
    doc.warnings.push(...update.warnings);
    doc.errors.push(...update.errors);
}

/** Replaces the absolute project directory in a plan document with `<project>` (for stored golden files). */
export function normalisePlan(doc: PlanDocument, projectDir: string): PlanDocument {
    const abs = path.resolve(projectDir);
    return JSON.parse(JSON.stringify(doc).split(abs).join("<project>")) as PlanDocument;
}
