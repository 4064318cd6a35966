/**
 * Reads what the gateway needs to know of an account, with read-only calls only (Describe/List): the VPC and its
 * vSwitches, the zones that offer enhanced NAT gateways, the VPC's NAT gateways with their DNAT entries, every EIP and
 * bandwidth plan of the region, and the VPC's security groups with their rules. Every listing is paged to its end.
 *
 * A read the caller's RAM policy refuses (`Forbidden.RAM`) does not stop the others: it is recorded in `denied` with the
 * RAM action, so one run names every missing permission. An AccessKey the API does not accept, an unknown region and a
 * VPC that is not in the region stop the reading ({@link ReadStop}): nothing after them could be trusted.
 */
import * as $Ecs from "@alicloud/ecs20140526";
import * as $Vpc from "@alicloud/vpc20160428";
import type { ExistingForwardEntry, ExistingSecurityGroup, InventoryVswitch } from "../cloud/inventory";
import { AccountApi, ApiRefusal } from "./client";

export interface ReadNat {
    id: string;
    vpcId: string;
    natType: string;
    networkType: string;
    forwardTableId: string;
    snatTableId: string;
    deletionProtection: boolean;
    /** The DNAT entries; read for the gateways of the VPC only (undefined for the others). */
    forwardEntries: ExistingForwardEntry[] | undefined;
}

export interface ReadEip {
    allocationId: string;
    ipAddress: string;
    /** `Available`, `InUse`, `Associating`... */
    status: string;
    /** `PostPaid` (pay-as-you-go) or `PrePaid` (subscription). */
    chargeType: string;
    internetChargeType: string;
    isp: string;
    /** The instance it is bound to, "" when unbound. */
    instanceId: string;
    instanceType: string;
    /** The bandwidth plan it joined, "" when none. */
    bandwidthPlanId: string;
}

export interface ReadPlan {
    id: string;
    isp: string;
    bandwidthMbps: number;
    /** `PostPaid` or `PrePaid`. */
    chargeType: string;
    internetChargeType: string;
}

/** What was read of the account. Lists that could not be read (see `denied`) are empty. */
export interface AccountReading {
    region: string;
    /** The VPC read around, with its vSwitches; undefined when DescribeVpcs was refused. */
    vpc: { id: string; cidr: string; vswitches: InventoryVswitch[] } | undefined;
    /** The region's other VPCs (gateways outside the VPC, and the EIPs bound to them, name them). */
    otherVpcs: { id: string; cidr: string }[];
    /** undefined when ListEnhanhcedNatGatewayAvailableZones was refused. */
    enhancedNatZones: string[] | undefined;
    natGateways: ReadNat[];
    eips: ReadEip[];
    bandwidthPlans: ReadPlan[];
    securityGroups: ExistingSecurityGroup[];
    /** Reads the caller's RAM policy refused, by RAM action (`vpc:DescribeEipAddresses`). */
    denied: { ramAction: string; code: string }[];
    /** Every RAM action called, in order of first call. */
    called: string[];
}

/** Why the reading stopped: the AccessKey, the region or the VPC. The message says what to fix. */
export class ReadStop extends Error {
    constructor(
        readonly reason: "credentials" | "region" | "vpc",
        message: string,
    ) {
        super(message);
        this.name = "ReadStop";
    }
}

