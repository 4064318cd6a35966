/**
 * Commands run as processes, the way `npm run <script>` runs them but without npm: the script's line in package.json
 * with its `node` replaced by this Node.js binary. Started when a test file loads, so they run beside the in-process
 * tests (the suite then waits for a process only when a test needs its result).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./run";

export interface Finished {
    /** Exit code; null when killed. */
    code: number | null;
    stdout: string;
    stderr: string;
    /** Modules the process loaded, when started with `modules: true`. */
    modules?: { count: number; pulumiSdk: boolean };
}

const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const MODULE_REPORT = path.join(__dirname, "moduleReport.js");
const REPORT_LINE = /\n?\[modules\] (\{.*\})\n?$/;

/**
 * Scripts that run a third-party tool as it is (tsc, mocha, ESLint, Prettier) rather than a command of this project;
 * `test:node22` is the test suite again under another Node.js, which a test must never start (it would start itself).
 */
export const THIRD_PARTY = new Set(["prebuild", "build", "prepare", "test", "test:node22", "typecheck", "lint", "format"]);

/** The project's own commands: every npm script but the third-party tools. */
export function projectCommands(): string[] {
    return Object.keys(SCRIPTS).filter((s) => !THIRD_PARTY.has(s));
}

/** The npm scripts of package.json, by name. */
export function scripts(): Record<string, string> {
    return { ...SCRIPTS };
}

/** The program and arguments of an npm script (a plain command line, no shell syntax), with `args` appended. */
export function scriptCommand(name: string, args: string[]): [string, string[]] {
    const line = SCRIPTS[name];
    if (line === undefined || /[|&;<>$`"']/.test(line)) {
        throw new Error(`npm script ${name} is missing or not a plain command line: ${line}`);
    }
    const [program, ...rest] = line.split(/\s+/);
    return [program === "node" ? process.execPath : program, [...rest, ...args]];
}

/** Runs an npm script's command with `args` in the repository; never rejects. */
export function runScript(name: string, args: string[], opts: { env?: Record<string, string>; modules?: boolean } = {}): Promise<Finished> {
    const [program, argv] = scriptCommand(name, args);
    const withReport = opts.modules && program === process.execPath ? ["-r", MODULE_REPORT, ...argv] : argv;
    return new Promise((resolve) => {
        execFile(
            program,
            withReport,
            { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "", ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
                const report = REPORT_LINE.exec(stderr);
                resolve({
                    code,
                    stdout,
                    stderr: report ? stderr.slice(0, report.index) : stderr,
                    ...(report ? { modules: JSON.parse(report[1]) as Finished["modules"] } : {}),
                });
            },
        );
    });
}

const helps = new Map<string, Promise<Finished>>();

/** `npm run <name> -- --help`, run once per test process whoever asks (with the module report). */
export function helpOf(name: string): Promise<Finished> {
    let p = helps.get(name);
    if (p === undefined) {
        p = runScript(name, ["--help"], { modules: true });
        helps.set(name, p);
    }
    return p;
}
