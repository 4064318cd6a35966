/**
 * The dependency shape a bench program deploys with (bench/orderings.ts), and how it reaches the program. Light: no
 * Pulumi import, so `npm run bench:deploy -- --help` loads none.
 */
import type { LaneKind } from "../emulator/variants";

export interface OrderingShape {
    /** Lanes of each kind of write (components/ordering.ts serialLanes); absent: no lane, every write starts when it can. */
    lanes: Partial<Record<LaneKind, number>>;
    /** A binding waits for its EIP's join (the component's order, rules §2 step 4); the naive shape has no such edge. */
    joinBeforeBind: boolean;
}

/** The environment variable that carries the lanes program's shape (the inline program runs in the bench's process). */
export const SHAPE_ENV = "SBG_BENCH_ORDERING";
