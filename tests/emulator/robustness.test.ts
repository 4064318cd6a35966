/**
 * No request stops the emulator (docs/emulator.md "Limits"): malformed and null JSON bodies, unsupported content
 * types, bodies over the limit and malformed request heads get a 4xx in the API's error shape, and the request log
 * stays bounded.
 */
import { expect } from "chai";
import * as net from "net";
import { checkParams, integer, list, optional, required, text } from "../../emulator/params";
import { boundedParams, RequestLog } from "../../emulator/requestLog";
import { ClientTokens } from "../../emulator/clientTokens";
import { Emulator } from "../../emulator/emulator";
import { MAX_BODY_BYTES, RunningEmulator, startEmulator } from "../../emulator/server";
import { WireError } from "../../emulator/wire";
import { call, testAccount } from "../support/emulator";

async function post(emu: RunningEmulator, body: string | Buffer, type: string) {
    const res = await fetch(`${emu.url}?Action=DescribeEipAddresses&Version=2016-04-28&RegionId=cn-shanghai`, {
        method: "POST",
        headers: { "content-type": type },
        body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Writes `raw` to the emulator's port and reads the answer to the end. */
function rawRequest(emu: RunningEmulator, raw: string): Promise<string> {
    const [host, port] = emu.endpoint.split(":");
    return new Promise((resolve, reject) => {
        const socket = net.connect(Number(port), host, () => socket.write(raw));
        let out = "";
        socket.on("data", (d) => (out += d.toString("utf8")));
        socket.on("end", () => resolve(out));
        socket.on("error", reject);
    });
}

describe("emulator robustness: bad requests get a clear 4xx in the API's shape", () => {
    let emu: RunningEmulator;
    beforeEach(async () => (emu = await startEmulator(testAccount())));
    afterEach(() => emu.close());

    const cases: [string, string | Buffer, string, number, string][] = [
        ["malformed JSON", '{"RegionId": ', "application/json", 400, "InvalidParameter.Body"],
        ["a JSON body of null", "null", "application/json", 400, "InvalidParameter.Body"],
        ["a JSON array", "[1,2]", "application/json", 400, "InvalidParameter.Body"],
        ["XML", "<a/>", "application/xml", 415, "UnsupportedMediaType"],
        ["a body over the limit", Buffer.alloc(MAX_BODY_BYTES + 1, 97), "application/x-www-form-urlencoded", 413, "RequestEntityTooLarge"],
    ];
    for (const [what, body, type, status, code] of cases) {
        it(`answers ${what} with HTTP ${status} ${code}, and still serves`, async () => {
            const r = await post(emu, body, type);
            expect([r.status, r.body.Code]).to.deep.equal([status, code]);
            expect(r.body.RequestId).to.be.a("string");
            expect(r.body.Message).to.be.a("string").and.not.equal("");
            expect((await call(emu, "DescribeEipAddresses", {})).status).to.equal(200);
        });
    }

    it("reads a JSON object of parameters, nested lists flattened as the API's Tag.N.Key", async () => {
        const r = await post(emu, JSON.stringify({ Tag: [{ Key: "team", Value: "edge" }], PageSize: 5 }), "application/json");
        expect([r.status, r.body.PageSize]).to.deep.equal([200, 5]);
        expect(emu.log().at(-1)?.params).to.deep.include({ "Tag.1.Key": "team", PageSize: "5" });
    });

    it("answers a request line it cannot parse and a head over 16 KiB in the API's shape", async () => {
        const bad = await rawRequest(emu, "NONSENSE\r\n\r\n");
        expect(bad)
            .to.match(/^HTTP\/1\.1 400/)
            .and.contain('"Code":"InvalidRequest"');
        const huge = await rawRequest(emu, `GET /?${"a=b&".repeat(6000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
        expect(huge)
            .to.match(/^HTTP\/1\.1 431/)
            .and.contain("RequestId");
        expect((await call(emu, "DescribeEipAddresses", {})).status).to.equal(200);
    });

    it("logs what it refused before reading, and serves the log after a given request", async () => {
        await post(emu, "null", "application/json");
        await call(emu, "DescribeNatGateways", {});
        const log = emu.log();
        expect(log.map((l) => [l.action, l.code])).to.deep.equal([
            ["", "InvalidParameter.Body"],
            ["DescribeNatGateways", undefined],
        ]);
        const since = (await (await fetch(`${emu.url}_emulator/log?since=${log[0].seq}`)).json()) as { Requests: { action: string }[] };
        expect(since.Requests.map((l) => l.action)).to.deep.equal(["DescribeNatGateways"]);
    });
});

describe("emulator robustness: bounded log, tokens and parameter specs", () => {
    it("answers an action that fails inside with 500 InternalError, logs it, and answers the next request", () => {
        const boom = {
            params: {},
            handler: (): Record<string, unknown> => {
                throw new TypeError("a bug in an action");
            },
        };
        const fine = { params: {}, handler: () => ({ Ok: true }) };
        const emu = new Emulator(
            testAccount(),
            new Map([
                ["Boom", boom],
                ["Fine", fine],
            ]),
        );
        const failed = emu.handle({ action: "Boom", version: "", params: { RegionId: "cn-shanghai" } });
        expect([failed.status, failed.body.Code, failed.body.Message]).to.deep.equal([
            500,
            "InternalError",
            "The emulator failed: a bug in an action",
        ]);
        expect(emu.handle({ action: "Fine", version: "", params: {} }).body).to.deep.equal({ Ok: true });
        expect(emu.log.entries().map((l) => [l.action, l.status])).to.deep.equal([
            ["Boom", 500],
            ["Fine", 200],
        ]);
    });

    it("keeps the newest requests up to its capacity, numbered on, and cuts long parameters", () => {
        const log = new RequestLog(3, 1000);
        for (let i = 0; i < 5; i++) {
            log.push({ at: "", action: `A${i}`, params: {}, status: 200 });
        }
        expect(log.entries().map((e) => [e.seq, e.action])).to.deep.equal([
            [3, "A2"],
            [4, "A3"],
            [5, "A4"],
        ]);
        expect(log.since(4).map((e) => e.seq)).to.deep.equal([5]);
        expect(log.since(0).map((e) => e.seq)).to.deep.equal([3, 4, 5]);
        const big = log.push({ at: "", action: "B", params: { Name: "x".repeat(5000) }, status: 400 });
        expect(big.truncated).to.equal(true);
        expect(big.params.Name.length).to.be.below(2100);
        expect(boundedParams({ a: "1", b: "2" }, 100)).to.deep.equal({ params: { a: "1", b: "2" }, truncated: false });
    });

    it("drops the oldest entries when the parameters outgrow the byte budget", () => {
        const log = new RequestLog(100, 3100);
        for (let i = 0; i < 4; i++) {
            log.push({ at: "", action: `A${i}`, params: { v: "x".repeat(1000) }, status: 200 });
        }
        expect(log.entries().map((e) => e.action)).to.deep.equal(["A1", "A2", "A3"]);
    });

    it("forgets the oldest token beyond its capacity", () => {
        const tokens = new ClientTokens(2);
        ["a", "b", "c"].forEach((t) => tokens.remember("X", t, {}, { Id: t }));
        expect([tokens.replay("X", "a", {}), tokens.replay("X", "c", {})]).to.deep.equal([undefined, { Id: "c" }]);
    });

    it("checks a spec: the first missing parameter, a bad value with its code, a list index out of range", () => {
        const spec = { RegionId: required(text(1, 32)), PageSize: optional(integer(1, 50), "Bad.Size"), "Tag.N.Key": list(text(1, 8), 2) };
        const refusal = (params: Record<string, string>) => {
            try {
                checkParams(spec, params);
            } catch (e) {
                return [(e as WireError).code, (e as WireError).message];
            }
            return undefined;
        };
        expect(refusal({})?.[0]).to.equal("MissingParameter");
        expect(refusal({ RegionId: "r", PageSize: "x" })).to.deep.equal([
            "Bad.Size",
            'The specified parameter "PageSize" is not valid: must be a whole number (got "x").',
        ]);
        expect(refusal({ RegionId: "r", "Tag.3.Key": "k" })?.[1])
            .to.contain('"Tag.3.Key"')
            .and.contain("1 to 2");
        expect(refusal({ RegionId: "r", PageSize: "50", "Tag.2.Key": "k", Other: "ignored" })).to.equal(undefined);
    });
});
