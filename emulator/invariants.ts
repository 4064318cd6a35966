/**
 * What must hold of the emulated account after any sequence of requests: each region's model keeps its invariants
 * (cloud/invariants.ts; the model is the region's one store, what the API reports about a resource included), and
 * every EIP's address is one the address pool has handed out, once. Pure.
 */
import { modelProblems } from "../cloud/invariants";
import type { Emulator } from "./emulator";

/** Every broken invariant of the account, as sentences naming the region; empty when the state is consistent. */
export function emulatorProblems(emu: Emulator): string[] {
    emu.settle();
    const owners = new Map<string, string>();
    const out = [...emu.regions.values()].flatMap((r) => modelProblems(r.model).map((p) => `${r.id}: ${p}`));
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
