/**
 * Runs a Pulumi program in-process under the mock runtime and records every resource it registers:
 * type, name, parent, inputs, protect flag and dependencies (explicit `dependsOn` and those implied by inputs).
 * The SDK's `MockMonitor` sees the dependencies but `setMocks` hides them, so this subclasses it and installs it
 * with `setMockOptions`. Used by the offline plan and by the tests.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { lightenRuntime } from "./runtimeCosts";

/** One registered (or read) resource as the engine would see it. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    /** URN of the parent, or undefined for the stack itself. */
    parent?: string;
    custom: boolean;
    /** true for `Resource.get(...)`: an existing resource that is read, never created or deleted. */
    read: boolean;
    /** The id of a read resource. */
    id?: string;
    inputs: Record<string, unknown>;
    /** Every resource this one depends on (dependsOn plus input dependencies), as URNs, sorted, unique. */
    dependsOn: string[];
    protect: boolean;
    /** Replacement deletes the old resource before creating the new one. */
    deleteBeforeReplace: boolean;
    /** URNs the resource was known by before (Pulumi `aliases`), as the engine resolves them. */
    aliases: string[];
    /** The `import` option: an existing object adopted under this id instead of created. */
    importId?: string;
    /** The `retainOnDelete` option: deleting the resource only drops it from the state. */
    retainOnDelete?: boolean;
    /**
     * The `deletedWith` option: the URN of the resource whose deletion takes this one with it. When both are deleted in
     * the same operation the engine skips this one's Delete (pulumi v3.248.0 pkg/resource/deploy/step.go isDeletedWith).
     */
    deletedWith?: string;
}

/** `urn:pulumi:<stack>::<project>::<parent type chain>$<type>::<name>`, the root stack left out of the chain. */
function engineUrn(parent: string, type: string, name: string): string {
    const parentChain = parent ? parent.split("::")[2] : undefined;
    const chain = parentChain && parentChain !== "pulumi:pulumi:Stack" ? `${parentChain}$${type}` : type;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${chain}::${name}`;
}

/** The URNs of a registration's aliases: an alias spec inherits the resource's type, name and parent. */
function aliasUrns(req: any): string[] {
    return (req.getAliasesList() as any[]).map((a) => {
        if (a.getUrn()) {
            return a.getUrn() as string;
        }
        const spec = a.getSpec();
        const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
        return engineUrn(parent, spec.getType() || req.getType(), spec.getName() || req.getName());
    });
}

class RecordingMonitor extends MockMonitor {
    readonly recorded: RecordedResource[] = [];

    constructor(
        mocks: Mocks,
        private readonly onRegister?: (type: string, name: string, urns: string[], read?: boolean) => void,
    ) {
        super(mocks);
        // URNs as the engine makes them. The SDK's mock prefixes a child's type with its parent's even when the parent
        // is the root stack; the engine leaves the stack out (`...::shared-bandwidth-gateway:index:SharedBandwidthGateway
        // ::gateway`, seen in `pulumi stack export`), so plans name the URNs a deployed stack really has. (`newUrn` is
        // private in the SDK's typings, hence the assignment.)
        Object.assign(this, { newUrn: engineUrn });
    }

    async registerResource(req: any, callback: (err: any, innerResponse: any) => void): Promise<void> {
        const deps = new Set<string>(req.getDependenciesList());
        req.getPropertydependenciesMap().forEach((v: any) => v.getUrnsList().forEach((u: string) => deps.add(u)));
        const entry: Omit<RecordedResource, "urn"> = {
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || undefined,
            custom: req.getCustom(),
            read: false,
            inputs: {},
            dependsOn: [...deps].filter((d) => d !== "").sort(),
            protect: req.getProtect() === true,
            deleteBeforeReplace: req.getDeletebeforereplace() === true,
            aliases: aliasUrns(req),
            importId: req.getImportid() || undefined,
            retainOnDelete: req.getRetainondelete() === true || undefined,
            deletedWith: req.getDeletedwith() || undefined,
        };
        this.onRegister?.(entry.type, entry.name, [engineUrn(req.getParent(), entry.type, entry.name), ...entry.aliases]);
        await super.registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                const urn: string = resp.getUrn();
                const inputs = pulumi.runtime.deserializeProperties(req.getObject());
                this.recorded.push({ urn, ...entry, inputs });
            }
            callback(err, resp);
        });
    }

    async readResource(req: any, callback: (err: any, innerResponse: any) => void): Promise<void> {
        const entry = {
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || undefined,
            custom: true,
            read: true,
            id: req.getId(),
            inputs: pulumi.runtime.deserializeProperties(req.getProperties()),
            dependsOn: [...new Set<string>(req.getDependenciesList())].sort(),
            protect: false,
            deleteBeforeReplace: false,
            aliases: [],
        };
        this.onRegister?.(entry.type, entry.name, [engineUrn(req.getParent(), entry.type, entry.name)], true);
        await super.readResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                this.recorded.push({ urn: resp.getUrn(), ...entry });
            }
            callback(err, resp);
        });
    }
}

