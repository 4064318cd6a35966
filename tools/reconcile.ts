/**
 * `npm run reconcile`: lists the resources in the account that belong to a stack but are not in its state (what an
 * interrupted deploy can leave behind), and on request completes the pending creates they are the outcome of
 * (`--import`) or releases them (`--release`; EIPs only with `--release-eips`). Reads the emulator's API with
 * `--endpoint`, otherwise the region's VPC API with the AccessKey from the environment. `main` returns the exit code,
 * so the command is tested in-process.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AccountAccess } from "../recon/account";
import type { Orphan, Owner } from "../recon/reconcile";
import { CommandIo, commandArgs, PROCESS_IO, runMain } from "./args";

const PROJECT = "shared-bandwidth-gateway";
export const USAGE = `Usage: npm run reconcile -- [options]

Lists the resources of a stack in the account that its state lacks (what an interrupted deploy leaves behind), and
puts them into the state or releases them on request (docs/recovery.md).

Options:
  -s, --stack <name>     the stack (default dev); Pulumi.<name>.yaml gives its region and name prefix
  -c, --config <file>    any stack file (the stack is named after it)
      --state <file>     the stack's state as \`pulumi stack export\` writes it (default: runs it)
      --endpoint <url>   the VPC API to read, e.g. the emulator's http://127.0.0.1:PORT
                         (default https://vpc.<region>.aliyuncs.com, with ALIBABA_CLOUD_ACCESS_KEY_ID and
                         ALIBABA_CLOUD_ACCESS_KEY_SECRET from the environment)
      --import           record the orphans that are the outcome of pending creates in the state
                         (pulumi stack export, stack import, refresh --clear-pending-creates)
      --release          release the other orphans: DNAT entries, bindings, plan memberships, gateways, plans
      --release-eips     with --release, release orphaned EIPs too (their public addresses are gone for good)
      --json             print one JSON document
  -h, --help             show this help

Exit codes: 0 nothing orphaned (or all of it imported or released), 1 orphans remain,
2 usage error or something missing (the stack file, its region, the pulumi CLI, the AccessKey).`;

const OPTIONS = {
    stack: { type: "string", short: "s" },
    config: { type: "string", short: "c" },
    state: { type: "string" },
    endpoint: { type: "string" },
    import: { type: "boolean" },
    release: { type: "boolean" },
    "release-eips": { type: "boolean" },
    json: { type: "boolean" },
} as const;

/** Where the command writes, what it reads, and its directory (stack files are relative to it). */
export interface ReconcileIo extends CommandIo {
    cwd: string;
}

/** A prerequisite that is missing: said in words, exit 2. */
class Missing extends Error {}

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

/** Runs the Pulumi CLI for the stack (its own output goes to stderr); a CLI that is not installed is {@link Missing}. */
function pulumiRunner(io: ReconcileIo, stack: string): (args: string[]) => string {
    return (args) => {
        try {
            return execFileSync("pulumi", [...args, "--stack", stack], {
                cwd: io.cwd,
                env: io.env as NodeJS.ProcessEnv,
                encoding: "utf8",
                stdio: ["ignore", "pipe", "inherit"],
                maxBuffer: 256 * 1024 * 1024,
            });
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ENOENT") {
                throw new Missing(
                    `the pulumi CLI is not on PATH; it reads the stack's state (pulumi ${args.join(" ")}). ` +
                        `Install it (https://www.pulumi.com/docs/install/), or give the state with --state FILE (from pulumi stack export)`,
                );
            }
            throw e;
        }
    };
}

