/**
 * The RAM policy check of a lifecycle: every action the real provider sent to the emulator during the stack's
 * lifecycle (deploy, refresh, update, destroy; the emulator's request log, which `SBG_EMULATOR_LOG` dumps) is in the
 * policy `npm run policy` prints for the configs the lifecycle deployed, and the policy allows nothing the provider
 * did not send.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { policyActionNames, type RamPolicy } from "../preflight/policy";
import type { StackConfig } from "./stack";

const ROOT = path.resolve(__dirname, "..");

/** The policy `npm run policy -- --config FILE` prints for `config`, as a stack named `name`. */
function policyOf(name: string, config: StackConfig): RamPolicy {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-e2e-policy-"));
    try {
        const file = path.join(dir, `Pulumi.${name}.yaml`);
        fs.writeFileSync(file, stringify({ config }));
        const out = execFileSync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", path.join(ROOT, "tools", "policy.ts"), "--config", file],
            { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        );
        return JSON.parse(out) as RamPolicy;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Differences between the policies of `configs` (the lifecycle's deployed and updated configs) and the `sent` actions. */
export function policyProblems(name: string, configs: StackConfig[], sent: string[]): string[] {
    const allowed = new Set(configs.flatMap((c) => policyActionNames(policyOf(name, c))));
    const called = new Set(sent.filter((a) => a !== ""));
    return [
        ...[...called].filter((a) => !allowed.has(a)).map((a) => `the provider called ${a}, which npm run policy does not allow`),
        ...[...allowed].filter((a) => !called.has(a)).map((a) => `npm run policy allows ${a}, which the lifecycle never called`),
    ].sort();
}
