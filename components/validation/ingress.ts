/**
 * Security-group ingress for DNAT targets (rules §7): the sources each rule lets in, the web-port default, the
 * explicit sources administrative ports and whole-IP rules need, uniqueness and the per-group quota.
 */
import * as ipaddr from "ipaddr.js";
import { SENSITIVE_PORTS, WEB_PORTS } from "../limits";
import { checkId } from "./ids";
import type { PortSpec } from "../ports";
import type { ForwardRuleSpec, SharedBandwidthGatewayArgs } from "../types";
import { show } from "./common";
import type { ParsedRule, Problem, ResolvedGateway, ResolvedIngress } from "./types";

/** The whole IPv4 Internet as a source. */
export const ANYWHERE = "0.0.0.0/0";

/** The protocol and port range of the inbound rule for a DNAT rule's private side (rules §7.1). Pure. */
export function ingressPermission(protocol: ParsedRule["protocol"], int: PortSpec): Pick<ResolvedIngress, "ipProtocol" | "portRange"> {
    if (protocol === "any" || int.kind === "any") {
        return { ipProtocol: "all", portRange: "-1/-1" };
    }
    return { ipProtocol: protocol, portRange: `${int.start}/${int.end}` };
}

/**
 * Why ECS refuses a protocol and port range, or undefined when it accepts them (rules §7.1): tcp and udp take
 * `start/end` within 1-65535; icmp, gre and all only `-1/-1`. Pure.
 */
export function permissionProblem(ipProtocol: string, portRange: string): string | undefined {
    const p = ipProtocol.toLowerCase();
    if (!["tcp", "udp", "icmp", "gre", "all"].includes(p)) {
        return `protocol ${show(ipProtocol)} is not one of tcp, udp, icmp, gre, all`;
    }
    if (p !== "tcp" && p !== "udp") {
        return portRange === "-1/-1" ? undefined : `protocol ${p} takes only the port range -1/-1 (got ${show(portRange)})`;
    }
    const m = /^(\d+)\/(\d+)$/.exec(portRange);
    const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!m || start < 1 || end > 65535 || start > end) {
        return `protocol ${p} needs a port range start/end within 1-65535 (got ${show(portRange)})`;
    }
    return undefined;
}

/** An IPv4 source in CIDR form, as its network address; or why it is refused. Pure. */
export function parseSource(value: unknown): { ok: true; cidr: string; prefix: number } | { ok: false; reason: string } {
    if (typeof value !== "string" || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(value.trim())) {
        return { ok: false, reason: `${show(value)} is not an IPv4 CIDR such as 203.0.113.0/24` };
    }
    let addr: ipaddr.IPv4;
    let bits: number;
    try {
        [addr, bits] = ipaddr.IPv4.parseCIDR(value.trim());
    } catch {
        return { ok: false, reason: `${show(value)} is not an IPv4 CIDR such as 203.0.113.0/24` };
    }
    const network = ipaddr.IPv4.networkAddressFromCIDR(value.trim()).toString();
    if (network !== addr.toString()) {
        // The provider finds its rule again by the exact text it sent (rules §7.6), so only the network form is kept.
        return { ok: false, reason: `${show(value)} has host bits set; write the network address ${network}/${bits}` };
    }
    return { ok: true, cidr: `${network}/${bits}`, prefix: bits };
}

/** The sensitive ports (administrative, database) a private port range covers, with their labels. Pure. */
export function sensitivePortsIn(int: PortSpec): [number, string][] {
    return Object.entries(SENSITIVE_PORTS)
        .map(([p, label]): [number, string] => [Number(p), label])
        .filter(([p]) => int.kind === "any" || (int.start <= p && p <= int.end));
}

/** Whether a rule may leave `allowFrom` out: a single web port, never a whole-IP rule (rules §7.5). Pure. */
export function defaultsToAnywhere(r: ParsedRule): boolean {
    return r.protocol !== "any" && r.int.kind === "range" && r.int.start === r.int.end && WEB_PORTS.includes(r.int.start);
}

/** Why `allowFrom` is required for this rule, for the message. */
function whyRequired(r: ParsedRule): string {
    if (r.protocol === "any") {
        return "a whole-IP rule opens every port of its target";
    }
    const sensitive = sensitivePortsIn(r.int);
    if (sensitive.length > 0) {
        return `port ${sensitive.map(([p, l]) => `${p} (${l})`).join(", ")} is administrative`;
    }
    return `only the web ports ${WEB_PORTS.join(" and ")} default to ${ANYWHERE}`;
}

