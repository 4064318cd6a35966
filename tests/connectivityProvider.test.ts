/**
 * The connectivity check's dynamic provider, called directly (check/diff/create/update) against real listeners on
 * 127.0.0.1. Small timeouts keep the suite fast; no test asserts timing beyond a generous upper bound.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ConnectivityInputs, ConnectivityOutputs, connectivityProvider, UNKNOWN } from "../components/connectivity/provider";
import { ProbeOptions, ProbeTarget } from "../components/connectivity/probe";
import { closeAll, delayedListener, httpListener, LOOPBACK, refusedPort, silentListener, tcpListener } from "./support/listeners";

const FAST: Partial<ProbeOptions> = { timeoutMs: 200, attempts: 3, backoffMs: 30, backoffMaxMs: 60, deadlineMs: 3000, concurrency: 8 };

const p = connectivityProvider;

function tcp(key: string, port: number, expectation: "open" | "closed" = "open"): ProbeTarget {
    return { key, host: LOOPBACK, port, kind: "tcp", expect: expectation };
}

function web(key: string, port: number, kind: "http" | "https" = "http"): ProbeTarget {
    return { key, host: LOOPBACK, port, kind, path: "/health", expect: "open" };
}

function inputs(endpoints: ProbeTarget[], extra: Partial<ConnectivityInputs> = {}): ConnectivityInputs {
    return { mode: "report", trigger: "", endpoints, options: FAST, ...extra };
}

async function create(i: ConnectivityInputs): Promise<ConnectivityOutputs> {
    const checked = await p.check!({} as ConnectivityInputs, i);
    expect(checked.failures).to.deep.equal([]);
    return (await p.create(checked.inputs!)).outs!;
}

describe("connectivity provider against loopback listeners", () => {
    afterEach(closeAll);

    it("a listening TCP port is reachable and ok on the first attempt", async () => {
        const { port } = await tcpListener();
        const out = await create(inputs([tcp("web", port)]));
        const r = out.results.web;
        expect(r).to.include({ key: "web", host: LOOPBACK, port, reachable: true, ok: true, attempts: 1 });
        expect(r.lastError).to.equal(undefined);
        expect(r.latencyMs).to.be.a("number").and.at.least(0);
        expect(new Date(r.checkedAt).toISOString()).to.equal(r.checkedAt);
        expect(out.summary).to.include({ mode: "report", probed: true, total: 1, ok: 1, failed: 0, healthy: true });
        expect(out.warnings).to.deep.equal([]);
    });

    it("HTTP 200 is ok; HTTP 503 answers but is retried and reported", async () => {
        const [good, bad] = [await httpListener(200), await httpListener(503)];
        const out = await create(inputs([web("good", good), web("bad", bad)]));
        expect(out.results.good).to.include({ reachable: true, ok: true, attempts: 1, status: 200 });
        expect(out.results.bad).to.include({ reachable: true, ok: false, attempts: 3, status: 503, lastError: "HTTP 503" });
        expect(out.summary).to.include({ total: 2, ok: 1, failed: 1, healthy: false });
        expect(out.warnings).to.deep.equal([`bad: http://127.0.0.1:${bad} expected an answer; 3 attempts, last error: HTTP 503`]);
    });

    it("a refused connection is unreachable after every attempt", async () => {
        const port = await refusedPort();
        const out = await create(inputs([tcp("down", port)]));
        expect(out.results.down).to.include({ reachable: false, ok: false, attempts: 3, lastError: "ECONNREFUSED" });
        expect(out.results.down.latencyMs).to.equal(undefined);
    });

    it("a peer that accepts and never answers times out on every attempt", async () => {
        const port = await silentListener();
        const out = await create(inputs([web("hung", port)], { options: { ...FAST, timeoutMs: 120 } }));
        expect(out.results.hung).to.include({ reachable: false, ok: false, attempts: 3, lastError: "timed out after 120 ms" });
    });

    it("a port that starts listening after a delay succeeds on a retry", async () => {
        const port = await delayedListener(100);
        const out = await create(inputs([tcp("late", port)], { options: { ...FAST, attempts: 10, backoffMs: 40, backoffMaxMs: 40 } }));
        const r = out.results.late;
        expect(r).to.include({ reachable: true, ok: true, lastError: "ECONNREFUSED" });
        expect(r.attempts).to.be.greaterThan(1).and.at.most(10);
    });

    it("the overall deadline stops the check: no attempt after it, endpoints not reached keep 0 attempts", async () => {
        const ports = [await silentListener(), await silentListener(), await silentListener()];
        const started = Date.now();
        const out = await create(
            inputs(
                ports.map((port, i) => web(`s${i}`, port)),
                { options: { timeoutMs: 300, attempts: 6, backoffMs: 10, backoffMaxMs: 10, deadlineMs: 450, concurrency: 1 } },
            ),
        );
        expect(Date.now() - started).to.be.below(3000);
        expect(out.results.s0).to.include({ ok: false, attempts: 1 });
        expect(out.results.s1).to.include({ ok: false, attempts: 1 });
        expect(out.results.s2).to.include({ ok: false, reachable: false, attempts: 0 });
        expect(out.results.s2.lastError).to.equal("deadline of 450 ms reached after 0 attempts");
        expect(out.results.s1.lastError).to.match(/^deadline of 450 ms reached after 1 attempt \(last: timed out after \d+ ms\)$/);
        expect(out.summary).to.include({ total: 3, failed: 3, healthy: false });
    });

    it("enforce fails the create with one message listing every failing endpoint and what was tried", async () => {
        const [{ port: up }, refused, broken] = [await tcpListener(), await refusedPort(), await httpListener(503)];
        const err = await p.create(inputs([tcp("up", up), tcp("refused", refused), web("broken", broken)], { mode: "enforce" })).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(err).to.be.instanceOf(Error);
        expect(err!.message).to.equal(
            `connectivity check failed for 2 of 3 endpoints (mode enforce; set connectivityCheck.mode to "report" to deploy anyway):\n` +
                `  - broken: http://127.0.0.1:${broken} expected an answer; 3 attempts, last error: HTTP 503\n` +
                `  - refused: tcp 127.0.0.1:${refused} expected an answer; 3 attempts, last error: ECONNREFUSED`,
        );
    });

    it("enforce passes when every endpoint meets its expectation", async () => {
        const [{ port }, silentSpare] = [await tcpListener(), await refusedPort()];
        const out = (await p.create(inputs([tcp("up", port), tcp("spare", silentSpare, "closed")], { mode: "enforce" }))).outs!;
        expect(out.summary).to.include({ mode: "enforce", healthy: true, ok: 2 });
    });

    it("a spare endpoint that answers is a problem; one that refuses is ok after a single attempt", async () => {
        const [{ port: answering }, refused] = [await tcpListener(), await refusedPort()];
        const out = await create(inputs([tcp("spare-open", answering, "closed"), tcp("spare-shut", refused, "closed")]));
        expect(out.results["spare-open"]).to.include({ reachable: true, ok: false, attempts: 1 });
        expect(out.results["spare-open"].lastError).to.equal(`answered on port ${answering}; a spare address must not answer`);
        expect(out.results["spare-shut"]).to.include({ reachable: false, ok: true, attempts: 1, lastError: "ECONNREFUSED" });
        expect(out.warnings).to.deep.equal([
            `spare-open: tcp 127.0.0.1:${answering} expected no answer; 1 attempt, last error: answered on port ${answering}; a spare address must not answer`,
        ]);
    });

    it("update probes again and replaces the results", async () => {
        const listener = await tcpListener();
        const first = await create(inputs([tcp("web", listener.port)]));
        expect(first.results.web.ok).to.equal(true);
        await closeAll();
        const second = (await p.update!("id", first, inputs([tcp("web", listener.port)], { trigger: "again" }))).outs!;
        expect(second.results.web).to.include({ ok: false, lastError: "ECONNREFUSED" });
        expect(second.trigger).to.equal("again");
    });

    it("unknown inputs (preview) are never probed", async () => {
        const listener = await tcpListener();
        const news = inputs([{ ...tcp("web", listener.port), host: UNKNOWN }]);
        const checked = await p.check!({} as ConnectivityInputs, news);
        expect(checked.failures).to.deep.equal([]);
        expect((await p.diff!("id", news as ConnectivityOutputs, checked.inputs!)).changes).to.equal(true);
        const out = (await p.create(checked.inputs!)).outs!;
        expect(out.summary).to.include({ probed: false, total: 0 });
        expect(out.results).to.deep.equal({});
        expect(listener.connections()).to.equal(0);
    });

    it("a whole endpoint or list that is unknown (preview of a new stack) passes check and is not probed", async () => {
        const listener = await tcpListener();
        for (const endpoints of [[tcp("web", listener.port), UNKNOWN], UNKNOWN] as unknown as ProbeTarget[][]) {
            const checked = await p.check!({} as ConnectivityInputs, inputs(endpoints));
            expect(checked.failures).to.deep.equal([]);
            expect((await p.create(checked.inputs!)).outs!.summary.probed).to.equal(false);
        }
        expect(listener.connections()).to.equal(0);
    });
});

describe("connectivity provider diff", () => {
    afterEach(closeAll);

    const base = inputs([tcp("b", 81), web("a", 80)], { trigger: "v1" });
    // The stored state: what create returned (inputs plus results), plus the serialised provider.
    const olds = {
        ...base,
        endpoints: [...base.endpoints].reverse(),
        results: {},
        summary: { mode: "report", probed: true, total: 2, ok: 2, failed: 0, healthy: true, startedAt: "x", durationMs: 1 },
        warnings: [],
        __provider: "exports.handler = old;",
    } as unknown as ConnectivityOutputs;

    it("unchanged inputs: no changes, so an unchanged stack is not re-probed (provider code changes do not count)", async () => {
        expect((await p.diff!("id", olds, { ...base, __provider: "exports.handler = new;" } as ConnectivityInputs)).changes).to.equal(
            false,
        );
    });

    it("endpoints in another order: no changes", async () => {
        expect((await p.diff!("id", olds, { ...base, endpoints: [...base.endpoints].reverse() })).changes).to.equal(false);
    });

    it("trigger changed: update (in place, no replacement)", async () => {
        expect(await p.diff!("id", olds, { ...base, trigger: "v2" })).to.deep.equal({
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("endpoints changed (address, port, added): update", async () => {
        const [first, second] = base.endpoints;
        for (const endpoints of [
            [{ ...first, host: "127.0.0.2" }, second],
            [first, { ...second, port: 8080 }],
            [...base.endpoints, tcp("c", 82)],
        ]) {
            expect((await p.diff!("id", olds, { ...base, endpoints })).changes, JSON.stringify(endpoints)).to.equal(true);
        }
    });

    it("mode or options changed: update", async () => {
        expect((await p.diff!("id", olds, { ...base, mode: "enforce" })).changes).to.equal(true);
        expect((await p.diff!("id", olds, { ...base, options: { ...FAST, attempts: 4 } })).changes).to.equal(true);
    });
});

describe("connectivity provider check", () => {
    it("sorts endpoints by key and defaults the trigger", async () => {
        const res = await p.check!(
            {} as ConnectivityInputs,
            { mode: "report", endpoints: [tcp("z", 1), tcp("a", 2)], options: {} } as unknown as ConnectivityInputs,
        );
        expect(res.failures).to.deep.equal([]);
        expect(res.inputs!.endpoints.map((e) => e.key)).to.deep.equal(["a", "z"]);
        expect(res.inputs!.trigger).to.equal("");
    });

    it("bad values fail with the property and the value", async () => {
        const res = await p.check!(
            {} as ConnectivityInputs,
            {
                mode: "loud",
                trigger: "",
                endpoints: [
                    { key: "a", host: LOOPBACK, port: 70000, kind: "udp", expect: "open" },
                    { key: "a", host: "", port: 80, kind: "tcp", expect: "maybe", path: "health" },
                ],
                options: { timeoutMs: 0, attempts: 1.5, colour: "red" },
            } as unknown as ConnectivityInputs,
        );
        expect(res.failures).to.deep.equal([
            { property: "mode", reason: `"loud" is not valid: use "report" or "enforce"` },
            { property: "endpoints[0].port", reason: "70000 is not valid: must be a whole number in 1-65535" },
            { property: "endpoints[0].kind", reason: `"udp" is not valid: use one of tcp, http, https` },
            { property: "endpoints[1].key", reason: `"a" is not valid: is used by another endpoint; keys must be unique` },
            { property: "endpoints[1].host", reason: `"" is not valid: must be a non-empty address` },
            { property: "endpoints[1].expect", reason: `"maybe" is not valid: use one of open, closed` },
            { property: "endpoints[1].path", reason: `"health" is not valid: must start with "/"` },
            { property: "options.timeoutMs", reason: "0 is not valid: must be a number greater than 0" },
            { property: "options.attempts", reason: "1.5 is not valid: must be a whole number" },
            {
                property: "options.colour",
                reason: `"red" is not valid: unknown option; known: timeoutMs, attempts, backoffMs, backoffMaxMs, deadlineMs, concurrency, tlsVerify`,
            },
        ]);
    });

    it("the unknown placeholder matches the SDK's", () => {
        expect(UNKNOWN).to.equal((require("@pulumi/pulumi/runtime/rpc") as { unknownValue: string }).unknownValue);
    });
});

describe("connectivity provider serialisation", () => {
    afterEach(closeAll);

    it("serialises to a small self-contained module that captures no SDK or client objects, and runs from its text", async () => {
        const sf = await pulumi.runtime.serializeFunction(() => connectivityProvider, { allowSecrets: true });
        expect(sf.containsSecrets).to.equal(false);
        expect(sf.text.length).to.be.below(40_000);
        // Only Node built-ins are required; no module is captured by reference or by value.
        const required = [...sf.text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        expect([...new Set(required)].sort()).to.deep.equal(["crypto", "http", "https", "net"]);
        for (const banned of ["@pulumi", "grpc", "__importStar", "__pulumi_closure_import", "Module", "mocha", "chai"]) {
            expect(sf.text, banned).to.not.include(banned);
        }
        // What the dynamic provider host does: load the text as a module and call `handler()`.

        const Module = require("module") as {
            new (id: string): { _compile(code: string, file: string): void; exports: { handler(): typeof p } };
        };
        const m = new Module("serialised-provider");
        m._compile(sf.text, "serialised-provider.js");
        const loaded = m.exports.handler();
        expect(Object.keys(loaded).sort()).to.deep.equal(["check", "create", "delete", "diff", "read", "update"]);
        const { port } = await tcpListener();
        const out = (await loaded.create(inputs([tcp("web", port)]))).outs!;
        expect(out.results.web).to.include({ ok: true, attempts: 1 });
    });
});
