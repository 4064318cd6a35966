/**
 * The project as a user has it, for the CLI path: a copy of the repository's files (what a clone holds) with its
 * dependencies installed, where the e2e types README.md's "Deploying for real" commands (docs/deploying.md): `pulumi stack init`,
 * `pulumi config set alicloud:region`, `pulumi preview`, `pulumi up`, `pulumi stack output`, then refresh and destroy.
 * The Node.js language host beside the CLI runs `index.ts` (Pulumi.yaml `main`) through the SDK's TypeScript support,
 * reads the stack's config and exports the program's outputs: nothing of the program runs in this process.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CliStack, runPulumi } from "./cli";
import { engineEnv, ROOT, Toolchain } from "./engine";
import { E2eStack, e2eStackOf, scratchFolder, StackConfig, stackFileWriter } from "./stack";

/** The files of a clone of the repository as it stands (tracked and new, not ignored), relative to ROOT. */
export function projectFiles(root = ROOT): string[] {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
    return out
        .split("\0")
        .filter((f) => f !== "" && fs.existsSync(path.join(root, f)))
        .sort();
}

/** Copies `files` (relative to `from`) into `to`, keeping their modes. */
export function copyFiles(from: string, to: string, files: string[]): void {
    for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
        fs.copyFileSync(path.join(from, f), path.join(to, f));
        fs.chmodSync(path.join(to, f), fs.statSync(path.join(from, f)).mode);
    }
}

/**
 * Creates stack `name` of a copy of the project with `config` plus the emulator's provider settings, as README.md's
 * deployment section does. `node_modules` is the repository's (the same lockfile's `npm ci`), linked, not installed
 * again.
 */
export async function createCliStack(
    tc: Toolchain,
    name: string,
    config: StackConfig,
    endpoint: string,
    certificate?: string,
): Promise<E2eStack<CliStack>> {
    const { workDir, projectDir, caFile } = scratchFolder(`cli-${name}`, certificate);
    copyFiles(ROOT, projectDir, projectFiles());
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(projectDir, "node_modules"));
    const env = engineEnv(tc, path.join(workDir, "home"), path.join(workDir, "state"), caFile);
    const stack = new CliStack(tc, projectDir, name, env);
    await stack.init();
    const stackFile = path.join(projectDir, `Pulumi.${name}.yaml`);
    const writeConfig = stackFileWriter(stackFile, endpoint);
    writeConfig(config);
    const region = config["alicloud:region"];
    if (typeof region === "string") {
        const set = ["config", "set", "alicloud:region", region, "--stack", name];
        const r = await runPulumi(tc, projectDir, env, set);
        if (r.code !== 0) {
            throw new Error(`pulumi ${set.join(" ")}: ${r.stderr}`);
        }
    }
    return e2eStackOf(stack, workDir, stackFile, writeConfig);
}
