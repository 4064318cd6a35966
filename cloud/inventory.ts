/**
 * The account inventory: what already exists in the Alibaba Cloud account before the stack runs (VPCs, NAT
 * gateways, EIPs, bandwidth plans) and the account's quotas. The offline cloud model starts from it.
 * Read from a YAML or JSON file (`--inventory`), or synthesised from the stack configuration when none is given.
 * The format is documented in README.md ("Offline plan", inventory format).
 */
import * as fs from "fs";
import * as ipaddr from "ipaddr.js";
import { parse } from "yaml";
import { z } from "zod";
import { ACCOUNT_SITES, AccountSite, QUOTA_DEFAULTS } from "./limits";
import { tableId } from "./synthesise";

/** Pay-as-you-go bandwidth plans per account and region (rules §4). */
export const DEFAULT_PLANS_PER_REGION = QUOTA_DEFAULTS.bandwidthPlansPerRegion;
export { synthesiseInventory } from "./synthesise";
export type { StackAccount } from "./synthesise";

const ipv4 = z.string().refine((s) => ipaddr.IPv4.isValidFourPartDecimal(s), "must be an IPv4 address");
const cidr = z.string().refine((s) => {
    try {
        return ipaddr.parseCIDR(s)[0].kind() === "ipv4";
    } catch {
        return false;
    }
}, "must be an IPv4 CIDR such as 192.168.0.0/16");
const count = z.number().int().min(1);

const forwardEntry = z.strictObject({
    externalIp: ipv4,
    externalPort: z.union([z.string(), z.number().int()]).transform(String),
    internalIp: ipv4,
    internalPort: z.union([z.string(), z.number().int()]).transform(String),
    protocol: z.string(),
});

const groupRule = z.strictObject({
    ipProtocol: z.string(),
    portRange: z.string(),
    sourceCidrIp: cidr,
    policy: z.enum(["accept", "drop"]).optional(),
    priority: z.number().int().min(1).max(100).optional(),
});

/** A vSwitch with its zone (what `npm run inventory` reads with DescribeVSwitches). */
const vswitch = z.strictObject({
    id: z.string().min(1),
    zoneId: z.string().min(1),
    cidr: cidr.optional(),
    /** Free private addresses (`AvailableIpAddressCount`): an enhanced NAT gateway takes one (rules §1.1). */
    availableIpCount: z.number().int().min(0).optional(),
});

const inventorySchema = z.strictObject({
    account: z
        .strictObject({
            site: z.enum(ACCOUNT_SITES).optional(),
            /** The region the inventory describes (written by `npm run inventory`). */
            region: z.string().min(1).optional(),
            /** Zones of the region that offer enhanced NAT gateways (ListEnhanhcedNatGatewayAvailableZones, rules §1.1). */
            enhancedNatZones: z.array(z.string().min(1)).optional(),
            quotas: z
                .strictObject({
                    eipsPerNatGateway: count.optional(),
                    dnatEntriesPerTable: count.optional(),
                    eipsPerBandwidthPlan: count.optional(),
                    bandwidthPlansPerRegion: count.optional(),
                    rulesPerSecurityGroup: count.optional(),
                })
                .optional(),
        })
        .optional(),
    vpcs: z
        .array(
            z.strictObject({
                id: z.string().min(1),
                cidr,
                vswitchIds: z.array(z.string()).optional(),
                vswitches: z.array(vswitch).optional(),
            }),
        )
        .optional(),
    natGateways: z
        .array(
            z.strictObject({
                id: z.string().regex(/^ngw-[a-z0-9]+$/, "must be a NAT gateway id (ngw-...)"),
                vpcId: z.string().min(1),
                forwardTableId: z.string().optional(),
                snatTableId: z.string().optional(),
                deletionProtection: z.boolean().optional(),
                forwardEntries: z.array(forwardEntry).optional(),
                snatIps: z.array(ipv4).optional(),
            }),
        )
        .optional(),
    eips: z
        .array(
            z.strictObject({
                allocationId: z.string().regex(/^eip-[a-z0-9]+$/, "must be an allocation id (eip-...)"),
                ipAddress: ipv4,
                paymentType: z.enum(["PayAsYouGo", "Subscription"]).optional(),
                internetChargeType: z.enum(["PayByTraffic", "PayByBandwidth"]).optional(),
                isp: z.string().optional(),
                boundTo: z.string().optional(),
                bandwidthPlanId: z.string().optional(),
            }),
        )
        .optional(),
    bandwidthPlans: z
        .array(
            z.strictObject({
                id: z.string().regex(/^cbwp-[a-z0-9]+$/, "must be a plan id (cbwp-...)"),
                isp: z.string().optional(),
                bandwidthMbps: count.optional(),
            }),
        )
        .optional(),
    securityGroups: z
        .array(
            z.strictObject({
                id: z.string().regex(/^sg-[A-Za-z0-9]+$/, "must be a security group id (sg-...)"),
                vpcId: z.string().optional(),
                rules: z.array(groupRule).optional(),
            }),
        )
        .optional(),
});

