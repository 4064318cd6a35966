/**
 * The price table shipped with the project (docs/prices/alibaba-cloud.json) and a user's overrides (their contract):
 * schemas and pure parsers that report every problem with the entry it is in and the bad value.
 */
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { ACCOUNT_SITES, AccountSite } from "../limits";
import type { Problem } from "../schema";
import { PRICE_METHODS, PriceMethod, SITE_CURRENCY } from "./methods";

/** One step of a graduated price: the units up to `upTo` (after the previous step's) cost `price` each; the last has no `upTo`. */
export interface PriceTier {
    upTo?: number;
    price: number;
}

/** A price as given: one unit price, or graduated tiers; `minimumRatio` is the enhanced 95th percentile's baseline share. */
export interface PriceValue {
    price?: number;
    tiers?: PriceTier[];
    /** PayBy95 only: the share of the plan's bandwidth billed every day whatever the traffic (0.2 = 20%). */
    minimumRatio?: number;
}

/** A row of the shipped table: a price (or why there is none) for a site, a method and the regions it applies to. */
export interface PriceRow extends PriceValue {
    site: AccountSite;
    method: PriceMethod;
    regions: string[];
    currency: string;
    /** Line type the price is for; absent: BGP (Multi-ISP). */
    isp?: string;
    /** Why no price is given (no source found); exclusive with `price` and `tiers`. */
    notPriced?: string;
    /** Applies only to resources created before this date (`YYYY-MM-DD`); the estimate prices new resources. */
    createdBefore?: string;
    /** The page the price was read from. */
    source: string;
    /** When it was read, `YYYY-MM-DD`. */
    read: string;
    /** The page's own date (last updated, or the commit of the documentation repository), when known. */
    pageUpdated?: string;
    note?: string;
}

export interface PriceTable {
    schemaVersion: number;
    description?: string;
    /** Region ids the table knows, with their names. */
    regions: Record<string, string>;
    rows: PriceRow[];
}

