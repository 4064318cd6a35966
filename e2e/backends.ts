/**
 * Loopback servers standing in for the stack's private servers: one host in 127.0.30.0/24 per private IP, and on it
 * a listener per probed port answering the rule's probe kind (tcp: accept and close; http and https: 200, https with
 * the self-signed certificate the emulator also uses, made by the `openssl` CLI). The emulator forwards DNAT traffic to them.
 */
import * as http from "http";
import * as https from "https";
import * as net from "net";
import type { BackendTable } from "../emulator/forwarding";
import { loopbackCertificate } from "../emulator/tls";
import { PROJECT, StackConfig } from "./stack";

const NS = `${PROJECT}:`;
/** Where the e2e's backends listen; tests use another /24 so they can run beside an e2e. */
export const E2E_HOSTS = "127.0.30.";

/** One listener to run: where, and how it answers. */
export interface BackendListener {
    internalIp: string;
    port: number;
    kind: "tcp" | "http" | "https";
}

interface RuleConfig {
    protocol?: string;
    internalIp?: string;
    internalPort?: string | number;
    probe?: { kind?: string; ports?: number[]; enabled?: boolean };
}

/** The listeners the rules of `configs` need: each probed TCP or whole-IP rule's private ports. Pure. */
export function backendListeners(configs: StackConfig[]): BackendListener[] {
    const out = new Map<string, BackendListener>();
    for (const c of configs) {
        for (const r of Object.values((c[`${NS}rules`] ?? {}) as Record<string, RuleConfig>)) {
            const protocol = String(r.protocol ?? "").toLowerCase();
            if (protocol === "udp" || r.probe?.enabled === false || r.internalIp === undefined) {
                continue;
            }
            const kind = (r.probe?.kind?.toLowerCase() ?? "tcp") as BackendListener["kind"];
            // A range is probed on its first port.
            const ports = protocol === "any" ? (r.probe?.ports ?? []) : [Number(String(r.internalPort).split("/")[0])];
            for (const port of ports) {
                out.set(`${r.internalIp}:${port}`, { internalIp: r.internalIp, port, kind });
            }
        }
    }
    return [...out.values()];
}

/** Running backends. */
export interface Backends {
    /** For `startEmulator(..., { backends })`. */
    table: BackendTable;
    /** Stops the listener for `internalIp:port`. */
    stop(internalIp: string, port: number): Promise<void>;
    /** Starts it again. */
    restart(internalIp: string, port: number): Promise<void>;
    close(): Promise<void>;
}

function server(kind: BackendListener["kind"], tls: () => { key: string; cert: string }): net.Server {
    const ok = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    if (kind === "http") {
        return http.createServer(ok);
    }
    if (kind === "https") {
        return https.createServer(tls(), ok);
    }
    return net.createServer((s) => s.end());
}

function listen(s: net.Server, port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, host, () => resolve());
    });
}

/** Starts the backends for every rule of `configs` (the deployed config and the update's). */
export async function startBackends(configs: StackConfig[], hostPrefix = E2E_HOSTS): Promise<Backends> {
    const listeners = backendListeners(configs);
    const hosts = new Map<string, string>();
    listeners.forEach((l) => hosts.has(l.internalIp) || hosts.set(l.internalIp, `${hostPrefix}${hosts.size + 1}`));
    let certificate: { key: string; cert: string } | undefined;
    const tls = () => (certificate ??= loopbackCertificate());
    const running = new Map<string, { spec: BackendListener; server?: net.Server; sockets: Set<net.Socket> }>();
    const start = async (key: string) => {
        const r = running.get(key)!;
        const s = server(r.spec.kind, tls);
        s.on("connection", (c: net.Socket) => (r.sockets.add(c), c.on("close", () => r.sockets.delete(c))));
        await listen(s, r.spec.port, hosts.get(r.spec.internalIp)!);
        r.server = s;
    };
    const stop = async (key: string) => {
        const r = running.get(key);
        const s = r?.server;
        if (r && s) {
            r.server = undefined;
            r.sockets.forEach((c) => c.destroy());
            await new Promise((resolve) => s.close(resolve));
        }
    };
    for (const l of listeners) {
        running.set(`${l.internalIp}:${l.port}`, { spec: l, sockets: new Set() });
        await start(`${l.internalIp}:${l.port}`);
    }
    const table: BackendTable = {};
    for (const [ip, host] of hosts) {
        table[ip] = { host, ports: listeners.filter((l) => l.internalIp === ip).map((l) => l.port) };
    }
    return {
        table,
        stop: (ip, port) => stop(`${ip}:${port}`),
        restart: (ip, port) => start(`${ip}:${port}`),
        close: async () => {
            await Promise.all([...running.keys()].map(stop));
        },
    };
}
