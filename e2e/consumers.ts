/**
 * Other projects using the component under the real engine: the example consumers in examples/ (TypeScript through
 * the npm package, Python through the SDK generated from schema.json, YAML by type token), each copied to a scratch
 * folder and run by `pulumi` commands against its own emulated account: preview, up (outputs checked against the
 * account), a clean preview, bad arguments refused with a message naming the property and no stack trace, destroy
 * (nothing left). Python and YAML reach the component through the executable plugin in plugin/, which the consumers'
 * Pulumi.yaml name under `packages:`.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { parseInventory } from "../cloud/inventory";
import type { Realism } from "../emulator/realism";
import { RunningEmulator, startEmulator } from "../emulator/server";
import { CliError, CliStack } from "./cli";
import { copyFiles, projectFiles } from "./cliProject";
import { badInputs, ConsumerBadInput } from "./consumerBadInput";
import { engineEnv, ROOT, Toolchain } from "./engine";
import { cleanPreview, counts, lifecycleReport, LifecycleReport, plain, runSteps, Step, StepResult } from "./lifecycle";
import { scratchFolder, stackFileWriter } from "./stack";
import { leftovers, verifyDeployment } from "./verify";

import type { ConsumerName } from "./consumerNames";

/** The executable plugin the Python and YAML consumers name under `packages:`. */
export const PLUGIN_DIR = path.join(ROOT, "plugin");
const PACKAGE = "shared-bandwidth-gateway";

/** The network every consumer's stack hands the component; the emulated account holds it. */
export const CONSUMER_NETWORK = { vpcId: "vpc-uf6consumer0e2e00000", vpcCidr: "10.20.0.0/16", vswitchId: "vsw-uf6consumer0nat0000" };

/** The example's folder. */
export function consumerDir(name: ConsumerName): string {
    return path.join(ROOT, "examples", `consumer-${name}`);
}

function run(command: string, args: string[], cwd: string, log: (l: string) => void, env: NodeJS.ProcessEnv = process.env): void {
    log(`$ ${command} ${args.join(" ")}\n`);
    log(execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
}

/**
 * Points the project's `packages:` entry at the plugin folder by absolute path (the scratch copy is elsewhere), after
 * checking that the committed relative path names that folder.
 */
export function linkPlugin(exampleDir: string, projectDir: string): void {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = parse(fs.readFileSync(file, "utf8")) as { packages?: Record<string, string> };
    const committed = project.packages?.[PACKAGE];
    if (committed === undefined || path.resolve(exampleDir, committed) !== PLUGIN_DIR) {
        throw new Error(
            `${path.relative(ROOT, exampleDir)}/Pulumi.yaml: packages.${PACKAGE} must name ${path.relative(exampleDir, PLUGIN_DIR)}`,
        );
    }
    fs.writeFileSync(file, stringify({ ...project, packages: { ...project.packages, [PACKAGE]: PLUGIN_DIR } }));
}

/**
 * Installs what the consumer needs in its scratch copy, as its README steps do; returns the environment its
 * language host needs. TypeScript: the example's `node_modules` (see {@link runConsumers}), linked. Python: a
 * virtualenv with requirements.txt and the SDK generated from schema.json by Pulumi's code generator (the host built
 * here takes no `virtualenv` option: the venv's bin goes first on PATH).
 */
async function install(
    tc: Toolchain,
    name: ConsumerName,
    projectDir: string,
    workDir: string,
    log: (l: string) => void,
): Promise<string[]> {
    if (name === "ts") {
        fs.symlinkSync(path.join(consumerDir(name), "node_modules"), path.join(projectDir, "node_modules"));
        return [];
    }
    linkPlugin(consumerDir(name), projectDir);
    if (name === "yaml") {
        return [];
    }
    const venv = path.join(projectDir, "venv");
    const sdk = path.join(workDir, "sdk-python");
    run("python3", ["-m", "venv", venv], projectDir, log);
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"], projectDir, log);
    run(path.join(tc.binDir, "gen-python-sdk"), [path.join(ROOT, "schema.json"), sdk], projectDir, log);
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "--no-deps", sdk], projectDir, log);
    // The generated package's requirements must be met by the pinned set.
    run(path.join(venv, "bin", "pip"), ["check", "--disable-pip-version-check"], projectDir, log);
    return [path.join(venv, "bin")];
}

/** The consumer's stack config: its network, unprotected EIPs (the stack is destroyed), a region. */
function consumerConfig(project: string): Record<string, unknown> {
    return {
        "alicloud:region": "cn-shanghai",
        [`${project}:vpcId`]: CONSUMER_NETWORK.vpcId,
        [`${project}:vpcCidr`]: CONSUMER_NETWORK.vpcCidr,
        [`${project}:vswitchId`]: CONSUMER_NETWORK.vswitchId,
        [`${project}:protectEips`]: false,
    };
}

