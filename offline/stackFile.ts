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

/** Reads a stack file (`Pulumi.<stack>.yaml`); keys without a namespace get the project's. */
export function readStackConfig(file: string, project: string): Record<string, string> {
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`${file}: ${(e as Error).message.split("\n")[0]}`);
    }
    const config = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new StackFileError(`${file}: "config" must be a map of keys to values`);
    }
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
        if (value && typeof value === "object" && "secure" in (value as object)) {
            throw new StackFileError(`${file}: ${key} is an encrypted secret; offline runs cannot decrypt secrets`);
        }
        const full = key.includes(":") ? key : `${project}:${key}`;
        out[full] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}
