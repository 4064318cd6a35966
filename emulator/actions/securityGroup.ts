/**
 * ECS security group actions the provider's `alicloud_security_group_rule` calls (terraform-provider-alicloud v1.285.0
 * resource_alicloud_security_group_rule.go, service_alicloud_ecs.go): AuthorizeSecurityGroup (create),
 * DescribeSecurityGroupAttribute (read, and the group look-up before create and delete) and RevokeSecurityGroup
 * (delete). The provider sends permissions as `Permissions.N.*` on create and as the older top-level parameters on
 * delete; both are read (rules §7.1, §7.2). Groups are never created here: they come from the account.
 */
import type { IngressRuleState } from "../../cloud/model";
import { authorizeSecurityGroup, groupOf, revokeSecurityGroup, revokeSecurityGroupRules, rulesOf } from "../../cloud/securityGroup";
import { newId } from "../addresses";
import { apiTime, Emulator, Handler } from "../emulator";
import { flatList, required } from "../wire";

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

function request(groupId: string, q: Record<string, string>) {
    return {
        groupId,
        ipProtocol: required(q, "IpProtocol"),
        portRange: required(q, "PortRange"),
        sourceCidrIp: required(q, "SourceCidrIp"),
        policy: q.Policy,
        priority: q.Priority === undefined ? undefined : Number(q.Priority),
        nicType: q.NicType,
    };
}

function authorize(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const groupId = required(p, "SecurityGroupId");
    groupOf(emu.model, groupId);
    for (const q of permissions(p)) {
        // rules §7.1: an identical rule already there is a success that creates nothing.
        const { rule } = authorizeSecurityGroup(emu.model, undefined, { id: newId("sgr"), ...request(groupId, q) });
        if (rule) {
            emu.groupRules.set(rule.id, { createTime: apiTime(), description: q.Description ?? "" });
        }
    }
    return {};
}

/** One rule as DescribeSecurityGroupAttribute lists it (field names: the SDK's ecs.Permission; Priority is a string). */
export function describeRule(emu: Emulator, r: IngressRuleState): Record<string, unknown> {
    const rec = emu.groupRules.get(r.id);
    return {
        SecurityGroupRuleId: r.id,
        Direction: "ingress",
        IpProtocol: r.ipProtocol.toUpperCase(),
        PortRange: r.portRange,
        SourceCidrIp: r.sourceCidrIp,
        SourceGroupId: "",
        SourcePrefixListId: "",
        SourcePortRange: "",
        Ipv6SourceCidrIp: "",
        DestCidrIp: "",
        Policy: r.policy === "drop" ? "Drop" : "Accept",
        Priority: String(r.priority),
        NicType: r.nicType,
        Description: rec?.description ?? "",
        CreateTime: rec?.createTime ?? "",
    };
}

/** The group as DescribeSecurityGroupAttribute answers it; `direction` `egress` lists nothing (no outbound rules here). */
export function describeGroup(emu: Emulator, groupId: string, direction = "all"): Record<string, unknown> {
    const g = groupOf(emu.model, groupId);
    const rules = direction.toLowerCase() === "egress" ? [] : rulesOf(emu.model, groupId);
    return {
        SecurityGroupId: g.id,
        SecurityGroupName: g.id,
        Description: "",
        RegionId: "",
        VpcId: g.vpcId ?? "",
        InnerAccessPolicy: "Accept",
        Permissions: { Permission: rules.map((r) => describeRule(emu, r)) },
    };
}

function describe(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    return describeGroup(emu, required(p, "SecurityGroupId"), p.Direction);
}

function revoke(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const groupId = required(p, "SecurityGroupId");
    const ids = flatList(p, "SecurityGroupRuleId");
    if (ids.length > 0) {
        revokeSecurityGroupRules(emu.model, groupId, ids);
        ids.forEach((id) => emu.groupRules.delete(id));
        return {};
    }
    for (const q of permissions(p)) {
        revokeSecurityGroup(emu.model, request(groupId, q)).forEach((id) => emu.groupRules.delete(id));
    }
    return {};
}

export const securityGroupActions: [string, Handler][] = [
    ["AuthorizeSecurityGroup", authorize],
    ["DescribeSecurityGroupAttribute", describe],
    ["RevokeSecurityGroup", revoke],
];
