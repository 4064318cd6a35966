/**
 * The naive ordering `npm run bench:deploy -- --naive` compares against (bench/orderings.ts): everything that can
 * start, starts at once, as the public Terraform modules for this pattern write it.
 */
import { deployOrdering } from "./orderings";

deployOrdering({ lanes: {}, joinBeforeBind: false });
