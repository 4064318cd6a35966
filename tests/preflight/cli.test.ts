/**
 * The three commands as processes: `--help` prints the usage and exits 0, an unknown option is a usage error (exit 2);
 * bad input is one line with no stack trace.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as path from "path";
import { preflightCommand } from "../../preflight/commands";
import { ROOT } from "../support/run";
import { CREDENTIALS, runIn } from "./support";

interface Exit {
    code: number;
    stdout: string;
    stderr: string;
}

function tool(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", path.join("tools", `${name}.ts`), ...args],
            { cwd: ROOT, env: { PATH: process.env.PATH, HOME: "/nonexistent", ...env } },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

describe("npm run inventory, preflight and policy (the processes)", function () {
    this.timeout(60_000);

    it("answer --help with their usage and exit 0, and an unknown option with exit 2", async () => {
        const runs = await Promise.all(["inventory", "preflight", "policy"].flatMap((t) => [tool(t, ["--help"]), tool(t, ["--bogus"])]));
        const [invHelp, invBad, preHelp, preBad, polHelp, polBad] = runs;
        expect([invHelp.code, preHelp.code, polHelp.code]).to.deep.equal([0, 0, 0]);
        expect(invHelp.stdout).to.match(/^usage: npm run inventory -- --region REGION --vpc VPC_ID/);
        expect(preHelp.stdout).to.match(/^usage: npm run preflight -- \[--stack NAME \| --config FILE\]/);
        expect(polHelp.stdout).to.match(/^usage: npm run -s policy -- \[--stack NAME \| --config FILE\]/);
        expect([invBad.code, preBad.code, polBad.code]).to.deep.equal([2, 2, 2]);
        expect(preBad.stderr).to.match(/^Unknown option '--bogus'/);
    });

    it("refuses a missing stack file with one line and exit 2", async () => {
        const missing = await runIn(ROOT, CREDENTIALS, (io) => preflightCommand({ stack: "nosuch" }, io));
        expect(missing.code).to.equal(2);
        expect(missing.stderr.trim()).to.match(/^preflight: no stack file Pulumi\.nosuch\.yaml in .*; stacks found: dev, prod$/);
    });
});
