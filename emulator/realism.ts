/**
 * How much the emulated cloud pushes back: per-action latency, how long resources stay in their transitional states
 * (cloud/transitions.ts), and throttling and transient faults injected at a rate from a seeded generator, so that a
 * run is repeatable. The knobs are options of `npm run emulator`, `npm run e2e` and `npm run bench:deploy`.
 *
 * The defaults are what this project assumes of the real API, not documented figures unless a comment says so.
 * Faults are injected on writes only: the provider retries `Throttling.*` and `ServiceUnavailable` on every write
 * (`NeedRetry`, terraform-provider-alicloud v1.285.0 errors.go), and `OperationConflict` on the writes whose retry
 * list names it (docs/alicloud-rules.md §5.2), which are the ones it is injected on. Several of the provider's reads
 * (e.g. DescribeNatGateways in service_alicloud_vpc.go) have no retry at all, so a fault there fails a real run too;
 * the emulator leaves reads alone.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from "pure-rand";
import { DEFAULT_ANSWERS, type SilentAnswers } from "../cloud/answers";
import { INSTANT, type TransitionTimes } from "../cloud/transitions";
import { RETRIES_OPERATION_CONFLICT } from "./providerRetries";

export interface Realism {
    times: TransitionTimes;
    /** The answers where the reference is silent (cloud/answers.ts); a variant changes them (emulator/variants.ts). */
    answers: SilentAnswers;
    /** Added to every Describe/List answer. */
    readLatencyMs: number;
    /** Added to every other answer. */
    writeLatencyMs: number;
    /** Share of writes refused with `Throttling.User` (0-1). */
    throttleRate: number;
    /** Share of writes refused with a transient fault, `ServiceUnavailable` or `OperationConflict` (0-1). */
    faultRate: number;
    seed: number;
}

/** No latency, no transitions, no faults: what unit tests start the emulator with. */
export const INSTANT_REALISM: Realism = {
    times: INSTANT,
    answers: DEFAULT_ANSWERS,
    readLatencyMs: 0,
    writeLatencyMs: 0,
    throttleRate: 0,
    faultRate: 0,
    seed: 1,
};

/** The commands' defaults. */
export const DEFAULT_REALISM: Realism = {
    times: {
        // rules §1.1: "typically 1-3 minutes"; the lower end.
        natCreatingMs: 60_000,
        // Assumed: not documented.
        eipAssociatingMs: 3_000,
        eipUnassociatingMs: 3_000,
        entryPendingMs: 3_000,
        entryDeletingMs: 2_000,
        planBindingMs: 2_000,
    },
    answers: DEFAULT_ANSWERS,
    readLatencyMs: 50,
    writeLatencyMs: 150,
    throttleRate: 0.01,
    faultRate: 0.01,
    seed: 1,
};

/** Describe/List actions are reads; everything else writes. */
export function isRead(action: string): boolean {
    return /^(Describe|List)/.test(action);
}

/** An injected refusal. */
export interface Fault {
    status: number;
    code: string;
    message: string;
}

/** Draws faults for writes from a seeded xoroshiro128+ generator (pure-rand): the same seed, the same faults. */
export class FaultInjector {
    private readonly rng: RandomGenerator;

    constructor(private readonly realism: Pick<Realism, "throttleRate" | "faultRate" | "seed">) {
        this.rng = xoroshiro128plus(realism.seed);
    }

    /** The fault to answer `action` with, or undefined. Reads are never refused. */
    draw(action: string): Fault | undefined {
        if (isRead(action) || (this.realism.throttleRate <= 0 && this.realism.faultRate <= 0)) {
            return undefined;
        }
        const x = unsafeUniformIntDistribution(0, 999_999, this.rng) / 1_000_000;
        if (x < this.realism.throttleRate) {
            return { status: 400, code: "Throttling.User", message: "Request was denied due to user flow control. (injected)" };
        }
        if (x < this.realism.throttleRate + this.realism.faultRate) {
            // Half of the transient faults are conflicts, on the writes where the provider knows them.
            const conflict = unsafeUniformIntDistribution(0, 1, this.rng) === 1 && RETRIES_OPERATION_CONFLICT.has(action);
            return conflict
                ? {
                      // rules §1.15: HTTP 409.
                      status: 409,
                      code: "OperationConflict",
                      message: "Request was denied due to conflict with a previous request. (injected)",
                  }
                : {
                      status: 503,
                      code: "ServiceUnavailable",
                      message: "The request has failed due to a temporary failure of the server. (injected)",
                  };
        }
        return undefined;
    }
}

