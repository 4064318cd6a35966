/**
 * What the engine does with a resource that is deployed and still in the program: nothing (`same`), an in-place
 * `update`, or a `replace`, decided as the provider decides it: a change to an argument the provider marks ForceNew
 * replaces the resource, any other change updates it in place (each kind's `forceNew`, offline/kinds/<kind>.ts). Pure.
 */
import { offlineKind } from "./kinds";

export type Operation = "create" | "import" | "update" | "replace" | "delete" | "same" | "read";

/** One changed input: what is deployed, and what the program gives now (undefined: not set). */
export interface ChangedValue {
    old: unknown;
    new: unknown;
}

/** The diff of one resource against its deployed state. */
export interface ResourceDiff {
    operation: "same" | "update" | "replace";
    /** Inputs whose value changes, sorted. */
    changes: string[];
    /** The deployed and the new value of each changed input, in the order of `changes`. */
    values: Record<string, ChangedValue>;
    /** The changed inputs that force the replacement (empty unless `replace`). */
    replaceKeys: string[];
}

/** Engine bookkeeping and values that say nothing comparable (a dynamic provider's serialised code). */
function ignored(key: string): boolean {
    return key.startsWith("__");
}

/** JSON with sorted keys, undefined dropped: the comparison the engine's wire format allows. */
function canonical(v: unknown): string {
    return JSON.stringify(v, (_k, x: unknown) =>
        x && typeof x === "object" && !Array.isArray(x)
            ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
            : x,
    );
}

/**
 * Compares the program's inputs with the deployed ones. An input the program leaves out is unchanged when the
 * provider filled it in as a default (`__defaults`, written by the bridge) or when it was never set.
 */
export function diffInputs(type: string, olds: Record<string, unknown>, news: Record<string, unknown>): ResourceDiff {
    const defaults = new Set(Array.isArray(olds.__defaults) ? (olds.__defaults as string[]) : []);
    const keys = new Set([...Object.keys(news), ...Object.keys(olds)].filter((k) => !ignored(k)));
    const changes: string[] = [];
    for (const k of keys) {
        const [o, n] = [olds[k], news[k]];
        if (n === undefined && (o === undefined || defaults.has(k))) {
            continue;
        }
        if (canonical(o) !== canonical(n)) {
            changes.push(k);
        }
    }
    changes.sort();
    const forceNew = offlineKind(type)?.forceNew ?? [];
    const replaceKeys = changes.filter((k) => forceNew.includes(k));
    // A secret deployed value is "[secret]" (priorState.ts); its new value is not shown either.
    const values = Object.fromEntries(changes.map((k) => [k, { old: olds[k], new: olds[k] === "[secret]" ? "[secret]" : news[k] }]));
    return { operation: replaceKeys.length > 0 ? "replace" : changes.length > 0 ? "update" : "same", changes, values, replaceKeys };
}

/** Units of inputs that are amounts, by input name (the plan's and an EIP's `bandwidth` are Mbit/s). */
const UNITS: Record<string, string> = { bandwidth: "Mbit/s" };

/** A value as the report shows it: text as is, other values as JSON, long ones cut; "(not set)" for undefined. */
function shown(v: unknown): string {
    if (v === undefined || v === null) {
        return "(not set)";
    }
    const text = typeof v === "string" ? v : JSON.stringify(v);
    return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

/** `bandwidth: 150 → 300 Mbit/s`: one changed input, old and new value. Pure. */
export function changeText(input: string, value: ChangedValue): string {
    const unit = UNITS[input] && value.old !== undefined && value.new !== undefined ? ` ${UNITS[input]}` : "";
    return `${input}: ${shown(value.old)} → ${shown(value.new)}${unit}`;
}
