/** The three commands: bad input is one line with no stack trace (their --help: tests/tools.test.ts). */
import { expect } from "chai";
import { preflightCommand } from "../../preflight/commands";
import { ROOT } from "../support/run";
import { CREDENTIALS, runIn } from "./support";

describe("npm run inventory, preflight and policy", function () {
    this.timeout(60_000);

    // --help and an unknown option: tests/tools.test.ts, for every command.

    it("refuses a missing stack file with one line and exit 2", async () => {
        const missing = await runIn(ROOT, CREDENTIALS, (io) => preflightCommand({ stack: "nosuch" }, io));
        expect(missing.code).to.equal(2);
        expect(missing.stderr.trim()).to.match(/^preflight: no stack file Pulumi\.nosuch\.yaml in .*; stacks found: dev, prod$/);
    });
});
