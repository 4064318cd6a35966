/**
 * Completing pending creates by editing the state: a pending create of `pulumi stack export` becomes a resource
 * with the id the account shows, so `pulumi stack import` then `pulumi refresh` (which reads its outputs from the
 * cloud) put the orphan back under the URN the program declares. `pulumi refresh --import-pending-creates` of the
 * CLI v3.248.0 only turns the operation into a pending import, which the next `pulumi up` drops and creates the
 * resource again (seen under the real engine against the emulator), so reconcile edits the state instead. Pure.
 */
import type { Orphan } from "./reconcile";

interface PendingOp {
    type: string;
    resource: { urn: string; id?: string } & Record<string, unknown>;
}
interface ExportDoc {
    version?: number;
    deployment: { resources?: Record<string, unknown>[]; pending_operations?: PendingOp[] } & Record<string, unknown>;
}

/** The export with each orphan that completes a pending create recorded as a resource; also the URNs adopted. */
export function adoptPendingCreates(doc: unknown, orphans: Orphan[]): { doc: ExportDoc; adopted: string[] } {
    const d = structuredClone(doc) as ExportDoc;
    const ids = new Map(orphans.filter((o) => o.pendingUrn).map((o) => [o.pendingUrn!, o.id]));
    const adopted: string[] = [];
    const kept: PendingOp[] = [];
    for (const op of d.deployment.pending_operations ?? []) {
        const id = op.type === "creating" ? ids.get(op.resource.urn) : undefined;
        if (id === undefined) {
            kept.push(op);
            continue;
        }
        // Outputs are left to the refresh that follows, which reads them from the cloud by id.
        d.deployment.resources = [...(d.deployment.resources ?? []), { ...op.resource, id, outputs: {} }];
        adopted.push(op.resource.urn);
    }
    d.deployment.pending_operations = kept;
    return { doc: d, adopted };
}
