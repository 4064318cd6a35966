/**
 * Argument parsing shared by the repository's commands (`npm run e2e`, `npm run emulator`, `npm run bench:deploy`):
 * `util.parseArgs`, with a usage error or `--help` answered here, and the emulator's realism knobs and variants.
 */
import { parseArgs, ParseArgsConfig } from "util";
import { REALISM_OPTIONS, realismFromArgs } from "../emulator/realism";
import { VariantRun, variantRuns } from "../emulator/variants";

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

/** The runs of every `--variant` given (none: `default`); more than one only where `allowAll`. Throws naming the option. */
export function variantsAsked(asked: readonly string[] | undefined, allowAll: boolean): VariantRun[] {
    if (!allowAll && (asked?.length ?? 0) > 1) {
        throw new Error(`--variant was given ${asked!.length} times; this command takes one`);
    }
    return (asked ?? [undefined]).flatMap((a) => variantRuns(a, allowAll));
}

/** parseArgs option of `--variant` (emulator/variants.ts). */
export const VARIANT_OPTION = { variant: { type: "string", multiple: true } } as const;

/**
 * `commandArgs` with the emulator's realism options and `--variant` added, and the runs they give: one per variant
 * asked for, in order (several `--variant` and `all` only where `allowAll`), each the variant over the default realism
 * with the explicit knobs over it.
 * Or the exit code.
 */
export function realismCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
    options: T,
    usage: string,
    allowAll = false,
):
    | { args: ReturnType<typeof parseArgs<{ options: T & typeof REALISM_OPTIONS & typeof VARIANT_OPTION }>>["values"]; runs: VariantRun[] }
    | number {
    const args = commandArgs({ ...options, ...REALISM_OPTIONS, ...VARIANT_OPTION }, usage);
    if (typeof args === "number") {
        return args;
    }
    const runs: VariantRun[] | number = derivedArgs(
        () =>
            variantsAsked((args as { variant?: string[] }).variant, allowAll).map((r) => ({
                ...r,
                realism: realismFromArgs(args, r.realism),
            })),
        usage,
    );
    return typeof runs === "number" ? runs : { args, runs };
}
