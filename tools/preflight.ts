/**
 * `npm run preflight`: reads the account the stack deploys into (read-only calls only) and reports what would make
 * the deploy fail, each finding with the config key it concerns. See preflight/commands.ts and docs/deploying.md.
 */
import { commandArgs } from "./args";
import { runCommand } from "./accountCommand";

const USAGE = `Usage: npm run preflight -- [options]

Reads the account around the stack's VPC in its alicloud:region with read-only calls (what npm run inventory reads)
and checks what would fail the deploy: the vSwitch's zone offers enhanced NAT gateways and has a free address, the
quotas with what is left, adopted EIPs exist and are free (or bound where the config says), internal IPs are inside
the VPC's CIDR, the security groups exist, and every read was allowed. Sends no write (docs/deploying.md).

Options:
  -s, --stack <name>     the stack (default dev): Pulumi.<name>.yaml
  -c, --config <file>    any stack file
      --json             print one JSON document: the findings, each with its config key
      --endpoint <url>   read another endpoint for both APIs, e.g. the emulator's http://127.0.0.1:PORT
  -h, --help             show this help

Credentials: as npm run inventory (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile).

Exit codes: 0 nothing found that would fail the deploy, 1 an error finding (the deploy would fail) or an invalid stack
configuration, 2 usage error, unknown region, VPC not in the region, missing or refused credentials.`;

const args = commandArgs(
    {
        stack: { type: "string", short: "s" },
        config: { type: "string", short: "c" },
        json: { type: "boolean" },
        endpoint: { type: "string" },
    } as const,
    USAGE,
);
// The command (and the Pulumi SDK it loads) only once the arguments are read: --help answers at once.
runCommand("preflight", args, async (a, io) => (await import("../preflight/commands")).preflightCommand(a, io));
