/** The e2e connectivity check (e2e/connectivity.ts, e2e/backends.ts): the loopback backends and the problems the check must find. */
import { expect } from "chai";
import * as https from "https";
import * as net from "net";
import * as path from "path";
import { backendListeners, Backends, startBackends } from "../../e2e/backends";
import { connectivityProblems, freedSpareEips, requestProbedRule } from "../../e2e/connectivity";
import { updatedConfig } from "../../e2e/lifecycle";
import { e2eConfig, readConfigFile } from "../../e2e/stack";

const prod = e2eConfig(readConfigFile(path.join(__dirname, "..", "..", "Pulumi.prod.yaml")));
const dev = e2eConfig(readConfigFile(path.join(__dirname, "..", "..", "Pulumi.dev.yaml")));

function connects(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const s = net.connect({ host, port });
        s.once("connect", () => (s.destroy(), resolve(true)));
        s.once("error", () => resolve(false));
    });
}

function httpsStatus(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
        https
            .get({ host, port, rejectUnauthorized: false, agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
            .on("error", reject);
    });
}

describe("e2e connectivity: backends and what the check must find", () => {
    it("needs one listener per probed private port, with the rule's probe kind", () => {
        expect(backendListeners([prod, updatedConfig(prod)])).to.deep.equal([
            { internalIp: "192.168.1.1", port: 80, kind: "tcp" },
            { internalIp: "192.168.1.2", port: 80, kind: "tcp" },
            { internalIp: "192.168.1.3", port: 80, kind: "http" },
            { internalIp: "192.168.1.4", port: 443, kind: "https" },
            { internalIp: "192.168.1.5", port: 22, kind: "tcp" },
            { internalIp: "192.168.0.250", port: 8080, kind: "tcp" },
        ]);
    });

    it("starts them on 127.0.x.y (127.0.31.x here, beside a running e2e's 127.0.30.x): https answers 200 with a self-signed certificate; a stopped one refuses", async () => {
        const b: Backends = await startBackends([prod], "127.0.31.");
        try {
            expect(b.table["192.168.1.4"]).to.deep.equal({ host: "127.0.31.4", ports: [443] });
            expect(await httpsStatus("127.0.31.4", 443)).to.equal(200);
            expect(await connects("127.0.31.5", 22)).to.equal(true);
            await b.stop("192.168.1.5", 22);
            expect(await connects("127.0.31.5", 22)).to.equal(false);
        } finally {
            await b.close();
        }
    });

    it("stops the first http(s) rule's backend for the negative step", () => {
        expect(requestProbedRule(prod)).to.deep.equal({ endpoint: "rule/ip3-http:80", internalIp: "192.168.1.3", port: 80 });
    });

    it("tolerates only spare failures of EIPs the update leaves spare", () => {
        expect(freedSpareEips(prod, updatedConfig(prod))).to.deep.equal(["ip4"]);
        expect(freedSpareEips(dev, updatedConfig(dev))).to.deep.equal([]);
        const out = (key: string) => ({
            summary: { probed: true, healthy: false },
            results: { [key]: { ok: false }, "rule/ip1-all:80": { ok: true } },
            warnings: [`${key}: failed`],
        });
        expect(connectivityProblems(out("spare/ip4:22"), prod, undefined, ["ip4"])).to.deep.equal([]);
        expect(connectivityProblems(out("spare/ip5:22"), prod, undefined, ["ip4"])).to.include("connectivity: spare/ip5:22: failed");
        expect(connectivityProblems({ summary: { probed: false } }, prod)[0]).to.match(/did not probe/);
    });
});