/** A user's price for one method in one region (their contract); it replaces the table's. */
export interface PriceOverride extends PriceValue {
    region: string;
    method: PriceMethod;
    /** When given, must be the site's currency. */
    currency?: string;
    isp?: string;
    /** Where the price comes from (a contract, a quote); default: where the override was given. */
    source?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const amount = z.number().min(0);
const tier = z.strictObject({ upTo: z.number().positive().optional(), price: amount });
const value = {
    price: amount.optional(),
    tiers: z.array(tier).min(1).optional(),
    minimumRatio: z.number().gt(0).max(1).optional(),
};

const rowSchema = z.strictObject({
    site: z.enum(ACCOUNT_SITES),
    method: z.enum(PRICE_METHODS),
    regions: z.array(z.string()).min(1),
    currency: z.string(),
    isp: z.string().optional(),
    ...value,
    notPriced: z.string().min(1).optional(),
    createdBefore: z.string().regex(DATE).optional(),
    source: z.string().regex(/^https:\/\/\S+$/, "must be the https address of the page"),
    read: z.string().regex(DATE, "must be a date YYYY-MM-DD"),
    pageUpdated: z.string().regex(DATE).optional(),
    note: z.string().optional(),
});

const tableSchema = z.strictObject({
    schemaVersion: z.literal(1),
    description: z.string().optional(),
    regions: z.record(z.string(), z.string()),
    rows: z.array(rowSchema),
});

const overrideSchema = z.strictObject({
    region: z.string(),
    method: z.string(),
    ...value,
    currency: z.string().optional(),
    isp: z.string().optional(),
    source: z.string().optional(),
});

function show(v: unknown): string {
    const text = JSON.stringify(v);
    return text === undefined ? String(v) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What a required field must be, when it is missing. */
const REQUIRED: Record<string, string> = {
    method: `one of ${PRICE_METHODS.join(", ")}`,
    region: "a region id such as cn-shanghai",
};

/** The reason for one zod issue, with the bad value. */
function issueReason(issue: z.core.$ZodIssue): string {
    const input = "input" in issue ? issue.input : undefined;
    if (issue.code === "invalid_type" && input === undefined) {
        return `is required: ${REQUIRED[String(issue.path[issue.path.length - 1])] ?? `a ${issue.expected}`}`;
    }
    if (issue.code === "invalid_type") {
        return `must be a ${issue.expected} (got ${show(input)})`;
    }
    if (issue.code === "too_small" && issue.origin === "number") {
        return `${show(input)} must be ${issue.inclusive ? "0 or more" : "more than 0"}`;
    }
    if (issue.code === "unrecognized_keys") {
        return `unknown ${issue.keys.length === 1 ? "property" : "properties"} ${issue.keys.map((k) => show(k)).join(", ")}`;
    }
    return `${issue.message.replace(/^Invalid input: /, "")} (got ${show(input)})`;
}

function zodProblems(error: z.ZodError, prefix: string, describe: (index: number) => string): Problem[] {
    return error.issues.map((issue) => {
        const path = [prefix, ...issue.path.map(String)].filter((p) => p !== "").join(".");
        const entry = typeof issue.path[0] === "number" ? describe(issue.path[0]) : "";
        return { propertyPath: path, reason: `${issueReason(issue)}${entry}` };
    });
}

/** Checks of a price's shape that the schema cannot express; `at` is the entry's path. */
function checkValue(problems: Problem[], at: string, v: PriceValue & { method: string; notPriced?: string }, entry: string): void {
    const given = [v.price !== undefined, v.tiers !== undefined, v.notPriced !== undefined].filter(Boolean).length;
    if (given !== 1) {
        const what = v.notPriced === undefined ? "price or tiers" : "price, tiers or notPriced";
        problems.push({ propertyPath: at, reason: `give exactly one of ${what} (got ${given})${entry}` });
    }
    (v.tiers ?? []).forEach((t, i) => {
        const last = i === v.tiers!.length - 1;
        const previous = i > 0 ? v.tiers![i - 1].upTo : 0;
        if (last !== (t.upTo === undefined) || (t.upTo !== undefined && previous !== undefined && t.upTo <= previous)) {
            problems.push({
                propertyPath: `${at}.tiers.${i}.upTo`,
                reason: `${show(t.upTo ?? null)}: tiers go up in upTo order and only the last has no upTo${entry}`,
            });
        }
    });
    if (v.minimumRatio !== undefined && v.method !== "PayBy95") {
        problems.push({ propertyPath: `${at}.minimumRatio`, reason: `${v.minimumRatio}: only PayBy95 has a minimum ratio${entry}` });
    }
}

/** `did you mean "cn-shanghai"?` when a known name is close. */
function nearest(value: string, known: string[]): string {
    const near = known.length > 0 ? closest(value, known) : undefined;
    return near !== undefined && distance(value, near) <= 3 ? `; did you mean ${show(near)}?` : "";
}

/** Parses the shipped table; every row must have a source, a date read, known regions and the site's currency. */
export function parsePriceTable(raw: unknown): { table?: PriceTable; problems: Problem[] } {
    const parsed = tableSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
        return { problems: zodProblems(parsed.error, "", () => "") };
    }
    const table = parsed.data as PriceTable;
    const problems: Problem[] = [];
    const known = Object.keys(table.regions);
    table.rows.forEach((row, i) => {
        const entry = ` (row ${i}: ${row.site} ${row.method})`;
        checkValue(problems, `rows.${i}`, row, entry);
        if (row.currency !== SITE_CURRENCY[row.site]) {
            problems.push({
                propertyPath: `rows.${i}.currency`,
                reason: `${show(row.currency)}: the ${row.site} site bills in ${SITE_CURRENCY[row.site]}${entry}`,
            });
        }
        row.regions
            .filter((r) => !known.includes(r))
            .forEach((r) => problems.push({ propertyPath: `rows.${i}.regions`, reason: `${show(r)} is not in regions${entry}` }));
    });
    return problems.length === 0 ? { table, problems } : { problems };
}

/**
 * Parses a user's overrides: a list of entries, or `{ prices: [...] }` (a file). Problems are named `<prefix>.<n>.<field>`
 * and end with the entry they are in: an unknown region, a negative or non-numeric price, a missing or unknown method.
 */
export function parsePriceOverrides(
    raw: unknown,
    knownRegions: string[],
    prefix = "prices",
): { overrides?: PriceOverride[]; problems: Problem[] } {
    const list = raw && typeof raw === "object" && !Array.isArray(raw) && "prices" in raw ? (raw as { prices: unknown }).prices : raw;
    if (!Array.isArray(list)) {
        return {
            problems: [
                {
                    propertyPath: prefix,
                    reason: `must be a list of prices, e.g. [{ region: cn-shanghai, method: PayByBandwidth, price: 3 }] (got ${show(list)})`,
                },
            ],
        };
    }
    const describe = (i: number) => {
        const e = list[i] as { region?: unknown; method?: unknown } | undefined;
        return ` (entry ${i}: ${show(e?.region ?? null)} ${show(e?.method ?? null)})`;
    };
    const parsed = z.array(overrideSchema).safeParse(list, { reportInput: true });
    const problems = parsed.success ? [] : zodProblems(parsed.error, prefix, describe);
    list.forEach((e: unknown, i) => {
        const o = (e && typeof e === "object" ? e : {}) as Record<string, unknown>;
        const at = `${prefix}.${i}`;
        if (typeof o.region === "string" && !knownRegions.includes(o.region)) {
            problems.push({
                propertyPath: `${at}.region`,
                reason: `${show(o.region)} is not an Alibaba Cloud region${nearest(o.region, knownRegions)}${describe(i)}`,
            });
        }
        if (typeof o.method === "string" && !(PRICE_METHODS as readonly string[]).includes(o.method)) {
            problems.push({
                propertyPath: `${at}.method`,
                reason: `${show(o.method)} is not a method${nearest(o.method, [...PRICE_METHODS])}; use one of ${PRICE_METHODS.join(", ")}${describe(i)}`,
            });
        }
        if (parsed.success) {
            checkValue(problems, at, o as unknown as PriceValue & { method: string }, describe(i));
        }
    });
    return problems.length === 0 ? { overrides: parsed.data as PriceOverride[], problems } : { problems };
}
