/**
 * `npm run bench:startup`: what a newcomer waits for, timed as they run it: `npm run plan` of the dev stack,
 * `npm test`, and every command's `--help`, each a process started through npm (wall time, median of the runs).
 * `--dir` times another checkout the same way, e.g. main before a change, for before/after figures taken back to back.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { commandArgs, runMain } from "../tools/args";

const USAGE = `Usage: npm run bench:startup -- [options]

Times npm run plan (dev stack), npm test and every command's --help as processes started through npm, and prints
the medians. npm test binds fixed loopback addresses: run this under the test lock,
flock /tmp/sbg-test.lock npm run bench:startup. Other load on the machine inflates every figure.

Options:
      --runs <n>        runs of npm run plan and of each --help (default 5)
      --test-runs <n>   runs of npm test (default 3; 0 leaves it out)
      --dir <path>      time another checkout (with its node_modules installed) instead of this one
      --json            print one JSON document instead of the table
  -h, --help            show this help

Exit codes: 0 done, 1 a timed command failed, 2 usage error.`;

interface Timing {
    command: string;
    runs: number;
    medianSeconds: number;
    minSeconds: number;
    maxSeconds: number;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs `npm <args>` in `dir` `runs` times; throws when it fails. */
function time(dir: string, args: string[], runs: number): Timing {
    const seconds: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        const r = spawnSync("npm", args, {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, NO_COLOR: "1" },
            maxBuffer: 256 * 1024 * 1024,
        });
        seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
        if (r.status !== 0) {
            throw new Error(
                `npm ${args.join(" ")} exited ${r.status} in ${dir}: ${(r.stderr || r.stdout).trim().split("\n").slice(-5).join(" | ")}`,
            );
        }
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
        command: `npm ${args.join(" ")}`,
        runs,
        medianSeconds: round(median(seconds)),
        minSeconds: round(Math.min(...seconds)),
        maxSeconds: round(Math.max(...seconds)),
    };
}

function count(text: string | undefined, fallback: number, option: string): number {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < 0) {
        throw new Error(`--${option} ${JSON.stringify(text)} must be a whole number`);
    }
    return n;
}

/** Times the plan, the tests and every command's --help in `dir`; the error's text when a timed command fails. */
function timeAll(dir: string, runs: number, testRuns: number): Timing[] | string {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const commands = Object.keys(pkg.scripts).filter(
        (s) => !["prebuild", "build", "prepare", "test", "typecheck", "lint", "format"].includes(s),
    );
    const timings: Timing[] = [];
    const step = (t: Timing) => {
        timings.push(t);
        process.stderr.write(`${t.command}: median ${t.medianSeconds} s (${t.minSeconds}-${t.maxSeconds}, ${t.runs} runs)\n`);
    };
    try {
        step(time(dir, ["run", "-s", "plan"], runs));
        if (testRuns > 0) {
            step(time(dir, ["test", "--silent"], testRuns));
        }
        for (const c of commands) {
            step(time(dir, ["run", "-s", c, "--", "--help"], runs));
        }
    } catch (e) {
        return (e as Error).message;
    }
    return timings;
}

async function main(): Promise<number> {
    const args = commandArgs(
        { runs: { type: "string" }, "test-runs": { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } } as const,
        USAGE,
    );
    if (typeof args === "number") {
        return args;
    }
    let runs: number, testRuns: number;
    try {
        [runs, testRuns] = [count(args.runs, 5, "runs"), count(args["test-runs"], 3, "test-runs")];
    } catch (e) {
        process.stderr.write(`bench:startup: ${(e as Error).message}\n`);
        return 2;
    }
    const dir = path.resolve(args.dir ?? path.join(__dirname, ".."));
    const timings = timeAll(dir, runs, testRuns);
    if (typeof timings === "string") {
        process.stderr.write(`bench:startup: ${timings}\n`);
        return 1;
    }
    const setting = { dir, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) };
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ ...setting, timings }, null, 2)}\n`);
        return 0;
    }
    process.stdout.write(
        [
            `${dir}: Node ${setting.node}, ${setting.cpus} CPU(s), load average at the end ${setting.loadAverage.join(" ")}`,
            "| Command | Runs | Median (s) | Min-max (s) |",
            "|---|---|---|---|",
            ...timings.map((t) => `| \`${t.command}\` | ${t.runs} | ${t.medianSeconds} | ${t.minSeconds}-${t.maxSeconds} |`),
            "",
        ].join("\n"),
    );
    return 0;
}

runMain("bench:startup", main);
