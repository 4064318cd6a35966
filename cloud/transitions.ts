/**
 * Transitional states of the cloud (rules §1.1 `Creating`, §1.4 `Associating`, §1.5 `Unassociating`, §1.6 and §1.9
 * `Pending`/`Deleting`, §1.11 `BINDING`) and how long each lasts. The offline plan runs with {@link INSTANT}: every
 * operation reaches its final state at once. The emulator gives them durations, so the operations the API refuses
 * while a resource is in transition (the rules in dnat.ts, eip.ts, bandwidthPlan.ts) are refused at the real engine.
 *
 * The model moves an object out of its transitional state lazily: {@link settle} runs at the start of every
 * operation and before the emulator answers a read.
 */
import type { CloudModel } from "./model";

/** How long each transitional state lasts, in milliseconds (0: the operation completes at once). */
export interface TransitionTimes {
    /** CreateNatGateway: `Creating` until `Available` (rules §1.1: typically 1-3 minutes). */
    natCreatingMs: number;
    /** AssociateEipAddress: `Associating` until `InUse` (rules §1.4). */
    eipAssociatingMs: number;
    /** UnassociateEipAddress: `Unassociating` until `Available`, still bound meanwhile (rules §1.5). */
    eipUnassociatingMs: number;
    /** CreateForwardEntry / ModifyForwardEntry: `Pending` until `Available` (rules §1.6, §1.7). */
    entryPendingMs: number;
    /** DeleteForwardEntry: `Deleting` until gone (rules §1.8). */
    entryDeletingMs: number;
    /** AddCommonBandwidthPackageIp: the association is `BINDING` until `BINDED` (rules §1.11). */
    planBindingMs: number;
}

/** Every operation completes at once: the offline plan's cloud. */
export const INSTANT: TransitionTimes = {
    natCreatingMs: 0,
    eipAssociatingMs: 0,
    eipUnassociatingMs: 0,
    entryPendingMs: 0,
    entryDeletingMs: 0,
    planBindingMs: 0,
};

/** Ends every transition whose time has come. */
export function settle(m: CloudModel): void {
    const now = m.now();
    for (const nat of m.nats.values()) {
        if (nat.readyAt !== undefined && nat.readyAt <= now) {
            nat.readyAt = undefined;
        }
    }
    for (const eip of m.eips.values()) {
        if (eip.until !== undefined && eip.until <= now) {
            if (eip.status === "Unassociating") {
                Object.assign(eip, { status: "Available", boundTo: undefined, boundBy: undefined });
            } else if (eip.status === "Associating") {
                eip.status = "InUse";
            }
            eip.until = undefined;
        }
        if (eip.bindingUntil !== undefined && eip.bindingUntil <= now) {
            eip.bindingUntil = undefined;
        }
    }
    for (const [id, entry] of m.entries) {
        if (entry.until !== undefined && entry.until <= now) {
            if (entry.status === "Deleting") {
                m.entries.delete(id);
            } else {
                entry.status = undefined;
                entry.until = undefined;
            }
        }
    }
}

/** When a transition of `ms` that starts now ends, or undefined when it ends at once. */
export function endOf(m: CloudModel, ms: number): number | undefined {
    return ms > 0 ? m.now() + ms : undefined;
}
