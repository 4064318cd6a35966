/**
 * The emulator's realism options (emulator/realism.ts) and `--variant` (emulator/variants.ts) on a command line:
 * `npm run e2e`, `npm run emulator` and `npm run bench:deploy`.
 */
import { REALISM_OPTIONS, realismFromArgs } from "../emulator/realism";
import { VariantRun, variantRuns } from "../emulator/variants";
import { CommandIo, commandArgs, derivedArgs, Options, PROCESS_IO, Values } from "./args";

/** The runs of every `--variant` given (none: `default`); more than one only where `allowAll`. Throws naming the option. */
export function variantsAsked(asked: readonly string[] | undefined, allowAll: boolean): VariantRun[] {
    if (!allowAll && (asked?.length ?? 0) > 1) {
        throw new Error(`--variant was given ${asked!.length} times; this command takes one`);
    }
    return (asked ?? [undefined]).flatMap((a) => variantRuns(a, allowAll));
}

/** parseArgs option of `--variant` (emulator/variants.ts). */
export const VARIANT_OPTION = { variant: { type: "string", multiple: true } } as const;

/** How a command reads its line: the arguments, where it writes, and whether it runs several variants in turn. */
export interface RealismCommand {
    argv?: string[];
    io?: CommandIo;
    /** Several `--variant` and `--variant all` (each variant in turn); else one variant. */
    allowAll?: boolean;
}

/**
 * `commandArgs` with the realism options and `--variant` added, and the runs they give: one per variant asked for, in
 * order, each the variant over the default realism with the explicit knobs over it. Or the exit code.
 */
export function realismCommandArgs<T extends Options>(
    options: T,
    usage: string,
    { argv = process.argv.slice(2), io = PROCESS_IO, allowAll = false }: RealismCommand = {},
): { args: Values<T & typeof REALISM_OPTIONS & typeof VARIANT_OPTION>; runs: VariantRun[] } | number {
    const args = commandArgs({ ...options, ...REALISM_OPTIONS, ...VARIANT_OPTION }, usage, argv, io);
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
        io,
    );
    return typeof runs === "number" ? runs : { args, runs };
}
