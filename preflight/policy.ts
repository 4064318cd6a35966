/**
 * The least-privilege RAM policy of a stack: exactly the API actions that deploying it, updating it and destroying it
 * call, with the resources each may touch. Pure.
 *
 * The actions are those terraform-provider-alicloud v1.285.0 sends for each resource the component creates or reads
 * (`alicloud/resource_alicloud_<x>.go` and the service functions they call), and only under the conditions it sends
 * them (tags set, deletion protection on, EIPs unprotected...). The random provider and the connectivity check (a
 * dynamic provider probing TCP/HTTP endpoints) call no API. "Updating" is what the component changes in place: the
 * plan's bandwidth (ModifyCommonBandwidthPackageSpec), a rule's ports, address, protocol or name (ModifyForwardEntry),
 * and deletion protection being lifted before a destroy; renaming or re-describing the gateway, plan or EIPs
 * (Modify*Attribute) and removing tags (UnTagResources) are not included. `npm run e2e` checks the policy against every
 * action the real provider sent in a full lifecycle.
 *
 * Resources follow each action's "Authorization information" on its API page
 * (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-<action>) and the RAM pages:
 * https://alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-ram ,
 * https://alibabacloud.com/help/en/eip/developer-reference/api-vpc-2016-04-28-ram-eips ,
 * https://alibabacloud.com/help/en/nat-gateway/developer-reference/api-vpc-2016-04-28-ram-natgws ,
 * https://help.aliyun.com/en/internet-shared-bandwidth/developer-reference/api-vpc-2016-04-28-ram-brandwidths ,
 * https://alibabacloud.com/help/en/ecs/authentication-rules (ECS), and for CreateNatGateway the older
 * https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/ram-user-authorization . Where a page names a
 * resource type, the resource is that type in the stack's region and account (a created resource's id does not exist
 * before the deploy, so `.../eip/*`); where the id is known (security groups, an adopted gateway) it is named. No page
 * was found for the tag actions: their resource is the region and account (`acs:vpc:R:A:*`). CreateNatGateway's current
 * page was not found either: the older page's `natgateway/*`, with the VPC and vSwitch it is created in added in case
 * the current one names them. DeletionProtection's page names the EIP (`eip/{id}` of `InstanceId`); the gateway and
 * plan types it also protects are added the same way.
 */
import type { ResolvedGateway } from "../components";

export interface RamStatement {
    Effect: "Allow";
    Action: string[];
    Resource: string[];
}

/** A RAM policy document, as `ram CreatePolicy --PolicyDocument` takes it. */
export interface RamPolicy {
    Version: "1";
    Statement: RamStatement[];
}

/** What the policy is for: the stack's resolved arguments, its region, the account id (`*` when not given). */
export interface PolicyScope {
    gateway: ResolvedGateway;
    region: string;
    account: string;
    vpcId?: string;
    vswitchId?: string;
}

/** RAM actions with the resources each may touch. */
export type ActionResources = Map<string, Set<string>>;

function arns(s: PolicyScope) {
    const vpc = (rest: string) => `acs:vpc:${s.region}:${s.account}:${rest}`;
    return {
        region: vpc("*"),
        nat: (id = "*") => vpc(`natgateway/${id}`),
        eip: vpc("eip/*"),
        plan: vpc("combandwidthpackage/*"),
        table: vpc("forwardtable/*"),
        vpc: (id: string) => vpc(`vpc/${id}`),
        vswitch: (id: string) => vpc(`vswitch/${id}`),
        group: (id: string) => `acs:ecs:${s.region}:${s.account}:securitygroup/${id}`,
    };
}

/** Adds an action with resources it may touch. */
type Allow = (action: string, ...resources: string[]) => void;
type Arns = ReturnType<typeof arns>;

/** The actions the provider calls for the stack, with their resources. */
export function deployActions(s: PolicyScope): ActionResources {
    const g = s.gateway;
    const a = arns(s);
    const out: ActionResources = new Map();
    const allow: Allow = (action, ...resources) => {
        const set = out.get(action) ?? out.set(action, new Set()).get(action)!;
        resources.forEach((r) => set.add(r));
    };
    natActions(s, a, allow);
    planActions(g, a, allow);
    if (Object.keys(g.tags).length > 0) {
        allow("vpc:TagResources", a.region);
    }
    eipActions(g, a, allow);
    ruleActions(g, a, allow);
    return out;
}

/**
 * resource_alicloud_nat_gateway.go: Create, then Update (tags, deletion protection), Read (DescribeNatGateways and
 * ListTagResources), Delete. An adopted gateway is only read.
 */
function natActions(s: PolicyScope, a: Arns, allow: Allow): void {
    const g = s.gateway;
    allow("vpc:DescribeNatGateways", natArnOf(g, a));
    allow("vpc:ListTagResources", a.region);
    if (g.nat.mode === "create") {
        allow("vpc:CreateNatGateway", a.nat(), ...(s.vpcId ? [a.vpc(s.vpcId)] : []), ...(s.vswitchId ? [a.vswitch(s.vswitchId)] : []));
        allow("vpc:DeleteNatGateway", a.nat());
        if (g.nat.deletionProtection) {
            allow("vpc:DeletionProtection", a.eip, a.nat(), a.plan);
        }
    }
}

