/**
 * The account commands, apart from their argument parsing (tools/inventory.ts, tools/preflight.ts, tools/policy.ts):
 * each returns its exit code and writes through `io`, so it can be run in-process. Bad input (an unknown region, a VPC
 * of another region, missing or refused credentials, a usage error) is one line naming what to fix and exit code 2,
 * never a stack trace. No message carries a credential: the AccessKey is only ever handed to the official client.
 */
import * as fs from "fs";
import * as path from "path";
import { StackFileError } from "../offline/stackFile";
import { StackConfigError } from "../program/stackConfig";
import { REGIONS } from "../emulator/regions";
import { AccountApi, ApiTarget } from "./client";
import { accountCredential, CredentialsMissing } from "./credentials";
import { preflightChecks, type Finding } from "./checks";
import { inventoryOf, inventoryYaml } from "./inventoryDoc";
import { deployActions, preflightActions, ramPolicy } from "./policy";
import { readAccount, ReadStop, type AccountReading } from "./reader";
import { readAccountStack, type AccountStack } from "./stack";

export interface CommandIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** The project directory (Pulumi.yaml and the stack files). */
    cwd: string;
}

/** Bad input: the command says what to fix in one line and exits 2. */
export class BadInput extends Error {}

/** `http://127.0.0.1:PORT` (the emulator) or `host:port` as the clients' endpoint and protocol. */
export function endpointTarget(region: string, endpoint: string | undefined): ApiTarget {
    if (endpoint === undefined) {
        return { region };
    }
    const m = /^(?:(https?):\/\/)?([^/\s]+?)\/?$/.exec(endpoint);
    if (!m) {
        throw new BadInput(`--endpoint ${JSON.stringify(endpoint)} is not host:port or http(s)://host:port`);
    }
    return { region, endpoint: m[2], protocol: (m[1] as "http" | "https" | undefined) ?? "https" };
}

function checkRegion(region: string, what: string): void {
    if (!REGIONS.includes(region)) {
        throw new BadInput(
            `${what} ${JSON.stringify(region)} is not an Alibaba Cloud region (e.g. cn-shanghai, ap-southeast-1): give the region the account uses`,
        );
    }
}