/** Pages of one numbered listing (`PageNumber`/`PageSize`, `TotalCount`) to the end. */
async function allPages<T>(pageSize: number, page: (n: number, size: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
    const items: T[] = [];
    for (let n = 1; ; n++) {
        const got = await page(n, pageSize);
        items.push(...got.items);
        if (got.items.length === 0 || items.length >= got.total) {
            return items;
        }
    }
}

class Reader {
    readonly denied: AccountReading["denied"] = [];
    readonly called: string[] = [];

    constructor(private readonly api: AccountApi) {}

    /** One read; a RAM refusal is recorded and answered with `fallback`, bad credentials and regions stop the reading. */
    async read<T>(ramAction: string, fallback: T, run: () => Promise<T>): Promise<T> {
        if (!this.called.includes(ramAction)) {
            this.called.push(ramAction);
        }
        try {
            return await this.api.call(ramAction, run);
        } catch (e) {
            if (!(e instanceof ApiRefusal)) {
                throw e;
            }
            if (e.badCredentials) {
                throw new ReadStop(
                    "credentials",
                    `the AccessKey was refused (${e.code}): set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an STS key) to a valid, current key`,
                );
            }
            if (e.code === "InvalidRegionId.NotFound") {
                throw new ReadStop("region", `region ${this.api.target.region} does not exist (${e.code}): give one the account uses`);
            }
            if (e.forbidden) {
                if (!this.denied.some((d) => d.ramAction === ramAction)) {
                    this.denied.push({ ramAction, code: e.code });
                }
                return fallback;
            }
            throw e;
        }
    }
}

const region = (api: AccountApi) => api.target.region;

async function readVpcs(r: Reader, api: AccountApi, vpcId: string) {
    const vpcs = await r.read("vpc:DescribeVpcs", null, () =>
        allPages(50, async (pageNumber, pageSize) => {
            const body = (await api.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: region(api), pageNumber, pageSize }))).body;
            const items = (body?.vpcs?.vpc ?? []).map((v) => ({ id: String(v.vpcId), cidr: String(v.cidrBlock) }));
            return { items, total: Number(body?.totalCount ?? 0) };
        }),
    );
    if (vpcs === null) {
        return { vpc: undefined, otherVpcs: [] };
    }
    const vpc = vpcs.find((v) => v.id === vpcId);
    if (!vpc) {
        throw new ReadStop(
            "vpc",
            `VPC ${vpcId} is not in region ${region(api)}: give the region the VPC is in, or a VPC of ${region(api)}`,
        );
    }
    const vswitches = await r.read("vpc:DescribeVSwitches", [] as InventoryVswitch[], () =>
        allPages(50, async (pageNumber, pageSize) => {
            const body = (
                await api.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: region(api), vpcId, pageNumber, pageSize }))
            ).body;
            const items = (body?.vSwitches?.vSwitch ?? []).map((w) => ({
                id: String(w.vSwitchId),
                zoneId: String(w.zoneId),
                cidr: String(w.cidrBlock),
                availableIpCount: Number(w.availableIpAddressCount ?? 0),
            }));
            return { items, total: Number(body?.totalCount ?? 0) };
        }),
    );
    return { vpc: { ...vpc, vswitches }, otherVpcs: vpcs.filter((v) => v.id !== vpcId) };
}

async function readNats(r: Reader, api: AccountApi, vpcId: string): Promise<ReadNat[]> {
    const nats = await r.read("vpc:DescribeNatGateways", [] as $Vpc.DescribeNatGatewaysResponseBodyNatGatewaysNatGateway[], () =>
        allPages(50, async (pageNumber, pageSize) => {
            const body = (
                await api.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: region(api), pageNumber, pageSize }))
            ).body;
            return { items: body?.natGateways?.natGateway ?? [], total: Number(body?.totalCount ?? 0) };
        }),
    );
    const out: ReadNat[] = [];
    for (const n of nats) {
        const forwardTableId = n.forwardTableIds?.forwardTableId?.[0] ?? "";
        const ours = n.vpcId === vpcId;
        const entries = !ours ? undefined : forwardTableId === "" ? [] : await readEntries(r, api, forwardTableId);
        out.push({
            id: String(n.natGatewayId),
            vpcId: String(n.vpcId),
            natType: String(n.natType ?? ""),
            networkType: String(n.networkType ?? ""),
            forwardTableId,
            snatTableId: n.snatTableIds?.snatTableId?.[0] ?? "",
            deletionProtection: n.deletionProtection === true,
            forwardEntries: entries,
        });
    }
    return out;
}

async function readEntries(r: Reader, api: AccountApi, forwardTableId: string): Promise<ExistingForwardEntry[]> {
    return r.read("vpc:DescribeForwardTableEntries", [] as ExistingForwardEntry[], () =>
        allPages(50, async (pageNumber, pageSize) => {
            const req = new $Vpc.DescribeForwardTableEntriesRequest({ regionId: region(api), forwardTableId, pageNumber, pageSize });
            const body = (await api.vpc.describeForwardTableEntries(req)).body;
            const items = (body?.forwardTableEntries?.forwardTableEntry ?? []).map((f) => ({
                externalIp: String(f.externalIp),
                externalPort: String(f.externalPort),
                internalIp: String(f.internalIp),
                internalPort: String(f.internalPort),
                protocol: String(f.ipProtocol),
            }));
            return { items, total: Number(body?.totalCount ?? 0) };
        }),
    );
}

async function readEips(r: Reader, api: AccountApi): Promise<ReadEip[]> {
    return r.read("vpc:DescribeEipAddresses", [] as ReadEip[], () =>
        // rules §8.4: at most 100 EIPs a page.
        allPages(100, async (pageNumber, pageSize) => {
            const req = new $Vpc.DescribeEipAddressesRequest({ regionId: region(api), pageNumber, pageSize });
            const body = (await api.vpc.describeEipAddresses(req)).body;
            const items = (body?.eipAddresses?.eipAddress ?? []).map((e) => ({
                allocationId: String(e.allocationId),
                ipAddress: String(e.ipAddress),
                status: String(e.status ?? ""),
                chargeType: String(e.chargeType ?? "PostPaid"),
                internetChargeType: String(e.internetChargeType ?? ""),
                isp: String(e.ISP ?? "BGP"),
                instanceId: String(e.instanceId ?? ""),
                instanceType: String(e.instanceType ?? ""),
                bandwidthPlanId: String(e.bandwidthPackageId ?? ""),
            }));
            return { items, total: Number(body?.totalCount ?? 0) };
        }),
    );
}

