/**
 * `npm run policy`: the least-privilege RAM policy document of a stack (what deploying, updating and destroying it
 * calls), or with --preflight the read-only policy of npm run inventory and npm run preflight. See preflight/policy.ts.
 */
import { commandArgs } from "./args";
import { runCommand } from "./accountCommand";

const USAGE = `Usage: npm run policy -- [options]          (as a file: npm run -s policy -- --stack prod > policy.json)

Prints the RAM policy document (JSON, as ram CreatePolicy takes it) listing exactly the actions the provider calls to
deploy, update and destroy the stack, each with the resources it may touch in the stack's region (docs/deploying.md).

Options:
  -s, --stack <name>     the stack (default dev): Pulumi.<name>.yaml
  -c, --config <file>    any stack file
      --account <id>     the account's numeric id in the resources (default *: any account)
      --preflight        the read-only policy of npm run inventory and npm run preflight instead
  -h, --help             show this help

Exit codes: 0 printed, 1 invalid stack configuration, 2 usage error or unknown region.`;

const args = commandArgs(
    {
        stack: { type: "string", short: "s" },
        config: { type: "string", short: "c" },
        account: { type: "string" },
        preflight: { type: "boolean" },
    } as const,
    USAGE,
);
// The command (and the Pulumi SDK it loads) only once the arguments are read: --help answers at once.
runCommand("policy", args, async (a, io) => (await import("../preflight/commands")).policyCommand(a, io));
