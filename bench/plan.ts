/**
 * `npm run bench:plan`: time of the offline plan for the dev stack and for generated stacks of 50, 100 and 200
 * rules. Writes the figures into BENCHMARKS.md under "Offline plan" (other sections are left as they are).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { buildPlan } from "../offline/plan";

const ROOT = path.resolve(__dirname, "..");
const RUNS = 3;

/** A stack with `rules` TCP rules spread over 20 EIPs (the default per-gateway quota), quotas raised as needed. */
function generatedStack(rules: number): string {
    const eipCount = 20;
    const eips: Record<string, object> = {};
    for (let i = 1; i <= eipCount; i++) {
        eips[`e${i}`] = {};
    }
    const ruleMap: Record<string, object> = {};
    for (let i = 0; i < rules; i++) {
        ruleMap[`r${i}`] = {
            eip: `e${(i % eipCount) + 1}`,
            protocol: "tcp",
            externalPort: 8000 + i,
            internalIp: `192.168.${Math.floor(i / 200)}.${(i % 200) + 10}`,
            internalPort: 80,
        };
    }
    const p = "shared-bandwidth-gateway";
    return stringify({
        config: {
            "alicloud:region": "cn-shanghai",
            [`${p}:accountSite`]: "china",
            [`${p}:vpcId`]: "vpc-bench0000000000000",
            [`${p}:vpcCidr`]: "192.168.0.0/16",
            [`${p}:natGateway`]: { vswitchId: "vsw-bench0000000000000" },
            [`${p}:eips`]: eips,
            [`${p}:rules`]: ruleMap,
            [`${p}:bandwidthPlan`]: { bandwidthMbps: 500, internetChargeType: "PayByBandwidth" },
            [`${p}:quotas`]: { dnatEntriesPerTable: Math.max(100, rules) },
        },
    });
}

async function time(label: string, opts: Parameters<typeof buildPlan>[0]): Promise<[string, number, number, number]> {
    const ms: number[] = [];
    let resources = 0;
    for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        const doc = await buildPlan(opts);
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!doc.valid) {
            throw new Error(`${label}: plan rejected: ${doc.errors.map((e) => e.message).join("; ")}`);
        }
        resources = doc.resources.length;
    }
    ms.sort((a, b) => a - b);
    return [label, resources, Math.round(ms[0]), Math.round(ms[Math.floor(ms.length / 2)])];
}

async function run(): Promise<void> {
    // Warm-up: module loading and TypeScript compilation are not part of a plan.
    await buildPlan({ projectDir: ROOT, stack: "dev" });
    const rows = [await time("dev stack (2 rules)", { projectDir: ROOT, stack: "dev" })];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
    for (const n of [50, 100, 200]) {
        const file = path.join(dir, `Pulumi.bench${n}.yaml`);
        fs.writeFileSync(file, generatedStack(n));
        rows.push(await time(`generated, ${n} rules / 20 EIPs`, { projectDir: ROOT, configFile: file }));
    }
    const table = [
        "| Stack | Resources | Best of 3 (ms) | Median of 3 (ms) |",
        "|---|---|---|---|",
        ...rows.map(([label, res, best, median]) => `| ${label} | ${res} | ${best} | ${median} |`),
    ].join("\n");
    const section =
        `## Offline plan\n\n` +
        `\`npm run bench:plan\`: in-process \`buildPlan\` (program run under the cloud model's mocks, dependency-graph ` +
        `check of create and destroy, report data), after one warm-up run. Node ${process.version}, ${os.cpus().length} CPU(s), ` +
        `maxParallelWrites 1.\n\n${table}\n`;
    const file = path.join(ROOT, "BENCHMARKS.md");
    const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
    const pattern = /## Offline plan\n[\s\S]*?(?=\n## |$)/;
    const next = pattern.test(existing) ? existing.replace(pattern, section) : `${existing.trimEnd()}\n\n${section}`;
    fs.writeFileSync(file, next);
    process.stdout.write(`${table}\n`);
}

run().catch((e: unknown) => {
    process.stderr.write(`bench:plan: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
