/**
 * Reads Pulumi project and stack files the way the engine hands them to a program: full config keys
 * (`namespace:key`) to strings, structured values JSON-encoded.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The project name from `Pulumi.yaml` in `dir`. */
export function readProjectName(dir: string): string {
    const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name?: unknown };
    if (typeof project?.name !== "string") {
        throw new Error(`${path.join(dir, "Pulumi.yaml")} has no project name`);
    }
    return project.name;
}

/** Thrown when a stack file cannot be read or is not a Pulumi stack file. */
export class StackFileError extends Error {}

/**
 * Program keys whose value only names something, so a secret one can be planned with a stand-in of the same form
 * (it passes the id check; the plan shows it instead of the value it cannot decrypt).
 */
export const REDACTED_VPC_ID = "vpc-redacted";
const REDACTED: Record<string, string> = { vpcId: REDACTED_VPC_ID };

/**
 * What the plan uses for an encrypted value (`pulumi config set --secret`), which offline runs cannot decrypt:
 * nothing for other namespaces (provider credentials such as `alicloud:secretKey` are not needed offline), a redacted
 * stand-in for a program key that only names something, and a refusal naming the key for one the plan needs.
 */
function plannedSecret(file: string, key: string, project: string): string | undefined {
    if (!key.startsWith(`${project}:`)) {
        return undefined;
    }
    const standIn = REDACTED[key.slice(project.length + 1)];
    if (standIn !== undefined) {
        return standIn;
    }
    throw new StackFileError(
        `${file}: ${key} is an encrypted secret and the plan needs its value; offline runs cannot decrypt secrets, so plan a copy of the stack file with the plain value`,
    );
}

/**
 * A YAML error with the lines it points at: the parser's message ("... at line 4, column 3:") and its snippet of the
 * offending lines with a caret under the place, each line quoted with "| " so the caret stays aligned.
 */
export function yamlErrorText(e: Error): string {
    const [first, ...rest] = e.message.replace(/\s+$/, "").split("\n");
    const snippet = rest.filter((line, i) => !(i === 0 && line === ""));
    return snippet.length > 0 ? `${first}\n${snippet.map((l) => `    | ${l}`).join("\n")}` : first;
}

/** Reads a stack file (`Pulumi.<stack>.yaml`); keys without a namespace get the project's. */
export function readStackConfig(file: string, project: string): Record<string, string> {
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`${file}: ${yamlErrorText(e as Error)}`);
    }
    const config = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new StackFileError(`${file}: "config" must be a map of keys to values`);
    }
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
        const full = key.includes(":") ? key : `${project}:${key}`;
        if (value && typeof value === "object" && "secure" in (value as object)) {
            const planned = plannedSecret(file, full, project);
            if (planned !== undefined) {
                out[full] = planned;
            }
            continue;
        }
        out[full] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

/** Lists the stacks that have a file in `dir`. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}
