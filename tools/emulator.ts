/**
 * `npm run emulator`: serves the Alibaba Cloud VPC API and the ECS security group actions on 127.0.0.1 from the cloud
 * model, for `pulumi` runs by hand, over HTTP and TLS on one port (emulator/tls.ts). Prints the provider settings and
 * the credential variables that point a stack at it, and the certificate file to trust, then serves until interrupted.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REALISM_USAGE } from "../emulator/realism";
import type { RunningEmulator } from "../emulator/server";
import { variantUsage } from "../emulator/variants";
import { runMain } from "./args";
import { realismCommandArgs } from "./realismArgs";

const USAGE = `Usage: npm run emulator -- [options]

Serves the emulated Alibaba Cloud API on 127.0.0.1 until interrupted (Ctrl-C), and prints how to point a stack at it
(docs/emulator.md).

Options:
  -s, --stack <name>      the account implied by Pulumi.<name>.yaml (its VPC, CIDR, vSwitch and site); default dev
  -c, --config <file>     the account implied by another stack file
  -i, --inventory <file>  start from an inventory file instead (format: docs/offline-plan.md "Inventory format")
  -p, --port <n>          listen on 127.0.0.1:<n> (default: a free port)
  -r, --region <id>       the region the account's VPC and inventory are in (default: the stack's alicloud:region,
                          else cn-shanghai); requests naming another region see an empty one (docs/emulator.md)
      --deny <actions>    refuse these actions (comma-separated, e.g. DescribeEipAddresses) with Forbidden.RAM, as an
                          account whose RAM policy lacks them (emulator/access.ts)
      --variant <name>    answer as this emulator variant (below) where the reference is silent; NAME+NAME layers
                          several (docs/emulator.md "Variants"); default: default
  -h, --help              show this help

${REALISM_USAGE}

${variantUsage(false)}

Exit codes: 0 stopped by Ctrl-C, 1 could not start, 2 usage error.`;

/**
 * What a stack needs to use the emulator at `endpoint` (`127.0.0.1:PORT`): the provider settings, the credentials (the
 * emulator ignores signatures, the provider still wants a key) and the certificate to trust for the HTTPS-only calls.
 * docs/emulator.md shows the same lines. Pure.
 */
export function pointStackLines(endpoint: string, caFile: string): string[] {
    return [
        `pulumi config set alicloud:protocol HTTP`,
        `pulumi config set alicloud:skipRegionValidation true`,
        `pulumi config set alicloud:accountType Domestic`,
        `pulumi config set --path 'alicloud:endpoints[0].vpc' ${endpoint}`,
        `pulumi config set --path 'alicloud:endpoints[0].ecs' ${endpoint}`,
        `export ALIBABA_CLOUD_ACCESS_KEY_ID=any ALIBABA_CLOUD_ACCESS_KEY_SECRET=any   # the emulator ignores signatures`,
        `export SSL_CERT_FILE=${caFile}   # the provider deletes security group rules over HTTPS only`,
    ];
}

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
    const { args, runs } = parsed;
    const { name: variant, realism } = runs[0];
    const [{ emulatorAccount }, { startEmulator }, { loopbackCertificate }, { readConfigFile }, { REGIONS }] = await Promise.all([
        import("../emulator/account"),
        import("../emulator/server"),
        import("../emulator/tls"),
        import("../e2e/stack"),
        import("../emulator/regions"),
    ]);
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
        access: { denied: deniedActions(args.deny) },
    });
    const caDir = announce(running, args.inventory ?? file, variant);
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    await running.close();
    fs.rmSync(caDir, { recursive: true, force: true });
    return 0;
}

/** The actions `--deny` names (comma-separated). */
function deniedActions(deny: string | undefined): string[] {
    return (deny ?? "")
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== "");
}

/** Writes the emulator's certificate to a folder of its own and prints how to point a stack at it; returns the folder. */
function announce(running: RunningEmulator, accountFrom: string, variant: string): string {
    const caDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-emulator-ca-"));
    const caFile = path.join(caDir, "emulator-ca.pem");
    fs.writeFileSync(caFile, running.certificate!);
    process.stdout.write(
        [
            `emulator listening on ${running.url} (account from ${accountFrom}, in ${running.emulator.home.id}; variant ${variant})`,
            `point a stack at it:`,
            ...pointStackLines(running.endpoint, caFile).map((l) => `  ${l}`),
            `state: curl ${running.url}_emulator/state   log: curl ${running.url}_emulator/log`,
            "",
        ].join("\n"),
    );
    return caDir;
}

if (require.main === module) {
    runMain("emulator", main);
}
