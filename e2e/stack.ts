/**
 * One e2e stack: a scratch copy of the project (its `Pulumi.yaml`, and a stack file derived from a shipped or given
 * one) whose provider is pointed at the emulator, driven through the Automation API with the repository's
 * `index.ts` as an inline program (the CLI path is e2e/cliProject.ts). The copy never touches the repository's own
 * stack files.
 */
import { InlineProgramArgs, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { engineEnv, ROOT, Toolchain } from "./engine";

export const PROJECT = "shared-bandwidth-gateway";
const NS = `${PROJECT}:`;

/** A stack file's `config:` block. */
export type StackConfig = Record<string, unknown>;

/** Reads a stack file's config block. */
export function readConfigFile(file: string): StackConfig {
    const doc = parse(fs.readFileSync(file, "utf8")) as { config?: StackConfig } | null;
    return { ...(doc?.config ?? {}) };
}

/**
 * What the e2e changes in a stack before deploying it: created EIPs are not protected (the stack is destroyed at the
 * end), and a connectivity check that is on enforces, with short timings: the emulator forwards every rule to a
 * loopback backend (e2e/backends.ts), so every rule must answer and every spare address stay silent. Everything
 * else is the stack's own.
 */
export function e2eConfig(config: StackConfig): StackConfig {
    const c: StackConfig = { ...config, [`${NS}protectEips`]: false };
    const check = c[`${NS}connectivityCheck`] as Record<string, unknown> | undefined;
    if (check && check.mode !== "off") {
        c[`${NS}connectivityCheck`] = { ...check, mode: "enforce", attempts: 2, timeoutMs: 1000, deadlineMs: 20000 };
    }
    return c;
}

/** Provider settings that send every call to the emulator (`vpc`: VPC, EIP, NAT, bandwidth plans; `ecs`: security groups). */
export function providerConfig(endpoint: string): StackConfig {
    return {
        "alicloud:protocol": "HTTP",
        "alicloud:skipRegionValidation": true,
        "alicloud:accountType": "Domestic",
        "alicloud:endpoints": [{ vpc: endpoint, ecs: endpoint }],
    };
}

/** The stack operations the lifecycle runs: an Automation API stack, or the CLI's (e2e/cli.ts). */
export type StackOps = Pick<Stack, "preview" | "up" | "refresh" | "destroy" | "exportStack">;

/** A running e2e stack and where its files live. */
export interface E2eStack<S extends StackOps = StackOps> {
    stack: S;
    workDir: string;
    /** The scratch stack file (`Pulumi.<name>.yaml`). */
    stackFile: string;
    /** Rewrites the stack file's config (the next operation reads it). */
    writeConfig(config: StackConfig): void;
    dispose(): void;
}

/** Drops the repository's own modules from the require cache, so each operation runs the program afresh. */
function freshRequire(file: string): Record<string, unknown> {
    for (const key of Object.keys(require.cache)) {
        if (key.startsWith(ROOT) && !key.includes(`${path.sep}node_modules${path.sep}`) && !key.startsWith(path.join(ROOT, "e2e"))) {
            delete require.cache[key];
        }
    }
    return require(file) as Record<string, unknown>;
}

/** The e2e stack of `stack`; `dispose` removes its scratch folder `workDir`. */
export function e2eStackOf<S extends StackOps>(
    stack: S,
    workDir: string,
    stackFile: string,
    writeConfig: (config: StackConfig) => void,
): E2eStack<S> {
    return { stack, workDir, stackFile, writeConfig, dispose: () => fs.rmSync(workDir, { recursive: true, force: true }) };
}

/** Writes a stack file's config plus the emulator's provider settings, keeping the file's other keys (`encryptionsalt`). */
export function stackFileWriter(stackFile: string, endpoint: string): (config: StackConfig) => void {
    return (c) => {
        const previous = fs.existsSync(stackFile) ? (parse(fs.readFileSync(stackFile, "utf8")) as Record<string, unknown>) : {};
        fs.writeFileSync(stackFile, stringify({ ...previous, config: { ...c, ...providerConfig(endpoint) } }));
    };
}

/** A scratch folder for one e2e stack: `home/`, `state/` and `project/`, and the emulator's certificate (PEM) beside them. */
export function scratchFolder(name: string, certificate?: string): { workDir: string; projectDir: string; caFile?: string } {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `sbg-e2e-${name}-`));
    for (const dir of ["home", "state", "project"]) {
        fs.mkdirSync(path.join(workDir, dir));
    }
    const caFile = certificate ? path.join(workDir, "emulator-ca.pem") : undefined;
    if (caFile) {
        fs.writeFileSync(caFile, certificate!);
    }
    return { workDir, projectDir: path.join(workDir, "project"), caFile };
}

/**
 * Creates the scratch project and stack `name` with `config` plus the emulator's provider settings. `certificate`
 * (PEM) is the emulator's: written beside the project and trusted by the providers. `programFile` is the inline
 * program (default: the repository's `index.ts`).
 */
export async function createE2eStack(
    tc: Toolchain,
    name: string,
    config: StackConfig,
    endpoint: string,
    certificate?: string,
    programFile = path.join(ROOT, "index.ts"),
): Promise<E2eStack<Stack>> {
    const { workDir, projectDir, caFile } = scratchFolder(name, certificate);
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(projectDir, "Pulumi.yaml"));
    // The CLI checks that the project's `main` exists; the inline program is that same file. The dynamic-provider
    // host resolves @pulumi/pulumi from the project folder, as in a real checkout.
    fs.symlinkSync(path.join(ROOT, "index.ts"), path.join(projectDir, "index.ts"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(projectDir, "node_modules"));
    const stackFile = path.join(projectDir, `Pulumi.${name}.yaml`);
    const writeConfig = stackFileWriter(stackFile, endpoint);
    writeConfig(config);
    const pulumiCommand = await PulumiCommand.get({ root: tc.root, skipVersionCheck: true });
    const args: InlineProgramArgs = {
        projectName: PROJECT,
        stackName: name,
        program: async () => freshRequire(programFile),
    };
    const stack = await LocalWorkspace.createOrSelectStack(args, {
        workDir: projectDir,
        pulumiCommand,
        pulumiHome: path.join(workDir, "home"),
        envVars: engineEnv(tc, path.join(workDir, "home"), path.join(workDir, "state"), caFile),
    });
    return e2eStackOf(stack, workDir, stackFile, writeConfig);
}
