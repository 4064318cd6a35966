/**
 * Security groups and their inbound rules (rules §7): what AuthorizeSecurityGroup and RevokeSecurityGroup do to a
 * group, with the documented codes. A rule is identified by its group, protocol, port range, source, policy and NIC
 * type; authorising an identical rule again succeeds and creates nothing (rules §7.1), so the model says when a
 * stack would take over a rule it did not create.
 */
import { parseSource, permissionProblem } from "./permissions";
import { QUOTA_DEFAULTS } from "./limits";
import type { CloudModel } from "./model";
import { CloudError, IngressRequest, ruleAttributes, IngressRuleState, SecurityGroupState, UNDOCUMENTED_CODE } from "./state";

/** The group, or `InvalidSecurityGroupId.NotFound` (rules §7.1). */
export function groupOf(m: CloudModel, id: string): SecurityGroupState {
    const g = m.securityGroups.get(id);
    if (!g) {
        throw new CloudError("InvalidSecurityGroupId.NotFound", `The specified security group ${id} does not exist.`, "§7.1");
    }
    return g;
}

/** The inbound rules of a group, in creation order. */
export function rulesOf(m: CloudModel, groupId: string): IngressRuleState[] {
    return [...m.groupRules.values()].filter((r) => r.groupId === groupId);
}

/** Whether two rules are the same cloud rule (rules §7.2: what RevokeSecurityGroup matches on). */
function sameRule(r: IngressRuleState, q: Omit<IngressRuleState, "id" | "createdBy" | "attributes">): boolean {
    return (
        r.groupId === q.groupId &&
        r.ipProtocol === q.ipProtocol &&
        r.portRange === q.portRange &&
        r.sourceCidrIp === q.sourceCidrIp &&
        r.policy === q.policy &&
        r.nicType === q.nicType
    );
}

/** A request with the API's defaults (policy accept, priority 1, NicType intranet in a VPC group; rules §7.1). */
function normalise(req: IngressRequest): Omit<IngressRuleState, "id" | "createdBy" | "attributes"> {
    return {
        groupId: req.groupId,
        ipProtocol: req.ipProtocol.toLowerCase(),
        portRange: req.portRange,
        sourceCidrIp: req.sourceCidrIp,
        policy: (req.policy ?? "accept").toLowerCase(),
        priority: req.priority ?? 1,
        nicType: (req.nicType ?? "intranet").toLowerCase(),
    };
}

/**
 * AuthorizeSecurityGroup, one permission (rules §7.1, §7.4). Returns the new rule, or none when an identical rule
 * exists (the call succeeds and creates nothing), with advisories saying so.
 */
export function authorizeSecurityGroup(
    m: CloudModel,
    actor: string | undefined,
    req: IngressRequest,
): { rule?: IngressRuleState; advisories: string[] } {
    groupOf(m, req.groupId);
    const q = normalise(req);
    const bad = permissionProblem(q.ipProtocol, q.portRange);
    if (bad) {
        throw new CloudError(UNDOCUMENTED_CODE, `${bad}.`, "§7.1");
    }
    const source = parseSource(q.sourceCidrIp);
    if (!source.ok) {
        throw new CloudError(UNDOCUMENTED_CODE, `SourceCidrIp ${source.reason}.`, "§7.1");
    }
    if (q.priority < 1 || q.priority > 100) {
        throw new CloudError(UNDOCUMENTED_CODE, `Priority ${q.priority} is outside 1-100.`, "§7.1");
    }
    const existing = rulesOf(m, q.groupId).find((r) => sameRule(r, q));
    if (existing) {
        const owner =
            existing.createdBy === undefined
                ? "outside this stack"
                : existing.createdBy === actor
                  ? "by this resource"
                  : `by ${existing.createdBy}`;
        return {
            advisories: [
                `an identical rule (${q.ipProtocol} ${q.portRange} from ${q.sourceCidrIp}) already exists in ${q.groupId}, created ${owner}: the cloud creates nothing (docs/alicloud-rules.md §7.1), and deleting this resource would revoke that rule`,
            ],
        };
    }
    const quota = m.inventory.quotas.rulesPerSecurityGroup ?? QUOTA_DEFAULTS.rulesPerSecurityGroup;
    const count = rulesOf(m, q.groupId).length;
    if (count >= quota) {
        throw new CloudError(
            UNDOCUMENTED_CODE,
            `Security group ${q.groupId} already holds ${count} rules, the quota of ${quota} per group.`,
            "§7.4",
        );
    }
    const rule: IngressRuleState = { ...q, id: req.id, createdBy: actor, attributes: ruleAttributes(req.attributes) };
    m.groupRules.set(rule.id, rule);
    return { rule, advisories: [] };
}

/**
 * RevokeSecurityGroup by the rule's parameters (rules §7.2): removes the matching rules; none matching is a success
 * that removes nothing. Returns the ids removed.
 */
export function revokeSecurityGroup(m: CloudModel, req: Omit<IngressRequest, "id">): string[] {
    groupOf(m, req.groupId);
    const q = normalise({ ...req, id: "" });
    const gone = rulesOf(m, q.groupId).filter((r) => sameRule(r, q));
    gone.forEach((r) => m.groupRules.delete(r.id));
    return gone.map((r) => r.id);
}

/** RevokeSecurityGroup by rule ids (rules §7.2): an id not in the group is `InvalidSecurityGroupRule.RuleNotExist`. */
export function revokeSecurityGroupRules(m: CloudModel, groupId: string, ruleIds: string[]): void {
    groupOf(m, groupId);
    for (const id of ruleIds) {
        if (m.groupRules.get(id)?.groupId !== groupId) {
            throw new CloudError("InvalidSecurityGroupRule.RuleNotExist", `The specified rule ${id} does not exist.`, "§7.2");
        }
    }
    ruleIds.forEach((id) => m.groupRules.delete(id));
}
