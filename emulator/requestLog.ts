/**
 * The emulator's request log, bounded: a ring buffer that keeps the last {@link LOG_CAPACITY} requests and at most
 * {@link LOG_BYTES} characters of parameters in all, each entry's parameters cut to {@link LOG_PARAMS_BUDGET}
 * characters, so that no sequence of requests grows it (or the answer of `GET /_emulator/log`) without bound.
 * Entries keep their sequence number (`seq`, from 1, never reused), so a reader that remembers the last `seq` it saw
 * reads on with {@link RequestLog.since} even after older entries were dropped. An e2e run of the largest stack sends a
 * few thousand requests, a 30-kill crash run some tens of thousands: below the capacity, so a reader may also count
 * positions there.
 */

/** One logged request. */
export interface LogEntry {
    seq: number;
    at: string;
    action: string;
    /** Parameters without the signature and other common parameters, cut to {@link LOG_PARAMS_BUDGET} characters. */
    params: Record<string, string>;
    status: number;
    code?: string;
    /** A refusal's message, cut to {@link LOG_PARAMS_BUDGET} characters (the provider matches retried codes inside it too, emulator/providerRetries.ts). */
    message?: string;
    /** The region the request was answered in (its `RegionId`, or the emulator's own region). */
    region?: string;
    /** `https` when the request came over TLS (emulator/tls.ts). */
    scheme?: "http" | "https";
    /** Set when the refusal was injected (throttling, transient fault), not a rule of the cloud. */
    injected?: boolean;
    /** Set when the parameters were cut to fit the budget. */
    truncated?: true;
}

/** Requests kept: the oldest is dropped when a new one arrives beyond this. */
export const LOG_CAPACITY = 100_000;
/** Characters of parameters kept in all (about 64 MB of memory at most): the oldest entries are dropped beyond this. */
export const LOG_BYTES = 32 * 1024 * 1024;
/** Characters of parameter names and values kept per entry (a value longer than this is cut and marked `…`). */
export const LOG_PARAMS_BUDGET = 2_048;

/** Parameters within the budget: names and values in order until it is spent, the rest dropped. Pure. */
export function boundedParams(
    params: Record<string, string>,
    budget = LOG_PARAMS_BUDGET,
): { params: Record<string, string>; truncated: boolean } {
    const out: Record<string, string> = {};
    let left = budget;
    for (const [k, v] of Object.entries(params)) {
        const cost = k.length + v.length;
        if (cost <= left) {
            out[k] = v;
            left -= cost;
        } else {
            if (left > k.length + 1) {
                out[k] = `${v.slice(0, left - k.length - 1)}…`;
            }
            return { params: out, truncated: true };
        }
    }
    return { params: out, truncated: false };
}

/** Characters an entry's parameters and message take. Pure. */
function weight(e: LogEntry): number {
    return Object.entries(e.params).reduce((n, [k, v]) => n + k.length + v.length, e.message?.length ?? 0);
}

/** The ring buffer of logged requests (a queue whose head moves; compacted when half of it is spent). */
export class RequestLog {
    private queue: LogEntry[] = [];
    private head = 0;
    private bytes = 0;
    private last = 0;

    constructor(
        readonly capacity = LOG_CAPACITY,
        readonly maxBytes = LOG_BYTES,
    ) {}

    /** Logs one request; returns its entry (with `seq` set). */
    push(entry: Omit<LogEntry, "seq" | "truncated">): LogEntry {
        const { params, truncated } = boundedParams(entry.params);
        const message = entry.message?.slice(0, LOG_PARAMS_BUDGET);
        const logged: LogEntry = {
            ...entry,
            params,
            ...(message !== undefined ? { message } : {}),
            seq: ++this.last,
            ...(truncated ? { truncated: true as const } : {}),
        };
        this.queue.push(logged);
        this.bytes += weight(logged);
        while (this.queue.length - this.head > this.capacity || (this.bytes > this.maxBytes && this.queue.length - this.head > 1)) {
            this.bytes -= weight(this.queue[this.head++]);
        }
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
            this.queue = this.queue.slice(this.head);
            this.head = 0;
        }
        return logged;
    }

    /** The `seq` of the newest entry (0 before the first request). */
    get lastSeq(): number {
        return this.last;
    }

    /** How many entries are kept. */
    get size(): number {
        return this.queue.length - this.head;
    }

    /** Every entry kept, oldest first. */
    entries(): LogEntry[] {
        return this.queue.slice(this.head);
    }

    /** The entries after `seq`, oldest first (those dropped are gone). */
    since(seq: number): LogEntry[] {
        const first = this.queue.length - this.head === 0 ? this.last + 1 : this.queue[this.head].seq;
        return this.queue.slice(this.head + Math.max(0, seq + 1 - first));
    }

    /** The newest entry, if any. */
    newest(): LogEntry | undefined {
        return this.size === 0 ? undefined : this.queue[this.queue.length - 1];
    }
}
