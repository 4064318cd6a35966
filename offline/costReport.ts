/**
 * The plan report's monthly estimate: a short table of each way of paying, shared and without sharing, the charges
 * every method has, the cheapest with its margin, why a method is not priced or not available, the prices used with
 * their sources, the assumptions, and with `--state` the change in monthly cost. Pure.
 */
import Table from "cli-table3";
import type { CostEstimate, MethodCost } from "../components";
import type { CostChange } from "./costChange";

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 2 });

function cell(c: MethodCost | undefined): string {
    if (!c) {
        return "-";
    }
    return c.status === "priced" ? money(c.monthly!) : c.status;
}

/** Rows of the table: the plan's methods (shared and separate), then the EIP's own billing (separate only). */
function costTable(e: CostEstimate): string {
    const t = new Table({
        head: ["Way of paying", `Shared plan, ${e.currency}/month`, `Without sharing, ${e.currency}/month`],
        style: { head: [], border: [], compact: true },
    });
    for (const s of e.shared) {
        const name = `${s.label} (${s.method})${s.method === e.configuredMethod ? ", configured" : ""}`;
        t.push([name, cell(s), cell(e.separate.find((x) => x.method === s.method))]);
    }
    for (const x of e.separate.filter((c) => !e.shared.some((s) => s.method === c.method))) {
        t.push([`${x.label}, each application on its own EIP`, "-", cell(x)]);
    }
    return t.toString();
}

function cheapestLine(e: CostEstimate): string {
    const c = e.cheapest;
    if (!c) {
        return "Cheapest: none of the plan's methods is priced for this site and region (give your prices, docs/costs.md)";
    }
    const margin =
        c.runnerUp === undefined
            ? "the only priced method"
            : c.marginMonthly === 0
              ? `tied with ${c.runnerUp}`
              : `${money(c.marginMonthly!)} ${e.currency} (${c.marginPercent}%) less than ${c.runnerUp}`;
    const sharing =
        e.sharingSavesMonthly !== undefined
            ? `; without sharing the cheapest is ${e.cheapestSeparate!.method} at ${money(e.cheapestSeparate!.monthly)}: sharing saves ${money(e.sharingSavesMonthly)} ${e.currency} a month`
            : "";
    return `Cheapest: ${c.method} at ${money(c.monthly)} ${e.currency} a month, ${margin}${sharing}`;
}

function commonLine(e: CostEstimate): string {
    const parts = e.common.map((c) => `${c.label} ${c.status === "priced" ? money(c.monthly!) : c.status}`);
    return `Every method also pays: ${parts.join(", ")} (${money(e.commonMonthly)} ${e.currency} priced)`;
}

/** Why each method of the table is not priced or not available, once per method. */
function reasons(e: CostEstimate): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const [where, c] of [
        ...e.shared.map((c) => ["shared", c] as const),
        ...e.separate.map((c) => ["without sharing", c] as const),
        ...e.common.map((c) => ["", c] as const),
    ]) {
        const line = `  - ${c.method}${where ? ` (${where})` : ""} ${c.status}: ${c.basis}`;
        const noted = c.status === "priced" && c.basis.includes("is the smallest");
        if ((c.status !== "priced" || noted) && !seen.has(`${c.method}${c.basis}`)) {
            seen.add(`${c.method}${c.basis}`);
            out.push(line);
        }
    }
    return out;
}

function changeLine(change: CostChange): string {
    const side = (s: CostChange["planned"]) =>
        `${s.totalMonthly !== undefined ? money(s.totalMonthly) : "not priced"} (${s.method}, ${s.planMbps} Mbit/s, ${s.eipCount} EIPs)`;
    if (!change.deployed) {
        return `Monthly cost after the update: ${side(change.planned)} ${change.currency}; nothing priced is deployed to compare with`;
    }
    const delta =
        change.deltaMonthly !== undefined
            ? `: ${change.deltaMonthly >= 0 ? "+" : ""}${money(change.deltaMonthly)} ${change.currency} a month`
            : "";
    return `Monthly cost, configured method and common charges: deployed ${side(change.deployed)} -> planned ${side(change.planned)}${delta}`;
}

/** The section's lines; the title is the caller's. */
export function costSection(e: CostEstimate, change?: CostChange): string {
    const out = [
        `Demand: ${money(e.outboundGbPerMonth)} GB outbound a month, enhanced 95th percentile ${money(e.percentile95Mbps)} Mbit/s, plan ${e.planMbps} Mbit/s (${e.site} site, ${e.region})`,
        costTable(e),
        cheapestLine(e),
        commonLine(e),
    ];
    if (change) {
        out.push(changeLine(change));
    }
    const why = reasons(e);
    if (why.length > 0) {
        out.push("Not priced, not available, or priced at a method's smallest plan:", ...why);
    }
    out.push(
        "Prices used:",
        ...e.prices.map(
            (p) =>
                `  - ${p.method}: ${p.price}${p.overridden ? " (your price)" : ""}; ${p.source}${p.pageUpdated ? ` (page of ${p.pageUpdated})` : ""}${p.read ? `, read ${p.read}` : ""}`,
        ),
        "Assumptions:",
        ...e.assumptions.map((a) => `  - ${a}`),
        e.notice,
    );
    return out.join("\n");
}
