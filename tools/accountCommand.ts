/**
 * Runs one of the account commands (preflight/commands.ts) as a process: its exit code, and for a failure nobody
 * expected one line on stderr, never a stack trace (a stack trace could quote a request).
 */
import type { CommandIo } from "../preflight/commands";

export function runCommand<T>(name: string, args: T | number, run: (args: T, io: CommandIo) => Promise<number>): void {
    if (typeof args === "number") {
        process.exitCode = args;
        return;
    }
    const io: CommandIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };
    run(args, io).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`${name}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