/** An inventory as written in the file; every section optional. */
export type InventoryFile = z.input<typeof inventorySchema>;

/** An existing DNAT entry on an existing gateway. */
export interface ExistingForwardEntry {
    externalIp: string;
    externalPort: string;
    internalIp: string;
    internalPort: string;
    protocol: string;
}

/** An existing security group and the inbound rules it already holds (rules §7). */
export interface ExistingSecurityGroup {
    id: string;
    vpcId?: string;
    rules: { ipProtocol: string; portRange: string; sourceCidrIp: string; policy: string; priority: number; nicType: string }[];
}

/** A vSwitch with its zone, as the inventory lists it. */
export type InventoryVswitch = z.output<typeof vswitch>;

/** The inventory with defaults applied. */
/** One problem of an inventory file: where in the file, and why. */
export interface Problem {
    propertyPath: string;
    reason: string;
}

export interface Inventory {
    /** `file` when read from `--inventory`, `synthesised` when derived from the stack configuration. */
    source: "file" | "synthesised";
    site: AccountSite;
    /** The region the inventory describes, when it says. */
    region?: string;
    /** Zones offering enhanced NAT gateways, when known (rules §1.1). */
    enhancedNatZones?: string[];
    quotas: {
        eipsPerNatGateway: number;
        dnatEntriesPerTable: number;
        eipsPerBandwidthPlan: number;
        bandwidthPlansPerRegion: number;
        /** Rules per security group (rules §7.4); default 200. */
        rulesPerSecurityGroup?: number;
    };
    /** undefined: the file lists no VPCs, so VPC lookups are not checked. */
    vpcs?: { id: string; cidr: string; vswitchIds?: string[]; vswitches?: InventoryVswitch[] }[];
    natGateways: {
        id: string;
        vpcId: string;
        forwardTableId: string;
        snatTableId: string;
        deletionProtection: boolean;
        forwardEntries: ExistingForwardEntry[];
        snatIps: string[];
    }[];
    eips: {
        allocationId: string;
        ipAddress: string;
        paymentType: "PayAsYouGo" | "Subscription";
        internetChargeType: "PayByTraffic" | "PayByBandwidth";
        isp: string;
        boundTo?: string;
        bandwidthPlanId?: string;
    }[];
    bandwidthPlans: { id: string; isp: string; bandwidthMbps?: number }[];
    /** Existing security groups with their inbound rules (never modified by the stack beyond its own rules). */
    securityGroups?: ExistingSecurityGroup[];
    /** What was assumed, for the report. */
    notes: string[];
}

/** Thrown when an inventory file cannot be read or is invalid; lists every problem with its path in the file. */
export class InventoryError extends Error {
    constructor(
        readonly file: string,
        readonly problems: Problem[],
    ) {
        super(`invalid inventory ${file}:\n${problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n")}`);
        this.name = "InventoryError";
    }
}

/** An inventory file as read: its schema checked, defaults not yet applied. */
type ReadInventory = z.infer<typeof inventorySchema>;

