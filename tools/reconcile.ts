/**
 * `npm run reconcile`: lists the resources in the account that belong to a stack but are not in its state (what an
 * interrupted deploy can leave behind), and on request completes the pending creates they are the outcome of
 * (`--import`) or releases them (`--release`; EIPs only with `--release-eips`). Reads the emulator's API with
 * `--endpoint`, otherwise the region's VPC API with the AccessKey from the environment.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { AccountAccess, readAccount, rpcCaller, vpcEndpoint } from "../recon/account";
import { adoptPendingCreates } from "../recon/adopt";
import { findOrphans, Orphan } from "../recon/reconcile";
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
      --import         record the orphans that are the outcome of pending creates in the state
                       (pulumi stack export, stack import, refresh --clear-pending-creates)
      --release        release the other orphans: DNAT entries, bindings, plan memberships, gateways, plans
      --release-eips   with --release, release orphaned EIPs too (their public addresses are gone for good)
      --json           print one JSON document

Exit codes: 0 nothing orphaned (or all of it imported or released), 1 orphans remain, 2 usage error.`;

function render(orphans: Orphan[]): string {
    if (orphans.length === 0) {
        return "no orphans: every resource of the stack in the account is in its state\n";
    }
    const lines = orphans.map(
        (o) =>
            `  ${o.what}  [${o.matchedBy}${o.pendingUrn ? `; the outcome of the pending create of ${o.pendingUrn}` : ""}${o.goesWith ? `; goes with the forced deletion of ${o.goesWith}` : ""}]`,
    );
    const pending = orphans.some((o) => o.pendingUrn)
        ? ["to put the outcomes of pending creates into the state: npm run reconcile -- --import"]
        : [];
    const rest = orphans.some((o) => !o.pendingUrn)
        ? ["not claimed by a pending create: release with --release (EIPs need --release-eips too)"]
        : [];
    const forced = orphans.some((o) => o.goesWith)
        ? [
              "an interrupted destroy left what goes with a forced deletion (docs/recovery.md): `pulumi destroy` again removes it; release it before a `pulumi up`",
          ]
        : [];
    return [`${orphans.length} resource(s) of the stack are not in its state:`, ...lines, ...pending, ...rest, ...forced, ""].join("\n");
}

/** Runs the CLI for the stack; output goes to stderr. */
function pulumi(stack: string, args: string[]): string {
    return execFileSync("pulumi", [...args, "--stack", stack], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 256 * 1024 * 1024,
    });
}

/** --import: the orphans that complete pending creates go into the state (stack export, edit, stack import, refresh). */
function importOrphans(stack: string, exported: unknown, orphans: Orphan[], say: (l: string) => void): string[] {
    const { doc, adopted } = adoptPendingCreates(exported, orphans);
    if (adopted.length === 0) {
        return [];
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sbg-reconcile-")), "state.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    pulumi(stack, ["stack", "import", "--file", file]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    say(`recorded in the state: ${adopted.join(", ")}`);
    pulumi(stack, ["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    return adopted;
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
    const exported = args.state ? fs.readFileSync(args.state, "utf8") : pulumi(stack, ["stack", "export"]);
    const doc = JSON.parse(exported) as unknown;
    const state = parseStackExport(doc);
    const access: AccountAccess = {
        endpoint: args.endpoint ?? vpcEndpoint(region),
        region,
        // The emulator ignores signatures; the client still wants a key to sign with.
        accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID || (args.endpoint ? "emulator" : ""),
        accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET || (args.endpoint ? "emulator" : ""),
    };
    if (!args.endpoint && (!access.accessKeyId || !access.accessKeySecret)) {
        process.stderr.write("reconcile: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or give --endpoint)\n");
        return 2;
    }
    const call = rpcCaller(access);
    const orphans = findOrphans(state, await readAccount(call), owner);
    const say = (l: string) => process.stderr.write(`${l}\n`);
    let remaining = orphans;
    if (args.import) {
        if (args.state) {
            say("--import edits the stack's own state: leave out --state");
            return 2;
        }
        const adopted = importOrphans(stack, doc, orphans, say);
        remaining = remaining.filter((o) => !o.pendingUrn || !adopted.includes(o.pendingUrn));
    }
    if (args.release) {
        const doomed = releasePlan(remaining, args["release-eips"] === true);
        if (await release(call, doomed, say)) {
            remaining = remaining.filter((o) => !doomed.includes(o));
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify({ stack, orphans, remaining: remaining.length }, null, 2)}\n`);
    } else {
        process.stdout.write(render(orphans));
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
