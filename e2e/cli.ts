/**
 * The CLI path: a project run the way its users run it, by `pulumi` commands in the project folder, with the program
 * started by the language host beside the CLI (`pulumi-language-nodejs`, `-python` or `-yaml`, built by
 * tools/engine/build.sh) instead of served in this process as an Automation API inline program. `CliStack` offers the
 * operations the lifecycle uses with the Automation API's result shapes, read from the CLI's own answers:
 * `pulumi preview --json`, `pulumi stack output --json`, `pulumi stack history --json`, `pulumi stack export`.
 */
import type {
    DestroyResult,
    EngineEvent,
    OpMap,
    OutputMap,
    PreviewResult,
    RefreshResult,
    UpdateSummary,
    UpResult,
} from "@pulumi/pulumi/automation";
import type { Deployment } from "@pulumi/pulumi/automation";
import { spawn } from "child_process";
import * as path from "path";
import type { Toolchain } from "./engine";

/** Options the lifecycle passes to an operation (a subset of the Automation API's). */
export interface CliOptions {
    onOutput?: (out: string) => void;
    onEvent?: (event: EngineEvent) => void;
    expectNoChanges?: boolean;
    color?: string;
}

/** What one command did. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `pulumi ...args` in `cwd`; streams its output to `onOutput`. Never throws. */
export function runPulumi(
    tc: Toolchain,
    cwd: string,
    env: Record<string, string>,
    args: string[],
    onOutput: (out: string) => void = () => undefined,
): Promise<CliResult> {
    return new Promise((resolve) => {
        const child = spawn(path.join(tc.binDir, "pulumi"), args, {
            cwd,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => {
            stdout += d.toString();
            onOutput(d.toString());
        });
        child.stderr.on("data", (d: Buffer) => {
            stderr += d.toString();
            onOutput(d.toString());
        });
        child.on("error", (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e.message}\n` }));
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}

/** A failed command: its message is what the user saw (stdout, then stderr). */
export class CliError extends Error {
    constructor(
        readonly args: string[],
        readonly result: CliResult,
        shown = `${result.stdout}\n${result.stderr}`,
    ) {
        super(`pulumi ${args.join(" ")} exited with ${result.code}:\n${shown}`);
        this.name = "CliError";
    }
}

/** One step of `pulumi preview --json` (pkg/display/json.go PreviewStep). */
interface DigestStep {
    op: string;
    urn: string;
    diffReasons?: string[];
}

/** `pulumi preview --json` (pkg/display/json.go PreviewDigest). */
interface PreviewDigest {
    steps?: DigestStep[];
    diagnostics?: { message?: string }[];
    changeSummary?: OpMap;
}

/** The type of a resource from its URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

/** The engine events the Automation API would have reported for a preview's steps (only what the e2e reads). */
export function eventsOfDigest(digest: PreviewDigest): EngineEvent[] {
    return (digest.steps ?? []).map(
        (s, sequence) =>
            ({
                sequence,
                timestamp: 0,
                resourcePreEvent: { metadata: { op: s.op, urn: s.urn, type: typeOfUrn(s.urn), provider: "", diffs: s.diffReasons } },
            }) as unknown as EngineEvent,
    );
}

/** A stack of the project in `dir`, driven by `pulumi` commands. */
export class CliStack {
    constructor(
        readonly tc: Toolchain,
        readonly dir: string,
        readonly name: string,
        readonly env: Record<string, string>,
    ) {}

    /** Runs a command for this stack; throws {@link CliError} when it fails. */
    async run(args: string[], opts: CliOptions = {}, shown?: (r: CliResult) => string): Promise<CliResult> {
        const full = [...args, "--stack", this.name, "--non-interactive", "--color", "never"];
        const r = await runPulumi(this.tc, this.dir, this.env, full, opts.onOutput);
        if (r.code !== 0) {
            throw new CliError(full, r, shown?.(r));
        }
        return r;
    }

    /** `pulumi stack init NAME` (a new stack in the backend). */
    async init(): Promise<void> {
        const args = ["stack", "init", this.name, "--non-interactive"];
        const r = await runPulumi(this.tc, this.dir, this.env, args);
        if (r.code !== 0) {
            throw new CliError(args, r);
        }
    }

    /**
     * `pulumi preview --json --show-sames`: the same program run as `pulumi preview`, with every step in the answer. A
     * failure's message is the preview's diagnostics as the user would read them.
     */
    async preview(opts: CliOptions = {}): Promise<PreviewResult> {
        const args = ["preview", "--json", "--show-sames", ...(opts.expectNoChanges ? ["--expect-no-changes"] : [])];
        const r = await this.run(args, { ...opts, onOutput: undefined }, (failed) => diagnosticsText(failed.stdout) + failed.stderr);
        opts.onOutput?.(r.stdout);
        const digest = JSON.parse(r.stdout) as PreviewDigest;
        eventsOfDigest(digest).forEach((e) => opts.onEvent?.(e));
        return { stdout: r.stdout, stderr: r.stderr, changeSummary: digest.changeSummary ?? {} };
    }

    /** `pulumi up --yes`, as a user runs it (a preview, then the update). */
    async up(opts: CliOptions = {}): Promise<UpResult> {
        const r = await this.run(["up", "--yes"], opts);
        return { stdout: r.stdout, stderr: r.stderr, outputs: await this.outputs(), summary: await this.lastUpdate() };
    }

    /** `pulumi refresh --yes`, failing with `--expect-no-changes` when asked to. */
    async refresh(opts: CliOptions = {}): Promise<RefreshResult> {
        const r = await this.run(["refresh", "--yes", ...(opts.expectNoChanges ? ["--expect-no-changes"] : [])], opts);
        return { stdout: r.stdout, stderr: r.stderr, summary: await this.lastUpdate() };
    }

    /** `pulumi destroy --yes`. */
    async destroy(opts: CliOptions = {}): Promise<DestroyResult> {
        const r = await this.run(["destroy", "--yes"], opts);
        return { stdout: r.stdout, stderr: r.stderr, summary: await this.lastUpdate() };
    }

    /** `pulumi stack output --json --show-secrets`, in the Automation API's shape (no secrets are expected here). */
    async outputs(): Promise<OutputMap> {
        const r = await this.run(["stack", "output", "--json", "--show-secrets"]);
        const values = JSON.parse(r.stdout) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, secret: false }]));
    }

    /** `pulumi stack export`. */
    async exportStack(): Promise<Deployment> {
        return JSON.parse((await this.run(["stack", "export"])).stdout) as Deployment;
    }

    /** The last operation's summary from `pulumi stack history --json`. */
    async lastUpdate(): Promise<UpdateSummary> {
        const r = await this.run(["stack", "history", "--json", "--page-size", "1"]);
        const [last] = JSON.parse(r.stdout, (key, value) =>
            (key === "startTime" || key === "endTime") && typeof value === "string" ? new Date(value) : value,
        ) as UpdateSummary[];
        return last;
    }
}

/** The diagnostics of a `--json` answer as the CLI would print them (`error: ...`, the program's output); else the raw text. */
export function diagnosticsText(stdout: string): string {
    try {
        const digest = JSON.parse(stdout) as PreviewDigest;
        return (digest.diagnostics ?? []).map((d) => d.message ?? "").join("\n");
    } catch {
        return stdout;
    }
}
