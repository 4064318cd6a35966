/** DNAT rules: each on its own, then against each other (rules §1.6, §3). */
import * as ipaddr from "ipaddr.js";
import { ADMIN_PORTS, DnatProtocol, DNAT_PROTOCOLS } from "../limits";
import { formatPort, parsePort, portCount, PortSpec, portsOverlap } from "../ports";
import type { ForwardRuleSpec, SharedBandwidthGatewayArgs } from "../types";
import { checkKey, checkName, checkPorts, nameProblems, oneOf, show } from "./common";
import type { Cidr, ParsedRule, Problem, ResolvedIngress, ResolvedRule } from "./types";

/** Checks every rule on its own; returns the parsed ones (only those whose fields are all valid). */
export function checkRules(problems: Problem[], a: SharedBandwidthGatewayArgs, cidr: Cidr | undefined): ParsedRule[] {
    const parsed: ParsedRule[] = [];
    for (const [key, r] of Object.entries(a.rules ?? {})) {
        const path = `rules.${key}`;
        const before = problems.length;
        checkKey(problems, path, key);
        if (!(r.eip in a.eips)) {
            problems.push({
                propertyPath: `${path}.eip`,
                reason: `${show(r.eip)} is not a key of eips; known EIPs: ${Object.keys(a.eips).join(", ") || "(none)"}`,
            });
        }
        const ports = checkRulePorts(problems, path, r);
        const ipOk = checkInternalIp(problems, path, r.internalIp, cidr);
        checkRuleExtras(problems, a, path, key, r);
        if (problems.length === before && ports.ext && ports.int && ipOk) {
            parsed.push({ key, eip: r.eip, protocol: ports.protocol, ext: ports.ext, int: ports.int, internalIp: r.internalIp });
        }
    }
    return parsed;
}

/** Protocol and ports of one rule; `ext` and `int` are set when they parse. */
function checkRulePorts(problems: Problem[], path: string, r: ForwardRuleSpec): { protocol: DnatProtocol; ext?: PortSpec; int?: PortSpec } {
    // rules §1.6 / §5.3: protocol TCP, UDP or Any; the provider takes lowercase only, so normalise.
    const protocol = oneOf(problems, `${path}.protocol`, r.protocol, DNAT_PROTOCOLS, "tcp", { caseInsensitive: true });
    const extRaw = r.externalPort ?? (protocol === "any" ? "any" : undefined);
    const extParsed = parsePort(extRaw);
    if (!extParsed.ok) {
        problems.push({ propertyPath: `${path}.externalPort`, reason: `${show(extRaw ?? null)}: ${extParsed.reason}` });
    }
    const intRaw = r.internalPort ?? extRaw;
    const intParsed = parsePort(intRaw);
    if (!intParsed.ok && r.internalPort !== undefined) {
        problems.push({ propertyPath: `${path}.internalPort`, reason: `${show(intRaw)}: ${intParsed.reason}` });
    }
    if (!extParsed.ok || !intParsed.ok) {
        return { protocol };
    }
    checkPortPair(problems, path, protocol, extParsed.port, intParsed.port);
    return { protocol, ext: extParsed.port, int: intParsed.port };
}

function checkPortPair(problems: Problem[], path: string, protocol: DnatProtocol, ext: PortSpec, int: PortSpec): void {
    // rules §1.6 / §3: Any protocol needs Any ports (IP mapping); Any ports need Any protocol.
    if (protocol === "any" && (ext.kind !== "any" || int.kind !== "any")) {
        problems.push({
            propertyPath: ext.kind !== "any" ? `${path}.externalPort` : `${path}.internalPort`,
            reason: `protocol "any" is whole-IP mapping, so both ports must be "any" (got ${formatPort(ext)} -> ${formatPort(int)})`,
        });
    } else if (protocol !== "any" && (ext.kind === "any" || int.kind === "any")) {
        problems.push({
            propertyPath: ext.kind === "any" ? `${path}.externalPort` : `${path}.internalPort`,
            reason: `port "any" is only for whole-IP mapping with protocol "any" (got protocol ${show(protocol)})`,
        });
    } else if (portCount(ext) !== portCount(int)) {
        // rules §1.6: a public range needs a private range with the same number of ports.
        problems.push({
            propertyPath: `${path}.internalPort`,
            reason: `${show(formatPort(int))} covers ${portCount(int)} port(s) but externalPort ${show(formatPort(ext))} covers ${portCount(ext)}; both must cover the same number`,
        });
    }
}

/** rules §1.6 / §3: InternalIp must be inside the VPC CIDR (a private IPv4 when the CIDR is not given). */
function checkInternalIp(problems: Problem[], path: string, internalIp: string, cidr: Cidr | undefined): boolean {
    if (!ipaddr.IPv4.isValidFourPartDecimal(internalIp)) {
        problems.push({ propertyPath: `${path}.internalIp`, reason: `${show(internalIp)} is not an IPv4 address` });
        return false;
    }
    const ip = ipaddr.IPv4.parse(internalIp);
    if (cidr && !ip.match(cidr)) {
        problems.push({
            propertyPath: `${path}.internalIp`,
            reason: `${show(internalIp)} is outside the VPC CIDR ${cidr[0].toString()}/${cidr[1]} (Forbidden.InternalIpOutOfVpcCIDR)`,
        });
        return false;
    }
    if (!cidr && ip.range() !== "private") {
        problems.push({
            propertyPath: `${path}.internalIp`,
            reason: `${show(internalIp)} is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); set vpcCidr if your VPC uses another range`,
        });
        return false;
    }
    return true;
}

