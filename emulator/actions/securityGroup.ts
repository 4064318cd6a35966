/**
 * ECS security group actions the provider's `alicloud_security_group_rule` calls (terraform-provider-alicloud v1.285.0
 * resource_alicloud_security_group_rule.go, service_alicloud_ecs.go): AuthorizeSecurityGroup (create),
 * DescribeSecurityGroupAttribute (read, and the group look-up before create and delete) and RevokeSecurityGroup
 * (delete). The provider sends permissions as `Permissions.N.*` on create and as the older top-level parameters on
 * delete; both are read (rules §7.1, §7.2). Groups are never created here: they come from the account, in its home
 * region. Parameters: docs/alicloud-rules.md §7, §8.7.
 */
import type { IngressRuleState } from "../../cloud/model";
import { authorizeSecurityGroup, groupOf, revokeSecurityGroup, revokeSecurityGroupRules, rulesOf } from "../../cloud/securityGroup";
import { newId } from "../addresses";
import { Action, apiTime, Region } from "../emulator";
import { numberedPage, pageAnswer, tokenPage } from "../listing";
import { CLIENT_TOKEN, ID, ID_OPTIONAL, integer, list, oneOf, optional, ParamSpec, REGION, text, wholeNumber } from "../params";
import { flatList, WireError } from "../wire";

/** The fields of one permission, as `Permissions.N.<field>` and as the older top-level parameters (rules §7.1, §7.2). */
const PERMISSION = {
    IpProtocol: text(1, 16),
    PortRange: text(1, 16),
    SourceCidrIp: text(1, 64),
    Policy: oneOf(["accept", "drop"], true),
    Priority: wholeNumber,
    NicType: oneOf(["internet", "intranet"], true),
    Description: text(1, 512),
    SourcePortRange: text(1, 16),
    DestCidrIp: text(1, 64),
};

const permissionParams: ParamSpec = Object.fromEntries(
    Object.entries(PERMISSION).flatMap(([k, schema]) => [
        [k, optional(schema)],
        [`Permissions.N.${k}`, list(schema, 100)],
    ]),
);

const writeParams = { RegionId: REGION, SecurityGroupId: ID, ClientToken: CLIENT_TOKEN, ...permissionParams };

/** The permission fields of a request: `Permissions.N.<field>` groups, or the top-level fields when there are none. */
function permissions(p: Record<string, string>): Record<string, string>[] {
    const groups = new Map<number, Record<string, string>>();
    for (const [k, v] of Object.entries(p)) {
        const m = /^Permissions\.(\d+)\.(\w+)$/.exec(k);
        if (m) {
            (groups.get(Number(m[1])) ?? groups.set(Number(m[1]), {}).get(Number(m[1]))!)[m[2]] = v;
        }
    }
    return groups.size > 0 ? [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g) : [p];
}

/** A permission's rule fields; the protocol, port range and source are required (rules §7.1). */
function request(groupId: string, q: Record<string, string>, prefix: string) {
    for (const name of ["IpProtocol", "PortRange", "SourceCidrIp"]) {
        if (!q[name]) {
            throw new WireError(
                400,
                "MissingParameter",
                `The input parameter "${prefix}${name}" that is mandatory for processing this request is not supplied.`,
            );
        }
    }
    return {
        groupId,
        ipProtocol: q.IpProtocol,
        portRange: q.PortRange,
        sourceCidrIp: q.SourceCidrIp,
        policy: q.Policy,
        priority: q.Priority === undefined ? undefined : Number(q.Priority),
        nicType: q.NicType,
    };
}

/** The permissions of a request, each with the prefix its fields were sent under (for error messages). */
function permissionList(p: Record<string, string>): { q: Record<string, string>; prefix: string }[] {
    const groups = permissions(p);
    return groups.map((q, i) => ({ q, prefix: groups.length === 1 && q === p ? "" : `Permissions.${i + 1}.` }));
}

function authorize(r: Region, p: Record<string, string>): Record<string, unknown> {
    const groupId = p.SecurityGroupId;
    groupOf(r.model, groupId);
    const all = permissionList(p).map(({ q, prefix }) => ({ q, req: request(groupId, q, prefix) }));
    // Every permission is tried on a copy first: one refused permission refuses the request and adds no rule.
    const trial = r.model.clone();
    all.forEach(({ req }) => authorizeSecurityGroup(trial, undefined, { id: newId("sgr"), ...req }));
    for (const { q, req } of all) {
        // rules §7.1: an identical rule already there is a success that creates nothing.
        const attributes = { createTime: apiTime(), description: q.Description ?? "" };
        authorizeSecurityGroup(r.model, undefined, { id: newId("sgr"), ...req, attributes });
    }
    return {};
}

/** One rule as DescribeSecurityGroupAttribute lists it (field names: the SDK's ecs.Permission; Priority is a string). */
export function describeRule(rule: IngressRuleState): Record<string, unknown> {
    const rec = rule.attributes;
    return {
        SecurityGroupRuleId: rule.id,
        Direction: "ingress",
        IpProtocol: rule.ipProtocol.toUpperCase(),
        PortRange: rule.portRange,
        SourceCidrIp: rule.sourceCidrIp,
        SourceGroupId: "",
        SourcePrefixListId: "",
        SourcePortRange: "",
        Ipv6SourceCidrIp: "",
        DestCidrIp: "",
        Policy: rule.policy === "drop" ? "Drop" : "Accept",
        Priority: String(rule.priority),
        NicType: rule.nicType,
        Description: rec.description,
        CreateTime: rec.createTime,
    };
}

