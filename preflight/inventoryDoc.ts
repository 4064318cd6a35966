/**
 * The inventory file (the format `npm run plan -- --inventory FILE` reads, cloud/inventory.ts) of what was read of an
 * account. Pure. Quotas are left out (the plan then takes the documented defaults, docs/alicloud-rules.md §4): none of
 * the read APIs reports them (see preflight/checks.ts), so they are the stack's `quotas` to raise, not the account's.
 */
import { stringify } from "yaml";
import { InventoryFile, parseInventory } from "../cloud/inventory";
import type { AccountSite } from "../components/limits";
import type { AccountReading } from "./reader";

/** The inventory document of `reading`; `site` when the caller knows the account's site. Checked by the plan's own parser. */
export function inventoryOf(reading: AccountReading, site?: AccountSite): InventoryFile {
    const vpcs: NonNullable<InventoryFile["vpcs"]> = [
        ...(reading.vpc ? [{ id: reading.vpc.id, cidr: reading.vpc.cidr, vswitches: reading.vpc.vswitches }] : []),
        ...reading.otherVpcs.map((v) => ({ id: v.id, cidr: v.cidr })),
    ];
    const doc: InventoryFile = {
        account: {
            ...(site ? { site } : {}),
            region: reading.region,
            ...(reading.enhancedNatZones ? { enhancedNatZones: reading.enhancedNatZones } : {}),
        },
        ...(reading.vpc ? { vpcs } : {}),
        natGateways: reading.natGateways.map((n) => ({
            id: n.id,
            vpcId: n.vpcId,
            forwardTableId: n.forwardTableId || undefined,
            snatTableId: n.snatTableId || undefined,
            deletionProtection: n.deletionProtection,
            ...(n.forwardEntries ? { forwardEntries: n.forwardEntries } : {}),
        })),
        eips: reading.eips.map(eipEntry),
        bandwidthPlans: reading.bandwidthPlans.map((p) => ({
            id: p.id,
            isp: p.isp,
            ...(p.bandwidthMbps > 0 ? { bandwidthMbps: p.bandwidthMbps } : {}),
        })),
        securityGroups: reading.securityGroups.map(securityGroupEntry),
    };
    // The document must be one the plan reads: the same parser checks it (throws InventoryError naming the path).
    parseInventory(JSON.parse(JSON.stringify(doc)), "the inventory read from the account");
    return doc;
}

/** One EIP as the inventory lists it. */
function eipEntry(e: AccountReading["eips"][number]): NonNullable<InventoryFile["eips"]>[number] {
    return {
        allocationId: e.allocationId,
        ipAddress: e.ipAddress,
        paymentType: e.chargeType === "PrePaid" ? "Subscription" : "PayAsYouGo",
        internetChargeType: e.internetChargeType === "PayByBandwidth" ? "PayByBandwidth" : "PayByTraffic",
        isp: e.isp,
        ...(e.instanceId ? { boundTo: e.instanceId } : {}),
        ...(e.bandwidthPlanId ? { bandwidthPlanId: e.bandwidthPlanId } : {}),
    };
}

/** One security group and its rules as the inventory lists them. */
function securityGroupEntry(g: AccountReading["securityGroups"][number]): NonNullable<InventoryFile["securityGroups"]>[number] {
    return {
        id: g.id,
        vpcId: g.vpcId,
        rules: g.rules.map((r) => ({
            ipProtocol: r.ipProtocol,
            portRange: r.portRange,
            sourceCidrIp: r.sourceCidrIp,
            policy: r.policy === "drop" ? ("drop" as const) : ("accept" as const),
            priority: r.priority,
        })),
    };
}

/** The document as a YAML file, with a header saying where it comes from. */
export function inventoryYaml(doc: InventoryFile, vpcId: string, at: Date): string {
    const header = [
        `# Inventory of VPC ${vpcId} in ${doc.account?.region}, read by npm run inventory at ${at.toISOString()}.`,
        "# Plan against it: npm run plan -- --stack NAME --inventory THIS_FILE",
        "# Quotas are not read from the account: add account.quotas when yours differ from the documented defaults.",
    ];
    return `${header.join("\n")}\n${stringify(doc)}`;
}
