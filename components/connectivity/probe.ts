/**
 * Probe engine of the connectivity check: TCP connects and HTTP(S) requests against public endpoints, with bounded
 * concurrency, a per-attempt timeout, retries with capped exponential backoff and one overall deadline.
 *
 * No Pulumi here. The dynamic provider serialises these functions into the stack state by closure serialisation, so
 * they are self-contained: Node's built-in modules are `require()`d inside the functions that use them, and nothing
 * else at module level is referenced apart from plain constants.
 */

/** One endpoint to probe. `key` names it in the results. */
export interface ProbeTarget {
    key: string;
    /** IPv4 address (or host name) to connect to. */
    host: string;
    port: number;
    /** `tcp`: a TCP connect. `http` / `https`: a GET whose response status must be below 500. */
    kind: "tcp" | "http" | "https";
    /** http/https: request path. Default `/`. */
    path?: string;
    /** `open`: must answer. `closed`: must not answer (spare EIPs); a connect that succeeds is a problem. */
    expect: "open" | "closed";
}

/** Timing and concurrency of a check. All durations in milliseconds. */
export interface ProbeOptions {
    /** Time one attempt may take (connect, and for http/https the response headers). */
    timeoutMs: number;
    /** Attempts per `open` endpoint. `closed` endpoints get one: an answer is final, silence is the expected outcome. */
    attempts: number;
    /** Wait before the second attempt; doubles after each failed attempt... */
    backoffMs: number;
    /** ...up to this. */
    backoffMaxMs: number;
    /** Bound on the whole check: no attempt starts after it and running attempts are cut at it. */
    deadlineMs: number;
    /** Attempts in flight at once, across all endpoints. */
    concurrency: number;
    /**
     * https only: verify the server certificate. Default false: the check verifies that traffic is forwarded to a
     * server that answers, and servers right after a first deploy commonly use self-signed certificates.
     */
    tlsVerify: boolean;
}

/** What a check found for one endpoint. */
export interface ProbeResult {
    key: string;
    host: string;
    port: number;
    /** `tcp`, `http` or `https` (a plain string: this type is part of the component's multi-language schema). */
    kind: string;
    /** `open` (must answer) or `closed` (a spare EIP: must not answer). */
    expect: string;
    /** The endpoint answered: TCP connected, or for http/https a response arrived (any status). */
    reachable: boolean;
    /** The endpoint met its expectation: `open` answered (http/https: status below 500), `closed` did not answer. */
    ok: boolean;
    /** Attempts made. 0: the deadline passed before the endpoint's turn. */
    attempts: number;
    /** The most recent failed attempt's error (`ECONNREFUSED`, `timed out after 5000 ms`, `HTTP 503`...), if any. */
    lastError?: string;
    /** Duration of the attempt that answered, milliseconds. */
    latencyMs?: number;
    /** http/https: status of the last response. */
    status?: number;
    /** When the last attempt ended (ISO 8601); the check's start when no attempt was made. */
    checkedAt: string;
}

/**
 * Defaults for a freshly created NAT gateway, whose DNAT entries and EIP bindings take seconds to become active:
 * a 5 s timeout covers a cross-continent connect plus a slow first response; 6 attempts spaced 2, 4, 8, 8, 8 s apart
 * keep trying for about 30 s of backoff; 16 attempts in flight keep 200 endpoints quick without flooding one server;
 * the 120 s deadline bounds the whole check, so a broken stack fails the update in two minutes, not half an hour.
 */
export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
    timeoutMs: 5000,
    attempts: 6,
    backoffMs: 2000,
    backoffMaxMs: 8000,
    deadlineMs: 120000,
    concurrency: 16,
    tlsVerify: false,
};

/** Outcome of a single attempt. */
export interface AttemptOutcome {
    /** The peer answered (connected; http/https: a response arrived). */
    answered: boolean;
    /** http/https: the response status. */
    status?: number;
    /** Why the attempt did not answer, or for http/https why the answer is not healthy. */
    error?: string;
    elapsedMs: number;
}

