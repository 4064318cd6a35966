/**
 * The account the emulator starts with: an inventory file (the offline plan's `--inventory` format), or the account a
 * stack file implies: its site, and its VPC with the configured CIDR and vSwitch, empty otherwise.
 */
import { Inventory, parseInventory, readInventoryFile } from "../cloud/inventory";

/** The account implied by a stack file's `config:` block (`<project>:vpcId`, `vpcCidr`, `natGateway.vswitchId`...). */
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
    return parseInventory({ account: typeof site === "string" ? { site } : undefined, vpcs }, `the config of the stack`);
}

/** The account from `--inventory FILE` when given, else the one the stack implies. */
export function emulatorAccount(config: Record<string, unknown>, project: string, inventoryFile?: string): Inventory {
    return inventoryFile ? readInventoryFile(inventoryFile) : accountForStack(config, project);
}
