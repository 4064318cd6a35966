/**
 * `npm run plan`: the offline plan of a stack (see offline/cli.ts and README.md "Offline plan").
 */
import { colorWanted, main } from "../offline/cli";

main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: colorWanted(process.stdout.isTTY, process.env),
    env: process.env,
}).then(
    (code) => {
        process.exitCode = code;
    },
    (e: unknown) => {
        process.stderr.write(`plan: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    },
);
