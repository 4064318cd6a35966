/**
 * The component's ordering with other lane widths, for `npm run bench:deploy -- --lanes` (bench/orderings.ts): the
 * shape comes from the bench through the environment, as JSON.
 */
import { deployOrdering, OrderingShape, SHAPE_ENV } from "./orderings";

deployOrdering(JSON.parse(process.env[SHAPE_ENV] ?? "") as OrderingShape);
