/**
 * What is deployed now, for `npm run plan -- --state FILE`: the resources of a `pulumi stack export` document or of
 * a previous `--json` plan document, in one shape. Pure apart from reading the file.
 */
import * as fs from "fs";

/** One deployed resource. */
export interface PriorResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Adopted by id (`Resource.get`): read, never created or deleted by the stack. */
    external: boolean;
    id?: string;
    inputs: Record<string, unknown>;
    /** The provider's outputs; from a plan document only what the plan shows (see {@link PriorState.addresses}). */
    outputs: Record<string, unknown>;
    protect: boolean;
    dependencies: string[];
    /** Adopted by the `import` option, under this id. */
    importId?: string;
    /** Deleting it only drops it from the state (`retainOnDelete`). */
    retainOnDelete?: boolean;
    /** The resource whose deletion takes it with it (`deletedWith`, a URN). */
    deletedWith?: string;
}

export interface PriorState {
    source: "stack-export" | "plan";
    resources: PriorResource[];
    /** Public addresses by allocation id, from a plan document's `eips` (a stack export has them in the outputs). */
    addresses: Map<string, string>;
}

/** The state file cannot be used. */
export class StateFileError extends Error {
    constructor(file: string, reason: string) {
        super(`cannot use the state file ${file}: ${reason}`);
        this.name = "StateFileError";
    }
}

/** The key the engine marks a secret value with (pulumi sdk v3.248.0 go/common/resource/sig/sig.go `Key`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Secret values become `[secret]`; the plan never shows or compares their plaintext. */
function redactSecrets(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(redactSecrets);
    }
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (SECRET_SIG in o) {
            return "[secret]";
        }
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, redactSecrets(x)]));
    }
    return v;
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const record = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** From `pulumi stack export`: providers and resources pending deletion left out. */
function fromStackExport(resources: unknown[]): PriorResource[] {
    return resources
        .map(record)
        .filter((r) => typeof r.urn === "string" && typeof r.type === "string")
        .filter((r) => !String(r.type).startsWith("pulumi:providers:") && r.delete !== true)
        .map((r) => ({
            urn: String(r.urn),
            type: String(r.type),
            name: nameOf(String(r.urn)),
            parent: typeof r.parent === "string" ? r.parent : undefined,
            custom: r.custom === true,
            external: r.external === true,
            id: typeof r.id === "string" && r.id !== "" ? r.id : undefined,
            inputs: record(redactSecrets(r.inputs)),
            outputs: record(redactSecrets(r.outputs)),
            protect: r.protect === true,
            dependencies: strings(r.dependencies),
            importId: typeof r.importID === "string" && r.importID !== "" ? r.importID : undefined,
            retainOnDelete: r.retainOnDelete === true || undefined,
            deletedWith: typeof r.deletedWith === "string" && r.deletedWith !== "" ? r.deletedWith : undefined,
        }));
}

/** From a `--json` plan document: what it would have deployed (its `delete` rows are gone). */
function fromPlanDocument(resources: unknown[]): PriorResource[] {
    return resources
        .map(record)
        .filter((r) => typeof r.urn === "string" && typeof r.type === "string" && r.operation !== "delete")
        .map((r) => ({
            urn: String(r.urn),
            type: String(r.type),
            name: typeof r.name === "string" ? r.name : nameOf(String(r.urn)),
            parent: typeof r.parent === "string" ? r.parent : undefined,
            custom: typeof r.id === "string",
            external: r.operation === "read",
            id: typeof r.id === "string" ? r.id : undefined,
            inputs: record(r.inputs),
            outputs: {},
            protect: r.protect === true,
            dependencies: strings(r.dependsOn),
            importId: r.operation === "import" && typeof r.id === "string" ? r.id : undefined,
            retainOnDelete: r.retainOnDelete === true || undefined,
            deletedWith: typeof r.deletedWith === "string" ? r.deletedWith : undefined,
        }));
}

/** Reads the document a `--state` option names. Pure given the parsed document. */
export function parsePriorState(doc: unknown, file: string): PriorState {
    const d = record(doc);
    const deployment = record(d.deployment);
    if (Array.isArray(deployment.resources)) {
        return { source: "stack-export", resources: fromStackExport(deployment.resources), addresses: new Map() };
    }
    if (typeof d.schemaVersion === "number" && Array.isArray(d.resources)) {
        if (d.valid === false) {
            throw new StateFileError(file, "the plan document was rejected (valid: false), so nothing of it was deployed");
        }
        const addresses = new Map<string, string>();
        for (const e of Array.isArray(d.eips) ? d.eips.map(record) : []) {
            if (typeof e.allocationId === "string" && typeof e.ipAddress === "string") {
                addresses.set(e.allocationId, e.ipAddress);
            }
        }
        return { source: "plan", resources: fromPlanDocument(d.resources), addresses };
    }
    throw new StateFileError(file, "expected the output of `pulumi stack export` (deployment.resources) or of `npm run -s plan -- --json`");
}

export function readPriorState(file: string): PriorState {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new StateFileError(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new StateFileError(file, `not JSON: ${(e as Error).message}`);
    }
    return parsePriorState(doc, file);
}
