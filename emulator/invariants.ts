/**
 * What must hold of the emulated account after any sequence of requests: each region's model keeps its invariants
 * (cloud/invariants.ts), every resource the model holds has its record and no record outlives its resource, tags
 * belong to resources that exist, and every EIP's address is one the address pool has handed out, once. Pure.
 */
import { modelProblems } from "../cloud/invariants";
import type { Emulator } from "./emulator";
import type { Region } from "./region";

function sameKeys(what: string, model: Map<string, unknown>, records: Map<string, unknown>): string[] {
    return [
        ...[...model.keys()]
            .filter((k) => !records.has(k))
            .map((k) => `${what} ${k} has no record: the Describe actions would not list it`),
        ...[...records.keys()].filter((k) => !model.has(k)).map((k) => `${what} record ${k} outlives its resource`),
    ];
}

function regionProblems(r: Region): string[] {
    const m = r.model;
    const tagged = [...r.tags.keys()].filter((id) => !r.nats.has(id) && !r.eips.has(id) && !r.plans.has(id));
    const strayRules = [...r.groupRules.keys()].filter((id) => !m.groupRules.has(id));
    return [
        ...modelProblems(m),
        ...sameKeys("NAT gateway", m.nats, r.nats),
        ...sameKeys("EIP", m.eips, r.eips),
        ...sameKeys("bandwidth plan", m.plans, r.plans),
        ...sameKeys("DNAT entry", m.entries, r.entries),
        ...tagged.map((id) => `tags of ${id} outlive their resource`),
        ...strayRules.map((id) => `security group rule record ${id} outlives its rule`),
    ].map((p) => `${r.id}: ${p}`);
}

/** Every broken invariant of the account, as sentences naming the region; empty when the state is consistent. */
export function emulatorProblems(emu: Emulator): string[] {
    emu.settle();
    const owners = new Map<string, string>();
    const out = [...emu.regions.values()].flatMap(regionProblems);
    for (const r of emu.regions.values()) {
        for (const e of r.model.eips.values()) {
            const twin = owners.get(e.ipAddress);
            if (twin) {
                out.push(`${r.id}: EIP ${e.allocationId} has the address ${e.ipAddress} of ${twin}`);
            }
            owners.set(e.ipAddress, e.allocationId);
            if (!emu.addresses.has(e.ipAddress)) {
                out.push(`${r.id}: EIP ${e.allocationId} has ${e.ipAddress}, which the address pool counts as free`);
            }
        }
    }
    return out;
}
