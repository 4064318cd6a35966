/**
 * Where the real engine comes from: the Pulumi CLI and the alicloud/random provider plugins built from their Go
 * modules by `tools/engine/build.sh` into a cache outside the repository, and the dynamic-provider host that ships
 * in `node_modules/@pulumi/pulumi`. The program itself runs in this process as an Automation API inline program,
 * which serves the engine's language-runtime calls, so no Node.js language host binary is needed.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");
const BUILD = path.join(ROOT, "tools", "engine", "build.sh");

/** The binaries the e2e runs with. */
export interface Toolchain {
    /** Folder holding `bin/pulumi` (what `PulumiCommand.get({ root })` expects). */
    root: string;
    binDir: string;
    /** Folder of `pulumi-resource-pulumi-nodejs`, the dynamic-provider host. */
    nodejsHostDir: string;
}

/** Builds the toolchain when its cache is empty (minutes, once), or reuses it (instant). Progress goes to stderr. */
export function ensureToolchain(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Toolchain {
    const printed = spawnSync("bash", [BUILD, "--print-dir"], { encoding: "utf8" });
    const expected = printed.stdout.trim().split("\n").pop() ?? "";
    if (!fs.existsSync(path.join(expected, "pulumi")) || !fs.existsSync(path.join(expected, "pulumi-resource-alicloud"))) {
        log(`building the Pulumi toolchain into ${expected} (first run only)...`);
    }
    const out = execFileSync("bash", [BUILD], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const binDir = out.trim().split("\n").pop()!;
    for (const bin of ["pulumi", "pulumi-resource-alicloud", "pulumi-resource-random"]) {
        if (!fs.existsSync(path.join(binDir, bin))) {
            throw new Error(`the toolchain build did not produce ${path.join(binDir, bin)}`);
        }
    }
    // The bridged providers' schemas must name every property the pinned Node SDKs send.
    const schemas = ["alicloud", "random"].map((p) => path.join(path.dirname(binDir), "schema", `${p}.json`));
    execFileSync(process.execPath, [path.join(ROOT, "tools", "engine", "check-schema.js"), ...schemas], {
        stdio: ["ignore", "ignore", "inherit"],
    });
    return {
        root: path.dirname(binDir),
        binDir,
        nodejsHostDir: path.dirname(require.resolve("@pulumi/pulumi/package.json")),
    };
}

/**
 * Environment for the CLI: a local backend, no update checks, no plugin downloads, plugins found on PATH. `caFile`
 * (the emulator's certificate) becomes the CA file of the providers: Go on Linux reads `SSL_CERT_FILE` instead of the
 * system's roots, which the provider's HTTPS-only security group calls need (emulator/tls.ts).
 */
export function engineEnv(tc: Toolchain, home: string, backend: string, caFile?: string): Record<string, string> {
    return {
        ...(caFile ? { SSL_CERT_FILE: caFile } : {}),
        PATH: [tc.binDir, tc.nodejsHostDir, process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-only-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        // The provider calls the billing API at configure time unless the account type is known.
        ALIBABA_CLOUD_ACCOUNT_TYPE: "Domestic",
        // Static, fake credentials: the emulator ignores signatures.
        ALIBABA_CLOUD_ACCESS_KEY_ID: "e2e-access-key-id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "e2e-access-key-secret",
    };
}
