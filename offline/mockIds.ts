/**
 * Deterministic ids and addresses for the offline mocks: tokens derived from a seed (FNV-1a), and public addresses
 * handed out from the documentation ranges (RFC 5737), stable per name and never twice.
 */

/** Documentation address ranges (RFC 5737), in allocation order. */
const RANGES = ["203.0.113", "198.51.100", "192.0.2"];
const POOL_SIZE = RANGES.length * 254;

function fnv1a(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}

/** A deterministic string of `length` characters from `alphabet`, derived from `seed`. */
export function stableToken(seed: string, length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let out = "";
    for (let i = 0; out.length < length; i++) {
        let h = fnv1a(`${seed}#${i}`);
        for (let j = 0; j < 4 && out.length < length; j++) {
            out += alphabet[h % alphabet.length];
            h = Math.floor(h / alphabet.length);
        }
    }
    return out;
}

/** Hands out public addresses from the documentation ranges, stable per name, never twice. */
export class AddressPool {
    private readonly used = new Set<string>();
    private readonly byName = new Map<string, string>();

    constructor(taken: Iterable<string> = []) {
        for (const a of taken) {
            this.used.add(a);
        }
    }

    /** The address for `name` (the same on every call). Throws when the ranges are exhausted. */
    addressFor(name: string): string {
        const known = this.byName.get(name);
        if (known) {
            return known;
        }
        const start = fnv1a(name) % POOL_SIZE;
        for (let i = 0; i < POOL_SIZE; i++) {
            const n = (start + i) % POOL_SIZE;
            const address = `${RANGES[Math.floor(n / 254)]}.${(n % 254) + 1}`;
            if (!this.used.has(address)) {
                this.used.add(address);
                this.byName.set(name, address);
                return address;
            }
        }
        throw new Error(`the documentation address ranges are exhausted (${POOL_SIZE} addresses)`);
    }
}
