/**
 * `npm run reconcile`: lists the resources in the account that belong to a stack but are not in its state (what an
 * interrupted deploy can leave behind), and on request completes the pending creates they are the outcome of
 * (`--import`) or releases them (`--release`; EIPs only with `--release-eips`). Reads the emulator's API with
 * `--endpoint`, otherwise the region's VPC API with the AccessKey from the environment.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { AccountAccess, readAccount, rpcCaller, vpcEndpoint } from "../recon/account";
import { findOrphans, importArgs, Orphan } from "../recon/reconcile";
import { release, releasePlan } from "../recon/release";
import { parseStackExport } from "../recon/state";
import { defaultNamePrefix, stackTagOf } from "../program/stackConfig";
import { commandArgs } from "./args";

const PROJECT = "shared-bandwidth-gateway";
const USAGE = `usage: npm run reconcile -- [--stack NAME | --config FILE] [--state FILE] [--endpoint URL] [--import] [--release [--release-eips]] [--json]

  -s, --stack NAME     the stack (default dev); Pulumi.NAME.yaml gives its region and name prefix
  -c, --config FILE    any stack file (the stack is named after it)
      --state FILE     the stack's state as \`pulumi stack export\` writes it (default: runs it)
      --endpoint URL   the VPC API to read, e.g. the emulator's http://127.0.0.1:PORT
                       (default https://vpc.<region>.aliyuncs.com, with ALIBABA_CLOUD_ACCESS_KEY_ID and
                       ALIBABA_CLOUD_ACCESS_KEY_SECRET from the environment)
      --import         complete the pending creates the orphans are the outcome of (runs pulumi refresh)
      --release        release the other orphans: DNAT entries, bindings, plan memberships, gateways, plans
      --release-eips   with --release, release orphaned EIPs too (their public addresses are gone for good)
      --json           print one JSON document

Exit codes: 0 nothing orphaned (or all of it imported or released), 1 orphans remain, 2 usage error.`;

function render(orphans: Orphan[], refresh: string[]): string {
    if (orphans.length === 0) {
        return "no orphans: every resource of the stack in the account is in its state\n";
    }
    const lines = orphans.map(
        (o) => `  ${o.what}  [${o.matchedBy}${o.pendingUrn ? `; completes the pending create of ${o.pendingUrn}` : ""}]`,
    );
    const fix = refresh.length > 0 ? [`to import: pulumi ${refresh.join(" ")}`, "  (or npm run reconcile -- --import)"] : [];
    const rest = orphans.filter((o) => !o.pendingUrn);
    const rel = rest.length > 0 ? ["not claimed by a pending create: release with --release (EIPs need --release-eips too)"] : [];
    return [`${orphans.length} resource(s) of the stack are not in its state:`, ...lines, ...fix, ...rel, ""].join("\n");
}

async function main(): Promise<number> {
    const args = commandArgs(
        {
            stack: { type: "string", short: "s" },
            config: { type: "string", short: "c" },
            state: { type: "string" },
            endpoint: { type: "string" },
            import: { type: "boolean" },
            release: { type: "boolean" },
            "release-eips": { type: "boolean" },
            json: { type: "boolean" },
        } as const,
        USAGE,
    );
    if (typeof args === "number") {
        return args;
    }
    const stack = args.stack ?? (args.config ? path.basename(args.config).replace(/^Pulumi\.|\.yaml$/g, "") : "dev");
    const file = args.config ?? `Pulumi.${stack}.yaml`;
    const config = ((parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<
        string,
        unknown
    >;
    const region = config["alicloud:region"] ?? process.env.ALIBABA_CLOUD_REGION;
    if (typeof region !== "string") {
        process.stderr.write(`reconcile: ${file} sets no alicloud:region (nor is ALIBABA_CLOUD_REGION set)\n`);
        return 2;
    }
    const owner = {
        stackTag: stackTagOf(PROJECT, stack),
        namePrefix: String(config[`${PROJECT}:namePrefix`] ?? defaultNamePrefix(stack)),
    };
    const exported = args.state
        ? fs.readFileSync(args.state, "utf8")
        : execFileSync("pulumi", ["stack", "export", "--stack", stack], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const state = parseStackExport(JSON.parse(exported));
    const access: AccountAccess = {
        endpoint: args.endpoint ?? vpcEndpoint(region),
        region,
        accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "",
        accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "",
    };
    if (!args.endpoint && (!access.accessKeyId || !access.accessKeySecret)) {
        process.stderr.write("reconcile: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or give --endpoint)\n");
        return 2;
    }
    const call = rpcCaller(access);
    const orphans = findOrphans(state, await readAccount(call), owner);
    const refresh = importArgs(orphans);
    const say = (l: string) => process.stderr.write(`${l}\n`);
    let remaining = orphans;
    if (args.import && refresh.length > 0) {
        execFileSync("pulumi", [...refresh, "--stack", stack], { stdio: ["ignore", "inherit", "inherit"] });
        remaining = remaining.filter((o) => !o.pendingUrn);
    }
    if (args.release) {
        const doomed = releasePlan(remaining, args["release-eips"] === true);
        if (await release(call, doomed, say)) {
            remaining = remaining.filter((o) => !doomed.includes(o));
        }
    }
    if (args.json) {
        process.stdout.write(
            `${JSON.stringify({ stack, orphans, importCommand: refresh.length > 0 ? ["pulumi", ...refresh] : null, remaining: remaining.length }, null, 2)}\n`,
        );
    } else {
        process.stdout.write(render(orphans, refresh));
    }
    return remaining.length === 0 ? 0 : 1;
}

main().then(
    (code) => (process.exitCode = code),
    (e) => {
        process.stderr.write(`reconcile: ${(e as Error).message}\n`);
        process.exitCode = 1;
    },
);
