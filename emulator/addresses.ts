/**
 * Public addresses and ids the emulator hands out. Addresses come only from 127.0.0.0/8, so anything a test sends to
 * an EIP stays on this machine; ids have the cloud's prefixes and shape (`ngw-` plus 21 lowercase characters...).
 */
import { randomBytes } from "crypto";
import * as ipaddr from "ipaddr.js";

const LOOPBACK = ipaddr.parseCIDR("127.0.0.0/8");

/** Hands out loopback addresses from `first` upwards, never the same one twice while it is allocated. */
export class LoopbackPool {
    private next: number;
    private readonly inUse = new Set<string>();

    constructor(first = "127.0.10.1") {
        this.next = ipaddr.IPv4.parse(first)
            .toByteArray()
            .reduce((n, b) => n * 256 + b, 0);
        if (!ipaddr.IPv4.parse(first).match(LOOPBACK)) {
            throw new Error(`${first} is not a loopback address: the emulator hands out 127.0.0.0/8 only`);
        }
    }

    /** A free loopback address (skipping .0 and .255 host parts). */
    allocate(): string {
        for (;;) {
            const n = this.next++;
            const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
            const address = bytes.join(".");
            if (bytes[0] !== 127) {
                throw new Error("the loopback range is exhausted");
            }
            if (bytes[3] !== 0 && bytes[3] !== 255 && !this.inUse.has(address)) {
                this.inUse.add(address);
                return address;
            }
        }
    }

    /** Marks an address taken (pre-existing EIPs). Refuses non-loopback addresses. */
    reserve(address: string): void {
        if (!ipaddr.IPv4.isValidFourPartDecimal(address) || !ipaddr.IPv4.parse(address).match(LOOPBACK)) {
            throw new Error(`${address} is not a loopback address: the emulator hands out 127.0.0.0/8 only`);
        }
        this.inUse.add(address);
    }

    release(address: string): void {
        this.inUse.delete(address);
    }

    /** Whether `address` is handed out (or reserved). */
    has(address: string): boolean {
        return this.inUse.has(address);
    }
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new resource id such as `ngw-uf6...` (the region prefix of cn-shanghai ids, then random characters). */
export function newId(prefix: string, length = 21): string {
    const bytes = randomBytes(length);
    let out = "uf6";
    for (let i = 3; i < length; i++) {
        out += ID_ALPHABET[bytes[i] % ID_ALPHABET.length];
    }
    return `${prefix}-${out}`;
}