/** A Node.js stack frame, as a plugin or program would print one. */
const NODE_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** A bad-argument preview: it must fail naming `bad.property`, print no Node.js stack trace, and write nothing. */
async function refusedBadInput(
    stack: CliStack,
    emu: RunningEmulator,
    bad: ConsumerBadInput,
    log: (l: string) => void,
): Promise<Partial<StepResult>> {
    const restore = bad.write(stack.dir);
    const first = emu.log().length;
    try {
        await stack.preview({ onOutput: log });
        return { problems: [`pulumi preview accepted ${bad.label}`] };
    } catch (e) {
        // A preview's CliError message is its diagnostics as the CLI prints them (not the JSON-escaped document).
        const message = e instanceof CliError ? e.message : String(e);
        log(`refused as expected:\n${message}\n`);
        const shown = message.trim().split("\n").slice(-12).join("\n");
        const problems: string[] = [];
        if (!bad.expected.every((text) => message.includes(text))) {
            problems.push(`the refusal does not say ${bad.expected.map((t) => JSON.stringify(t)).join(" and ")}:\n${shown}`);
        }
        if (NODE_FRAME.test(message)) {
            problems.push(`the refusal prints a Node.js stack trace:\n${shown}`);
        }
        const writes = emu
            .log()
            .slice(first)
            .filter((r) => !/^(Describe|List|Get)/.test(r.action));
        if (writes.length > 0) {
            problems.push(`the refused preview sent ${writes.map((r) => r.action).join(", ")}`);
        }
        return { problems };
    } finally {
        restore();
    }
}

/**
 * Runs consumer `name` through its whole life against a fresh emulated account; under a variant (`tolerateRetried`)
 * only refusals the provider does not ride out fail a step. Never throws.
 */
export async function runConsumer(
    tc: Toolchain,
    name: ConsumerName,
    log: (l: string) => void,
    realism: Realism,
    tolerateRetried = false,
): Promise<LifecycleReport> {
    const started = Date.now();
    const steps: StepResult[] = [];
    const inventory = parseInventory(
        {
            account: { site: "international" },
            vpcs: [{ id: CONSUMER_NETWORK.vpcId, cidr: CONSUMER_NETWORK.vpcCidr, vswitchIds: [CONSUMER_NETWORK.vswitchId] }],
        },
        "the consumers' network",
    );
    const emu = await startEmulator(inventory, 0, { realism });
    const { workDir, projectDir } = scratchFolder(`consumer-${name}`);
    const exampleDir = consumerDir(name);
    copyFiles(exampleDir, projectDir, projectFiles(exampleDir));
    const project = (parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
    const env = engineEnv(tc, path.join(workDir, "home"), path.join(workDir, "state"));
    const consumer: Consumer = { tc, name, project, emu, workDir, projectDir, env, stack: new CliStack(tc, projectDir, "e2e", env), log };
    try {
        await runSteps(steps, emu, consumerSteps(consumer), tolerateRetried);
    } finally {
        await emu.close();
        if (steps.every((s) => s.ok)) {
            fs.rmSync(workDir, { recursive: true, force: true });
        } else {
            log(`kept the scratch project for inspection: ${workDir}\n`);
        }
    }
    return lifecycleReport(`consumer-${name}`, started, steps, emu);
}

/** One consumer's scratch project, its stack and the account it runs against. */
interface Consumer {
    tc: Toolchain;
    name: ConsumerName;
    /** The project name in its Pulumi.yaml. */
    project: string;
    emu: RunningEmulator;
    workDir: string;
    projectDir: string;
    env: NodeJS.ProcessEnv;
    stack: CliStack;
    log: (l: string) => void;
}

/** A consumer's steps in order: install, preview, up, a clean preview, each bad input refused, destroy. */
function consumerSteps(c: Consumer): Step[] {
    const { stack, emu, log } = c;
    return [
        ["install", () => installConsumer(c)],
        ["preview", async () => ({ changes: counts((await stack.preview({ onOutput: log })).changeSummary) })],
        [
            "up",
            async () => {
                const up = await stack.up({ onOutput: log });
                return { changes: counts(up.summary.resourceChanges), problems: verifyDeployment(plain(up.outputs), emu.state()) };
            },
        ],
        ["preview (no changes)", () => cleanPreview(stack, log)],
        ...badInputs(c.name).map((bad): Step => [
            `bad arguments: ${bad.label} (must be refused)`,
            () => refusedBadInput(stack, emu, bad, log),
        ]),
        [
            "destroy",
            async () => {
                const d = await stack.destroy({ onOutput: log });
                return {
                    changes: counts(d.summary.resourceChanges),
                    problems: leftovers(emu.state()).map((l) => `left in the account: ${l}`),
                };
            },
        ],
    ];
}

/** Installs the consumer's dependencies, puts their tools on its PATH, creates its stack and writes its stack file. */
async function installConsumer(c: Consumer): Promise<void> {
    const paths = await install(c.tc, c.name, c.projectDir, c.workDir, c.log);
    c.env.PATH = [...paths, c.env.PATH].join(path.delimiter);
    await c.stack.init();
    stackFileWriter(path.join(c.projectDir, "Pulumi.e2e.yaml"), c.emu.endpoint)(consumerConfig(c.project));
}

/**
 * Runs the consumers `names` at once, each against its own emulated account (they bind no fixed address), and returns
 * their reports in order. The TypeScript example's `npm ci` runs first, alone: it packs this repository, whose prepare
 * script rebuilds the `dist/` the plugin of the other consumers loads.
 */
export async function runConsumers(
    tc: Toolchain,
    names: readonly ConsumerName[],
    log: (l: string) => void,
    realism: Realism,
    tolerateRetried = false,
): Promise<LifecycleReport[]> {
    if (names.includes("ts")) {
        run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], consumerDir("ts"), log);
    } else {
        run("npm", ["run", "--silent", "build"], ROOT, log);
    }
    return Promise.all(names.map((name) => runConsumer(tc, name, (l) => log(l.replace(/^/gm, `[${name}] `)), realism, tolerateRetried)));
}
