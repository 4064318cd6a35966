/**
 * The monthly estimate through the program and the offline plan: the component's `bandwidthEconomics.costs` (the
 * existing fields kept), the report's short table and the JSON document for dev and prod, the user's prices from the
 * `prices` config key and from `--prices FILE` (bad entries refused by name and value), and the change in monthly
 * cost an update makes (`--state`).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../tools/plan";
import { buildPlan, PlanDocument } from "../../offline/plan";
import { parsePriorState } from "../../offline/priorState";
import { runStack } from "../support/run";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const NS = "shared-bandwidth-gateway:";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stack config edited freely in tests
type Config = Record<string, any>;

function tempFile(name: string, text: string): string {
    const file = path.join(tempDir("plan-costs-"), name);
    fs.writeFileSync(file, text);
    return file;
}

/** The stack file of `stack` with `change` applied, as Pulumi.<stack>.yaml in a directory of its own. */
function changedStack(stack: string, change: (c: Config) => void): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Config };
    change(doc.config);
    return tempFile(`Pulumi.${stack}.yaml`, stringify(doc));
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
    return { code, stdout, stderr };
}

describe("monthly cost estimate in the program and the offline plan", () => {
    let dev: PlanDocument;
    let prod: PlanDocument;
    before(async () => {
        dev = await buildPlan({ projectDir: ROOT, stack: "dev" });
        prod = await buildPlan({ projectDir: ROOT, stack: "prod" });
    });

    it("the component's bandwidthEconomics keeps its fields and adds costs (dev, china site, cn-shanghai)", async () => {
        const { outputs } = await runStack("dev");
        const econ = outputs.bandwidthEconomics as Record<string, unknown> & { costs: { cheapest: unknown; region: string } };
        expect(econ).to.include({ coincidentPeakMbps: 1500, sumOfPeaksMbps: 2000, planMbps: 1500, savingMbps: 500 });
        expect(econ.allocation).to.have.length(5);
        expect(econ.costs.region).to.equal("cn-shanghai");
        expect(econ.costs.cheapest).to.deep.equal({
            method: "PayByBandwidth",
            label: "pay-by-bandwidth",
            monthly: 151200,
            runnerUp: "PayBy95",
            marginMonthly: 0,
            marginPercent: 0,
        });
    });

    it("dev: 1500 Mbit/s shared is 151,200 CNY by bandwidth against 201,600 for two 1000 Mbit/s plans (3.36 CNY per Mbit/s per day)", () => {
        const c = dev.bandwidth.costs!;
        expect(c.shared.find((m) => m.method === "PayByBandwidth")!.monthly).to.equal(1500 * 3.36 * 30);
        expect(c.separate.find((m) => m.method === "PayByBandwidth")!.monthly).to.equal(2 * 1000 * 3.36 * 30);
        expect(c.sharingSavesMonthly).to.equal(500 * 3.36 * 30);
        expect(c.shared.find((m) => m.method === "PayByDominantTraffic")!.status).to.equal("not priced");
    });

    it("prod: by 95th the 150 Mbit/s plan (priced as the smallest, 200) is cheapest at 132 x 3.36 x 30, 12% less than by bandwidth", () => {
        const c = prod.bandwidth.costs!;
        expect(c.percentile95Mbps).to.equal(132);
        expect(c.cheapest).to.deep.include({ method: "PayBy95", monthly: 13305.6, runnerUp: "PayByBandwidth", marginPercent: 12 });
    });

    it("the report shows the table, the cheapest, the prices used with their sources, the assumptions and the buy page", async () => {
        for (const stack of ["dev", "prod"]) {
            const { code, stdout } = await cli(["--stack", stack]);
            expect(code).to.equal(0);
            expect(stdout).to.contain("Monthly cost estimate (docs/costs.md)");
            expect(stdout).to.match(/│ pay-by-bandwidth \(PayByBandwidth\), configured +│ [\d,.]+ +│ [\d,.]+ +│/);
            expect(stdout).to.match(/^Cheapest: PayBy(Bandwidth|95) at [\d,.]+ CNY a month, /m);
            expect(stdout).to.contain("  - PayByBandwidth: 3.36 CNY per Mbit/s per day; https://github.com/AlibabaCloudDocs/cbwp/");
            expect(stdout).to.contain("  - 30 days per month; the daily demand profile repeats every day");
            expect(stdout).to.contain("the prices on the buy page prevail");
        }
    });

    it("the stack's prices key overrides the table; the report says the price is the user's", async () => {
        const file = changedStack(
            "dev",
            (c) => (c[`${NS}prices`] = [{ region: "cn-shanghai", method: "PayByBandwidth", price: 2, source: "contract A-17" }]),
        );
        const doc = await buildPlan({ projectDir: ROOT, configFile: file });
        expect(doc.valid).to.equal(true);
        expect(doc.bandwidth.costs!.cheapest).to.deep.include({ method: "PayByBandwidth", monthly: 1500 * 2 * 30 });
        expect(doc.bandwidth.costs!.prices[0]).to.deep.equal({
            method: "PayByBandwidth",
            price: "2 CNY per Mbit/s per day",
            source: "contract A-17",
            overridden: true,
        });
    });

    it("a bad prices key is refused before anything is planned, naming the entry and the value", async () => {
        const file = changedStack("dev", (c) => (c[`${NS}prices`] = [{ region: "cn-shanghai", method: "PayByBandwidth", price: -1 }]));
        const doc = await buildPlan({ projectDir: ROOT, configFile: file });
        expect(doc.resources).to.deep.equal([]);
        expect(doc.errors).to.deep.equal([
            { path: `${NS}prices.0.price`, message: '-1 must be 0 or more (entry 0: "cn-shanghai" "PayByBandwidth")' },
        ]);
    });

    it("--prices FILE: its prices are used and labelled with the file", async () => {
        const prices = tempFile("contract.yaml", "prices:\n  - { region: cn-shanghai, method: PayBy95, price: 1 }\n");
        const { code, stdout } = await cli(["--stack", "dev", "--prices", prices, "--json"]);
        expect(code).to.equal(0);
        const doc = JSON.parse(stdout) as PlanDocument;
        expect(doc.bandwidth.costs!.cheapest).to.deep.include({ method: "PayBy95", monthly: 1500 * 1 * 30, runnerUp: "PayByBandwidth" });
        expect(doc.bandwidth.costs!.prices.find((p) => p.method === "PayBy95")!.source).to.equal(`--prices ${prices}`);
    });

    it("--prices FILE with an unknown region: exit 1, the file's entry and value named, nothing planned", async () => {
        const prices = tempFile("bad.yaml", "- { region: cn-shanghia, method: PayBy95, price: 1 }\n");
        const { code, stdout } = await cli(["--stack", "dev", "--prices", prices, "--json"]);
        expect(code).to.equal(1);
        const doc = JSON.parse(stdout) as { errors: { path: string; message: string }[] };
        expect(doc.errors[0].path).to.equal("(input)");
        expect(doc.errors[0].message).to.contain(
            'prices.0.region: "cn-shanghia" is not an Alibaba Cloud region; did you mean "cn-shanghai"? (entry 0: "cn-shanghia" "PayBy95")',
        );
    });

    it("--state: the change in monthly cost of a plan grown from 1500 to 2000 Mbit/s, 500 x 3.36 x 30 = +50,400", async () => {
        const state = parsePriorState(dev, "deployed.json");
        const file = changedStack("dev", (c) => {
            c[`${NS}bandwidthPlan`] = { bandwidthMbps: 2000, internetChargeType: "PayByBandwidth", isp: "BGP" };
        });
        const doc = await buildPlan({ projectDir: ROOT, configFile: file, state });
        expect(doc.valid).to.equal(true);
        const change = doc.bandwidth.costChange!;
        expect(change.deployed).to.deep.include({ planMbps: 1500, method: "PayByBandwidth", eipCount: 2 });
        expect(change.planned).to.deep.include({ planMbps: 2000, method: "PayByBandwidth", eipCount: 2 });
        expect(change.deltaMonthly).to.equal(500 * 3.36 * 30);
    });
});