/**
 * The group as DescribeSecurityGroupAttribute answers it; `direction` `egress` lists nothing (no outbound rules here).
 * Rules are paged by `MaxResults` (default 500) and `NextToken` (rules §7.3).
 */
export function describeGroup(
    r: Region,
    groupId: string,
    direction = "all",
    nextToken?: string,
    maxResults = 500,
): Record<string, unknown> {
    const g = groupOf(r.model, groupId);
    const rules = direction.toLowerCase() === "egress" ? [] : rulesOf(r.model, groupId);
    const page = tokenPage(rules, nextToken, maxResults);
    return {
        SecurityGroupId: g.id,
        SecurityGroupName: g.id,
        Description: "",
        RegionId: r.id,
        VpcId: g.vpcId ?? "",
        InnerAccessPolicy: "Accept",
        NextToken: page.nextToken,
        Permissions: { Permission: page.items.map(describeRule) },
    };
}

const describeParams = {
    RegionId: REGION,
    SecurityGroupId: ID,
    Direction: optional(oneOf(["egress", "ingress", "all"], true)),
    NicType: optional(oneOf(["internet", "intranet"], true)),
    MaxResults: optional(integer(10, 1000)),
    NextToken: optional(text(1, 256)),
    Attribute: optional(oneOf(["snapshotPolicyIds"])),
};

function describe(r: Region, p: Record<string, string>): Record<string, unknown> {
    return describeGroup(r, p.SecurityGroupId, p.Direction, p.NextToken, p.MaxResults ? Number(p.MaxResults) : undefined);
}

/**
 * DescribeSecurityGroups (read by `npm run inventory`): the region's groups, filtered by `VpcId`, `SecurityGroupId` or
 * `SecurityGroupIds` (a JSON array of up to 100 ids), paged by `NextToken`/`MaxResults` (1-100, default 10) as the
 * request model recommends; the deprecated `PageNumber`/`PageSize` are read too (SDKE
 * describe_security_groups_request_model.go; `@alicloud/ecs20140526` DescribeSecurityGroupsRequest).
 */
const listParams = {
    RegionId: REGION,
    VpcId: ID_OPTIONAL,
    SecurityGroupId: ID_OPTIONAL,
    SecurityGroupIds: optional(text(2, 8192)),
    NextToken: optional(text(1, 256)),
    MaxResults: optional(integer(1, 100)),
    PageNumber: optional(integer(1, 1_000_000)),
    PageSize: optional(integer(1, 50)),
};

function groupIds(p: Record<string, string>): Set<string> | undefined {
    if (!p.SecurityGroupIds) {
        return p.SecurityGroupId ? new Set([p.SecurityGroupId]) : undefined;
    }
    let ids: unknown;
    try {
        ids = JSON.parse(p.SecurityGroupIds);
    } catch {
        ids = undefined;
    }
    if (!Array.isArray(ids) || ids.length > 100 || ids.some((x) => typeof x !== "string")) {
        throw new WireError(
            400,
            "InvalidParameter",
            `The specified parameter "SecurityGroupIds" is not valid: must be a JSON array of up to 100 ids.`,
        );
    }
    return new Set(ids as string[]);
}

function listGroups(r: Region, p: Record<string, string>): Record<string, unknown> {
    const ids = groupIds(p);
    const groups = [...r.model.securityGroups.values()].filter((g) => (!ids || ids.has(g.id)) && (!p.VpcId || g.vpcId === p.VpcId));
    const render = (g: (typeof groups)[number]) => ({
        SecurityGroupId: g.id,
        SecurityGroupName: g.id,
        Description: "",
        VpcId: g.vpcId ?? "",
        SecurityGroupType: "normal",
        RuleCount: rulesOf(r.model, g.id).length,
        CreationTime: "",
        ServiceManaged: false,
    });
    if (p.PageNumber || p.PageSize) {
        return { RegionId: r.id, ...pageAnswer("SecurityGroups", "SecurityGroup", numberedPage(groups, p), render) };
    }
    const page = tokenPage(groups, p.NextToken, p.MaxResults ? Number(p.MaxResults) : 10);
    return {
        RegionId: r.id,
        TotalCount: groups.length,
        NextToken: page.nextToken,
        SecurityGroups: { SecurityGroup: page.items.map(render) },
    };
}

function revoke(r: Region, p: Record<string, string>): Record<string, unknown> {
    const groupId = p.SecurityGroupId;
    const ids = flatList(p, "SecurityGroupRuleId");
    if (ids.length > 0) {
        revokeSecurityGroupRules(r.model, groupId, ids);
        return {};
    }
    groupOf(r.model, groupId);
    const all = permissionList(p).map(({ q, prefix }) => request(groupId, q, prefix));
    for (const req of all) {
        revokeSecurityGroup(r.model, req);
    }
    return {};
}

export const securityGroupActions: [string, Action][] = [
    ["AuthorizeSecurityGroup", { params: writeParams, handler: authorize, idempotent: true }],
    ["DescribeSecurityGroupAttribute", { params: describeParams, handler: describe }],
    ["DescribeSecurityGroups", { params: listParams, handler: listGroups }],
    [
        "RevokeSecurityGroup",
        { params: { ...writeParams, "SecurityGroupRuleId.N": list(text(1, 64), 100) }, handler: revoke, idempotent: true },
    ],
];