/** Application, entry name and probe of one rule. */
function checkRuleExtras(problems: Problem[], a: SharedBandwidthGatewayArgs, path: string, key: string, r: ForwardRuleSpec): void {
    if (r.application !== undefined && !(r.application in (a.applications ?? {}))) {
        problems.push({
            propertyPath: `${path}.application`,
            reason: `${show(r.application)} is not a key of applications; known: ${Object.keys(a.applications ?? {}).join(", ") || "(none)"}`,
        });
    }
    // The entry name defaults to the rule key, so a key that is not a valid name needs an explicit name (rules §1.6).
    if (r.name !== undefined) {
        checkName(problems, `${path}.name`, r.name, 2, 128);
    } else if (nameProblems(key, 2, 128).length > 0) {
        problems.push({
            propertyPath: path,
            reason: `key ${show(key)} is also the DNAT entry's default name, which needs 2-128 characters starting with a letter: use such a key, or give the rule a name`,
        });
    }
    if (r.probe?.kind !== undefined) {
        oneOf(problems, `${path}.probe.kind`, r.probe.kind, ["tcp", "http", "https"] as const, "tcp", { caseInsensitive: true });
    }
    const probePath = r.probe?.path;
    if (probePath !== undefined && !probePath.startsWith("/")) {
        problems.push({
            propertyPath: `${path}.probe.path`,
            reason: `${show(probePath)} must start with "/": it is the path of the probe's request, e.g. "/${probePath.replace(/^\/*/, "")}"`,
        });
    }
    checkPorts(problems, `${path}.probe.ports`, r.probe?.ports);
}

/** Cross-rule checks: the uniqueness keys of a DNAT table and exclusive whole-IP EIPs (rules §1.6, §3). */
export function checkRuleConflicts(problems: Problem[], rules: ParsedRule[]): void {
    const sorted = [...rules].sort((x, y) => x.key.localeCompare(y.key));
    for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) {
            checkRulePair(problems, sorted[i], sorted[j]);
        }
    }
}

function checkRulePair(problems: Problem[], x: ParsedRule, y: ParsedRule): void {
    const sameProto = x.protocol === y.protocol || x.protocol === "any" || y.protocol === "any";
    if (x.eip === y.eip && (x.protocol === "any" || y.protocol === "any")) {
        // rules §3: an IP used by an IP-mapping entry cannot be used by any other DNAT entry.
        const whole = x.protocol === "any" ? x : y;
        const other = whole === x ? y : x;
        problems.push({
            propertyPath: `rules.${other.key}.eip`,
            reason: `EIP ${show(x.eip)} is mapped whole to ${whole.internalIp} by rule ${show(whole.key)}; a whole-IP EIP cannot carry other rules`,
        });
        return;
    }
    if (x.eip === y.eip && sameProto && portsOverlap(x.ext, y.ext)) {
        // rules §1.6: (ExternalIp, ExternalPort, IpProtocol) is unique; overlapping ranges treated as conflicts (§3 [?]).
        problems.push({
            propertyPath: `rules.${y.key}.externalPort`,
            reason: `${formatPort(y.ext)}/${y.protocol} on EIP ${show(y.eip)} overlaps rule ${show(x.key)} (${formatPort(x.ext)}/${x.protocol}); (EIP, public port, protocol) must be unique`,
        });
    }
    if (x.internalIp === y.internalIp && sameProto && portsOverlap(x.int, y.int)) {
        // rules §1.6: (InternalIp, InternalPort, IpProtocol) is unique.
        problems.push({
            propertyPath: `rules.${y.key}.internalPort`,
            reason: `${y.internalIp}:${formatPort(y.int)}/${y.protocol} is already the target of rule ${show(x.key)}; (private IP, private port, protocol) must be unique`,
        });
    }
}

/** Whole-IP exposure and admin ports in public ranges, for rules whose sources no security group restricts. */
export function ruleWarnings(warnings: Problem[], rules: ParsedRule[], restricted: ReadonlySet<string> = new Set()): void {
    for (const r of rules) {
        if (restricted.has(r.key)) {
            continue; // validation/ingress.ts warns when its sources include the whole Internet
        } else if (r.protocol === "any") {
            warnings.push({
                propertyPath: `rules.${r.key}`,
                reason: `whole-IP mapping exposes every port of ${r.internalIp} to the Internet; restrict it with security group rules`,
            });
        } else if (r.ext.kind === "range") {
            for (const [port, label] of Object.entries(ADMIN_PORTS)) {
                const n = Number(port);
                if (r.ext.start <= n && n <= r.ext.end) {
                    warnings.push({
                        propertyPath: `rules.${r.key}`,
                        reason: `admin port ${n} (${label}) is exposed to the Internet; restrict source addresses in the security group`,
                    });
                }
            }
        }
    }
}

/** The resolved rules, sorted by key, with defaults applied. Sorts `rules` in place. */
export function resolveRules(
    a: SharedBandwidthGatewayArgs,
    rules: ParsedRule[],
    ingress: ReadonlyMap<string, ResolvedIngress>,
): ResolvedRule[] {
    return rules
        .sort((x, y) => x.key.localeCompare(y.key))
        .map((r) => {
            const spec = a.rules![r.key];
            return {
                key: r.key,
                eip: r.eip,
                protocol: r.protocol,
                externalPort: formatPort(r.ext),
                internalPort: formatPort(r.int),
                internalIp: r.internalIp,
                wholeIp: r.protocol === "any",
                name: spec.name ?? r.key,
                portBreak: spec.portBreak ?? false,
                application: spec.application,
                probe: {
                    kind: (spec.probe?.kind?.toLowerCase() ?? "tcp") as "tcp" | "http" | "https",
                    path: spec.probe?.path ?? "/",
                    ports: spec.probe?.ports ?? [],
                    enabled: spec.probe?.enabled ?? true,
                },
                ...(ingress.has(r.key) ? { ingress: ingress.get(r.key) } : {}),
            };
        });
}