/** parseArgs options of the knobs, shared by the commands. */
export const REALISM_OPTIONS = {
    "nat-creating-s": { type: "string" },
    "eip-associating-s": { type: "string" },
    "eip-unassociating-s": { type: "string" },
    "entry-pending-s": { type: "string" },
    "entry-deleting-s": { type: "string" },
    "plan-binding-s": { type: "string" },
    "read-latency-ms": { type: "string" },
    "write-latency-ms": { type: "string" },
    "throttle-rate": { type: "string" },
    "fault-rate": { type: "string" },
    seed: { type: "string" },
} as const;

const d = DEFAULT_REALISM;
const s = (ms: number) => ms / 1000;

/** The usage lines of the knobs. */
export const REALISM_USAGE = `cloud behaviour (emulator/realism.ts; defaults in brackets):
      --nat-creating-s S       NAT gateway Creating before Available [${s(d.times.natCreatingMs)}]
      --eip-associating-s S    EIP Associating before InUse [${s(d.times.eipAssociatingMs)}]
      --eip-unassociating-s S  EIP Unassociating before Available [${s(d.times.eipUnassociatingMs)}]
      --entry-pending-s S      DNAT entry Pending after create or modify [${s(d.times.entryPendingMs)}]
      --entry-deleting-s S     DNAT entry Deleting before gone [${s(d.times.entryDeletingMs)}]
      --plan-binding-s S       EIP BINDING to the bandwidth plan [${s(d.times.planBindingMs)}]
      --read-latency-ms MS     added to each Describe/List answer [${d.readLatencyMs}]
      --write-latency-ms MS    added to each other answer [${d.writeLatencyMs}]
      --throttle-rate R        share of writes refused with Throttling.User [${d.throttleRate}]
      --fault-rate R           share of writes refused with ServiceUnavailable or OperationConflict [${d.faultRate}]
      --seed N                 seed of the fault generator [${d.seed}]`;

type RealismArgs = Partial<Record<keyof typeof REALISM_OPTIONS, string>>;

function num(values: RealismArgs, key: keyof typeof REALISM_OPTIONS, fallback: number, max: number, scale = 1): number {
    const text = values[key];
    if (text === undefined) {
        return fallback;
    }
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || n < 0 || n > max) {
        throw new Error(`--${key} ${JSON.stringify(text)} must be a number from 0 to ${max}`);
    }
    return n * scale;
}

/** The knobs from parsed options, over `base`. Throws an Error naming the option on a bad value. */
export function realismFromArgs(values: RealismArgs, base: Realism = DEFAULT_REALISM): Realism {
    const t = base.times;
    const seed = num(values, "seed", base.seed, 2 ** 31 - 1);
    if (!Number.isInteger(seed)) {
        throw new Error(`--seed ${JSON.stringify(values.seed)} must be an integer`);
    }
    return {
        times: {
            natCreatingMs: num(values, "nat-creating-s", t.natCreatingMs, 3600, 1000),
            eipAssociatingMs: num(values, "eip-associating-s", t.eipAssociatingMs, 3600, 1000),
            eipUnassociatingMs: num(values, "eip-unassociating-s", t.eipUnassociatingMs, 3600, 1000),
            entryPendingMs: num(values, "entry-pending-s", t.entryPendingMs, 3600, 1000),
            entryDeletingMs: num(values, "entry-deleting-s", t.entryDeletingMs, 3600, 1000),
            planBindingMs: num(values, "plan-binding-s", t.planBindingMs, 3600, 1000),
        },
        answers: base.answers,
        readLatencyMs: num(values, "read-latency-ms", base.readLatencyMs, 60_000),
        writeLatencyMs: num(values, "write-latency-ms", base.writeLatencyMs, 60_000),
        throttleRate: num(values, "throttle-rate", base.throttleRate, 1),
        faultRate: num(values, "fault-rate", base.faultRate, 1),
        seed,
    };
}
