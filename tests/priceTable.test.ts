/**
 * The shipped price table (docs/prices/alibaba-cloud.json): every row has the page it came from and the date it was
 * read, in the site's currency; no two rows price the same thing. The user's overrides: each bad entry is refused
 * with the entry and the value named. The sheet a stack gets from both.
 */
import { expect } from "chai";
import * as fs from "fs";
import { parsePriceOverrides, parsePriceTable, PriceTable, resolvePriceSheet } from "../components";
import { loadPriceTable, PRICE_TABLE_FILE, stackPriceSheet } from "../program/prices";

const RAW = JSON.parse(fs.readFileSync(PRICE_TABLE_FILE, "utf8")) as { rows: Record<string, unknown>[] };
const REGIONS = Object.keys(loadPriceTable().regions);

describe("price table (docs/prices/alibaba-cloud.json)", () => {
    const table: PriceTable = loadPriceTable();

    it("is a valid table: every row has an https source, a date read, known regions and the site's currency", () => {
        expect(parsePriceTable(RAW).problems).to.deep.equal([]);
        expect(table.rows.length).to.be.greaterThan(20);
        for (const [i, row] of table.rows.entries()) {
            expect(row.source, `row ${i}`).to.match(/^https:\/\/\S+$/);
            expect(row.read, `row ${i}`).to.match(/^\d{4}-\d{2}-\d{2}$/);
            expect(row.currency, `row ${i}`).to.equal(row.site === "china" ? "CNY" : "USD");
            expect(row.price !== undefined || row.tiers !== undefined || row.notPriced !== undefined, `row ${i}`).to.equal(true);
        }
    });

    it("prices each (site, method, region, line, created-before) once", () => {
        const seen = new Map<string, number>();
        table.rows.forEach((row, i) =>
            row.regions.forEach((region) => {
                const key = [row.site, row.method, region, row.isp ?? "BGP", row.createdBefore ?? ""].join(" ");
                expect(seen.has(key), `${key}: rows ${seen.get(key)} and ${i}`).to.equal(false);
                seen.set(key, i);
            }),
        );
    });

    it("refuses a row without a source or date, naming the row and the value", () => {
        const bad = structuredClone(RAW);
        delete bad.rows[0].source;
        bad.rows[1].read = "last week";
        expect(parsePriceTable(bad).problems).to.deep.equal([
            { propertyPath: "rows.0.source", reason: "is required: a string" },
            { propertyPath: "rows.1.read", reason: 'must be a date YYYY-MM-DD (got "last week")' },
        ]);
    });

    it("cn-shanghai on the china site: pay-by-bandwidth and 95th priced, dominant traffic not priced with the reason", () => {
        const { sheet } = resolvePriceSheet(table, { site: "china", region: "cn-shanghai" });
        expect(sheet).to.deep.include({ site: "china", region: "cn-shanghai", currency: "CNY", isp: "BGP" });
        expect(sheet.prices.PayByBandwidth).to.include({ price: 3.36, unit: "per Mbit/s per day", read: "2026-12-02" });
        expect(sheet.prices.PayBy95).to.include({ price: 3.36, minimumRatio: 0.2 });
        expect(sheet.prices.PayByDominantTraffic.notPriced).to.equal(
            "no unit price for pay-by-dominant-traffic was found in the pages read",
        );
        expect(sheet.prices.eipPayByBandwidth.tiers).to.deep.equal([{ upTo: 5, price: 0.96 }, { price: 3.36 }]);
    });

    it("international plans created now are billed by CDT: not priced, though the older per-GB rate is in the table", () => {
        const { sheet } = resolvePriceSheet(table, { site: "international", region: "cn-shanghai" });
        expect(sheet.currency).to.equal("USD");
        expect(sheet.prices.PayByTraffic.notPriced).to.contain("CDT");
        expect(table.rows.some((r) => r.method === "PayByTraffic" && r.createdBefore === "2024-12-17" && r.price === 0.123)).to.equal(true);
    });

    it("a region the table does not price, or no region at all, is not priced, with the reason", () => {
        expect(resolvePriceSheet(table, { site: "china", region: "cn-zhongwei" }).sheet.prices.PayByBandwidth.notPriced).to.equal(
            "the table has no price for cn-zhongwei (china site, line BGP)",
        );
        expect(resolvePriceSheet(table, { site: "china" }).sheet.prices.natCu.notPriced).to.equal("alicloud:region is not set");
    });
});

