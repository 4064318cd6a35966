/**
 * `npm run plan`: the offline plan of a stack (see offline/cli.ts and docs/offline-plan.md).
 */
import { deferSdkSerialisation } from "./deferModules";
import { colorWanted, main } from "../offline/cli";
import { runMain } from "./args";

deferSdkSerialisation();
runMain("plan", () =>
    main(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.cwd(),
        color: colorWanted(process.stdout.isTTY, process.env),
        env: process.env,
    }),
);
