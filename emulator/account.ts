/**
 * The account the emulator starts with: an inventory file (the offline plan's `--inventory` format), or the account a
 * stack file implies: its site, its VPC with the configured CIDR and vSwitch, and the security groups its rules name,
 * empty otherwise.
 */
import { Inventory, parseInventory, readInventoryFile } from "../cloud/inventory";

/** The security groups the stack's rules name (`rules.<key>.securityGroupId`), sorted. Pure. */
export function securityGroupsOf(config: Record<string, unknown>, project: string): string[] {
    const rules = (config[`${project}:rules`] ?? {}) as Record<string, { securityGroupId?: unknown }>;
    const ids = Object.values(rules).flatMap((r) => (typeof r?.securityGroupId === "string" ? [r.securityGroupId] : []));
    return [...new Set(ids)].sort();
}

/**
 * The account implied by a stack file's `config:` block (`<project>:vpcId`, `vpcCidr`, `natGateway.vswitchId`...), with
 * every security group its rules name, empty, in its VPC.
 */
export function accountForStack(config: Record<string, unknown>, project: string): Inventory {
    const get = (key: string) => config[`${project}:${key}`];
    const vpcId = get("vpcId");
    const cidr = get("vpcCidr");
    const nat = get("natGateway") as { vswitchId?: unknown } | undefined;
    const vpcs =
        typeof vpcId === "string" && typeof cidr === "string"
            ? [{ id: vpcId, cidr, vswitchIds: typeof nat?.vswitchId === "string" ? [nat.vswitchId] : undefined }]
            : undefined;
    const site = get("accountSite");
    const securityGroups = securityGroupsOf(config, project).map((id) => ({ id, vpcId: typeof vpcId === "string" ? vpcId : undefined }));
    return parseInventory({ account: typeof site === "string" ? { site } : undefined, vpcs, securityGroups }, `the config of the stack`);
}

/** The account from `--inventory FILE` when given, else the one the stack implies. */
export function emulatorAccount(config: Record<string, unknown>, project: string, inventoryFile?: string): Inventory {
    return inventoryFile ? readInventoryFile(inventoryFile) : accountForStack(config, project);
}
