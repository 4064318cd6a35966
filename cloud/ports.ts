/**
 * DNAT port values as the API takes them (rules §1.6, §3): a port `80`, a range `8000/8010`, or `any` for IP mapping.
 * The model parses them itself, against its own port range (cloud/limits.ts), rather than with the library's parser
 * (components/ports.ts); tests/cloud/limits.test.ts checks that both read every value alike.
 */
import { PORT_RANGE } from "./limits";

/** A parsed port value; `any` stands for IP mapping. */
export type PortSpec = { kind: "any" } | { kind: "range"; start: number; end: number };

const SHAPE = "must be a port 1-65535, a range 'start/end', or 'any'";
const PORT_TEXT = /^(\d+)(?:\/(\d+))?$/;

/** Parses a port value; the spec, or why the API refuses it. Pure. */
export function parsePort(value: unknown): { ok: true; port: PortSpec } | { ok: false; reason: string } {
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
    if (/^any$/i.test(text)) {
        return { ok: true, port: { kind: "any" } };
    }
    const m = PORT_TEXT.exec(text);
    if (!m) {
        return { ok: false, reason: SHAPE };
    }
    const start = Number(m[1]);
    const end = Number(m[2] ?? m[1]);
    const outside = [start, end].find((p) => p < PORT_RANGE[0] || p > PORT_RANGE[1]);
    if (outside !== undefined) {
        return { ok: false, reason: `port ${outside} is outside ${PORT_RANGE[0]}-${PORT_RANGE[1]} (docs/alicloud-rules.md §1.6)` };
    }
    return start > end
        ? { ok: false, reason: `range start ${start} is above its end ${end}` }
        : { ok: true, port: { kind: "range", start, end } };
}

/** How many ports a value covers (`any`: all of them). */
export function portCount(port: PortSpec): number {
    return port.kind === "range" ? port.end - port.start + 1 : Infinity;
}

/** The API's spelling: `80`, `8000/8010` or `any`. */
export function formatPort(port: PortSpec): string {
    return port.kind === "any" ? "any" : [...new Set([port.start, port.end])].join("/");
}

/** Whether two values share a port; `any` shares every one. */
export function portsOverlap(a: PortSpec, b: PortSpec): boolean {
    return a.kind === "any" || b.kind === "any" || (a.start <= b.end && b.start <= a.end);
}
