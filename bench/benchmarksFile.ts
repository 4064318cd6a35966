/**
 * Writes the plan benchmark's table into BENCHMARKS.md: the "Offline plan" section's text up to its first "###"
 * subsection is replaced, its subsections and every other section are kept, and the file is formatted with the
 * repository's Prettier settings, so `npm run lint` passes after a run.
 */
import * as fs from "fs";
import * as prettier from "prettier";

export interface BenchSetting {
    node: string;
    cpus: number;
    runs: number;
}

function intro(table: string, s: BenchSetting): string {
    return (
        `## Offline plan\n\n` +
        `\`npm run bench:plan\`: in-process \`buildPlan\` (program run under the cloud model's mocks, dependency-graph check of create ` +
        `and destroy, report data) against the bare anchor (bench/bare.ts: the same NAT gateway, plan, EIPs, joins, bindings and DNAT ` +
        `entries with the same \`dependsOn\` sets, registered under the SDK's \`setMocks\` and nothing else), measured twice: with the ` +
        `SDK's default settings, and with the runtime settings the plan's run uses (offline/runtimeCosts.ts: SDK promises without stack ` +
        `traces), which shows the cost of the plan's own work. One warm-up round per stack, then ${s.runs} rounds of plan and both ` +
        `anchors in one process, the order reversed every other round; medians. Node ${s.node}, ${s.cpus} CPU(s), maxParallelWrites 1.\n\n` +
        `${table}\n`
    );
}

export async function writeSection(file: string, table: string, setting: BenchSetting): Promise<void> {
    const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
    const section = /## Offline plan\n[\s\S]*?(?=\n## |$)/;
    const head = intro(table, setting);
    let next: string;
    if (section.test(existing)) {
        next = existing.replace(section, (old) => {
            const sub = old.search(/\n### /);
            return sub === -1 ? head : `${head}${old.slice(sub)}`;
        });
    } else {
        next = `${existing.trimEnd()}\n\n${head}`;
    }
    const options = (await prettier.resolveConfig(file)) ?? {};
    fs.writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}
