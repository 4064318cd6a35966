/**
 * The HTTP front end of the emulator: answers the Alibaba Cloud RPC API on 127.0.0.1 for the provider (and any
 * official SDK), and exposes the emulated account for tests at `GET /_emulator/state` and `GET /_emulator/log`
 * (`?since=SEQ` for the requests after one). No request can stop it (docs/emulator.md "Limits"): a body over
 * {@link MAX_BODY_BYTES}, a malformed body or head, and any failure inside an action are answered with an error in
 * the API's shape (`{RequestId, Code, Message}`), and the server carries on.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import type { TLSSocket } from "tls";
import type { Inventory } from "../cloud/inventory";
import { bandwidthPlanActions, describePlan } from "./actions/bandwidthPlan";
import { describeEip, eipActions } from "./actions/eip";
import { describeEntry, forwardEntryActions } from "./actions/forwardEntry";
import { describeNat, natGatewayActions } from "./actions/natGateway";
import { networkActions } from "./actions/network";
import { describeGroup, securityGroupActions } from "./actions/securityGroup";
import { tagActions } from "./actions/tags";
import type { AccessRules } from "./access";
import { Action, Emulator, errorAnswer, LogEntry, Region } from "./emulator";
import { BackendTable, Forwarder } from "./forwarding";
import { dualProtocolServer, LoopbackCertificate } from "./tls";
import { INSTANT_REALISM, isRead, Realism } from "./realism";
import { decodeRequest, requestId, RpcAnswer, RpcRequest, WireError } from "./wire";

/** The largest request body read (1 MiB; the provider's bodies are a few hundred bytes): more is refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Every action the emulator answers. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map([
    ...natGatewayActions,
    ...eipActions,
    ...bandwidthPlanActions,
    ...forwardEntryActions,
    ...tagActions,
    ...securityGroupActions,
    ...networkActions,
]);

/** What the emulated account holds, in the shapes the Describe actions answer with. */
export interface EmulatorState {
    natGateways: Record<string, unknown>[];
    eips: Record<string, unknown>[];
    bandwidthPlans: Record<string, unknown>[];
    forwardEntries: Record<string, unknown>[];
    /** Every security group of the account with its inbound rules, as DescribeSecurityGroupAttribute answers. */
    securityGroups: Record<string, unknown>[];
}

/** The account's current state, every region's (each item names its `RegionId`; entries and rules do not page). */
export function snapshot(emu: Emulator): EmulatorState {
    emu.settle();
    const all = <T>(f: (r: Region) => T[]) => [...emu.regions.values()].flatMap(f);
    return {
        natGateways: all((r) => [...r.model.nats.keys()].map((id) => describeNat(r, id))),
        eips: all((r) => [...r.model.eips.keys()].map((id) => describeEip(r, id))),
        bandwidthPlans: all((r) => [...r.model.plans.keys()].map((id) => describePlan(r, id))),
        forwardEntries: all((r) => [...r.model.entries.keys()].map((id) => describeEntry(r, id))),
        securityGroups: all((r) =>
            [...r.model.securityGroups.keys()].map((id) => describeGroup(r, id, "all", undefined, Number.MAX_SAFE_INTEGER)),
        ),
    };
}

/** Every DNAT entry of every region (what the forwarder follows). */
function allEntries(emu: Emulator) {
    return [...emu.regions.values()].flatMap((r) => [...r.model.entries.values()]);
}

/** A running emulator. */
export interface RunningEmulator {
    emulator: Emulator;
    /** `127.0.0.1:<port>`: the value for the provider's `endpoints`. */
    endpoint: string;
    url: string;
    state(): EmulatorState;
    log(): readonly LogEntry[];
    /** Present when started with backends: the listeners behind the DNAT table. */
    forwarder?: Forwarder;
    /** Present when started with `tls`: the certificate (PEM) the same port also answers TLS with. */
    certificate?: string;
    close(): Promise<void>;
}

export interface EmulatorOptions {
    /** Backends by private IP: DNAT entries to these IPs are forwarded over TCP (emulator/forwarding.ts). */
    backends?: BackendTable;
    /** Also answer TLS on the same port with this certificate (emulator/tls.ts: the provider's HTTPS-only calls). */
    tls?: LoopbackCertificate;
    /** Latency, transitional states and faults (default: none, every operation completes at once). */
    realism?: Realism;
    /** The region the endpoint stands for: it holds the account's inventory (default cn-shanghai, the stacks' region). */
    region?: string;
    /** Refusals to give: actions the caller may not call, throttled actions, AccessKeys not accepted (emulator/access.ts). */
    access?: AccessRules;
}

