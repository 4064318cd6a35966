/**
 * Every problem at once: a value of the wrong shape (a misspelt key, a string where a number goes) must not hide the
 * problems elsewhere. The arguments are copied with each part the schema refused taken out (or, for a required part,
 * replaced by a neutral stand-in), the semantic checks run on that copy, and their findings about a part already
 * reported as malformed are left out (they would only repeat it). Pure.
 */
import type { z } from "zod";
import { shapeIssues } from "../schema";
import type { SharedBandwidthGatewayArgs } from "../types";
import type { Problem } from "./types";

type Obj = Record<PropertyKey, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A deep copy of plain data; Outputs and other class instances are kept as they are. */
function copy(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(copy);
    }
    if (isObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    }
    return v;
}

/** Removes the value at `path` (an array element is dropped, an object key deleted). */
function remove(root: unknown, path: PropertyKey[]): void {
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (isObject(v) || Array.isArray(v) ? (v as Obj)[k] : undefined), root);
    const key = path[path.length - 1];
    if (Array.isArray(parent) && typeof key === "number") {
        parent[key] = undefined;
    } else if (isObject(parent)) {
        delete parent[key];
    }
}

/** Arrays compacted after removals. */
function compact(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.filter((x) => x !== undefined).map(compact);
    }
    if (isObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
    }
    return v;
}

/** Required parts made whole again with neutral values; entries that cannot stand without a refused part dropped. */
function standIns(a: Obj): void {
    for (const key of ["natGateway", "bandwidthPlan", "eips"]) {
        if (!isObject(a[key])) {
            a[key] = {};
        }
    }
    const eips = a.eips as Obj;
    Object.keys(eips).forEach((k) => (eips[k] = isObject(eips[k]) ? eips[k] : {}));
    const rules = isObject(a.rules) ? a.rules : {};
    for (const [k, r] of Object.entries(rules)) {
        if (!isObject(r) || ["eip", "protocol", "internalIp"].some((f) => typeof r[f] !== "string")) {
            delete rules[k];
        }
    }
    const apps = isObject(a.applications) ? a.applications : {};
    for (const [k, app] of Object.entries(apps)) {
        apps[k] = isObject(app) && typeof app.baselineMbps === "number" ? app : { baselineMbps: 0 };
    }
}

/** The arguments with every malformed part taken out, or undefined when that still does not make a usable whole. */
function sanitise(args: unknown, issues: z.core.$ZodIssue[]): SharedBandwidthGatewayArgs | undefined {
    const a = copy(args);
    if (!isObject(a)) {
        return undefined;
    }
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            issue.keys.forEach((k) => remove(a, [...issue.path, k]));
        } else if (issue.path.length === 2 && issue.path[0] === "eips" && isObject(a.eips)) {
            a.eips[issue.path[1]] = {}; // the key still names an EIP the rules may use
        } else if (issue.path.length > 0) {
            remove(a, issue.path);
        }
    }
    const clean = compact(a) as Obj;
    standIns(clean);
    return shapeIssues(clean).issues.length === 0 ? (clean as unknown as SharedBandwidthGatewayArgs) : undefined;
}

/** Whether `path` is `under` or inside it (`rules.web.eip` is inside `rules.web`). */
function within(path: string, under: string): boolean {
    return path === under || path.startsWith(`${under}.`) || under === "(root)";
}

/**
 * The shape problems, and the arguments the semantic checks can run on (undefined when the shape is fine: check the
 * arguments themselves; or when nothing usable is left).
 */
export function checkShapeFirst(args: SharedBandwidthGatewayArgs): { problems: Problem[]; usable?: SharedBandwidthGatewayArgs } {
    const { problems, issues } = shapeIssues(args);
    if (issues.length === 0) {
        return { problems, usable: args };
    }
    return { problems, usable: sanitise(args, issues) };
}

/** Properties that name an entry of a collection: with the whole collection malformed, they cannot be checked. */
const REFERENCES: [RegExp, string][] = [
    [/^rules\.[^.]+\.eip$/, "eips"],
    [/^rules\.[^.]+\.application$/, "applications"],
];

/**
 * The semantic findings that add something to the shape problems: none about a part reported as malformed, and none
 * about a reference into a collection reported as malformed as a whole.
 */
export function beyondShape(shape: Problem[], found: Problem[]): Problem[] {
    const malformed = (path: string) => shape.some((s) => within(path, s.propertyPath));
    return found.filter((f) => !malformed(f.propertyPath) && !REFERENCES.some(([re, into]) => re.test(f.propertyPath) && malformed(into)));
}
