/**
 * The inbound security-group rules of the DNAT targets (rules §7): one `alicloud.ecs.SecurityGroupRule` per rule and
 * source, named `<name>-ingress-<rule key>-<source>` (components/kinds.ts) so adding or removing a source touches
 * nothing else. They need nothing the DNAT entry needs, so they run in the first wave; the group's other rules are
 * never touched.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "./kinds";
import type { ResolvedRule } from "./validation";

/** The part of a child's name that stands for a source (components/kinds.ts). */
export { sourceName } from "./kinds";

/** The child names of a rule's ingress, by source. Pure. */
export function ingressNames(name: string, r: ResolvedRule): Map<string, string> {
    return new Map((r.ingress?.allowFrom ?? []).map((src) => [src, childName(name, "ingress", r.key, src)]));
}

/** Creates the ingress rules of every rule that names a security group, parented to `parent`. */
export function createIngress(name: string, rules: ResolvedRule[], parent: pulumi.Resource): ecs.SecurityGroupRule[] {
    const out: ecs.SecurityGroupRule[] = [];
    for (const r of rules) {
        const ingress = r.ingress;
        if (!ingress) {
            continue;
        }
        for (const [cidrIp, child] of ingressNames(name, r)) {
            out.push(
                new ecs.SecurityGroupRule(
                    child,
                    {
                        securityGroupId: ingress.securityGroupId,
                        type: "ingress",
                        ipProtocol: ingress.ipProtocol,
                        portRange: ingress.portRange,
                        cidrIp,
                        policy: "accept",
                        priority: 1,
                        // rules §7.1: a rule in a VPC security group needs NicType intranet; the provider puts the value
                        // into the rule's id, so it is always set (resource_alicloud_security_group_rule.go).
                        nicType: "intranet",
                    },
                    { parent },
                ),
            );
        }
    }
    return out;
}
