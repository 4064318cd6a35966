/**
 * The Alibaba Cloud RPC wire format, as the provider's client and the official SDKs speak it: the action and its
 * parameters arrive in the query string and/or a form-encoded body (`POST /?Action=...&Version=2016-04-28`), or, in the
 * newer request style, with the action in the `x-acs-action` header. Arrays are flattened (`Tag.1.Key`). Every answer
 * is JSON with a `RequestId`; a refusal is an HTTP 4xx/5xx with `{Code, Message, RequestId}`, and the code drives
 * the client's retry and not-found handling.
 */
import { randomUUID } from "crypto";
import type { IncomingMessage } from "http";

/** One decoded API request. */
export interface RpcRequest {
    action: string;
    version: string;
    /** Every parameter, query and body merged (the body wins). Signature and common parameters included. */
    params: Record<string, string>;
}

/** An answer: the HTTP status and the JSON body (`RequestId` is added by the server). */
export interface RpcAnswer {
    status: number;
    body: Record<string, unknown>;
}

/** Decodes a request from its URL, headers and raw body. Pure. */
export function decodeRequest(url: string, headers: IncomingMessage["headers"], body: string): RpcRequest {
    const params: Record<string, string> = {};
    const query = new URL(url, "http://emulator.invalid").searchParams;
    query.forEach((v, k) => (params[k] = v));
    const type = String(headers["content-type"] ?? "");
    if (body.length > 0 && (type.includes("application/x-www-form-urlencoded") || type === "")) {
        new URLSearchParams(body).forEach((v, k) => (params[k] = v));
    } else if (body.length > 0 && type.includes("application/json")) {
        for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
            params[k] = typeof v === "string" ? v : JSON.stringify(v);
        }
    }
    const header = (name: string) => {
        const v = headers[name];
        return Array.isArray(v) ? v[0] : v;
    };
    return {
        action: params.Action ?? header("x-acs-action") ?? "",
        version: params.Version ?? header("x-acs-version") ?? "",
        params,
    };
}

/** `X.1`, `X.2`, ... as a list, in index order. Pure. */
export function flatList(params: Record<string, string>, prefix: string): string[] {
    const out: [number, string][] = [];
    const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)$`);
    for (const [k, v] of Object.entries(params)) {
        const m = re.exec(k);
        if (m) {
            out.push([Number(m[1]), v]);
        }
    }
    return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** `Tag.N.Key` / `Tag.N.Value` pairs as a record. Pure. */
export function flatTags(params: Record<string, string>, prefix = "Tag"): Record<string, string> {
    const keys = new Map<number, string>();
    const values = new Map<number, string>();
    const re = new RegExp(`^${prefix}\\.(\\d+)\\.(Key|Value)$`);
    for (const [k, v] of Object.entries(params)) {
        const m = re.exec(k);
        if (m) {
            (m[2] === "Key" ? keys : values).set(Number(m[1]), v);
        }
    }
    const tags: Record<string, string> = {};
    [...keys.keys()].sort((a, b) => a - b).forEach((i) => (tags[keys.get(i)!] = values.get(i) ?? ""));
    return tags;
}

/** A new request id, shaped like the cloud's. */
export function requestId(): string {
    return randomUUID().toUpperCase();
}

/** Thrown by handlers for refusals that are about the request itself rather than a cloud rule. */
export class WireError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "WireError";
    }
}

/** A required parameter, or `MissingParameter` naming it. */
export function required(params: Record<string, string>, name: string): string {
    const v = params[name];
    if (v === undefined || v === "") {
        throw new WireError(
            400,
            `MissingParameter`,
            `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        );
    }
    return v;
}

/** `true`/`false` parameters as booleans; undefined when absent. */
export function bool(v: string | undefined): boolean | undefined {
    return v === undefined ? undefined : v.toLowerCase() === "true";
}
