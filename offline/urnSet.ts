/**
 * Sets of resources of one dependency graph as bit sets over their position in the graph's order: transitive
 * dependencies of every resource take n²/32 words instead of n² set entries, unions and differences are word
 * operations, and members come out in the graph's order.
 */
export class UrnIndex {
    readonly position = new Map<string, number>();
    readonly words: number;

    constructor(readonly urns: readonly string[]) {
        urns.forEach((u, i) => this.position.set(u, i));
        this.words = Math.ceil(urns.length / 32);
    }

    empty(): UrnSet {
        return new UrnSet(this, new Uint32Array(this.words));
    }

    of(urns: Iterable<string>): UrnSet {
        const s = this.empty();
        for (const u of urns) {
            s.add(u);
        }
        return s;
    }
}

function popcount(x: number): number {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class UrnSet implements Iterable<string> {
    private count = -1;

    constructor(
        readonly index: UrnIndex,
        readonly bits: Uint32Array,
    ) {}

    has(urn: string): boolean {
        const i = this.index.position.get(urn);
        return i !== undefined && this.hasAt(i);
    }

    hasAt(i: number): boolean {
        return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
    }

    add(urn: string): void {
        const i = this.index.position.get(urn)!;
        this.bits[i >>> 5] |= 1 << (i & 31);
        this.count = -1;
    }

    /** Adds every member of `other`. */
    addAll(other: UrnSet): void {
        for (let w = 0; w < this.bits.length; w++) {
            this.bits[w] |= other.bits[w];
        }
        this.count = -1;
    }

    /** A new set: the members of this one that `keep` also has and `drop` (if given) has not. */
    filtered(keep: UrnSet | undefined, drop?: UrnSet): UrnSet {
        const out = new Uint32Array(this.bits.length);
        for (let w = 0; w < out.length; w++) {
            out[w] = this.bits[w] & (keep ? keep.bits[w] : 0xffffffff) & (drop ? ~drop.bits[w] : 0xffffffff);
        }
        return new UrnSet(this.index, out);
    }

    get size(): number {
        if (this.count < 0) {
            this.count = this.bits.reduce((n, w) => n + popcount(w), 0);
        }
        return this.count;
    }

    /** Members whose position is above `i`. */
    countAbove(i: number): number {
        let n = 0;
        for (let p = i + 1; p < this.index.urns.length; p++) {
            n += this.hasAt(p) ? 1 : 0;
        }
        return n;
    }

    /** Positions of the members, ascending (the graph's order). */
    positions(): number[] {
        const out: number[] = [];
        for (let w = 0; w < this.bits.length; w++) {
            let word = this.bits[w];
            while (word !== 0) {
                const low = word & -word;
                out.push(w * 32 + 31 - Math.clz32(low));
                word ^= low;
            }
        }
        return out;
    }

    forEach(f: (urn: string) => void): void {
        for (const p of this.positions()) {
            f(this.index.urns[p]);
        }
    }

    [Symbol.iterator](): Iterator<string> {
        const urns = this.positions().map((p) => this.index.urns[p]);
        return urns[Symbol.iterator]();
    }
}