function send(res: http.ServerResponse, answer: RpcAnswer): void {
    if (res.headersSent || res.destroyed) {
        return;
    }
    const body = JSON.stringify({ RequestId: requestId(), ...answer.body });
    res.writeHead(answer.status, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
}

function route(emu: Emulator, req: http.IncomingMessage, body: string): RpcAnswer {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    if (req.method === "GET" && url.pathname === "/_emulator/state") {
        return { status: 200, body: { ...snapshot(emu) } };
    }
    if (req.method === "GET" && url.pathname === "/_emulator/log") {
        const since = Number(url.searchParams.get("since") ?? 0);
        return { status: 200, body: { Requests: Number.isSafeInteger(since) ? emu.log.since(since) : emu.log.entries() } };
    }
    if (url.pathname !== "/") {
        return errorAnswer(404, "InvalidPath", `No such path: ${url.pathname.slice(0, 128)}`);
    }
    const scheme = (req.socket as Partial<TLSSocket>).encrypted === true ? "https" : "http";
    let decoded: RpcRequest;
    try {
        decoded = decodeRequest(req.url ?? "/", req.headers, body);
    } catch (e) {
        if (!(e instanceof WireError)) {
            throw e;
        }
        const answer = errorAnswer(e.status, e.code, e.message);
        const action = req.headers["x-acs-action"];
        emu.record(typeof action === "string" ? action : "", {}, answer, scheme);
        return answer;
    }
    return emu.handle(decoded, scheme);
}

/** Reads a request's body up to {@link MAX_BODY_BYTES}; calls `done` with it, or with a 413 answer when it is larger. */
function readBody(req: http.IncomingMessage, done: (body: string | RpcAnswer) => void): void {
    const declared = Number(req.headers["content-length"] ?? 0);
    const tooLarge = errorAnswer(
        413,
        "RequestEntityTooLarge",
        `The request body is larger than the emulator's limit of ${MAX_BODY_BYTES} bytes.`,
    );
    if (declared > MAX_BODY_BYTES) {
        req.resume();
        return done(tooLarge);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
        size += c.length;
        over ||= size > MAX_BODY_BYTES;
        if (!over) {
            chunks.push(c);
        }
    });
    req.on("end", () => done(over ? tooLarge : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => undefined);
}

/** The answer to a request, or the API's error answer for anything that goes wrong on the way. Never throws. */
function answerOf(emu: Emulator, req: http.IncomingMessage, body: string): RpcAnswer {
    try {
        return route(emu, req, body);
    } catch (e) {
        return e instanceof WireError
            ? errorAnswer(e.status, e.code, e.message)
            : errorAnswer(500, "InternalError", `The emulator failed: ${(e as Error)?.message ?? String(e)}`);
    }
}

/**
 * With `SBG_EMULATOR_LOG=FILE` in the environment, a closing emulator appends its request log to FILE, one JSON
 * object per line (for reading what a client such as the provider sent, e.g. during `npm run e2e`).
 */
function dumpLog(emu: Emulator): void {
    const file = process.env.SBG_EMULATOR_LOG;
    if (file) {
        fs.appendFileSync(
            file,
            emu.log
                .entries()
                .map((l) => `${JSON.stringify(l)}\n`)
                .join(""),
        );
    }
}

/** The request listener: reads the body, answers, lets the forwarder follow the table, then sends after the latency. */
function listener(emu: Emulator, realism: Realism, forwarder: Forwarder | undefined): http.RequestListener {
    return (req, res) => {
        res.on("error", () => undefined);
        readBody(req, (body) => {
            const answer = typeof body === "string" ? answerOf(emu, req, body) : body;
            try {
                // Listeners follow the table before the caller sees the answer.
                forwarder?.sync(allEntries(emu));
            } catch (e) {
                forwarder?.errors.push(`sync: ${(e as Error).message}`);
            }
            const api = !(req.url ?? "/").startsWith("/_emulator/");
            const action = emu.log.newest()?.action ?? "";
            const latency = !api ? 0 : isRead(action) ? realism.readLatencyMs : realism.writeLatencyMs;
            if (latency > 0) {
                setTimeout(() => send(res, answer), latency);
            } else {
                send(res, answer);
            }
        });
    };
}

/** A malformed request head (bad request line, headers over Node's 16 KiB limit) is answered in the API's shape. */
function answerMalformedHeads(srv: http.Server): void {
    srv.on("clientError", (err: NodeJS.ErrnoException, socket) => {
        const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
        const body = JSON.stringify({
            RequestId: requestId(),
            Code: "InvalidRequest",
            Message: `Malformed HTTP request: ${err.code ?? err.message}`,
        });
        if (socket.writable) {
            socket.end(
                `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
            );
        } else {
            socket.destroy();
        }
    });
}

/** Starts the emulator on 127.0.0.1 (`port` 0 picks a free one) for an account described by `inventory`. */
export async function startEmulator(inventory: Inventory, port = 0, options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const realism = options.realism ?? INSTANT_REALISM;
    const emu = new Emulator(inventory, ACTIONS, realism, options.region ?? inventory.region, options.access);
    const forwarder = options.backends ? new Forwarder(options.backends) : undefined;
    forwarder?.sync(allEntries(emu));
    const handler = listener(emu, realism, forwarder);
    const plain = http.createServer(handler);
    const dual = options.tls ? dualProtocolServer(plain, handler, options.tls) : undefined;
    answerMalformedHeads(plain);
    if (dual) {
        answerMalformedHeads(dual.secure);
    }
    const server = dual?.listener ?? plain;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
    });
    const { port: bound } = server.address() as AddressInfo;
    return {
        emulator: emu,
        endpoint: `127.0.0.1:${bound}`,
        url: `http://127.0.0.1:${bound}/`,
        state: () => snapshot(emu),
        log: () => emu.log.entries(),
        forwarder,
        certificate: options.tls?.cert,
        close: async () => {
            dumpLog(emu);
            await forwarder?.close();
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            plain.closeAllConnections();
            dual?.secure.closeAllConnections();
            await closed;
        },
    };
}