/** Cross-references the file cannot state in its schema: an EIP's plan and gateway, a gateway's VPC, each listed. */
function referenceProblems(f: ReadInventory): Problem[] {
    const problems: Problem[] = [];
    const planIds = new Set((f.bandwidthPlans ?? []).map((p) => p.id));
    const natIds = new Set((f.natGateways ?? []).map((n) => n.id));
    const vpcIds = f.vpcs ? new Set(f.vpcs.map((v) => v.id)) : undefined;
    (f.eips ?? []).forEach((e, i) => {
        if (e.bandwidthPlanId !== undefined && !planIds.has(e.bandwidthPlanId)) {
            problems.push({
                propertyPath: `eips.${i}.bandwidthPlanId`,
                reason: `${JSON.stringify(e.bandwidthPlanId)} is not listed in bandwidthPlans`,
            });
        }
        if (e.boundTo?.startsWith("ngw-") && !natIds.has(e.boundTo)) {
            problems.push({ propertyPath: `eips.${i}.boundTo`, reason: `${JSON.stringify(e.boundTo)} is not listed in natGateways` });
        }
    });
    (f.natGateways ?? []).forEach((n, i) => {
        if (vpcIds && !vpcIds.has(n.vpcId)) {
            problems.push({ propertyPath: `natGateways.${i}.vpcId`, reason: `${JSON.stringify(n.vpcId)} is not listed in vpcs` });
        }
    });
    return problems;
}

/** The file's resources with their defaults applied. */
function resourcesOf(f: ReadInventory): Pick<Inventory, "natGateways" | "eips" | "bandwidthPlans" | "securityGroups"> {
    return {
        natGateways: (f.natGateways ?? []).map((n) => ({
            id: n.id,
            vpcId: n.vpcId,
            forwardTableId: n.forwardTableId ?? tableId("ftb", n.id),
            snatTableId: n.snatTableId ?? tableId("stb", n.id),
            deletionProtection: n.deletionProtection ?? false,
            forwardEntries: n.forwardEntries ?? [],
            snatIps: n.snatIps ?? [],
        })),
        eips: (f.eips ?? []).map((e) => ({
            allocationId: e.allocationId,
            ipAddress: e.ipAddress,
            paymentType: e.paymentType ?? "PayAsYouGo",
            internetChargeType: e.internetChargeType ?? "PayByTraffic",
            isp: e.isp ?? "BGP",
            boundTo: e.boundTo,
            bandwidthPlanId: e.bandwidthPlanId,
        })),
        bandwidthPlans: (f.bandwidthPlans ?? []).map((p) => ({ id: p.id, isp: p.isp ?? "BGP", bandwidthMbps: p.bandwidthMbps })),
        securityGroups: (f.securityGroups ?? []).map((g) => ({
            id: g.id,
            vpcId: g.vpcId,
            rules: (g.rules ?? []).map((r) => ({
                ipProtocol: r.ipProtocol.toLowerCase(),
                portRange: r.portRange,
                sourceCidrIp: r.sourceCidrIp,
                policy: r.policy ?? "accept",
                priority: r.priority ?? 1,
                nicType: "intranet",
            })),
        })),
    };
}

/** Validates an inventory document and applies defaults. Pure; throws {@link InventoryError} naming `source`. */
export function parseInventory(doc: unknown, source: string): Inventory {
    const parsed = inventorySchema.safeParse(doc ?? {});
    if (!parsed.success) {
        throw new InventoryError(
            source,
            parsed.error.issues.map((i) => ({ propertyPath: i.path.map(String).join(".") || "(root)", reason: i.message })),
        );
    }
    const f = parsed.data;
    const problems = referenceProblems(f);
    if (problems.length > 0) {
        throw new InventoryError(source, problems);
    }
    const q = f.account?.quotas ?? {};
    return {
        source: "file",
        site: f.account?.site ?? "international",
        region: f.account?.region,
        enhancedNatZones: f.account?.enhancedNatZones,
        quotas: { ...QUOTA_DEFAULTS, ...q },
        vpcs: f.vpcs?.map((v) => ({
            ...v,
            // A vSwitch listed with its zone is a vSwitch of the VPC too.
            vswitchIds: v.vswitches ? [...new Set([...(v.vswitchIds ?? []), ...v.vswitches.map((w) => w.id)])] : v.vswitchIds,
        })),
        ...resourcesOf(f),
        notes: [],
    };
}

/** Reads an inventory file (YAML or JSON; JSON is YAML). Throws {@link InventoryError}. */
export function readInventoryFile(file: string): Inventory {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InventoryError(file, [
            { propertyPath: "(file)", reason: (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message },
        ]);
    }
    let doc: unknown;
    try {
        doc = parse(text);
    } catch (e) {
        throw new InventoryError(file, [{ propertyPath: "(file)", reason: `not valid YAML/JSON: ${(e as Error).message.split("\n")[0]}` }]);
    }
    return parseInventory(doc, file);
}