/** The gateway's resource: the adopted one by id, else any. */
function natArnOf(g: ResolvedGateway, a: Arns): string {
    return g.nat.mode === "adopt" ? a.nat(g.nat.id) : a.nat();
}

/** resource_alicloud_common_bandwidth_package.go: Create, Update (spec, protection, tags), Read, Delete (not PayBy95). */
function planActions(g: ResolvedGateway, a: Arns, allow: Allow): void {
    allow("vpc:CreateCommonBandwidthPackage", a.plan);
    allow("vpc:DescribeCommonBandwidthPackages", a.plan);
    allow("vpc:ModifyCommonBandwidthPackageSpec", a.plan);
    if (g.plan.deletionProtection) {
        allow("vpc:DeletionProtection", a.eip, a.nat(), a.plan);
    }
    if (g.plan.internetChargeType !== "PayBy95") {
        allow("vpc:DeleteCommonBandwidthPackage", a.plan);
    }
}

/**
 * resource_alicloud_eip_address.go (created EIPs; released only when not protected), _attachment.go (joins),
 * _eip_association.go (bindings; an adopted binding is imported and kept on destroy, so never sent).
 */
function eipActions(g: ResolvedGateway, a: Arns, allow: Allow): void {
    allow("vpc:DescribeEipAddresses", a.eip);
    if (g.eips.some((e) => e.mode === "create")) {
        allow("vpc:AllocateEipAddress", a.eip);
        if (!g.protectEips) {
            allow("vpc:ReleaseEipAddress", a.eip);
        }
    }
    if (g.eips.length > 0) {
        allow("vpc:AddCommonBandwidthPackageIp", a.plan);
        allow("vpc:RemoveCommonBandwidthPackageIp", a.plan);
    }
    if (g.eips.some((e) => !g.boundEips.includes(e.key))) {
        allow("vpc:AssociateEipAddress", a.eip, natArnOf(g, a));
        allow("vpc:UnassociateEipAddress", a.eip);
    }
}

/** The rules' forward entries and their security group ingress. */
function ruleActions(g: ResolvedGateway, a: Arns, allow: Allow): void {
    // resource_alicloud_forward_entry.go: Create, Read, Update (ModifyForwardEntry), Delete.
    if (g.rules.length > 0) {
        for (const action of ["CreateForwardEntry", "DescribeForwardTableEntries", "ModifyForwardEntry", "DeleteForwardEntry"]) {
            allow(`vpc:${action}`, a.table);
        }
    }
    // resource_alicloud_security_group_rule.go: DescribeSecurityGroupAttribute before create and delete and on read,
    // AuthorizeSecurityGroup (the ECS RAM page: all resources), RevokeSecurityGroup.
    const groups = [...new Set(g.rules.flatMap((r) => (r.ingress ? [r.ingress.securityGroupId] : [])))].sort();
    if (groups.length > 0) {
        allow("ecs:DescribeSecurityGroupAttribute", ...groups.map(a.group));
        allow("ecs:AuthorizeSecurityGroup", "*");
        allow("ecs:RevokeSecurityGroup", ...groups.map(a.group));
    }
}

/** The reads `npm run inventory` and `npm run preflight` send (preflight/reader.ts), with their resources. */
export function preflightActions(s: Pick<PolicyScope, "region" | "account">): ActionResources {
    const vpc = (rest: string) => `acs:vpc:${s.region}:${s.account}:${rest}`;
    return new Map([
        ["vpc:DescribeVpcs", new Set([vpc("vpc/*")])],
        ["vpc:DescribeVSwitches", new Set([vpc("vswitch/*")])],
        ["vpc:ListEnhanhcedNatGatewayAvailableZones", new Set([vpc("*")])],
        ["vpc:DescribeNatGateways", new Set([vpc("natgateway/*")])],
        ["vpc:DescribeForwardTableEntries", new Set([vpc("forwardtable/*")])],
        ["vpc:DescribeEipAddresses", new Set([vpc("eip/*")])],
        ["vpc:DescribeCommonBandwidthPackages", new Set([vpc("combandwidthpackage/*")])],
        ["ecs:DescribeSecurityGroups", new Set([`acs:ecs:${s.region}:${s.account}:securitygroup/*`])],
        ["ecs:DescribeSecurityGroupAttribute", new Set([`acs:ecs:${s.region}:${s.account}:securitygroup/*`])],
    ]);
}

/** The policy document: one statement per set of resources, actions and resources sorted. */
export function ramPolicy(actions: ActionResources): RamPolicy {
    const byResources = new Map<string, string[]>();
    for (const [action, resources] of [...actions].sort(([x], [y]) => x.localeCompare(y))) {
        const key = JSON.stringify([...resources].sort());
        byResources.set(key, [...(byResources.get(key) ?? []), action]);
    }
    const Statement = [...byResources].map(([key, Action]) => ({
        Effect: "Allow" as const,
        Action,
        Resource: JSON.parse(key) as string[],
    }));
    return { Version: "1", Statement };
}

/** The actions of a policy document, without the service prefix (`DescribeEipAddresses`), sorted. */
export function policyActionNames(policy: RamPolicy): string[] {
    return [...new Set(policy.Statement.flatMap((s) => s.Action.map((a) => a.slice(a.indexOf(":") + 1))))].sort();
}
