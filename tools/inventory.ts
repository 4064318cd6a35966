/**
 * `npm run inventory`: reads an account around one VPC with read-only calls and writes the inventory file the offline
 * plan reads (`npm run plan -- --inventory FILE`). See preflight/commands.ts and docs/deploying.md.
 */
import { commandArgs } from "./args";
import { runCommand } from "./accountCommand";

const USAGE = `Usage: npm run inventory -- [options]          (e.g. npm run inventory -- --region cn-shanghai --vpc vpc-...)

Reads the account with read-only calls (Describe/List: the VPC and its vSwitches, the zones offering enhanced NAT
gateways, the region's NAT gateways with the VPC's DNAT entries, every EIP and bandwidth plan, the VPC's security
groups and their rules), paging through everything, and writes the inventory the offline plan reads
(npm run plan -- --inventory FILE; docs/deploying.md).

Options:
  -r, --region <region>  the region to read (e.g. cn-shanghai); required
      --vpc <vpc-id>     the VPC the gateway goes into; required
  -o, --out <file>       write the inventory to <file> (default: standard output)
      --site <site>      the account's site, china or international (decides the billing values it can buy)
      --json             write JSON instead of YAML
      --endpoint <url>   read another endpoint for both APIs, e.g. the emulator's http://127.0.0.1:PORT
  -h, --help             show this help

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an
STS key), else the aliyun CLI profile (ALIBABA_CLOUD_PROFILE), else ~/.alibabacloud/credentials; never a file of
this repository. The reads it needs: npm run policy -- --preflight.

Exit codes: 0 written, 1 some reads were refused (the missing permissions are listed, nothing is written),
2 usage error, unknown region, VPC not in the region, missing or refused credentials.`;

const args = commandArgs(
    {
        region: { type: "string", short: "r" },
        vpc: { type: "string" },
        out: { type: "string", short: "o" },
        site: { type: "string" },
        json: { type: "boolean" },
        endpoint: { type: "string" },
    } as const,
    USAGE,
);
// The command (and the Pulumi SDK it loads) only once the arguments are read: --help answers at once.
runCommand("inventory", args, async (a, io) => (await import("../preflight/commands")).inventoryCommand(a, io));