describe("price overrides (the user's contract)", () => {
    const parse = (raw: unknown) => parsePriceOverrides(raw, REGIONS);

    it("takes a list, or a file's { prices: [...] }", () => {
        const entry = { region: "cn-shanghai", method: "PayByBandwidth", price: 2.5 };
        expect(parse([entry]).overrides).to.deep.equal([entry]);
        expect(parse({ prices: [entry] }).overrides).to.deep.equal([entry]);
    });

    it("refuses an unknown region, naming the entry and suggesting the nearest", () => {
        expect(parse([{ region: "cn-shangai", method: "PayByBandwidth", price: 2 }]).problems).to.deep.equal([
            {
                propertyPath: "prices.0.region",
                reason: '"cn-shangai" is not an Alibaba Cloud region; did you mean "cn-shanghai"? (entry 0: "cn-shangai" "PayByBandwidth")',
            },
        ]);
    });

    it("refuses a negative price and a non-numeric one, naming the entry and the value", () => {
        expect(
            parse([
                { region: "cn-shanghai", method: "PayByBandwidth", price: -3 },
                { region: "cn-shanghai", method: "PayBy95", price: "3 yuan" },
            ]).problems,
        ).to.deep.equal([
            { propertyPath: "prices.0.price", reason: '-3 must be 0 or more (entry 0: "cn-shanghai" "PayByBandwidth")' },
            { propertyPath: "prices.1.price", reason: 'must be a number (got "3 yuan") (entry 1: "cn-shanghai" "PayBy95")' },
        ]);
    });

    it("refuses a missing method and an unknown one, listing the methods", () => {
        const { problems } = parse([
            { region: "cn-shanghai", price: 3 },
            { region: "cn-shanghai", method: "PayByBandwith", price: 3 },
        ]);
        expect(problems.map((p) => p.propertyPath)).to.deep.equal(["prices.0.method", "prices.1.method"]);
        expect(problems[0].reason).to.match(
            /^is required: one of PayByTraffic, PayByBandwidth, PayBy95, .* \(entry 0: "cn-shanghai" null\)$/,
        );
        expect(problems[1].reason).to.match(/^"PayByBandwith" is not a method; did you mean "PayByBandwidth"\?; use one of /);
    });

    it("refuses both a price and tiers, tiers out of order, and a minimum ratio on another method", () => {
        const { problems } = parse([
            { region: "cn-shanghai", method: "eipPayByBandwidth", price: 1, tiers: [{ price: 2 }] },
            { region: "cn-shanghai", method: "eipPayByBandwidth", tiers: [{ upTo: 10, price: 1 }, { upTo: 5, price: 2 }, { price: 3 }] },
            { region: "cn-shanghai", method: "PayByBandwidth", price: 3, minimumRatio: 0.2 },
        ]);
        expect(problems.map((p) => p.propertyPath)).to.deep.equal(["prices.0", "prices.1.tiers.1.upTo", "prices.2.minimumRatio"]);
        expect(problems[0].reason).to.equal('give exactly one of price or tiers (got 2) (entry 0: "cn-shanghai" "eipPayByBandwidth")');
    });

    it("an override replaces the table's price for its region only; the report knows it is the user's", () => {
        const table = loadPriceTable();
        const overrides = parse([
            { region: "cn-shanghai", method: "PayByBandwidth", price: 2.5, source: "contract 2026-07" },
            { region: "cn-beijing", method: "PayByBandwidth", price: 1 },
        ]).overrides;
        const { sheet } = resolvePriceSheet(table, { site: "china", region: "cn-shanghai", overrides, overrideSource: "config x:prices" });
        expect(sheet.prices.PayByBandwidth).to.deep.equal({
            price: 2.5,
            unit: "per Mbit/s per day",
            source: "contract 2026-07",
            overridden: true,
        });
        expect(sheet.prices.PayBy95.overridden).to.equal(undefined);
    });

    it("refuses an override in another currency than the site's", () => {
        const { problems } = stackPriceSheet({
            table: loadPriceTable(),
            site: "china",
            region: "cn-shanghai",
            overrides: [{ region: "cn-shanghai", method: "natCu", price: 0.03, currency: "USD" }],
            overrideSource: "config",
            overridePath: "ns:prices",
        });
        expect(problems).to.deep.equal([
            { propertyPath: "ns:prices.0.currency", reason: '"USD": the china site bills in CNY (entry 0: "cn-shanghai" "natCu")' },
        ]);
    });
});
