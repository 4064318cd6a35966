/**
 * `npm run plan -- --prices FILE`: the user's prices (their contract) for the plan, checked before anything runs and
 * handed to the program as the stack's `prices` config key, after the overrides the stack file already gives.
 */
import * as fs from "fs";
import { parse } from "yaml";
import { parsePriceOverrides } from "../components";
import { loadPriceTable } from "../program/prices";

/**
 * The stack config with the file's overrides appended to `<project>:prices`; each override without a `source` gets
 * `--prices <name>`. Throws an Error listing every problem of the file (each naming the entry and the bad value).
 */
export function injectPriceFile(config: Record<string, string>, project: string, file: string, name: string): Record<string, string> {
    let raw: unknown;
    try {
        raw = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`cannot read the prices file ${name}: ${(e as Error).message.split("\n")[0]}`, { cause: e });
    }
    const table = loadPriceTable();
    const { overrides, problems } = parsePriceOverrides(raw, Object.keys(table.regions), "prices");
    if (!overrides) {
        throw new Error(`the prices file ${name} is not valid:\n${problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n")}`);
    }
    const key = `${project}:prices`;
    let given: unknown = [];
    if (config[key] !== undefined) {
        try {
            given = JSON.parse(config[key]);
        } catch {
            given = config[key];
        }
    }
    if (!Array.isArray(given)) {
        // The program reports the stack's own key; the file cannot be added to what is not a list.
        return config;
    }
    const fromFile = overrides.map((o) => ({ ...o, source: o.source ?? `--prices ${name}` }));
    return { ...config, [key]: JSON.stringify([...given, ...fromFile]) };
}
