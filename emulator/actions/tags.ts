/**
 * Tags and deletion protection, shared by NAT gateways, EIPs and bandwidth plans: ListTagResources, TagResources,
 * UnTagResources (`ResourceType` NATGATEWAY, EIP, COMMONBANDWIDTHPACKAGE) and DeletionProtection (`Type` NATGW,
 * EIP, CBWP), as the provider sends them (terraform-provider-alicloud v1.285.0 service_alicloud_vpc_v2.go
 * SetResourceTags, resource_alicloud_nat_gateway.go Update).
 */
import { Emulator, Handler } from "../emulator";
import { existingEip } from "./eip";
import { bool, flatList, flatTags, required, WireError } from "../wire";

const RESOURCE_TYPES = ["NATGATEWAY", "EIP", "COMMONBANDWIDTHPACKAGE"];

function known(emu: Emulator, type: string, id: string): boolean {
    switch (type) {
        case "NATGATEWAY":
            return emu.nats.has(id);
        case "EIP":
            return emu.eips.has(id);
        default:
            return emu.plans.has(id);
    }
}

function resources(emu: Emulator, p: Record<string, string>): { type: string; ids: string[] } {
    const type = required(p, "ResourceType").toUpperCase();
    if (!RESOURCE_TYPES.includes(type)) {
        throw new WireError(
            400,
            "InvalidParameter.ResourceType",
            `ResourceType ${JSON.stringify(p.ResourceType)} is not supported by the emulator.`,
        );
    }
    const ids = flatList(p, "ResourceId");
    const missing = ids.find((id) => !known(emu, type, id));
    if (missing) {
        throw new WireError(404, "InvalidResourceId.NotFound", `The resource ${missing} (${type}) does not exist.`);
    }
    return { type, ids };
}

function list(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const { type, ids } = resources(emu, p);
    const wanted = ids.length > 0 ? ids : [...emu.tags.keys()].filter((id) => known(emu, type, id));
    const items = wanted.flatMap((id) =>
        Object.entries(emu.tags.get(id) ?? {}).map(([TagKey, TagValue]) => ({ ResourceId: id, ResourceType: type, TagKey, TagValue })),
    );
    return { NextToken: "", TagResources: { TagResource: items } };
}

function tag(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const { ids } = resources(emu, p);
    const tags = flatTags(p);
    ids.forEach((id) => emu.tags.set(id, { ...(emu.tags.get(id) ?? {}), ...tags }));
    return {};
}

function untag(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const { ids } = resources(emu, p);
    const keys = flatList(p, "TagKey");
    const all = bool(p.All) === true;
    for (const id of ids) {
        const current = { ...(emu.tags.get(id) ?? {}) };
        for (const k of all ? Object.keys(current) : keys) {
            delete current[k];
        }
        emu.tags.set(id, current);
    }
    return {};
}

function deletionProtection(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "InstanceId");
    const enabled = bool(required(p, "ProtectionEnable")) === true;
    const type = required(p, "Type").toUpperCase();
    if (type === "EIP") {
        existingEip(emu, id).deletionProtection = enabled;
        return {};
    }
    if (type !== "NATGW" && type !== "CBWP") {
        throw new WireError(400, "InvalidParameter.Type", `Type ${JSON.stringify(p.Type)} is not supported by the emulator.`);
    }
    emu.model.setDeletionProtection(id, enabled);
    return {};
}

export const tagActions: [string, Handler][] = [
    ["ListTagResources", list],
    ["TagResources", tag],
    ["UnTagResources", untag],
    ["DeletionProtection", deletionProtection],
];
