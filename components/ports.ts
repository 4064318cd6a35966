/**
 * DNAT port values: a single port `80`, a range `8000/8010`, or `any` for whole-IP mapping (rules §1.6, §3).
 */

/** A parsed port value; `any` stands for IP mapping. */
export type PortSpec = { kind: "any" } | { kind: "range"; start: number; end: number };

const MIN_PORT = 1;
const MAX_PORT = 65535;

/** Parses a port value; returns the spec or a reason the value is refused. Pure. */
export function parsePort(value: unknown): { ok: true; port: PortSpec } | { ok: false; reason: string } {
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined;
    if (text === undefined || text === "") {
        return { ok: false, reason: "must be a port 1-65535, a range 'start/end', or 'any'" };
    }
    if (text.toLowerCase() === "any") {
        return { ok: true, port: { kind: "any" } };
    }
    const parts = text.split("/");
    if (parts.length > 2 || !parts.every((p) => /^\d+$/.test(p))) {
        return { ok: false, reason: "must be a port 1-65535, a range 'start/end', or 'any'" };
    }
    const [start, end] = [Number(parts[0]), Number(parts[parts.length - 1])];
    for (const p of [start, end]) {
        if (p < MIN_PORT || p > MAX_PORT) {
            return { ok: false, reason: `port ${p} is outside 1-65535 (docs/alicloud-rules.md §1.6)` };
        }
    }
    if (start > end) {
        return { ok: false, reason: `range start ${start} is above its end ${end}` };
    }
    return { ok: true, port: { kind: "range", start, end } };
}

/** Number of ports a range covers. */
export function portCount(port: PortSpec): number {
    return port.kind === "any" ? Infinity : port.end - port.start + 1;
}

/** The form the provider and API take: `80`, `8000/8010` or `any`. */
export function formatPort(port: PortSpec): string {
    if (port.kind === "any") {
        return "any";
    }
    return port.start === port.end ? String(port.start) : `${port.start}/${port.end}`;
}

/** Whether two port specs share at least one port; `any` overlaps everything. */
export function portsOverlap(a: PortSpec, b: PortSpec): boolean {
    if (a.kind === "any" || b.kind === "any") {
        return true;
    }
    return a.start <= b.end && b.start <= a.end;
}
