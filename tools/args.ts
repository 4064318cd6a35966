/**
 * Argument parsing shared by the repository's commands (`npm run plan`, `e2e`, `emulator`, `reconcile`, ...):
 * `util.parseArgs`, with `--help` and usage errors answered the same way everywhere. `--help` prints the usage on
 * stdout and exits 0; a usage error names the option (with the nearest known one for a misspelling, or how to put
 * options after `--` when npm took them) and exits 2. Light on purpose: a command loads its heavy modules only after
 * its arguments were read, so `--help` answers at once.
 */
import { closest, distance } from "fastest-levenshtein";
import { parseArgs, ParseArgsConfig } from "util";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values<T extends Options> = ReturnType<typeof parseArgs<{ options: T }>>["values"];

/** Where a command writes and what it reads besides its arguments. */
export interface CommandIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Environment, to spot options npm took for itself (`npm run plan --stack prod`). */
    env: Record<string, string | undefined>;
}

export const PROCESS_IO: CommandIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
};

/** The npm script a usage text is for (`Usage: npm run e2e -- ...`). */
export function commandName(usage: string): string {
    return /npm run (?:-s )?(\S+)/.exec(usage)?.[1] ?? "command";
}

/** `--stak` -> `--stack`: the nearest option name when the misspelling is close, else undefined. Pure. */
export function nearestOption(given: string, options: Options): string | undefined {
    const names = Object.keys(options);
    const bare = given.replace(/^-+/, "").split("=")[0];
    const near = names.length > 0 ? closest(bare, names) : undefined;
    return near !== undefined && distance(bare, near) <= Math.max(2, Math.floor(near.length / 4)) ? `--${near}` : undefined;
}

/**
 * `npm run plan --stack prod` (no `--`): npm keeps the option (as `npm_config_stack`) and passes only its value; the
 * way to write it, or undefined when npm took none of the command's options. Pure.
 */
export function forgottenDashes(name: string, options: Options, env: Record<string, string | undefined>): string | undefined {
    const taken = Object.keys(options).filter((o) => env[`npm_config_${o.replace(/-/g, "_")}`] !== undefined);
    if (taken.length === 0) {
        return undefined;
    }
    const first = taken[0];
    const value = options[first].type === "boolean" ? "" : " <value>";
    return `npm took ${taken.map((o) => `--${o}`).join(", ")} for itself: put options after "--", e.g. npm run ${name} -- --${first}${value}`;
}

/** The message of a usage error in the project's words: the option named, the nearest known one, no Node.js jargon. Pure. */
export function usageMessage(error: Error, options: Options): string {
    const unknown = /^Unknown option '([^']+)'/.exec(error.message);
    if (unknown) {
        const near = nearestOption(unknown[1], options);
        return `unknown option ${unknown[1]}${near ? `; did you mean ${near}?` : ""}`;
    }
    const positional = /^Unexpected argument '([^']+)'/.exec(error.message);
    if (positional) {
        return `unexpected argument ${JSON.stringify(positional[1])}: every argument is an option (--name value)`;
    }
    return error.message.replace(/\. To specify a positional argument.*$/s, "");
}

/** A command line read: the values, the usage to print for `--help`, or a usage error in the project's words. */
export type ParsedCommand<T extends Options> = { values: Values<T> } | { help: string } | { error: string };

/** Reads `argv` against `options` (`--help` and `-h` added); prints nothing. Pure but for the environment it is given. */
export function parseCommand<T extends Options>(
    options: T,
    usage: string,
    argv: string[],
    env: Record<string, string | undefined> = {},
): ParsedCommand<T> {
    const all = { ...options, help: { type: "boolean", short: "h" } } as const satisfies Options;
    let values;
    try {
        values = parseArgs({ args: argv, options: all, strict: true, allowPositionals: false }).values;
    } catch (e) {
        const hint = forgottenDashes(commandName(usage), options, env);
        return { error: `${usageMessage(e as Error, all)}${hint ? `; ${hint}` : ""}` };
    }
    if ((values as { help?: boolean }).help) {
        return { help: `${usage.trimEnd()}\n` };
    }
    return { values: values as Values<T> };
}

/** The line after a usage error: where the options are listed. */
export function helpPointer(usage: string): string {
    return `(npm run ${commandName(usage)} -- --help lists the options)`;
}

/**
 * Parses `argv` (default: the process's arguments). Returns the values, or the exit code when the command should
 * stop: 0 after printing the usage for `--help`, 2 after printing a usage error.
 */
export function commandArgs<T extends Options>(
    options: T,
    usage: string,
    argv: string[] = process.argv.slice(2),
    io: CommandIo = PROCESS_IO,
): Values<T> | number {
    const parsed = parseCommand(options, usage, argv, io.env);
    if ("help" in parsed) {
        io.stdout(parsed.help);
        return 0;
    }
    if ("error" in parsed) {
        io.stderr(`${commandName(usage)}: ${parsed.error}\n${helpPointer(usage)}\n`);
        return 2;
    }
    return parsed.values;
}

/** What `read` derives from the parsed options, or 2 after printing its error (naming the option). */
export function derivedArgs<T>(read: () => T, usage: string, io: CommandIo = PROCESS_IO): T | number {
    try {
        return read();
    } catch (e) {
        io.stderr(`${commandName(usage)}: ${(e as Error).message}\n${helpPointer(usage)}\n`);
        return 2;
    }
}

/** Runs a command's main function as the process: its result is the exit code; a throw prints `name: message`, exit 1. */
export function runMain(name: string, main: () => Promise<number>): void {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
