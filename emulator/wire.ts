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
    /** The AccessKey id the request is signed with: `AccessKeyId` (RPC style) or the ACS3 `Authorization` credential. */
    accessKeyId?: string;
}

/** An answer: the HTTP status and the JSON body (`RequestId` is added by the server). */
export interface RpcAnswer {
    status: number;
    body: Record<string, unknown>;
}

/** Parameters read at most from one request: beyond this the request is refused (docs/emulator.md "Limits"). */
export const MAX_PARAMS = 1000;

/** A JSON body's value as flat parameters: objects by `.Key`, arrays by `.1`, `.2`... (`Tag.1.Key`). Pure. */
function flatten(value: unknown, prefix: string, out: Record<string, string>): void {
    if (value === null || value === undefined) {
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((v, i) => flatten(v, `${prefix}.${i + 1}`, out));
    } else if (typeof value === "object") {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            flatten(v, prefix ? `${prefix}.${k}` : k, out);
        }
    } else {
        out[prefix] = String(value);
    }
}

function badBody(message: string): WireError {
    return new WireError(400, "InvalidParameter.Body", message);
}

/** The parameters of a body of content type `type`. Throws {@link WireError} for a body the API would not read. */
function bodyParams(type: string, body: string): Record<string, string> {
    const params: Record<string, string> = {};
    if (type === "" || type.includes("application/x-www-form-urlencoded")) {
        new URLSearchParams(body).forEach((v, k) => (params[k] = v));
        return params;
    }
    if (type.includes("application/json")) {
        let doc: unknown;
        try {
            doc = JSON.parse(body);
        } catch (e) {
            throw badBody(`The request body is not valid JSON: ${(e as Error).message}.`);
        }
        if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
            throw badBody(
                `A JSON request body must be an object of parameters, not ${doc === null ? "null" : Array.isArray(doc) ? "an array" : typeof doc}.`,
            );
        }
        flatten(doc, "", params);
        return params;
    }
    throw new WireError(
        415,
        "UnsupportedMediaType",
        `Content type ${JSON.stringify(type.slice(0, 64))} is not read; send application/x-www-form-urlencoded or application/json.`,
    );
}

/** Decodes a request from its URL, headers and raw body. Pure; throws {@link WireError} for a request it cannot read. */
export function decodeRequest(url: string, headers: IncomingMessage["headers"], body: string): RpcRequest {
    const params: Record<string, string> = Object.create(null);
    let query: URLSearchParams;
    try {
        query = new URL(url, "http://emulator.invalid").searchParams;
    } catch {
        throw new WireError(400, "InvalidParameter.Url", "The request URL cannot be parsed.");
    }
    query.forEach((v, k) => (params[k] = v));
    if (body.length > 0) {
        Object.assign(params, bodyParams(String(headers["content-type"] ?? "").toLowerCase(), body));
    }
    if (Object.keys(params).length > MAX_PARAMS) {
        throw new WireError(400, "InvalidParameter.TooMany", `The request carries more than ${MAX_PARAMS} parameters.`);
    }
    const header = (name: string) => {
        const v = headers[name];
        return Array.isArray(v) ? v[0] : v;
    };
    const signed = /Credential=([^,/\s]+)/.exec(header("authorization") ?? "")?.[1];
    return {
        action: params.Action ?? header("x-acs-action") ?? "",
        version: params.Version ?? header("x-acs-version") ?? "",
        params: { ...params },
        accessKeyId: params.AccessKeyId ?? signed,
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

/** `true`/`false` parameters as booleans; undefined when absent. */
export function bool(v: string | undefined): boolean | undefined {
    return v === undefined ? undefined : v.toLowerCase() === "true";
}