/** What a program run produced. */
export interface ProgramRun {
    resources: RecordedResource[];
    /** The stack outputs (the program's exports), resolved. */
    outputs: Record<string, unknown>;
}

export interface RunOptions {
    project: string;
    stack: string;
    /** Config as the engine passes it: full keys (`project:key`) to strings; structured values JSON-encoded. */
    config: Record<string, string>;
    mocks: Mocks;
    /** Run as a preview (unknown outputs stay unknown). Default false. */
    preview?: boolean;
    /**
     * Serialise dynamic providers into their `__provider` input, as a deployment does. Default true; false gives
     * them a placeholder instead, for callers that never read that code (it is the costliest part of a small run).
     */
    serialiseDynamicProviders?: boolean;
    /** Called before each registration (or read) reaches the mocks, with the URN it will get and its aliases' URNs. */
    onRegister?: (type: string, name: string, urns: string[], read?: boolean) => void;
}

/**
 * Runs `program` (which registers resources and returns the stack's exports) under the mock runtime.
 * Resolves when every registration has completed; rejects with the program's own error.
 */
export async function runProgram(program: () => unknown, opts: RunOptions): Promise<ProgramRun> {
    const monitor = new RecordingMonitor(opts.mocks, opts.onRegister);
    pulumi.runtime.setMockOptions(monitor, opts.project, opts.stack, opts.preview ?? false);
    // The same feature set `setMocks` enables.
    // getStore is exported by the runtime's state module but missing from its type declarations.
    const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, boolean> }).getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    pulumi.runtime.setAllConfig(opts.config, []);
    let raw: Record<string, unknown> | undefined;
    // Switched back on before any await of the caller: the same awaits as without it, so no run sees another's.
    const restore = lightenRuntime({ serialiseDynamicProviders: opts.serialiseDynamicProviders ?? true });
    try {
        raw = await pulumi.runtime.runInPulumiStack(async () => program());
    } catch (e) {
        ignoreEchoesOf(e);
        // The stack resource still sends its outputs; let that reach this run's monitor, not the next run's.
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs().catch(() => undefined);
        restore();
        throw e;
    }
    // The stack's outputs can resolve before every registration has been sent; drain the RPC queue as the
    // real language host does before it disconnects (waitForRPCs is marked internal, so it is untyped).
    try {
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    } finally {
        restore();
    }
    const outputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw ?? {})) {
        outputs[k] = await resolveDeep(v);
    }
    return { resources: monitor.recorded, outputs };
}

/** Errors the program threw and runProgram already reported to its caller. */
const reported = new WeakSet<object>();
let echoFilterInstalled = false;

/**
 * The runtime's stack resource also rejects its internal promises with the program's error; nothing awaits those,
 * so Node would print the same error again as an unhandled rejection, with a stack trace, after the caller has
 * already handled it. Swallow exactly those echoes; any other unhandled rejection still fails the process.
 */
function ignoreEchoesOf(error: unknown): void {
    if (error && typeof error === "object") {
        reported.add(error);
    }
    if (!echoFilterInstalled) {
        echoFilterInstalled = true;
        process.on("unhandledRejection", (reason) => {
            if (reason && typeof reason === "object" && reported.has(reason)) {
                return;
            }
            throw reason;
        });
    }
}

async function resolveDeep(v: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(v)) {
        return resolveDeep(await new Promise((resolve) => (v as pulumi.Output<unknown>).apply(resolve)));
    }
    if (v instanceof Promise) {
        return resolveDeep(await v);
    }
    if (Array.isArray(v)) {
        return Promise.all(v.map(resolveDeep));
    }
    if (v && typeof v === "object" && !pulumi.Resource.isInstance(v)) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            out[k] = await resolveDeep(x);
        }
        return out;
    }
    return v;
}
