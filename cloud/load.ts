/**
 * The model's state for what an inventory says exists (cloud/inventory.ts): its NAT gateways with their DNAT entries,
 * EIPs, bandwidth plans and security groups with their rules, each with the attributes the API reports for a
 * resource it did not create (cloud/attributes.ts).
 */
import { formatPort, parsePort } from "./ports";
import { eipAttributes, natAttributes, planAttributes, ruleAttributes } from "./attributes";
import type { Inventory } from "./inventory";
import type { CloudModel } from "./model";
import type { EntryState } from "./state";

function loadGateways(m: CloudModel, inventory: Inventory): void {
    for (const n of inventory.natGateways) {
        const { id, vpcId, forwardTableId, snatTableId, deletionProtection } = n;
        m.nats.set(id, {
            id,
            vpcId,
            forwardTableId,
            snatTableId,
            deletionProtection,
            snatIps: [...n.snatIps],
            attributes: natAttributes(),
        });
        n.forwardEntries.forEach((f, i) => {
            const ext = parsePort(f.externalPort);
            const int = parsePort(f.internalPort);
            if (ext.ok && int.ok) {
                const entryId = `fwd-existing-${id.slice(4)}-${i}`;
                const protocol = f.protocol.toLowerCase() as EntryState["protocol"];
                m.entries.set(entryId, {
                    id: entryId,
                    tableId: forwardTableId,
                    externalIp: f.externalIp,
                    externalPort: ext.port,
                    internalIp: f.internalIp,
                    internalPort: int.port,
                    protocol,
                    attributes: { name: "", externalPort: formatPort(ext.port), internalPort: formatPort(int.port), ipProtocol: protocol },
                });
            }
        });
    }
}

/** Fills `m` with what `inventory` says exists. */
export function loadInventory(m: CloudModel, inventory: Inventory): void {
    loadGateways(m, inventory);
    for (const p of inventory.bandwidthPlans) {
        m.plans.set(p.id, {
            id: p.id,
            isp: p.isp,
            bandwidthMbps: p.bandwidthMbps ?? 0,
            deletionProtection: false,
            attributes: planAttributes(),
        });
    }
    for (const { bandwidthPlanId, ...e } of inventory.eips) {
        // The inventory names an EIP's plan `bandwidthPlanId`, the model `planId` (its membership).
        const status = e.boundTo ? "InUse" : "Available";
        m.eips.set(e.allocationId, { ...e, planId: bandwidthPlanId, status, attributes: eipAttributes(e.paymentType === "Subscription") });
    }
    for (const g of inventory.securityGroups ?? []) {
        m.securityGroups.set(g.id, { id: g.id, vpcId: g.vpcId });
        g.rules.forEach((r, i) => {
            const id = `sgr-existing-${g.id.slice(3)}-${i}`;
            m.groupRules.set(id, { id, groupId: g.id, ...r, attributes: ruleAttributes() });
        });
    }
}
