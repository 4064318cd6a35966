/**
 * TLS beside plain HTTP on the emulator's one port. The provider sends most ECS and VPC calls with the configured
 * protocol (`alicloud:protocol HTTP`), but builds the security group rule's delete (and update) request with the
 * scheme HTTPS hard-coded (terraform-provider-alicloud v1.285.0 resource_alicloud_security_group_rule.go,
 * `buildAliyunSGRuleRequest`), to the same `ecs` endpoint. So one listener answers both: a connection whose first
 * byte opens a TLS handshake (0x16) goes to the TLS server, any other to the HTTP server. The certificate is made at
 * start by the `openssl` CLI for the address 127.0.0.1; a client trusts it through its CA file (Go: `SSL_CERT_FILE`).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import type * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/** A key and self-signed certificate (PEM) valid for 127.0.0.1. */
export interface LoopbackCertificate {
    key: string;
    cert: string;
}

/** Makes a one-day self-signed certificate for IP 127.0.0.1 with `openssl`, in a folder removed at once. */
export function loopbackCertificate(): LoopbackCertificate {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-emulator-tls-"));
    try {
        const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
        execFileSync(
            "openssl",
            [
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
            ].concat(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]),
            { stdio: "ignore" },
        );
        return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The first byte of a TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;

/** One TCP listener handing each connection to `plain` or, when it opens with a TLS handshake, to a TLS server. */
export function dualProtocolServer(
    plain: http.Server,
    handler: http.RequestListener,
    certificate: LoopbackCertificate,
): { listener: net.Server; secure: https.Server } {
    const secure = https.createServer(certificate, handler);
    const listener = net.createServer((socket) => {
        socket.once("data", (first: Buffer) => {
            socket.pause();
            socket.unshift(first);
            (first[0] === TLS_HANDSHAKE ? secure : plain).emit("connection", socket);
            process.nextTick(() => socket.resume());
        });
        socket.on("error", () => socket.destroy());
    });
    return { listener, secure };
}