/** The stack file's config: region and name prefix. */
function stackConfig(io: ReconcileIo, file: string, parse: (text: string) => unknown): Record<string, unknown> {
    const full = path.resolve(io.cwd, file);
    if (!fs.existsSync(full)) {
        throw new Missing(`no stack file ${file} (give --stack NAME for Pulumi.NAME.yaml, or --config FILE)`);
    }
    return ((parse(fs.readFileSync(full, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
}

export async function main(argv: string[], io: ReconcileIo): Promise<number> {
    const args = commandArgs(OPTIONS, USAGE, argv, io);
    if (typeof args === "number") {
        return args;
    }
    try {
        return await reconcile(args, io);
    } catch (e) {
        if (e instanceof Missing) {
            io.stderr(`reconcile: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

type Args = Exclude<ReturnType<typeof commandArgs<typeof OPTIONS>>, number>;

/** The stack reconcile looks at: its name and region, and how its resources are recognised in the account. */
async function stackTarget(args: Args, io: ReconcileIo): Promise<{ stack: string; region: string; owner: Owner }> {
    const [{ parse }, program] = await Promise.all([import("yaml"), import("../program/stackConfig")]);
    const stack = args.stack ?? (args.config ? path.basename(args.config).replace(/^Pulumi\.|\.yaml$/g, "") : "dev");
    const config = stackConfig(io, args.config ?? `Pulumi.${stack}.yaml`, parse);
    const region = config["alicloud:region"] ?? io.env.ALIBABA_CLOUD_REGION;
    if (typeof region !== "string") {
        throw new Missing(`${args.config ?? `Pulumi.${stack}.yaml`} sets no alicloud:region (nor is ALIBABA_CLOUD_REGION set)`);
    }
    const owner = {
        stackTag: program.stackTagOf(PROJECT, stack),
        namePrefix: String(config[`${PROJECT}:namePrefix`] ?? program.defaultNamePrefix(stack)),
    };
    return { stack, region, owner };
}

/** The API reconcile reads: `--endpoint` (the emulator), else the region's, with the AccessKey from the environment. */
function accountAccess(args: Args, io: ReconcileIo, region: string, regionEndpoint: string): AccountAccess {
    const access = {
        endpoint: args.endpoint ?? regionEndpoint,
        region,
        // The emulator ignores signatures; the client still wants a key to sign with.
        accessKeyId: io.env.ALIBABA_CLOUD_ACCESS_KEY_ID || (args.endpoint ? "emulator" : ""),
        accessKeySecret: io.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET || (args.endpoint ? "emulator" : ""),
    };
    if (!args.endpoint && (!access.accessKeyId || !access.accessKeySecret)) {
        throw new Missing("set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or give --endpoint)");
    }
    return access;
}

/** `--import`: records the orphans that complete pending creates in the state; returns the orphans left. */
async function importPendingCreates(
    pulumi: (args: string[]) => string,
    doc: unknown,
    orphans: Orphan[],
    say: (l: string) => void,
): Promise<Orphan[]> {
    const { adoptPendingCreates } = await import("../recon/adopt");
    const { doc: edited, adopted } = adoptPendingCreates(doc, orphans);
    if (adopted.length > 0) {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sbg-reconcile-")), "state.json");
        fs.writeFileSync(file, JSON.stringify(edited));
        pulumi(["stack", "import", "--file", file]);
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
        say(`recorded in the state: ${adopted.join(", ")}`);
        pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    }
    return orphans.filter((o) => !o.pendingUrn || !adopted.includes(o.pendingUrn));
}

async function reconcile(args: Args, io: ReconcileIo): Promise<number> {
    const [account, { findOrphans }, { release, releasePlan }, { parseStackExport }] = await Promise.all([
        import("../recon/account"),
        import("../recon/reconcile"),
        import("../recon/release"),
        import("../recon/state"),
    ]);
    const { stack, region, owner } = await stackTarget(args, io);
    const pulumi = pulumiRunner(io, stack);
    const doc = JSON.parse(args.state ? fs.readFileSync(path.resolve(io.cwd, args.state), "utf8") : pulumi(["stack", "export"])) as unknown;
    const state = parseStackExport(doc);
    const call = account.rpcCaller(accountAccess(args, io, region, account.vpcEndpoint(region)));
    const orphans = findOrphans(state, await account.readAccount(call), owner);
    const say = (l: string) => io.stderr(`${l}\n`);
    let remaining = orphans;
    if (args.import) {
        if (args.state) {
            say("reconcile: --import edits the stack's own state: leave out --state");
            return 2;
        }
        remaining = await importPendingCreates(pulumi, doc, orphans, say);
    }
    if (args.release) {
        const doomed = releasePlan(remaining, args["release-eips"] === true);
        if (await release(call, doomed, say)) {
            remaining = remaining.filter((o) => !doomed.includes(o));
        }
    }
    io.stdout(args.json ? `${JSON.stringify({ stack, orphans, remaining: remaining.length }, null, 2)}\n` : render(orphans));
    return remaining.length === 0 ? 0 : 1;
}

if (require.main === module) {
    runMain("reconcile", () => main(process.argv.slice(2), { ...PROCESS_IO, cwd: process.cwd() }));
}