/** Wait before attempt `n + 1` after `n` failed attempts (n >= 1): `backoffMs * 2^(n-1)`, capped. Pure. */
export function backoffDelay(failedAttempts: number, opts: Pick<ProbeOptions, "backoffMs" | "backoffMaxMs">): number {
    return Math.min(opts.backoffMaxMs, opts.backoffMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** Short text for a socket or request error: the error code when there is one (`ECONNREFUSED`), else the message. */
function describeError(e: unknown): string {
    const err = e as { code?: string; message?: string };
    return err?.code ?? err?.message ?? String(e);
}

/**
 * One attempt against one endpoint. `closed` endpoints and `tcp` endpoints get a TCP connect; `open` http/https
 * endpoints a GET whose headers must arrive within the timeout (the body is not read). Never rejects.
 */
export function attemptOnce(target: ProbeTarget, timeoutMs: number, tlsVerify: boolean): Promise<AttemptOutcome> {
    const started = Date.now();
    return new Promise<AttemptOutcome>((resolve) => {
        let settled = false;
        let cleanup: () => void = () => undefined;
        let timer: NodeJS.Timeout | undefined = undefined;
        const finish = (o: Omit<AttemptOutcome, "elapsedMs">) => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                cleanup();
                resolve({ ...o, elapsedMs: Date.now() - started });
            }
        };
        timer = setTimeout(() => finish({ answered: false, error: `timed out after ${timeoutMs} ms` }), Math.max(1, timeoutMs));
        try {
            if (target.kind === "tcp" || target.expect === "closed") {
                const net = require("net") as typeof import("net");
                const socket = net.connect({ host: target.host, port: target.port });
                cleanup = () => socket.destroy();
                socket.once("connect", () => finish({ answered: true }));
                socket.once("error", (e) => finish({ answered: false, error: describeError(e) }));
            } else {
                const client = (target.kind === "https" ? require("https") : require("http")) as typeof import("https");
                const req = client.request({
                    host: target.host,
                    port: target.port,
                    path: target.path ?? "/",
                    method: "GET",
                    agent: false,
                    headers: { "user-agent": "shared-bandwidth-gateway-connectivity-check", connection: "close" },
                    ...(target.kind === "https" ? { rejectUnauthorized: tlsVerify } : {}),
                });
                cleanup = () => req.destroy();
                req.once("response", (res) => {
                    const status = res.statusCode ?? 0;
                    res.resume();
                    finish(status < 500 ? { answered: true, status } : { answered: true, status, error: `HTTP ${status}` });
                });
                req.once("error", (e) => finish({ answered: false, error: describeError(e) }));
                req.end();
            }
        } catch (e) {
            // Synchronous throws (e.g. an invalid host or port) are the attempt's outcome, not a crash.
            finish({ answered: false, error: describeError(e) });
        }
    });
}

/**
 * Probes every target and resolves with one result per target, in the targets' order. Never rejects.
 *
 * Scheduling: each attempt is a task with a ready time; up to `concurrency` tasks run at once, earliest ready first,
 * so every endpoint gets its first attempt before any retry waits its turn. An `open` endpoint is retried until it
 * answers healthily or has used `attempts`; after a failure it becomes ready again after {@link backoffDelay}.
 * Nothing starts after the deadline, running attempts are cut at it, and endpoints still waiting then keep the
 * attempts they made (possibly 0) with the deadline as their error.
 */
export function probeAll(targets: ProbeTarget[], options: Partial<ProbeOptions> = {}): Promise<ProbeResult[]> {
    const opts: ProbeOptions = { ...DEFAULT_PROBE_OPTIONS, ...stripUndefined(options) };
    const start = Date.now();
    return new Promise<ProbeResult[]>((resolve) => {
        const run: ProbeRun = {
            targets,
            opts,
            deadline: start + opts.deadlineMs,
            results: targets.map((t) => initialResult(t, start)),
            waiting: targets.map((_, index) => ({ index, readyAt: start })),
            running: 0,
            done: false,
            wakeTimer: undefined,
            resolve,
        };
        pump(run);
    });
}

/** The state of one {@link probeAll}: results so far, the tasks waiting to run and the attempts in flight. */
interface ProbeRun {
    targets: ProbeTarget[];
    opts: ProbeOptions;
    deadline: number;
    results: ProbeResult[];
    /** Tasks waiting to run: index of the target and when it may start. */
    waiting: { index: number; readyAt: number }[];
    running: number;
    done: boolean;
    wakeTimer: NodeJS.Timeout | undefined;
    resolve: (results: ProbeResult[]) => void;
}

