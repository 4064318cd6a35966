/**
 * An inventory synthesised from the stack's configuration when no inventory file is given (`npm run plan` without
 * `--inventory`): the VPC, and every adopted NAT gateway and EIP, as the stack assumes them.
 */
import type { AccountSite } from "./limits";
import { QUOTA_DEFAULTS } from "./limits";
import type { ExistingSecurityGroup, Inventory } from "./inventory";

/**
 * What {@link synthesiseInventory} reads of the stack's validated configuration (the library's `ResolvedGateway`
 * has this shape): written out here so that the model does not depend on the library.
 */
export interface StackAccount {
    site: AccountSite;
    vpcCidr?: string;
    nat: { mode: "adopt"; id: string } | { mode: "create" };
    eips: readonly { key: string; mode: "create" | "adopt"; allocationId?: string }[];
    rules: readonly { ingress?: { securityGroupId: string } }[];
    plan: { isp: string };
    quotas: { eipsPerNatGateway: number; dnatEntriesPerTable: number; eipsPerBandwidthPlan: number; rulesPerSecurityGroup: number };
}

/** Table ids of a gateway that the inventory does not spell out: derived from the gateway id. */
export function tableId(prefix: "ftb" | "stb", natId: string): string {
    return `${prefix}-${natId.slice("ngw-".length)}`;
}

/** The stack's VPC, when its id and CIDR are known (with its vSwitch); notes say what was assumed. */
function synthesisedVpcs(gw: StackAccount, vpcId: string | undefined, vswitchId: string | undefined, notes: string[]) {
    const vpcs: NonNullable<Inventory["vpcs"]> = [];
    if (vpcId !== undefined && gw.vpcCidr !== undefined) {
        vpcs.push({ id: vpcId, cidr: gw.vpcCidr, vswitchIds: vswitchId !== undefined ? [vswitchId] : undefined });
        notes.push(`VPC ${vpcId} assumed to have CIDR ${gw.vpcCidr}${vswitchId !== undefined ? ` and vSwitch ${vswitchId}` : ""}`);
    } else {
        notes.push("VPC CIDR unknown (vpcCidr not set): internal IPs are not checked against it");
    }
    return vpcs;
}

/** An adopted NAT gateway, empty, in the stack's VPC (or a synthesised one, added to `vpcs`). */
function synthesisedGateways(gw: StackAccount, vpcId: string | undefined, vpcs: NonNullable<Inventory["vpcs"]>, notes: string[]) {
    const natGateways: Inventory["natGateways"] = [];
    if (gw.nat.mode === "adopt") {
        const vpc = vpcId ?? "vpc-synthesised";
        natGateways.push({
            id: gw.nat.id,
            vpcId: vpc,
            forwardTableId: tableId("ftb", gw.nat.id),
            snatTableId: tableId("stb", gw.nat.id),
            deletionProtection: false,
            forwardEntries: [],
            snatIps: [],
        });
        if (vpcId === undefined) {
            vpcs.push({ id: vpc, cidr: gw.vpcCidr ?? "0.0.0.0/0" });
        }
        notes.push(`NAT gateway ${gw.nat.id} assumed to exist, empty, in ${vpc}`);
    }
    return natGateways;
}

/** Every adopted EIP, pay-as-you-go on the plan's line type, unbound and in no plan. */
function synthesisedEips(gw: StackAccount, address: (key: string) => string, notes: string[]): Inventory["eips"] {
    const eips: Inventory["eips"] = gw.eips
        .filter((e) => e.mode === "adopt")
        .map((e) => ({
            allocationId: e.allocationId!,
            ipAddress: address(e.key),
            paymentType: "PayAsYouGo" as const,
            internetChargeType: "PayByTraffic" as const,
            isp: gw.plan.isp,
        }));
    for (const e of eips) {
        notes.push(`EIP ${e.allocationId} assumed to exist: ${e.ipAddress}, pay-as-you-go, ${e.isp}, unbound, in no plan`);
    }
    return eips;
}

/**
 * An account consistent with the stack: the VPC with the configured CIDR, and every adopted NAT gateway and EIP
 * as a pay-as-you-go resource on the plan's line type, unbound and in no plan. Quotas are the stack's own.
 * `address(key)` gives an adopted EIP its public address.
 */
export function synthesiseInventory(
    gw: StackAccount,
    vpcId: string | undefined,
    vswitchId: string | undefined,
    address: (key: string) => string,
): Inventory {
    const notes = ["no --inventory given: existing resources are synthesised from the stack configuration"];
    const vpcs = synthesisedVpcs(gw, vpcId, vswitchId, notes);
    const natGateways = synthesisedGateways(gw, vpcId, vpcs, notes);
    const eips = synthesisedEips(gw, address, notes);
    const groupIds = [...new Set(gw.rules.flatMap((r) => (r.ingress ? [r.ingress.securityGroupId] : [])))].sort();
    const securityGroups: ExistingSecurityGroup[] = groupIds.map((id) => ({ id, vpcId, rules: [] }));
    for (const g of securityGroups) {
        notes.push(`security group ${g.id} assumed to exist${vpcId !== undefined ? ` in ${vpcId}` : ""}, with no inbound rules`);
    }
    return {
        source: "synthesised",
        site: gw.site,
        quotas: { ...gw.quotas, bandwidthPlansPerRegion: QUOTA_DEFAULTS.bandwidthPlansPerRegion },
        vpcs: vpcs.length > 0 ? vpcs : undefined,
        natGateways,
        eips,
        bandwidthPlans: [],
        securityGroups,
        notes,
    };
}
