/**
 * TCP forwarding behind the emulator's DNAT table: for each entry, a listener on the EIP address and public port
 * that pipes every connection to a loopback backend standing in for the entry's private server. The backend table
 * maps private IPs (keys only, never connected to) to a loopback host and the ports its listeners serve.
 *
 * - Port mapping: every port of the public range, the same offset in the private range. At most
 *   {@link MAX_PORTS_PER_ENTRY} ports per entry; the rest of a longer range is not forwarded.
 * - Whole-IP mapping (protocol any): each port the backend table lists for the private IP, to the same port.
 * - UDP entries and entries whose private IP is not in the table are not forwarded: their addresses stay silent.
 * - Only 127.0.0.0/8 addresses are bound or connected to; anything else throws.
 */
import * as ipaddr from "ipaddr.js";
import * as net from "net";
import type { EntryState } from "../cloud/state";

/** What forwarding reads of a DNAT entry: its rules' state, not what the API reports about it. */
type Entry = Omit<EntryState, "attributes">;

/** Where the traffic for one private IP goes. */
export interface Backend {
    /** Loopback address of the backend's listeners. */
    host: string;
    /** Ports the backend listens on; whole-IP entries forward these. */
    ports: number[];
}

/** Backends by private IP (as written in DNAT entries). */
export type BackendTable = Record<string, Backend>;

/** Ports forwarded per entry at most; a longer range forwards its first ones. */
export const MAX_PORTS_PER_ENTRY = 64;

const LOOPBACK = ipaddr.parseCIDR("127.0.0.0/8");

/** Throws unless `address` is an IPv4 address in 127.0.0.0/8. */
export function assertLoopback(address: string): void {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address) || !ipaddr.IPv4.parse(address).match(LOOPBACK)) {
        throw new Error(`${address} is not a loopback address: forwarding binds and connects in 127.0.0.0/8 only`);
    }
}

/** One forwarded public port. */
interface Route {
    listenHost: string;
    listenPort: number;
    targetHost: string;
    targetPort: number;
}

interface Listener {
    server: net.Server;
    route: Route;
}

/** The routes of one DNAT entry under `backends`. Pure. */
export function routesOf(e: Entry, backends: BackendTable): Route[] {
    const backend = backends[e.internalIp];
    if (!backend || e.protocol === "udp") {
        return [];
    }
    if (e.protocol === "any" || e.externalPort.kind === "any" || e.internalPort.kind === "any") {
        return backend.ports.map((p) => ({ listenHost: e.externalIp, listenPort: p, targetHost: backend.host, targetPort: p }));
    }
    const count = Math.min(e.externalPort.end - e.externalPort.start + 1, MAX_PORTS_PER_ENTRY);
    const [ext, int] = [e.externalPort, e.internalPort];
    return Array.from({ length: count }, (_, i) => ({
        listenHost: e.externalIp,
        listenPort: ext.start + i,
        targetHost: backend.host,
        targetPort: int.start + i,
    }));
}

/** Listeners following the DNAT table: call {@link sync} after every change, {@link close} at the end. */
export class Forwarder {
    private readonly listeners = new Map<string, Listener>();
    private readonly sockets = new Set<net.Socket>();
    /** Listen errors (such as EADDRINUSE), by `host:port`. */
    readonly errors: string[] = [];

    constructor(private readonly backends: BackendTable) {
        for (const b of Object.values(backends)) {
            assertLoopback(b.host);
        }
    }

    /** Opens, retargets and closes listeners so that they match `entries`. */
    sync(entries: Iterable<Entry>): void {
        const wanted = new Map<string, Route>();
        for (const e of entries) {
            for (const r of routesOf(e, this.backends)) {
                wanted.set(`${r.listenHost}:${r.listenPort}`, r);
            }
        }
        for (const [key, l] of this.listeners) {
            if (!wanted.has(key)) {
                l.server.close();
                this.listeners.delete(key);
            }
        }
        for (const [key, route] of wanted) {
            const current = this.listeners.get(key);
            if (current) {
                current.route = route;
            } else {
                this.listeners.set(key, this.listen(route));
            }
        }
    }

    /** `host:port` of every listener, sorted. */
    bound(): string[] {
        return [...this.listeners.keys()].sort();
    }

    /** Closes every listener and connection. */
    async close(): Promise<void> {
        const servers = [...this.listeners.values()].map((l) => l.server);
        this.listeners.clear();
        this.sockets.forEach((s) => s.destroy());
        await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }

    private listen(route: Route): Listener {
        assertLoopback(route.listenHost);
        assertLoopback(route.targetHost);
        const listener: Listener = { route, server: net.createServer((client) => this.pipe(client, listener.route)) };
        listener.server.on("error", (e) => this.errors.push(`${route.listenHost}:${route.listenPort}: ${(e as Error).message}`));
        listener.server.listen(route.listenPort, route.listenHost);
        return listener;
    }

    private pipe(client: net.Socket, route: Route): void {
        assertLoopback(route.targetHost);
        const upstream = net.connect({ host: route.targetHost, port: route.targetPort });
        for (const s of [client, upstream]) {
            this.sockets.add(s);
            s.on("error", () => {
                client.destroy();
                upstream.destroy();
            });
            s.on("close", () => this.sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
    }
}
