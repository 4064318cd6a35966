/**
 * Every `npm run` command answers `--help` at once and the same way (usage on stdout, exit 0, before loading the
 * Pulumi SDK), and refuses a misspelt option naming it and the nearest known one (exit 2). The commands run as
 * processes, started when this file loads so they run beside the other tests.
 */
import { expect } from "chai";
import { commandArgs, CommandIo, forgottenDashes, nearestOption, parseCommand, usageMessage } from "../tools/args";
import { Finished, helpOf, projectCommands, runScript } from "./support/spawned";

const COMMANDS = projectCommands();
/** Commands with a --stack option, for the did-you-mean. */
const WITH_STACK = new Set(["plan", "emulator", "e2e", "e2e:cli", "e2e:variants", "reconcile", "preflight", "policy", "e2e:crash"]);

COMMANDS.forEach(helpOf);
const misspelt = new Map<string, Promise<Finished>>(COMMANDS.map((c) => [c, runScript(c, ["--stak", "prod"])]));

describe("every npm run command", function () {
    this.timeout(60000);

    it("the project's commands are these (a new one is added here and answers --help too)", () => {
        expect(COMMANDS).to.deep.equal([
            "plan",
            "emulator",
            "engine",
            "e2e",
            "e2e:cli",
            "e2e:variants",
            "schema",
            "test:examples",
            "bench:plan",
            "bench:connectivity",
            "reconcile",
            "inventory",
            "preflight",
            "policy",
            "e2e:crash",
            "bench:deploy",
            "bench:startup",
            "bench:shape",
            "fuzz",
        ]);
    });

    for (const name of COMMANDS) {
        it(`${name} --help: the usage on stdout in the common form, exit 0, without loading the Pulumi SDK`, async () => {
            const r = await helpOf(name);
            expect(r.code, r.stderr).to.equal(0);
            expect(r.stdout.startsWith(`Usage: npm run ${name} -- `), r.stdout.split("\n")[0]).to.equal(true);
            expect(r.stdout)
                .to.contain("\nOptions:\n")
                .and.contain("  -h, --help")
                .and.match(/\nExit codes: 0 .*,\s2 usage error/s);
            expect(r.stderr).to.equal("");
            if (r.modules) {
                expect(r.modules.pulumiSdk, `${name} loaded the SDK for --help`).to.equal(false);
            }
        });

        it(`${name} --stak prod: names the option${WITH_STACK.has(name) ? " and the nearest one" : ""}, exit 2, no stack trace`, async () => {
            const r = await misspelt.get(name)!;
            expect(r.code, r.stderr).to.equal(2);
            expect(r.stderr.startsWith(`${name}: unknown option --stak`), r.stderr).to.equal(true);
            if (WITH_STACK.has(name)) {
                expect(r.stderr).to.contain("did you mean --stack?");
            }
            expect(r.stderr)
                .to.contain(`(npm run ${name} -- --help lists the options)`)
                .and.not.match(/\n\s+at /);
        });
    }
});

describe("command-line parsing shared by the commands (tools/args.ts)", () => {
    const options = { stack: { type: "string", short: "s" }, json: { type: "boolean" }, "release-eips": { type: "boolean" } } as const;
    const usage = "Usage: npm run demo -- [options]\n";
    const capture = (env: Record<string, string> = {}): CommandIo & { out: string; err: string } => {
        const io = { out: "", err: "", env, stdout: (t: string) => (io.out += t), stderr: (t: string) => (io.err += t) };
        return io;
    };

    it("suggests the nearest option for a close misspelling only", () => {
        expect(nearestOption("--stak", options)).to.equal("--stack");
        expect(nearestOption("--jsno", options)).to.equal("--json");
        expect(nearestOption("--release-eip", options)).to.equal("--release-eips");
        expect(nearestOption("--inventory", options)).to.equal(undefined);
    });

    it("says an unknown option and a stray argument in the project's words", () => {
        expect(usageMessage(new Error("Unknown option '--stak'. To specify a positional argument, ..."), options)).to.equal(
            "unknown option --stak; did you mean --stack?",
        );
        expect(usageMessage(new Error("Unexpected argument 'prod'. This command does not take positional arguments"), options)).to.equal(
            'unexpected argument "prod": every argument is an option (--name value)',
        );
    });

    it("spots an option npm took for itself (no --) and says how to write it", () => {
        expect(forgottenDashes("plan", options, { npm_config_stack: "prod" })).to.equal(
            'npm took --stack for itself: put options after "--", e.g. npm run plan -- --stack <value>',
        );
        expect(forgottenDashes("plan", options, { npm_config_release_eips: "true" })).to.contain("npm run plan -- --release-eips");
        expect(forgottenDashes("plan", options, {})).to.equal(undefined);
    });

    it("--help prints the usage and returns 0; a usage error returns 2 with a pointer to --help; values otherwise", () => {
        const io = capture();
        expect(commandArgs(options, usage, ["--help"], io)).to.equal(0);
        expect(io.out).to.equal(usage);
        const bad = capture();
        expect(commandArgs(options, usage, ["--jsno"], bad)).to.equal(2);
        expect(bad.err).to.equal("demo: unknown option --jsno; did you mean --json?\n(npm run demo -- --help lists the options)\n");
        expect(parseCommand(options, usage, ["-s", "prod", "--json"])).to.deep.equal({ values: { stack: "prod", json: true } });
    });
});
