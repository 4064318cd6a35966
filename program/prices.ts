/**
 * The prices a stack is estimated with: the table shipped in docs/prices/alibaba-cloud.json for the account's site and
 * the stack's region, with the user's overrides (the `prices` config key, or `npm run plan -- --prices FILE`) on top.
 * Read here, in the program; the component only receives the resolved sheet.
 */
import * as fs from "fs";
import * as path from "path";
import {
    limits,
    parsePriceOverrides,
    parsePriceTable,
    PriceOverride,
    PriceSheet,
    PriceTable,
    Problem,
    resolvePriceSheet,
} from "../components";

const ACCOUNT_SITES_LIST = limits.ACCOUNT_SITES;

/** The table shipped with the project. */
export const PRICE_TABLE_FILE = path.join(__dirname, "..", "docs", "prices", "alibaba-cloud.json");

/** Reads and checks the table; throws with every problem when it is not a valid table. */
export function loadPriceTable(file = PRICE_TABLE_FILE): PriceTable {
    const { table, problems } = parsePriceTable(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!table) {
        throw new Error(`${file} is not a valid price table:\n${problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n")}`);
    }
    return table;
}

/** What the stack's sheet is resolved from. */
export interface StackPriceInput {
    table: PriceTable;
    /** `accountSite` as configured (default international); an unknown site gets no sheet (validation reports it). */
    site?: unknown;
    /** `alicloud:region`. */
    region?: string;
    /** `bandwidthPlan.isp`. */
    isp?: unknown;
    /** The `prices` config key as given (a list of overrides), if any. */
    overrides?: unknown;
    /** Where the overrides were given (`config shared-bandwidth-gateway:prices`). */
    overrideSource: string;
    /** Path prefix of the overrides in problems (`shared-bandwidth-gateway:prices`). */
    overridePath: string;
}

/** The stack's sheet, or the problems of its overrides (each naming the entry and the bad value). */
export function stackPriceSheet(input: StackPriceInput): { sheet?: PriceSheet; problems: Problem[] } {
    const site = input.site ?? "international";
    if (typeof site !== "string" || !(ACCOUNT_SITES_LIST as readonly string[]).includes(site)) {
        return { problems: [] };
    }
    let overrides: PriceOverride[] | undefined;
    if (input.overrides !== undefined) {
        const parsed = parsePriceOverrides(input.overrides, Object.keys(input.table.regions), input.overridePath);
        if (!parsed.overrides) {
            return { problems: parsed.problems };
        }
        overrides = parsed.overrides;
    }
    const { sheet, problems } = resolvePriceSheet(input.table, {
        site: site as (typeof ACCOUNT_SITES_LIST)[number],
        region: input.region,
        isp: typeof input.isp === "string" ? input.isp : undefined,
        overrides,
        overrideSource: input.overrideSource,
        overridePath: input.overridePath,
    });
    return problems.length > 0 ? { problems } : { sheet, problems };
}
