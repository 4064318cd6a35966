/** `npm run e2e:variants`: `npm run e2e` with every variant in turn (tools/e2e.ts VARIANTS_ARGS) before the given options. */
import { runMain } from "./args";
import { main, VARIANTS_ARGS } from "./e2e";

runMain("e2e:variants", () => main("e2e:variants", [...VARIANTS_ARGS, ...process.argv.slice(2)]));
