/** `npm run e2e:cli`: `npm run e2e` with the CLI path's options (tools/e2e.ts CLI_PATH_ARGS) before the given ones. */
import { runMain } from "./args";
import { CLI_PATH_ARGS, main } from "./e2e";

runMain("e2e:cli", () => main("e2e:cli", [...CLI_PATH_ARGS, ...process.argv.slice(2)]));