async function readPlans(r: Reader, api: AccountApi): Promise<ReadPlan[]> {
    return r.read("vpc:DescribeCommonBandwidthPackages", [] as ReadPlan[], () =>
        allPages(50, async (pageNumber, pageSize) => {
            const req = new $Vpc.DescribeCommonBandwidthPackagesRequest({ regionId: region(api), pageNumber, pageSize });
            const body = (await api.vpc.describeCommonBandwidthPackages(req)).body;
            const items = (body?.commonBandwidthPackages?.commonBandwidthPackage ?? []).map((p) => ({
                id: String(p.bandwidthPackageId),
                isp: String(p.ISP ?? "BGP"),
                bandwidthMbps: Number(p.bandwidth ?? 0),
                chargeType: String(p.instanceChargeType ?? "PostPaid"),
                internetChargeType: String(p.internetChargeType ?? ""),
            }));
            return { items, total: Number(body?.totalCount ?? 0) };
        }),
    );
}

/** The VPC's security groups (DescribeSecurityGroups, token pages of 100) and each one's rules (token pages of 1000). */
async function readGroups(r: Reader, api: AccountApi, vpcId: string): Promise<ExistingSecurityGroup[]> {
    const ids = await r.read("ecs:DescribeSecurityGroups", [] as string[], async () => {
        const out: string[] = [];
        for (let token: string | undefined; ;) {
            const req = new $Ecs.DescribeSecurityGroupsRequest({ regionId: region(api), vpcId, maxResults: 100, nextToken: token });
            const body = (await api.ecs.describeSecurityGroups(req)).body;
            out.push(...(body?.securityGroups?.securityGroup ?? []).map((g) => String(g.securityGroupId)));
            token = body?.nextToken || undefined;
            if (!token) {
                return out;
            }
        }
    });
    const groups: ExistingSecurityGroup[] = [];
    for (const id of ids) {
        const rules = await r.read("ecs:DescribeSecurityGroupAttribute", [] as ExistingSecurityGroup["rules"], async () => {
            const out: ExistingSecurityGroup["rules"] = [];
            for (let token: string | undefined; ;) {
                const req = new $Ecs.DescribeSecurityGroupAttributeRequest({
                    regionId: region(api),
                    securityGroupId: id,
                    direction: "ingress",
                    maxResults: 1000,
                    nextToken: token,
                });
                const body = (await api.ecs.describeSecurityGroupAttribute(req)).body;
                out.push(
                    ...(body?.permissions?.permission ?? [])
                        .filter((p) => (p.direction ?? "ingress") === "ingress" && p.sourceCidrIp)
                        .map((p) => ({
                            ipProtocol: String(p.ipProtocol).toLowerCase(),
                            portRange: String(p.portRange),
                            sourceCidrIp: String(p.sourceCidrIp),
                            policy: String(p.policy ?? "accept").toLowerCase(),
                            priority: Number(p.priority ?? 1),
                            nicType: String(p.nicType ?? "intranet"),
                        })),
                );
                token = body?.nextToken || undefined;
                if (!token) {
                    return out;
                }
            }
        });
        groups.push({ id, vpcId, rules });
    }
    return groups;
}

/**
 * Reads the account around `vpcId` in the API's region: every VPC, NAT gateway, EIP and bandwidth plan of the region,
 * the vSwitches, DNAT entries and security groups of the VPC. Throws {@link ReadStop}; RAM refusals are in `denied`. */
export async function readAccount(api: AccountApi, vpcId: string): Promise<AccountReading> {
    const r = new Reader(api);
    const { vpc, otherVpcs } = await readVpcs(r, api, vpcId);
    const enhancedNatZones = await r.read("vpc:ListEnhanhcedNatGatewayAvailableZones", undefined as string[] | undefined, async () => {
        const req = new $Vpc.ListEnhanhcedNatGatewayAvailableZonesRequest({ regionId: region(api) });
        const body = (await api.vpc.listEnhanhcedNatGatewayAvailableZones(req)).body;
        return (body?.zones ?? []).map((z) => String(z.zoneId));
    });
    return {
        region: region(api),
        vpc,
        otherVpcs,
        enhancedNatZones,
        natGateways: await readNats(r, api, vpcId),
        eips: await readEips(r, api),
        bandwidthPlans: await readPlans(r, api),
        securityGroups: await readGroups(r, api, vpcId),
        denied: r.denied,
        called: r.called,
    };
}
