/**
 * Benchmark of the connectivity check's probe engine: 200 HTTP endpoints on 127.0.0.1 with the default settings,
 * all up, half refused, half silent (accept and never answer), then the silent case again with a 1 s timeout.
 * Run: `npm run bench:connectivity` (about four minutes: the silent case with defaults runs into the 120 s deadline).
 * Pass `--quick` to skip the default-timeout silent case.
 */
import * as http from "http";
import * as net from "net";
import type { ProbeOptions, ProbeResult, ProbeTarget } from "../components/connectivity/probe";
import { commandArgs, runMain } from "../tools/args";

const USAGE = `Usage: npm run bench:connectivity -- [options]

Times the connectivity check's probe engine against 200 HTTP endpoints on 127.0.0.1: all up, half refused, half
silent (with the default timeouts, which runs into the 120 s deadline: about 3.5 minutes in all), then silent with a
1 s timeout. Figures: BENCHMARKS.md "Connectivity check".

Options:
      --quick   leave out the silent case with the default timeouts (about 1 minute in all)
  -h, --help    show this help

Exit codes: 0 done, 1 the benchmark failed, 2 usage error.`;

/** The probe engine, loaded once the arguments are read. */
let probe: typeof import("../components/connectivity/probe");

const HOST = "127.0.0.1";
const COUNT = 200;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

function listen(server: net.Server): Promise<number> {
    servers.push(server);
    server.on("connection", (s: net.Socket) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
    });
    return new Promise((resolve) => server.listen(0, HOST, () => resolve((server.address() as net.AddressInfo).port)));
}

const up = () => listen(http.createServer((_req, res) => res.end("ok\n")));
const silent = () => listen(net.createServer(() => undefined));
/**
 * A port nothing listens on, for the whole run. A port released after `listen(0)` comes from the ephemeral range,
 * where a later `listen(0)` of this bench can get it again and a probe's own source port can equal it; so refused
 * ports are taken below that range instead (Linux default 32768-60999), each one checked free and never reused.
 */
const REFUSED_FIRST = 20000;
let nextRefused = REFUSED_FIRST;

function isFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const s = net.createServer();
        s.once("error", () => resolve(false));
        s.listen(port, HOST, () => s.close(() => resolve(true)));
    });
}

async function refused(): Promise<number> {
    while (nextRefused < 32768) {
        const port = nextRefused++;
        if (await isFree(port)) {
            return port;
        }
    }
    throw new Error(`no free port left between ${REFUSED_FIRST} and 32767 for a refused endpoint`);
}

async function closeAll(): Promise<void> {
    sockets.forEach((s) => s.destroy());
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

async function endpoints(badHalf: "none" | "refused" | "silent", kind: "tcp" | "http" = "http"): Promise<ProbeTarget[]> {
    const out: ProbeTarget[] = [];
    for (let i = 0; i < COUNT; i++) {
        const bad = badHalf !== "none" && i % 2 === 1;
        const port = !bad ? await up() : badHalf === "refused" ? await refused() : await silent();
        out.push({ key: `e${String(i).padStart(3, "0")}`, host: HOST, port, kind, path: "/", expect: "open" });
    }
    return out;
}

interface Row {
    label: string;
    seconds: number;
    ok: number;
    failed: number;
    attempts: number;
    cutByDeadline: number;
}

async function measure(label: string, targets: ProbeTarget[], options: Partial<ProbeOptions> = {}): Promise<Row> {
    const started = process.hrtime.bigint();
    const results: ProbeResult[] = await probe.probeAll(targets, options);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await closeAll();
    const row = {
        label,
        seconds,
        ok: results.filter((r) => r.ok).length,
        failed: results.filter((r) => !r.ok).length,
        attempts: results.reduce((n, r) => n + r.attempts, 0),
        cutByDeadline: results.filter((r) => r.lastError?.startsWith("deadline")).length,
    };
    console.log(
        `${label.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s  ok ${row.ok}  failed ${row.failed}  attempts ${row.attempts}  cut by deadline ${row.cutByDeadline}`,
    );
    return row;
}

async function main(): Promise<number> {
    const args = commandArgs({ quick: { type: "boolean" } } as const, USAGE);
    if (typeof args === "number") {
        return args;
    }
    probe = await import("../components/connectivity/probe");
    const d = probe.DEFAULT_PROBE_OPTIONS;
    console.log(
        `${COUNT} endpoints on ${HOST}; defaults: timeout ${d.timeoutMs} ms, ${d.attempts} attempts, backoff ${d.backoffMs} ms doubling to ` +
            `${d.backoffMaxMs} ms, deadline ${d.deadlineMs} ms, concurrency ${d.concurrency}; node ${process.version}\n`,
    );
    await measure("all up (tcp connect), defaults", await endpoints("none", "tcp"));
    await measure("all up (http 200), defaults", await endpoints("none"));
    await measure("half refused (http), defaults", await endpoints("refused"));
    if (!args.quick) {
        await measure("half silent (http), defaults", await endpoints("silent"));
    }
    await measure("half silent (http), timeout 1000 ms", await endpoints("silent"), { timeoutMs: 1000 });
    return 0;
}

// Servers left open by a failed run would keep the process alive: exit once the code is known.
runMain("bench:connectivity", () => main().finally(() => setImmediate(() => process.exit())));
