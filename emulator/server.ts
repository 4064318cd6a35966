/**
 * The HTTP front end of the emulator: answers the Alibaba Cloud RPC API on 127.0.0.1 for the provider (and any
 * official SDK), and exposes the emulated account for tests at `GET /_emulator/state` and `GET /_emulator/log`.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import type { TLSSocket } from "tls";
import type { Inventory } from "../cloud/inventory";
import { bandwidthPlanActions, describePlan } from "./actions/bandwidthPlan";
import { describeEip, eipActions } from "./actions/eip";
import { describeEntry, forwardEntryActions } from "./actions/forwardEntry";
import { describeNat, natGatewayActions } from "./actions/natGateway";
import { describeGroup, securityGroupActions } from "./actions/securityGroup";
import { tagActions } from "./actions/tags";
import { Emulator, errorAnswer, Handler, LogEntry } from "./emulator";
import { BackendTable, Forwarder } from "./forwarding";
import { dualProtocolServer, LoopbackCertificate } from "./tls";
import { INSTANT_REALISM, isRead, Realism } from "./realism";
import { decodeRequest, requestId, RpcAnswer } from "./wire";

/** Every action the emulator answers. */
export const ACTIONS: ReadonlyMap<string, Handler> = new Map([
    ...natGatewayActions,
    ...eipActions,
    ...bandwidthPlanActions,
    ...forwardEntryActions,
    ...tagActions,
    ...securityGroupActions,
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

/** The account's current state. */
export function snapshot(emu: Emulator): EmulatorState {
    emu.settle();
    return {
        natGateways: [...emu.nats.keys()].map((id) => describeNat(emu, id)),
        eips: [...emu.eips.keys()].map((id) => describeEip(emu, id)),
        bandwidthPlans: [...emu.plans.keys()].map((id) => describePlan(emu, id)),
        forwardEntries: [...emu.entries.keys()].map((id) => describeEntry(emu, id)),
        securityGroups: [...emu.model.securityGroups.keys()].map((id) => describeGroup(emu, id)),
    };
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
}

function send(res: http.ServerResponse, answer: RpcAnswer): void {
    const body = JSON.stringify({ RequestId: requestId(), ...answer.body });
    res.writeHead(answer.status, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
}

function route(emu: Emulator, req: http.IncomingMessage, body: string): RpcAnswer {
    const path = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
    if (req.method === "GET" && path === "/_emulator/state") {
        return { status: 200, body: { ...snapshot(emu) } };
    }
    if (req.method === "GET" && path === "/_emulator/log") {
        return { status: 200, body: { Requests: emu.log } };
    }
    if (path !== "/") {
        return errorAnswer(404, "InvalidPath", `No such path: ${path}`);
    }
    const secure = (req.socket as Partial<TLSSocket>).encrypted === true;
    return emu.handle(decodeRequest(req.url ?? "/", req.headers, body), secure ? "https" : "http");
}

/** Starts the emulator on 127.0.0.1 (`port` 0 picks a free one) for an account described by `inventory`. */
export async function startEmulator(inventory: Inventory, port = 0, options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const realism = options.realism ?? INSTANT_REALISM;
    const emu = new Emulator(inventory, ACTIONS, realism);
    const forwarder = options.backends ? new Forwarder(options.backends) : undefined;
    forwarder?.sync(emu.model.entries.values());
    const handler: http.RequestListener = (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const answer = route(emu, req, Buffer.concat(chunks).toString("utf8"));
            // Listeners follow the table before the caller sees the answer.
            forwarder?.sync(emu.model.entries.values());
            const api = !(req.url ?? "/").startsWith("/_emulator/");
            const action = emu.log[emu.log.length - 1]?.action ?? "";
            const latency = !api ? 0 : isRead(action) ? realism.readLatencyMs : realism.writeLatencyMs;
            if (latency > 0) {
                setTimeout(() => send(res, answer), latency);
            } else {
                send(res, answer);
            }
        });
    };
    const plain = http.createServer(handler);
    const dual = options.tls ? dualProtocolServer(plain, handler, options.tls) : undefined;
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
        log: () => emu.log,
        forwarder,
        certificate: options.tls?.cert,
        close: async () => {
            await forwarder?.close();
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            plain.closeAllConnections();
            dual?.secure.closeAllConnections();
            await closed;
        },
    };
}
