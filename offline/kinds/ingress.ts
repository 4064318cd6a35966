/**
 * An ingress rule offline (components/kinds.ts `ingress`): its mock id (the provider's composite id) and
 * AuthorizeSecurityGroup / RevokeSecurityGroup on the cloud model.
 */
import type { OfflineKind } from "./kind";
import { str } from "./kind";

/** The AuthorizeSecurityGroup / RevokeSecurityGroup parameters of a SecurityGroupRule's inputs. */
function ingressRequest(i: Record<string, unknown>) {
    return {
        groupId: String(i.securityGroupId),
        ipProtocol: String(i.ipProtocol),
        portRange: String(i.portRange),
        sourceCidrIp: String(i.cidrIp),
        policy: str(i.policy),
        priority: typeof i.priority === "number" ? i.priority : undefined,
        nicType: str(i.nicType),
    };
}

export const ingress: OfflineKind = {
    create: (_args, inputs, ctx) => {
        // The provider's id: group:direction:protocol:ports:nic:source:policy:priority (resource_alicloud_security_group_rule.go).
        const parts = [inputs.securityGroupId, inputs.type, inputs.ipProtocol, inputs.portRange, inputs.nicType, inputs.cidrIp];
        const id = [...parts, inputs.policy ?? "accept", inputs.priority ?? 1].map(String).join(":");
        return { id, state: { ...inputs, securityGroupRuleId: ctx.token("sgr") } };
    },
    applyCreate: (model, r, answer) =>
        model.authorizeSecurityGroup(r.urn, { id: String(answer.state.securityGroupRuleId ?? answer.id), ...ingressRequest(r.inputs) }),
    applyDelete: (model, r) => {
        model.revokeSecurityGroup(ingressRequest(r.inputs));
        return [];
    },
};
