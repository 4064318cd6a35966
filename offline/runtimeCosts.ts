/**
 * Work the Pulumi SDK does for every program run that a mock run can leave out, switched off for the duration of
 * one run and restored afterwards:
 *
 * - Every promise the SDK creates gets a stack trace (`debuggablePromise`, for its own leak reports), and every
 *   resource the formatted stack of its constructor (`Resource.callsites`, source positions for the engine). With
 *   a source-map hook (ts-node) each frame is mapped. The mocks use neither: those traces are captured without
 *   frames. Every other error, the program's own included, keeps its full stack.
 * - A dynamic resource's provider is serialised to JavaScript (closure analysis through the V8 inspector and a
 *   TypeScript parse) into its `__provider` input. Callers that never look at that code can have a placeholder.
 */
import * as path from "path";

type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** The placeholder `__provider` carries when serialisation is skipped. */
export const UNSERIALISED_PROVIDER = "<dynamic provider, not serialised>";

const SDK_DIR = `${path.sep}@pulumi${path.sep}pulumi${path.sep}`;

interface DebuggableModule {
    debuggablePromise: (...args: unknown[]) => unknown;
}

/** Makes the SDK's promise stack traces frameless; returns the function that restores them. */
function withoutPromiseStacks(): () => void {
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
    const original = debuggable.debuggablePromise;
    debuggable.debuggablePromise = (...args: unknown[]) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(...args);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    return () => {
        debuggable.debuggablePromise = original;
    };
}

function v8Format(error: Error, frames: NodeJS.CallSite[]): string {
    return `${String(error)}${frames.map((f) => `\n    at ${f.toString()}`).join("")}`;
}

/** Formats the stack `Resource.callsites` asks for as empty (no source positions); returns the restore function. */
function withoutSourcePositions(): () => void {
    const previous = Error.prepareStackTrace as Prepare | undefined;
    Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
        const top = frames[0];
        if (top?.getFunctionName() === "callsites" && top.getFileName()?.includes(SDK_DIR)) {
            return String(error);
        }
        return previous ? previous(error, frames) : v8Format(error, frames);
    };
    return () => {
        (Error as { prepareStackTrace?: Prepare }).prepareStackTrace = previous;
    };
}

interface ClosureModule {
    serializeFunction: (...args: unknown[]) => Promise<{ text: string; containsSecrets: boolean }>;
}

/** Replaces the closure serialiser with a placeholder; returns the function that restores it. */
function withoutProviderSerialisation(): () => void {
    const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as ClosureModule;
    // getStore is exported by the runtime's state module but missing from its type declarations.
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { options: Record<string, unknown> } } };
    const options = state.getStore().settings.options;
    const serialise = closure.serializeFunction;
    const cache = options.cacheDynamicProviders;
    closure.serializeFunction = async () => ({ text: UNSERIALISED_PROVIDER, containsSecrets: false });
    // The SDK keeps each provider's serialised code for later runs; a placeholder must neither be kept nor served.
    options.cacheDynamicProviders = false;
    return () => {
        closure.serializeFunction = serialise;
        options.cacheDynamicProviders = cache;
    };
}

/** Switches the costs off; returns the function that switches them back on. */
export function lightenRuntime(opts: { serialiseDynamicProviders: boolean }): () => void {
    const restore = [withoutPromiseStacks(), withoutSourcePositions()];
    if (!opts.serialiseDynamicProviders) {
        restore.push(withoutProviderSerialisation());
    }
    return () => restore.reverse().forEach((f) => f());
}
