/** Helpers shared by the checks: value display, allowed values, names, descriptions, keys, CIDRs. */
import * as ipaddr from "ipaddr.js";
import type { Cidr, Problem } from "./types";

const KEY_PATTERN = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const SCHEME = /^https?:\/\//i;

export function show(value: unknown): string {
    return JSON.stringify(value);
}

export function oneOf<T extends string>(
    problems: Problem[],
    path: string,
    value: string | undefined,
    allowed: readonly T[],
    fallback: T,
    opts: { caseInsensitive?: boolean } = {},
): T {
    if (value === undefined) {
        return fallback;
    }
    const hit = allowed.find((a) => (opts.caseInsensitive ? a.toLowerCase() === value.toLowerCase() : a === value));
    if (hit === undefined) {
        problems.push({ propertyPath: path, reason: `${show(value)} is not allowed; use one of ${allowed.join(", ")}` });
        return fallback;
    }
    return hit;
}

/** Cloud-side names: starts with a letter, 2..max characters of letters, digits, `.`, `_`, `-`; no trailing hyphen (rules §1.1, §1.6). */
export function checkName(problems: Problem[], path: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined) {
        return;
    }
    if (value.length < min || value.length > max || !/^[A-Za-z\u4e00-\u9fa5][\w.\-\u4e00-\u9fa5]*$/.test(value) || value.endsWith("-")) {
        problems.push({
            propertyPath: path,
            reason: `${show(value)} is not a valid name: ${min}-${max} characters, starting with a letter, then letters, digits, '.', '_' or '-', not ending with '-'`,
        });
    }
}

/** Descriptions: 2-256 characters, not starting with http:// or https:// (rules §1.1, §1.10). */
export function checkDescription(problems: Problem[], path: string, value: string | undefined): void {
    if (value === undefined) {
        return;
    }
    if (value.length < 2 || value.length > 256 || SCHEME.test(value)) {
        problems.push({
            propertyPath: path,
            reason: `${show(value)} is not a valid description: 2-256 characters, not starting with http:// or https://`,
        });
    }
}

/** The problems `checkName` finds with `value` as a name, without adding them anywhere. */
export function nameProblems(value: string, min: number, max: number): Problem[] {
    const found: Problem[] = [];
    checkName(found, "", value, min, max);
    return found;
}

export function checkKey(problems: Problem[], path: string, key: string): void {
    if (!KEY_PATTERN.test(key)) {
        problems.push({
            propertyPath: path,
            reason: `key ${show(key)} must be 1-40 lowercase letters, digits or '-', starting and ending with a letter or digit (it names child resources)`,
        });
    }
}

/** A port number for probes and spare-port checks: 1-65535. */
export function checkPorts(problems: Problem[], path: string, ports: number[] | undefined): void {
    for (const [i, p] of (ports ?? []).entries()) {
        if (p < 1 || p > 65535) {
            problems.push({ propertyPath: `${path}.${i}`, reason: `${p} is outside 1-65535` });
        }
    }
}

export function parseCidr(text: string): Cidr | undefined {
    try {
        const [addr, bits] = ipaddr.parseCIDR(text);
        return addr.kind() === "ipv4" ? [addr as ipaddr.IPv4, bits] : undefined;
    } catch {
        return undefined;
    }
}
