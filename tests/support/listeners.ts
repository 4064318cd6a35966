/**
 * Real listeners on 127.0.0.1 for the connectivity tests: accept-and-close TCP, HTTP with a fixed status, a peer
 * that accepts and never answers, a port that refuses, and a port that starts listening after a delay.
 * Every listener is tracked and closed by {@link closeAll} (open sockets are destroyed).
 */
import * as http from "http";
import * as net from "net";

export const LOOPBACK = "127.0.0.1";

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const timers: NodeJS.Timeout[] = [];

function track<T extends net.Server>(server: T): T {
    servers.push(server);
    server.on("connection", (s: net.Socket) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
    });
    return server;
}

function listen(server: net.Server, port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, LOOPBACK, () => resolve((server.address() as net.AddressInfo).port));
    });
}

/** A listener that accepts and closes each connection. Also counts connections. */
export async function tcpListener(): Promise<{ port: number; connections: () => number }> {
    let count = 0;
    const server = track(net.createServer((s) => (count++, s.end())));
    return { port: await listen(server), connections: () => count };
}

/** An HTTP server answering every request with `status`. */
export async function httpListener(status: number): Promise<number> {
    const server = track(
        http.createServer((req, res) => {
            res.writeHead(status, { "content-type": "text/plain" });
            res.end(`status ${status}\n`);
        }),
    );
    return listen(server);
}

/** A peer that accepts connections and never sends a byte. */
export async function silentListener(): Promise<number> {
    return listen(track(net.createServer(() => undefined)));
}

/** A loopback port with nothing listening (connections are refused). */
export async function refusedPort(): Promise<number> {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    return port;
}

/** A port that refuses until `delayMs` have passed, then accepts. */
export async function delayedListener(delayMs: number): Promise<number> {
    const port = await refusedPort();
    const server = track(net.createServer((s) => s.end()));
    timers.push(setTimeout(() => void listen(server, port), delayMs));
    return port;
}

/** Closes every listener opened since the last call. */
export async function closeAll(): Promise<void> {
    timers.splice(0).forEach(clearTimeout);
    for (const s of sockets) {
        s.destroy();
    }
    sockets.clear();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.listening ? s.close(resolve) : resolve(undefined)))));
}
