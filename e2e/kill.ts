/**
 * Interrupting the Pulumi CLI the Automation API started: finding its process (a child of this one), and killing it
 * at a moment chosen from the emulator's request log, after the Nth write request of the operation plus a delay, so
 * the same seed lands at the same point of a deploy whatever the machine's speed. SIGINT goes to the CLI alone
 * (it cancels gracefully); SIGKILL to the CLI alone, or to it and its provider plugins (a runner's timeout or an
 * out-of-memory kill takes the whole tree).
 */
import * as fs from "fs";
import type { LogEntry } from "../emulator/emulator";

/** How the CLI is interrupted. */
export type KillKind = "SIGINT" | "SIGKILL" | "SIGKILL-tree";

/** When: after the `afterWrite`th write request of the operation, then `delayMs` later. */
export interface KillPoint {
    kind: KillKind;
    afterWrite: number;
    delayMs: number;
}

function parentOf(pid: string): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined;
    }
}

function commandOf(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
        return "";
    }
}

/** Child processes of `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
    return fs
        .readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d) && parentOf(d) === pid)
        .map(Number);
}

/** Every process below `pid`: plugins, and what they started (the dynamic-provider host runs node from a script). */
export function descendantsOf(pid: number): number[] {
    const kids = childrenOf(pid);
    return [...kids, ...kids.flatMap(descendantsOf)];
}

/** Whether a process is still there (and not a zombie). */
export function alive(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

/** A write request: anything but a Describe or List action. */
export function isWrite(l: LogEntry): boolean {
    return !/^(Describe|List)/.test(l.action);
}

/** An armed kill: `fired` once it struck; `plugins` are the processes below the CLI, to wait for. */
export interface ArmedKill {
    fired: boolean;
    firedAt?: number;
    /** The write requests the operation had sent when the kill struck. */
    writesBefore?: number;
    plugins: number[];
    disarm(): void;
}

/** Watches `log()` from `start` and kills the CLI child of this process at `point`. */
export function armKill(log: () => readonly LogEntry[], start: number, point: KillPoint): ArmedKill {
    const armed: ArmedKill = { fired: false, plugins: [], disarm: () => undefined };
    let delay: NodeJS.Timeout | undefined;
    const strike = () => {
        const cli = childrenOf(process.pid).filter((p) => commandOf(p) === "pulumi");
        if (cli.length === 0) {
            return;
        }
        armed.plugins = cli.flatMap(descendantsOf);
        armed.fired = true;
        armed.firedAt = Date.now();
        armed.writesBefore = log().slice(start).filter(isWrite).length;
        cli.forEach((p) => process.kill(p, point.kind === "SIGINT" ? "SIGINT" : "SIGKILL"));
        if (point.kind === "SIGKILL-tree") {
            armed.plugins.forEach((p) => alive(p) && process.kill(p, "SIGKILL"));
        }
    };
    const watch = setInterval(() => {
        if (delay === undefined && log().slice(start).filter(isWrite).length >= point.afterWrite) {
            clearInterval(watch);
            delay = setTimeout(strike, point.delayMs);
        }
    }, 10);
    armed.disarm = () => {
        clearInterval(watch);
        if (delay) {
            clearTimeout(delay);
        }
    };
    return armed;
}

/** Waits until every process in `pids` has gone (plugins notice their engine is gone), at most `timeoutMs`. */
export async function waitGone(pids: number[], timeoutMs = 60000): Promise<number[]> {
    const until = Date.now() + timeoutMs;
    while (pids.some(alive) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
    }
    return pids.filter(alive);
}