/** A target's result before any attempt: nothing reached, checked at the check's start. */
function initialResult(t: ProbeTarget, start: number): ProbeResult {
    return {
        key: t.key,
        host: t.host,
        port: t.port,
        kind: t.kind,
        expect: t.expect,
        reachable: false,
        ok: false,
        attempts: 0,
        checkedAt: new Date(start).toISOString(),
    };
}

/** Starts what is ready, resolves when nothing is left (or the deadline passed), else sets a timer to come back. */
function pump(run: ProbeRun): void {
    if (run.done) {
        return;
    }
    const now = Date.now();
    if (now >= run.deadline && run.running === 0 && run.waiting.length > 0) {
        return finishAtDeadline(run);
    }
    if (run.waiting.length === 0 && run.running === 0) {
        run.done = true;
        return run.resolve(run.results);
    }
    startReady(run, now);
    if (run.wakeTimer) {
        clearTimeout(run.wakeTimer);
        run.wakeTimer = undefined;
    }
    // Past the deadline only completions of running attempts (cut at the deadline) move things on.
    if (now < run.deadline && (run.running === 0 || (run.running < run.opts.concurrency && run.waiting.length > 0))) {
        const next = run.waiting.length > 0 ? Math.min(run.waiting[0].readyAt, run.deadline) : run.deadline;
        run.wakeTimer = setTimeout(() => pump(run), Math.max(0, next - Date.now()));
    }
}

/** Starts waiting tasks that are ready, earliest ready first (ties in target order), while there is room. */
function startReady(run: ProbeRun, now: number): void {
    const { opts, waiting } = run;
    waiting.sort((a, b) => a.readyAt - b.readyAt || a.index - b.index);
    while (now < run.deadline && run.running < opts.concurrency && waiting.length > 0 && waiting[0].readyAt <= now) {
        const { index } = waiting.shift()!;
        run.running += 1;
        const budget = Math.min(opts.timeoutMs, run.deadline - now);
        void attemptOnce(run.targets[index], budget, opts.tlsVerify).then((o) => {
            run.running -= 1;
            recordAttempt(run, index, o);
            pump(run);
        });
    }
}

/** Ends the check at its deadline: endpoints still waiting keep the attempts they made, with the deadline as their error. */
function finishAtDeadline(run: ProbeRun): void {
    run.done = true;
    if (run.wakeTimer) {
        clearTimeout(run.wakeTimer);
    }
    for (const w of run.waiting) {
        const r = run.results[w.index];
        r.lastError = `deadline of ${run.opts.deadlineMs} ms reached after ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}${r.lastError ? ` (last: ${r.lastError})` : ""}`;
    }
    run.waiting.length = 0;
    run.resolve(run.results);
}

/** Records one attempt in its target's result; a failed `open` endpoint with attempts left waits its backoff again. */
function recordAttempt(run: ProbeRun, index: number, o: AttemptOutcome): void {
    const t = run.targets[index];
    const r = run.results[index];
    r.attempts += 1;
    r.checkedAt = new Date().toISOString();
    if (o.status !== undefined) {
        r.status = o.status;
    }
    if (t.expect === "closed") {
        r.reachable = o.answered;
        r.ok = !o.answered;
        r.lastError = o.answered ? `answered on port ${t.port}; a spare address must not answer` : o.error;
        if (o.answered) {
            r.latencyMs = o.elapsedMs;
        }
        return;
    }
    r.reachable = r.reachable || o.answered;
    if (o.answered) {
        r.latencyMs = o.elapsedMs;
    }
    if (o.answered && o.error === undefined) {
        r.ok = true;
        return;
    }
    r.lastError = o.error;
    if (r.attempts < run.opts.attempts) {
        run.waiting.push({ index, readyAt: Date.now() + backoffDelay(r.attempts, run.opts) });
    }
}

/** The options without keys whose value is undefined, so they do not hide defaults when spread. */
function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One line per endpoint that did not meet its expectation, by key, saying what was tried and what happened. Pure. */
export function describeFailures(results: ProbeResult[]): string[] {
    return results
        .filter((r) => !r.ok)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => {
            const what = r.kind === "tcp" || r.expect === "closed" ? `tcp ${r.host}:${r.port}` : `${r.kind}://${r.host}:${r.port}`;
            const expectation = r.expect === "closed" ? "expected no answer" : "expected an answer";
            return `${r.key}: ${what} ${expectation}; ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}, last error: ${r.lastError ?? "none"}`;
        });
}
