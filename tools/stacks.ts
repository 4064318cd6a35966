/** The stacks a command runs on: `--stack NAME` (Pulumi.NAME.yaml), `--config FILE`, or every shipped stack. */
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../e2e/engine";

/** The shipped stacks: every `Pulumi.<name>.yaml` of the repository. */
export function shippedStacks(): string[] {
    return fs
        .readdirSync(ROOT)
        .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** `[name, stack file]` pairs for the given options; every shipped stack when neither is given. */
export function stackTargets(stacks: string[] | undefined, configs: string[] | undefined): [string, string][] {
    return [
        ...(stacks ?? (configs ? [] : shippedStacks())).map((s): [string, string] => [s, path.join(ROOT, `Pulumi.${s}.yaml`)]),
        ...(configs ?? []).map((f): [string, string] => [path.basename(f).replace(/^Pulumi\.|\.yaml$/g, "") || "custom", path.resolve(f)]),
    ];
}
