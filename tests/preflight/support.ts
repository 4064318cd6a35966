/**
 * Helpers for the account commands' tests: an emulator on a free loopback port, a project folder holding a stack file,
 * the commands run in-process with their output captured, and the credentials environment set for one run.
 */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import type { CommandIo } from "../../preflight/commands";
import { ROOT } from "../support/run";
import { tempDir } from "../support/tmp";

/** The secret every test signs with: it must never appear in an output or a file. */
export const SECRET = "test-secret-0f9e8d7c6b5a";
export const KEY_ID = "LTAItestkey000001";

/** A project folder (`Pulumi.yaml` of this repository) holding `Pulumi.<stack>.yaml` with `config`. */
export function projectWith(stack: string, config: Record<string, unknown>): string {
    const dir = tempDir("sbg-preflight-test-");
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
    return dir;
}

/** What a command printed, and its exit code. */
export interface Ran {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs a command in-process in `cwd` with the credentials environment `env` (and no profile: HOME is empty). */
export async function runIn(
    cwd: string,
    env: Record<string, string | undefined>,
    command: (io: CommandIo) => Promise<number>,
): Promise<Ran> {
    let stdout = "";
    let stderr = "";
    const names = [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_PROFILE",
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        "ALIBABA_CLOUD_ECS_METADATA",
        "HOME",
    ];
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    const home = tempDir("sbg-preflight-home-");
    const set = (n: string, v: string | undefined) => (v === undefined ? delete process.env[n] : (process.env[n] = v));
    names.forEach((n) => set(n, undefined));
    set("HOME", home);
    Object.entries(env).forEach(([n, v]) => set(n, v));
    try {
        const code = await command({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
        return { code, stdout, stderr };
    } finally {
        names.forEach((n) => set(n, saved[n]));
        fs.rmSync(home, { recursive: true, force: true });
    }
}

/** The credentials environment of a valid key. */
export const CREDENTIALS = { ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET };
