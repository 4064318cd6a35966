/**
 * `npm run fuzz`: the emulator's seeded fuzz run (tests/emulator/fuzz.test.ts, docs/emulator.md "Fuzz run") for longer
 * than `npm test` runs it: many random and malformed requests on a free loopback port, the account's invariants checked
 * after every one. Runs the same mocha test with its bounds in the environment.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { commandArgs, derivedArgs, runMain } from "./args";

const USAGE = `Usage: npm run fuzz -- [options]

Sends seeded random and malformed requests to the emulator on a free loopback port and checks after each that it
answered in the API's shape below HTTP 500 and that the account is consistent (docs/emulator.md).

Options:
      --requests <n>   how many requests at most (default 20000)
      --seconds <n>    stop sending after this long (default 900)
      --seed <n>       the sequence of requests (default 21)
  -h, --help           show this help

Exit codes: 0 every answer and the account were right, 1 one was not, 2 usage error.`;

const positive = (name: string, v: string | undefined, dflt: number): number => {
    const n = Number(v ?? dflt);
    if (!Number.isInteger(n) || n < 1) {
        throw new Error(`--${name} ${JSON.stringify(v)} must be a whole number of at least 1`);
    }
    return n;
};

async function main(): Promise<number> {
    const args = commandArgs({ requests: { type: "string" }, seconds: { type: "string" }, seed: { type: "string" } } as const, USAGE);
    if (typeof args === "number") {
        return args;
    }
    const bounds = derivedArgs(
        () => ({
            SBG_FUZZ_REQUESTS: String(positive("requests", args.requests, 20000)),
            SBG_FUZZ_SECONDS: String(positive("seconds", args.seconds, 900)),
            SBG_FUZZ_SEED: String(positive("seed", args.seed, 21)),
        }),
        USAGE,
    );
    if (typeof bounds === "number") {
        return bounds;
    }
    const root = path.resolve(__dirname, "..");
    const mocha = require.resolve("mocha/bin/mocha.js");
    const run = spawnSync(process.execPath, [mocha, "--no-config", "-r", "./tools/register.js", "tests/emulator/fuzz.test.ts"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, ...bounds },
    });
    return run.status === 0 ? 0 : 1;
}

runMain("fuzz", main);
