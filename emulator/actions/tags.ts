/**
 * Tags and deletion protection, shared by NAT gateways, EIPs and bandwidth plans: ListTagResources, TagResources,
 * UnTagResources (`ResourceType` NATGATEWAY, EIP, COMMONBANDWIDTHPACKAGE) and DeletionProtection (`Type` NATGW,
 * EIP, CBWP), as the provider sends them (terraform-provider-alicloud v1.285.0 service_alicloud_vpc_v2.go
 * SetResourceTags, resource_alicloud_nat_gateway.go Update). Parameters: docs/alicloud-rules.md §8.7.
 */
import type { Tags } from "../../cloud/model";
import { Action, Region } from "../emulator";
import { hasTags, tokenPage } from "../listing";
import { boolean, CLIENT_TOKEN, ID, integer, list, oneOf, optional, REGION, required, TAGS, tagText, text } from "../params";
import { existingEip } from "./eip";
import { bool, flatList, flatTags, WireError } from "../wire";

/** The types the emulator keeps; the API lists more (VPC, VSWITCH...), which it refuses as not modelled. */
const RESOURCE_TYPES = ["NATGATEWAY", "EIP", "COMMONBANDWIDTHPACKAGE"];

/** The tags of resource `id` of `type`, or undefined when the region holds no such resource. */
function tagsOf(r: Region, type: string, id: string): Tags | undefined {
    switch (type) {
        case "NATGATEWAY":
            return r.model.nats.get(id)?.attributes.tags;
        case "EIP":
            return r.model.eips.get(id)?.attributes.tags;
        default:
            return r.model.plans.get(id)?.attributes.tags;
    }
}

/** Every resource of `type` the region holds, by id. */
function allOf(r: Region, type: string): string[] {
    const m = r.model;
    return [...(type === "NATGATEWAY" ? m.nats : type === "EIP" ? m.eips : m.plans).keys()];
}

function resourceType(p: Readonly<Record<string, string>>): string {
    const type = p.ResourceType.toUpperCase();
    if (!RESOURCE_TYPES.includes(type)) {
        throw new WireError(
            400,
            "InvalidParameter.ResourceType",
            `ResourceType ${JSON.stringify(p.ResourceType.slice(0, 64))} is not modelled by the emulator; it keeps ${RESOURCE_TYPES.join(", ")}.`,
        );
    }
    return type;
}

/** The request's resources, each of which must exist (an unknown one is `InvalidResourceId.NotFound`, rules §8.7). */
function resources(r: Region, p: Record<string, string>): { type: string; ids: string[] } {
    const type = resourceType(p);
    const ids = flatList(p, "ResourceId");
    const missing = ids.find((id) => tagsOf(r, type, id) === undefined);
    if (missing) {
        throw new WireError(404, "InvalidResourceId.NotFound", `The resource ${missing} (${type}) does not exist.`);
    }
    return { type, ids };
}

const listParams = {
    RegionId: REGION,
    ResourceType: ID,
    "ResourceId.N": list(text(1, 64), 50),
    MaxResults: optional(integer(1, 50)),
    NextToken: optional(text(1, 256)),
    ...TAGS,
};

/** rules §8.7: at least one of ResourceId.N or Tag.N; a Tag.N.Value without its Tag.N.Key is an error. */
function checkList(p: Readonly<Record<string, string>>): void {
    const lone = Object.keys(p).find((k) => /^Tag\.\d+\.Value$/.test(k) && p[k.replace(/Value$/, "Key")] === undefined);
    if (lone) {
        const key = lone.replace(/Value$/, "Key");
        throw new WireError(
            400,
            "MissingParameter",
            `The input parameter "${key}" that is mandatory for processing this request is not supplied: ${lone} needs it.`,
        );
    }
    if (flatList(p, "ResourceId").length === 0 && Object.keys(flatTags(p)).length === 0) {
        throw new WireError(
            400,
            "MissingParameter",
            `The input parameter "ResourceId.N" or "Tag.N" that is mandatory for processing this request is not supplied.`,
        );
    }
}

function listTags(r: Region, p: Record<string, string>): Record<string, unknown> {
    const { type, ids } = resources(r, p);
    const candidates = ids.length > 0 ? ids : allOf(r, type);
    const items = candidates
        .filter((id) => hasTags(p, tagsOf(r, type, id)))
        .flatMap((id) =>
            Object.entries(tagsOf(r, type, id) ?? {}).map(([TagKey, TagValue]) => ({
                ResourceId: id,
                ResourceType: type,
                TagKey,
                TagValue,
            })),
        );
    const page = tokenPage(items, p.NextToken, p.MaxResults ? Number(p.MaxResults) : 50);
    return { NextToken: page.nextToken, TagResources: { TagResource: page.items } };
}

const tagParams = {
    RegionId: REGION,
    ResourceType: ID,
    "ResourceId.N": list(text(1, 64), 50, { required: true }),
    "Tag.N.Key": list(tagText(1), 20, { required: true }),
    "Tag.N.Value": list(tagText(0), 20),
};

function tag(r: Region, p: Record<string, string>): Record<string, unknown> {
    const { type, ids } = resources(r, p);
    const tags = flatTags(p);
    ids.forEach((id) => Object.assign(tagsOf(r, type, id)!, tags));
    return {};
}

const untagParams = {
    RegionId: REGION,
    ResourceType: ID,
    "ResourceId.N": list(text(1, 64), 50, { required: true }),
    "TagKey.N": list(tagText(0), 20),
    All: optional(boolean),
};

function untag(r: Region, p: Record<string, string>): Record<string, unknown> {
    const { type, ids } = resources(r, p);
    const keys = flatList(p, "TagKey");
    const all = bool(p.All) === true;
    for (const id of ids) {
        const current = tagsOf(r, type, id)!;
        for (const k of all ? Object.keys(current) : keys) {
            delete current[k];
        }
    }
    return {};
}

const protectionParams = {
    RegionId: REGION,
    InstanceId: ID,
    ProtectionEnable: required(boolean),
    Type: required(oneOf(["EIP", "CBWP", "NATGW"], true)),
    ClientToken: CLIENT_TOKEN,
};

function deletionProtection(r: Region, p: Record<string, string>): Record<string, unknown> {
    const enabled = bool(p.ProtectionEnable) === true;
    if (p.Type.toUpperCase() === "EIP") {
        // rules §1.14: the model's ReleaseEipAddress refuses a protected EIP.
        existingEip(r, p.InstanceId).deletionProtection = enabled;
        return {};
    }
    r.model.setDeletionProtection(p.InstanceId, enabled);
    return {};
}

export const tagActions: [string, Action][] = [
    ["ListTagResources", { params: listParams, check: checkList, handler: listTags }],
    ["TagResources", { params: tagParams, handler: tag }],
    ["UnTagResources", { params: untagParams, handler: untag }],
    ["DeletionProtection", { params: protectionParams, handler: deletionProtection, idempotent: true }],
];
