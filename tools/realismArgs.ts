/** The emulator's realism options (emulator/realism.ts) on a command line: `npm run e2e` and `npm run emulator`. */
import { Realism, REALISM_OPTIONS, realismFromArgs } from "../emulator/realism";
import { CommandIo, commandArgs, derivedArgs, Options, PROCESS_IO, Values } from "./args";

/** `commandArgs` with the emulator's realism options added, and the realism they give; or the exit code. */
export function realismCommandArgs<T extends Options>(
    options: T,
    usage: string,
    argv: string[] = process.argv.slice(2),
    io: CommandIo = PROCESS_IO,
): { args: Values<T & typeof REALISM_OPTIONS>; realism: Realism } | number {
    const args = commandArgs({ ...options, ...REALISM_OPTIONS }, usage, argv, io);
    if (typeof args === "number") {
        return args;
    }
    const realism: Realism | number = derivedArgs(() => realismFromArgs(args), usage, io);
    return typeof realism === "number" ? realism : { args, realism };
}
