/**
 * `npm run emulator`: serves the Alibaba Cloud VPC API and the ECS security group actions on 127.0.0.1 from the cloud
 * model, for `pulumi` runs by hand, over HTTP and TLS on one port (emulator/tls.ts). Prints the provider settings that
 * point a stack at it, and the certificate file to trust, then serves until interrupted.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emulatorAccount } from "../emulator/account";
import { REGIONS } from "../emulator/regions";
import { startEmulator } from "../emulator/server";
import { loopbackCertificate } from "../emulator/tls";
import { readConfigFile } from "../e2e/stack";
import { REALISM_USAGE } from "../emulator/realism";
import { realismCommandArgs } from "./args";

const USAGE = `usage: npm run emulator -- [--stack dev | --config FILE] [--inventory FILE] [--port N] [--region ID] [--deny ACTIONS]

  -s, --stack NAME      the account implied by Pulumi.NAME.yaml (its VPC, CIDR, vSwitch and site); default dev
  -c, --config FILE     the account implied by another stack file
  -i, --inventory FILE  start from an inventory file instead (format: README "Inventory format")
  -p, --port N          listen on 127.0.0.1:N (default: a free port)
  -r, --region ID       the region the account's VPC and inventory are in (default: the stack's alicloud:region,
                        else cn-shanghai); requests naming another region see an empty one (docs/emulator.md)
      --deny ACTIONS    refuse these actions (comma-separated, e.g. DescribeEipAddresses) with Forbidden.RAM, as an
                        account whose RAM policy lacks them (emulator/access.ts)

${REALISM_USAGE}`;

async function main(): Promise<number> {
    const parsed = realismCommandArgs(
        {
            stack: { type: "string", short: "s" },
            config: { type: "string", short: "c" },
            inventory: { type: "string", short: "i" },
            port: { type: "string", short: "p" },
            region: { type: "string", short: "r" },
            deny: { type: "string" },
        } as const,
        USAGE,
    );
    if (typeof parsed === "number") {
        return parsed;
    }
    const { args, realism } = parsed;
    const root = path.resolve(__dirname, "..");
    const file = args.config ?? path.join(root, `Pulumi.${args.stack ?? "dev"}.yaml`);
    const config = readConfigFile(file);
    const stackRegion = config["alicloud:region"];
    const region = args.region ?? (typeof stackRegion === "string" ? stackRegion : undefined);
    if (region !== undefined && !REGIONS.includes(region)) {
        process.stderr.write(`emulator: region ${JSON.stringify(region)} is not one the emulator answers for (emulator/regions.ts)\n`);
        return 2;
    }
    const running = await startEmulator(emulatorAccount(config, "shared-bandwidth-gateway", args.inventory), Number(args.port ?? 0), {
        tls: loopbackCertificate(),
        realism,
        region,
        access: {
            denied: (args.deny ?? "")
                .split(",")
                .map((a) => a.trim())
                .filter((a) => a !== ""),
        },
    });
    const caDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-emulator-ca-"));
    const caFile = path.join(caDir, "emulator-ca.pem");
    fs.writeFileSync(caFile, running.certificate!);
    process.stdout.write(
        [
            `emulator listening on ${running.url} (account from ${args.inventory ?? file}, in ${running.emulator.home.id})`,
            `point a stack at it:`,
            `  pulumi config set alicloud:protocol HTTP`,
            `  pulumi config set alicloud:skipRegionValidation true`,
            `  pulumi config set alicloud:accountType Domestic`,
            `  pulumi config set --path 'alicloud:endpoints[0].vpc' ${running.endpoint}`,
            `  pulumi config set --path 'alicloud:endpoints[0].ecs' ${running.endpoint}`,
            `  export SSL_CERT_FILE=${caFile}   # the provider deletes security group rules over HTTPS only`,
            `state: curl ${running.url}_emulator/state   log: curl ${running.url}_emulator/log`,
            "",
        ].join("\n"),
    );
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    await running.close();
    fs.rmSync(caDir, { recursive: true, force: true });
    return 0;
}

main().then((code) => (process.exitCode = code));
