/**
 * Argument parsing shared by the repository's commands (`npm run e2e`, `npm run emulator`): `util.parseArgs`, with a
 * usage error or `--help` answered here.
 */
import { parseArgs, ParseArgsConfig } from "util";
import { Realism, REALISM_OPTIONS, realismFromArgs } from "../emulator/realism";

/** The parsed options, or the exit code when the command should stop (2: usage error, 0: help was printed). */
export function commandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
    options: T,
    usage: string,
): ReturnType<typeof parseArgs<{ options: T }>>["values"] | number {
    let values;
    try {
        values = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } } }).values;
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n${usage}\n`);
        return 2;
    }
    if ((values as { help?: boolean }).help) {
        process.stdout.write(`${usage}\n`);
        return 0;
    }
    return values as ReturnType<typeof parseArgs<{ options: T }>>["values"];
}

/** What `read` derives from the parsed options, or 2 after printing its error (naming the option) and the usage. */
export function derivedArgs<T>(read: () => T, usage: string): T | number {
    try {
        return read();
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n${usage}\n`);
        return 2;
    }
}

/** `commandArgs` with the emulator's realism options added, and the realism they give; or the exit code. */
export function realismCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
    options: T,
    usage: string,
): { args: ReturnType<typeof parseArgs<{ options: T & typeof REALISM_OPTIONS }>>["values"]; realism: Realism } | number {
    const args = commandArgs({ ...options, ...REALISM_OPTIONS }, usage);
    if (typeof args === "number") {
        return args;
    }
    const realism: Realism | number = derivedArgs(() => realismFromArgs(args), usage);
    return typeof realism === "number" ? realism : { args, realism };
}
