/**
 * The seeded fuzz run (docs/emulator.md "Fuzz run"): thousands of random and malformed requests against the emulator
 * on a loopback port, in a fixed order drawn from a seed. Every answer must be JSON in the API's shape with a status
 * below 500 (no request may fail the emulator itself); after every request the account's invariants must hold (emulator/invariants.ts, cloud/invariants.ts), and the server must still answer. Bounded in count and time:
 * SBG_FUZZ_REQUESTS (default 1000) and SBG_FUZZ_SECONDS (default 60); SBG_FUZZ_SEED picks the sequence (default 21).
 */
import { expect } from "chai";
import fc from "fast-check";
import { parseInventory } from "../../cloud/inventory";
import { emulatorProblems } from "../../emulator/invariants";
import { LOG_CAPACITY } from "../../emulator/requestLog";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { INSTANT_REALISM } from "../../emulator/realism";
import { FuzzRequest, fuzzRequest, Pools, SECURITY_GROUP } from "../support/fuzz";
import { VPC, VSW } from "../support/emulator";

const REQUESTS = Number(process.env.SBG_FUZZ_REQUESTS ?? 1000);
const SECONDS = Number(process.env.SBG_FUZZ_SECONDS ?? 60);
const SEED = Number(process.env.SBG_FUZZ_SEED ?? 21);

/** Small quotas, so that a run reaches them; short transitions, so that it meets Pending, Deleting and BINDING. */
function account() {
    return parseInventory(
        {
            account: {
                site: "china",
                quotas: { eipsPerNatGateway: 3, dnatEntriesPerTable: 6, eipsPerBandwidthPlan: 3, bandwidthPlansPerRegion: 2 },
            },
            vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }],
            securityGroups: [{ id: SECURITY_GROUP, vpcId: VPC }],
        },
        "fuzz",
    );
}

async function send(emu: RunningEmulator, r: FuzzRequest, pools: Pools): Promise<{ status: number; text: string }> {
    const fill = (v: string) => pools.fill(v, r.pick);
    const params = Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, fill(v)]));
    const query = new URLSearchParams({ ...r.query, ...(r.encoding === "query" ? params : {}) });
    const headers: Record<string, string> = { ...r.headers };
    let body: string | undefined = r.raw;
    if (r.params && r.encoding === "form") {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(params).toString();
    } else if (r.params && r.encoding === "json") {
        headers["content-type"] = "application/json";
        body = JSON.stringify(params);
    }
    const withBody = r.method !== "GET" && body !== undefined;
    const res = await fetch(`http://${emu.endpoint}${r.path}${r.path.includes("?") ? "&" : "?"}${query}`, {
        method: r.method,
        headers,
        body: withBody ? body : undefined,
    });
    return { status: res.status, text: await res.text() };
}

/** What is wrong with one answer: not JSON, no RequestId, a 5xx, an error without Code or Message. */
function answerProblem(status: number, text: string): string | undefined {
    let body: Record<string, unknown>;
    try {
        body = JSON.parse(text) as Record<string, unknown>;
    } catch {
        return `HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
    }
    if (status >= 500) {
        return `HTTP ${status}: ${text.slice(0, 300)}`;
    }
    if (status >= 400 && (typeof body.Code !== "string" || !body.Code || typeof body.Message !== "string" || !body.Message)) {
        return `HTTP ${status} without Code and Message: ${text.slice(0, 200)}`;
    }
    return typeof body.RequestId === "string" || body.Requests !== undefined || body.eips !== undefined
        ? undefined
        : `no RequestId: ${text.slice(0, 200)}`;
}

describe(`emulator fuzz run: ${REQUESTS} seeded random and malformed requests (seed ${SEED})`, function () {
    this.timeout((SECONDS + 30) * 1000);
    let emu: RunningEmulator;
    before(async () => {
        const times = {
            ...INSTANT_REALISM.times,
            entryPendingMs: 15,
            entryDeletingMs: 15,
            planBindingMs: 15,
            eipAssociatingMs: 15,
            eipUnassociatingMs: 15,
        };
        emu = await startEmulator(account(), 0, { realism: { ...INSTANT_REALISM, times } });
    });
    after(() => emu.close());

    it("answers every request in the API's shape below HTTP 500, keeps the account consistent, and still serves", async () => {
        const requests = fc.sample(fuzzRequest, { seed: SEED, numRuns: REQUESTS });
        const pools = new Pools();
        const started = Date.now();
        const statuses = new Map<number, number>();
        let sent = 0;
        for (const r of requests) {
            if (Date.now() - started > SECONDS * 1000) {
                break;
            }
            const { status, text } = await send(emu, r, pools);
            sent++;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const problem = answerProblem(status, text);
            expect(problem, `request #${sent} of seed ${SEED}: ${JSON.stringify(r).slice(0, 400)}`).to.equal(undefined);
            if (status === 200 && r.path === "/") {
                pools.learn(JSON.parse(text) as Record<string, unknown>);
            }
            expect(
                emulatorProblems(emu.emulator),
                `after request #${sent} of seed ${SEED}: ${JSON.stringify(r).slice(0, 400)}`,
            ).to.deep.equal([]);
        }
        const seconds = (Date.now() - started) / 1000;
        expect(emulatorProblems(emu.emulator)).to.deep.equal([]);
        const state = await fetch(`${emu.url}_emulator/state`);
        expect(state.status).to.equal(200);
        const log = (await (await fetch(`${emu.url}_emulator/log`)).json()) as { Requests: unknown[] };
        expect(log.Requests.length).to.be.at.most(LOG_CAPACITY);
        // The run must get somewhere: most requests answered, some accepted, some refused.
        expect(sent).to.be.at.least(Math.min(REQUESTS, 500));
        expect(statuses.get(200) ?? 0).to.be.above(sent / 20);
        const summary = [...statuses]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}: ${n}`)
            .join(", ");
        console.log(
            `      fuzz: ${sent} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${summary}; ${emu.state().eips.length} EIPs, ${emu.state().forwardEntries.length} DNAT entries at the end`,
        );
    });
});