/** Runs `fn`: bad input is exit code 2 with one line on stderr, an invalid stack config exit code 1 with its problems. */
async function guarded(name: string, io: CommandIo, fn: () => Promise<number>): Promise<number> {
    try {
        return await fn();
    } catch (e) {
        if (e instanceof StackConfigError) {
            io.stderr(`${name}: ${e.message}\n`);
            return 1;
        }
        if (e instanceof BadInput || e instanceof CredentialsMissing || e instanceof ReadStop || e instanceof StackFileError) {
            io.stderr(`${name}: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

async function read(region: string, vpcId: string, endpoint: string | undefined): Promise<AccountReading> {
    const target = endpointTarget(region, endpoint);
    const api = new AccountApi(target, await accountCredential());
    return readAccount(api, vpcId);
}

function deniedLines(reading: AccountReading): string {
    return reading.denied.map((d) => `  ${d.ramAction} (${d.code})\n`).join("");
}

export interface InventoryOptions {
    region?: string;
    vpc?: string;
    out?: string;
    site?: string;
    endpoint?: string;
    json?: boolean;
}

/** `npm run inventory`: 0 written, 1 some reads were refused (nothing written), 2 bad input. */
export function inventoryCommand(o: InventoryOptions, io: CommandIo): Promise<number> {
    return guarded("inventory", io, async () => {
        if (o.region === undefined || o.vpc === undefined) {
            throw new BadInput("give the region and the VPC to read: --region REGION --vpc VPC_ID");
        }
        checkRegion(o.region, "--region");
        if (o.site !== undefined && o.site !== "china" && o.site !== "international") {
            throw new BadInput(`--site ${JSON.stringify(o.site)} must be china or international`);
        }
        const reading = await read(o.region, o.vpc, o.endpoint);
        if (reading.denied.length > 0) {
            io.stderr(
                `inventory: these reads were refused; grant them (npm run policy -- --preflight) and run again:\n${deniedLines(reading)}`,
            );
            return 1;
        }
        const doc = inventoryOf(reading, o.site as "china" | "international" | undefined);
        const text = o.json ? `${JSON.stringify(doc, null, 2)}\n` : inventoryYaml(doc, o.vpc, new Date());
        if (o.out === undefined) {
            io.stdout(text);
        } else {
            fs.writeFileSync(path.resolve(io.cwd, o.out), text);
            io.stderr(
                `inventory: wrote ${o.out}: ${reading.natGateways.length} NAT gateway(s), ${reading.eips.length} EIP(s), ${reading.bandwidthPlans.length} plan(s), ${reading.securityGroups.length} security group(s); plan against it: npm run plan -- --stack NAME --inventory ${o.out}\n`,
            );
        }
        return 0;
    });
}

export interface StackOptions {
    stack?: string;
    config?: string;
}

async function loadStack(o: StackOptions, io: CommandIo): Promise<AccountStack> {
    if (o.stack !== undefined && o.config !== undefined) {
        throw new BadInput("give either --stack or --config, not both");
    }
    const stack = o.stack ?? (o.config ? path.basename(o.config).replace(/^Pulumi\.|\.ya?ml$/g, "") : "dev");
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new BadInput(`--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, '_', '.', '-')`);
    }
    const s = await readAccountStack(io.cwd, stack, o.config ? path.resolve(io.cwd, o.config) : undefined);
    if (s.region === undefined) {
        throw new BadInput(`${path.basename(s.file)} sets no alicloud:region: pulumi config set alicloud:region REGION --stack ${stack}`);
    }
    checkRegion(s.region, "alicloud:region");
    return s;
}

export interface PreflightOptions extends StackOptions {
    endpoint?: string;
    json?: boolean;
}

function renderFindings(s: AccountStack, findings: Finding[], reading: AccountReading): string {
    const errors = findings.filter((f) => f.severity === "error").length;
    const lines = findings.map((f) => `${f.severity.toUpperCase().padEnd(7)} ${f.key}  [${f.check}] ${f.message}`);
    const verdict =
        errors > 0
            ? `${errors} error(s): the deploy would fail; fix them before pulumi up`
            : "no errors: nothing found that would fail the deploy";
    return [
        `preflight of stack ${s.stack} in ${s.region}, VPC ${s.vpcId} (${reading.called.length} read-only actions, no write)`,
        ...lines,
        verdict,
        "",
    ].join("\n");
}

/** `npm run preflight`: 0 nothing would fail, 1 the deploy would fail (or the config is invalid), 2 bad input. */
export function preflightCommand(o: PreflightOptions, io: CommandIo): Promise<number> {
    return guarded("preflight", io, async () => {
        const s = await loadStack(o, io);
        if (s.vpcIdSecret) {
            throw new BadInput(
                `vpcId is an encrypted secret, which cannot be read here: run preflight on a copy of ${path.basename(s.file)} with the plain id`,
            );
        }
        if (s.vpcId === undefined) {
            throw new BadInput(`the stack sets no vpcId: pulumi config set vpcId VPC_ID --stack ${s.stack}`);
        }
        const reading = await read(s.region!, s.vpcId, o.endpoint);
        const findings = preflightChecks(
            { project: s.project, region: s.region!, gateway: s.gateway, vpcId: s.vpcId, vswitchId: s.vswitchId },
            reading,
        );
        if (o.json) {
            io.stdout(
                `${JSON.stringify({ schemaVersion: 1, stack: s.stack, region: s.region, vpcId: s.vpcId, findings, read: reading.called }, null, 2)}\n`,
            );
        } else {
            io.stdout(renderFindings(s, findings, reading));
        }
        return findings.some((f) => f.severity === "error") ? 1 : 0;
    });
}

export interface PolicyOptions extends StackOptions {
    account?: string;
    /** The read-only policy of `npm run inventory` and `npm run preflight` instead. */
    preflight?: boolean;
}

/** `npm run policy`: the RAM policy document on stdout; 1 when the config is invalid, 2 bad input. */
export function policyCommand(o: PolicyOptions, io: CommandIo): Promise<number> {
    return guarded("policy", io, async () => {
        const account = o.account ?? "*";
        if (!/^(\*|\d{1,32})$/.test(account)) {
            throw new BadInput(`--account ${JSON.stringify(account)} must be the account's numeric id`);
        }
        const s = await loadStack(o, io);
        const scope = { gateway: s.gateway, region: s.region!, account, vpcId: s.vpcId, vswitchId: s.vswitchId };
        const policy = ramPolicy(o.preflight ? preflightActions(scope) : deployActions(scope));
        io.stdout(`${JSON.stringify(policy, null, 2)}\n`);
        if (account === "*") {
            io.stderr("policy: resources name every account (*): give --account ID to scope them to yours\n");
        }
        return 0;
    });
}
