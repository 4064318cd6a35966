/**
 * What an Alibaba Cloud account holds of the kinds the gateway creates, read through the VPC API's RPC actions
 * (the same ones the provider sends, and the emulator answers): NAT gateways, EIPs, EIP bandwidth plans, and the DNAT
 * entries of given forward tables. The client is the official RPC client (`@alicloud/pop-core`), which signs with
 * the given AccessKey; the emulator ignores signatures.
 */
import RPCClient from "@alicloud/pop-core";

export interface AccountNat {
    id: string;
    name: string;
    forwardTableIds: string[];
    tags: Record<string, string>;
}
export interface AccountEip {
    id: string;
    ipAddress: string;
    name: string;
    /** Gateway (or other instance) it is bound to; empty when unbound. */
    boundTo: string;
    /** Plan it has joined; empty when none. */
    planId: string;
    tags: Record<string, string>;
}
export interface AccountPlan {
    id: string;
    name: string;
    tags: Record<string, string>;
}
export interface AccountEntry {
    id: string;
    tableId: string;
    externalIp: string;
    externalPort: string;
    ipProtocol: string;
    internalIp: string;
    internalPort: string;
}

/** The account as reconcile sees it. */
export interface AccountSnapshot {
    natGateways: AccountNat[];
    eips: AccountEip[];
    bandwidthPlans: AccountPlan[];
    forwardEntries: AccountEntry[];
}

/** Calls one RPC action; answers are read field by field. */
export type RpcCall = (action: string, params: Record<string, string | number>) => Promise<Record<string, unknown>>;

/** Where and how to call: the VPC API endpoint (`https://vpc.<region>.aliyuncs.com`, or the emulator's URL). */
export interface AccountAccess {
    endpoint: string;
    region: string;
    accessKeyId: string;
    accessKeySecret: string;
}

/** The provider's VPC endpoint for a region (terraform-provider-alicloud v1.285.0 connectivity/endpoint.go). */
export function vpcEndpoint(region: string): string {
    return `https://vpc.${region}.aliyuncs.com`;
}

/** An RPC caller for `access`, version 2016-04-28 (the VPC API's, which covers EIPs, NAT and plans). */
export function rpcCaller(access: AccountAccess): RpcCall {
    const client = new RPCClient({
        endpoint: access.endpoint,
        apiVersion: "2016-04-28",
        accessKeyId: access.accessKeyId,
        accessKeySecret: access.accessKeySecret,
    });
    return (action, params) => client.request<Record<string, unknown>>(action, { RegionId: access.region, ...params }, { timeout: 30000 });
}

type Item = Record<string, unknown>;

/** Every item of a paged Describe action (`PageNumber`/`PageSize`, `TotalCount`). */
async function pages(call: RpcCall, action: string, params: Record<string, string>, outer: string, inner: string): Promise<Item[]> {
    const items: Item[] = [];
    for (let page = 1; ; page++) {
        const answer = await call(action, { ...params, PageNumber: page, PageSize: 50 });
        const got = ((answer[outer] as Record<string, Item[]> | undefined)?.[inner] ?? []) as Item[];
        items.push(...got);
        if (got.length === 0 || items.length >= Number(answer.TotalCount ?? 0)) {
            return items;
        }
    }
}

function tagMap(tags: unknown): Record<string, string> {
    const list = ((tags as { Tag?: { Key: string; Value: string }[] } | undefined)?.Tag ?? []) as { Key: string; Value: string }[];
    return Object.fromEntries(list.map((t) => [t.Key, t.Value]));
}

/** Tags of the NAT gateways (DescribeNatGateways does not list them): ListTagResources by id, 50 at a time. */
async function natTags(call: RpcCall, ids: string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
    for (let i = 0; i < ids.length; i += 50) {
        const params: Record<string, string> = { ResourceType: "NATGATEWAY" };
        ids.slice(i, i + 50).forEach((id, n) => (params[`ResourceId.${n + 1}`] = id));
        for (let token = ""; ;) {
            const answer = await call("ListTagResources", token ? { ...params, NextToken: token } : params);
            const list = ((answer.TagResources as { TagResource?: Item[] } | undefined)?.TagResource ?? []) as Item[];
            list.forEach((t) => (out.get(String(t.ResourceId))![String(t.TagKey)] = String(t.TagValue)));
            token = String(answer.NextToken ?? "");
            if (!token) {
                break;
            }
        }
    }
    return out;
}

/** Reads the account's gateways, EIPs and plans, and the DNAT entries of the gateways' tables. */
export async function readAccount(call: RpcCall): Promise<AccountSnapshot> {
    const nats = await pages(call, "DescribeNatGateways", {}, "NatGateways", "NatGateway");
    const tags = await natTags(
        call,
        nats.map((n) => String(n.NatGatewayId)),
    );
    const natGateways = nats.map((n) => ({
        id: String(n.NatGatewayId),
        name: String(n.Name ?? ""),
        forwardTableIds: ((n.ForwardTableIds as { ForwardTableId?: string[] } | undefined)?.ForwardTableId ?? []).map(String),
        tags: tags.get(String(n.NatGatewayId)) ?? {},
    }));
    const eips = (await pages(call, "DescribeEipAddresses", {}, "EipAddresses", "EipAddress")).map((e) => ({
        id: String(e.AllocationId),
        ipAddress: String(e.IpAddress ?? ""),
        name: String(e.Name ?? ""),
        boundTo: String(e.InstanceId ?? ""),
        planId: String(e.BandwidthPackageId ?? ""),
        tags: tagMap(e.Tags),
    }));
    const bandwidthPlans = (
        await pages(call, "DescribeCommonBandwidthPackages", {}, "CommonBandwidthPackages", "CommonBandwidthPackage")
    ).map((p) => ({ id: String(p.BandwidthPackageId), name: String(p.Name ?? ""), tags: tagMap(p.Tags) }));
    const forwardEntries: AccountEntry[] = [];
    for (const tableId of natGateways.flatMap((n) => n.forwardTableIds)) {
        const entries = await pages(
            call,
            "DescribeForwardTableEntries",
            { ForwardTableId: tableId },
            "ForwardTableEntries",
            "ForwardTableEntry",
        );
        forwardEntries.push(
            ...entries.map((f) => ({
                id: String(f.ForwardEntryId),
                tableId,
                externalIp: String(f.ExternalIp ?? ""),
                externalPort: String(f.ExternalPort ?? ""),
                ipProtocol: String(f.IpProtocol ?? ""),
                internalIp: String(f.InternalIp ?? ""),
                internalPort: String(f.InternalPort ?? ""),
            })),
        );
    }
    return { natGateways, eips, bandwidthPlans, forwardEntries };
}
