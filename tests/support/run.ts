/** Helpers to run the program or a bare component under the recording mocks. */
import * as fs from "fs";
import * as path from "path";
import { SharedBandwidthGateway, SharedBandwidthGatewayArgs } from "../../components";
import { ProgramRun, RecordedResource, runProgram } from "../../offline/recorder";
import { readProjectName, readStackConfig } from "../../offline/stackFile";
import { simpleMocks } from "./mocks";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PROJECT = readProjectName(ROOT);

/** Every `Pulumi.<stack>.yaml` in the repository, by stack name. */
export function stackFiles(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of fs.readdirSync(ROOT)) {
        const m = /^Pulumi\.(.+)\.yaml$/.exec(f);
        if (m) {
            out[m[1]] = path.join(ROOT, f);
        }
    }
    return out;
}

/** A program run and the warnings the program logged (without an engine the SDK would print them). */
export interface Run extends ProgramRun {
    /** `pulumi.log.warn` messages and the SDK's own runtime warnings, in order, without the `warning: [runtime] ` prefix. */
    warnings: string[];
}

/** Runs `run` with the SDK's console warnings captured instead of printed. */
export async function captureWarnings(run: () => Promise<ProgramRun>): Promise<Run> {
    const warnings: string[] = [];
    const consoleWarn = console.warn;
    console.warn = (...a: unknown[]) => {
        const m = /^warning: \[runtime\] ([\s\S]*)$/.exec(String(a[0]));
        return m ? warnings.push(m[1]) : consoleWarn(...a);
    };
    try {
        return { ...(await run()), warnings };
    } finally {
        console.warn = consoleWarn;
    }
}

/** Runs the real index.ts with the given engine-style config. */
export function runIndex(stack: string, config: Record<string, string>): Promise<Run> {
    return captureWarnings(() =>
        runProgram(
            () => {
                delete require.cache[require.resolve("../../index")];
                return require("../../index");
            },
            { project: PROJECT, stack, config, mocks: simpleMocks },
        ),
    );
}

/** Runs the real index.ts against a stack file of this repository. */
export function runStack(stack: string): Promise<Run> {
    return runIndex(stack, readStackConfig(stackFiles()[stack], PROJECT));
}

/** Builds one component from args in a minimal program. */
export function runComponent(args: SharedBandwidthGatewayArgs, name = "gw"): Promise<Run> {
    return captureWarnings(() =>
        runProgram(
            () => {
                const gw = new SharedBandwidthGateway(name, args);
                return { endpoints: gw.endpoints, eips: gw.eips, natGatewayId: gw.natGatewayId };
            },
            { project: "test", stack: "unit", config: {}, mocks: simpleMocks },
        ),
    );
}

/** `type name` for each resource, sorted: the identity of a run. */
export function identities(resources: RecordedResource[]): string[] {
    return resources.map((r) => `${r.type} ${r.name}`).sort();
}

/** Looks a resource up by logical name; fails loudly if absent. */
export function byName(resources: RecordedResource[], name: string): RecordedResource {
    const r = resources.find((x) => x.name === name);
    if (!r) {
        throw new Error(`no resource named ${name}; have ${resources.map((x) => x.name).join(", ")}`);
    }
    return r;
}

/** Whether `from` depends on `to`, directly or transitively. */
export function dependsTransitively(resources: RecordedResource[], from: string, to: string): boolean {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const target = byName(resources, to).urn;
    const seen = new Set<string>();
    const stack = [...byName(resources, from).dependsOn];
    while (stack.length > 0) {
        const u = stack.pop()!;
        if (u === target) {
            return true;
        }
        if (!seen.has(u)) {
            seen.add(u);
            stack.push(...(byUrn.get(u)?.dependsOn ?? []));
        }
    }
    return false;
}

/** A minimal valid argument set: two EIPs, two port-80 rules, a configured 100 Mbit/s plan. */
export function baseArgs(): SharedBandwidthGatewayArgs {
    return {
        vpcId: "vpc-test",
        vpcCidr: "192.168.0.0/16",
        natGateway: { vswitchId: "vsw-test" },
        eips: { a: {}, b: {} },
        rules: {
            web: { eip: "a", protocol: "tcp", externalPort: "80", internalIp: "192.168.0.10", internalPort: "80" },
            api: { eip: "b", protocol: "tcp", externalPort: "80", internalIp: "192.168.0.11", internalPort: "8080" },
        },
        bandwidthPlan: { bandwidthMbps: 100 },
    };
}
