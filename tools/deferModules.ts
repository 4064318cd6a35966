/**
 * Loading `@pulumi/pulumi` loads, at once, two large modules that only serialise a dynamic provider's code:
 * `typescript` (through `typescript-shim`, for the closure parser) and `@npmcli/arborist` (which packages a
 * serialised function's dependencies; several hundred modules). The offline plan never serialises (it shows a
 * placeholder, offline/runtimeCosts.ts), so `npm run plan` defers both: each is loaded on its first use instead,
 * which a plan never reaches. Measured in BENCHMARKS.md ("End to end and tests").
 */
import Module from "module";
import * as path from "path";

/** Who requires each deferred module: the SDK file whose `require` must find the stand-in. */
const DEFERRED: [request: string, requiredFrom: string][] = [
    ["typescript", "typescript-shim.js"],
    ["@npmcli/arborist", path.join("runtime", "closure", "codePaths.js")],
];

/**
 * A module whose exports load the real module on first use. `__esModule` answers true without loading, so a
 * TypeScript `__importStar` of it (the SDK's codePaths.js) keeps the stand-in instead of copying its keys.
 */
function standIn(file: string): Module {
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
        if (real === undefined) {
            delete require.cache[file];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the stand-in stood for
            real = require(file) as Record<PropertyKey, unknown>;
        }
        return real;
    };
    const m = new Module(file);
    m.filename = file;
    m.loaded = true;
    m.exports = new Proxy(
        {},
        {
            get: (_t, key) => (key === "__esModule" ? true : load()[key]),
            has: (_t, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_t, key) => {
                const d = Object.getOwnPropertyDescriptor(load(), key);
                return d ? { ...d, configurable: true } : undefined;
            },
        },
    );
    return m;
}

/**
 * Installs the stand-ins, before anything loads `@pulumi/pulumi`. Returns the modules deferred; a module the SDK
 * no longer requires from the same place (another SDK version) is left alone.
 */
export function deferSdkSerialisation(): string[] {
    let sdk: string;
    try {
        sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    } catch {
        return [];
    }
    const deferred: string[] = [];
    for (const [request, from] of DEFERRED) {
        let file: string;
        try {
            file = require.resolve(request, { paths: [path.dirname(path.join(sdk, from))] });
        } catch {
            continue;
        }
        if (require.cache[file] === undefined) {
            require.cache[file] = standIn(file);
            deferred.push(request);
        }
    }
    return deferred;
}