/** The sources of one rule, checked; undefined when the rule names no security group or its sources are invalid. */
function ruleIngress(problems: Problem[], key: string, spec: ForwardRuleSpec, r: ParsedRule): ResolvedIngress | undefined {
    const path = `rules.${key}`;
    if (spec.securityGroupId === undefined) {
        if (spec.allowFrom !== undefined) {
            problems.push({
                propertyPath: `${path}.allowFrom`,
                reason: `${show(spec.allowFrom)} needs securityGroupId: the sources are let in by the target's security group, which DNAT cannot restrict`,
            });
        }
        return undefined;
    }
    const before = problems.length;
    checkId(problems, `${path}.securityGroupId`, spec.securityGroupId, "securityGroup");
    if (spec.allowFrom === undefined && !defaultsToAnywhere(r)) {
        problems.push({
            propertyPath: `${path}.allowFrom`,
            reason: `is required with securityGroupId: ${whyRequired(r)}; list the sources allowed in, e.g. allowFrom: [203.0.113.0/24]`,
        });
    }
    if (spec.allowFrom !== undefined && spec.allowFrom.length === 0) {
        problems.push({
            propertyPath: `${path}.allowFrom`,
            reason: "[] lets nobody in; list at least one source, or drop securityGroupId",
        });
    }
    const allowFrom: string[] = [];
    (spec.allowFrom ?? []).forEach((text, i) => {
        const s = parseSource(text);
        if (!s.ok) {
            problems.push({ propertyPath: `${path}.allowFrom.${i}`, reason: s.reason });
        } else if (allowFrom.includes(s.cidr)) {
            problems.push({ propertyPath: `${path}.allowFrom.${i}`, reason: `${show(text)} is listed twice` });
        } else {
            allowFrom.push(s.cidr);
        }
    });
    if (problems.length > before) {
        return undefined;
    }
    const defaulted = spec.allowFrom === undefined;
    return {
        securityGroupId: spec.securityGroupId,
        ...ingressPermission(r.protocol, r.int),
        allowFrom: defaulted ? [ANYWHERE] : allowFrom,
        defaulted,
    };
}

/**
 * Checks the ingress of every parsed rule, then across rules: one cloud rule per (group, protocol, port range,
 * source), and the group's quota. Returns the ingress by rule key. Warns when an administrative port or a whole-IP
 * rule is open to the whole Internet.
 */
export function checkIngress(
    problems: Problem[],
    warnings: Problem[],
    a: SharedBandwidthGatewayArgs,
    rules: ParsedRule[],
    quotas: ResolvedGateway["quotas"],
): Map<string, ResolvedIngress> {
    const out = new Map<string, ResolvedIngress>();
    const owners = new Map<string, string>();
    const perGroup = new Map<string, number>();
    for (const r of [...rules].sort((x, y) => x.key.localeCompare(y.key))) {
        const ingress = ruleIngress(problems, r.key, a.rules![r.key], r);
        if (!ingress) {
            continue;
        }
        out.set(r.key, ingress);
        perGroup.set(ingress.securityGroupId, (perGroup.get(ingress.securityGroupId) ?? 0) + ingress.allowFrom.length);
        ingress.allowFrom.forEach((src, i) => {
            // rules §7.1: an identical rule is not created twice, so two rules cannot each own it.
            const id = `${ingress.securityGroupId} ${ingress.ipProtocol} ${ingress.portRange} ${src}`;
            const owner = owners.get(id);
            if (owner !== undefined) {
                problems.push({
                    propertyPath: ingress.defaulted ? `rules.${r.key}.securityGroupId` : `rules.${r.key}.allowFrom.${i}`,
                    reason: `${show(src)} on ${ingress.ipProtocol} ${ingress.portRange} in ${ingress.securityGroupId} is already let in by rule ${show(owner)}; (group, protocol, port, source) must be unique`,
                });
            }
            owners.set(id, r.key);
        });
        const sensitive = r.protocol === "any" || sensitivePortsIn(r.int).length > 0;
        if (sensitive && ingress.allowFrom.includes(ANYWHERE)) {
            warnings.push({
                propertyPath: `rules.${r.key}.allowFrom`,
                reason: `OPEN TO THE WHOLE INTERNET: ${whyRequired(r)} and ${ANYWHERE} lets everyone in through ${ingress.securityGroupId}; restrict allowFrom to the networks that need it`,
            });
        }
    }
    for (const [group, count] of perGroup) {
        if (count > quotas.rulesPerSecurityGroup) {
            problems.push({
                propertyPath: "rules",
                reason: `${count} ingress rules in security group ${group} exceed the quota of ${quotas.rulesPerSecurityGroup} rules per security group (docs/alicloud-rules.md §7.4); merge sources into wider CIDRs, or set quotas.rulesPerSecurityGroup if your group allows more`,
            });
        }
    }
    return out;
}
