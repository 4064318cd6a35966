/**
 * Validation and normalisation of {@link SharedBandwidthGatewayArgs}, before any resource exists.
 * Pure: collects every problem, then either returns the resolved gateway or throws one error listing them all.
 * Each check cites the section of the project's Alibaba Cloud rules reference (alicloud-rules.md) it implements.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ipaddr from "ipaddr.js";
import { BandwidthFigures, DemandProfile, parseTimeOfDay, planBandwidth } from "./bandwidth";
import {
    AccountSite,
    ACCOUNT_SITES,
    ADMIN_PORTS,
    DEFAULT_PLAN_CHARGE_TYPE,
    DEFAULT_QUOTAS,
    DnatProtocol,
    DNAT_PROTOCOLS,
    EipBindMode,
    EipChargeType,
    EIP_BIND_MODES,
    EIP_CHARGE_TYPES,
    Isp,
    ISPS,
    MAX_EIPS_NAT_BIND_MODE,
    PAYBY95_RATIO,
    PlanChargeType,
    PLAN_BANDWIDTH_RANGES,
    PLAN_CHARGE_TYPES,
    TRAFFIC_EIPS_PER_NAT_LIKELY,
} from "./limits";
import { formatPort, parsePort, portCount, PortSpec, portsOverlap } from "./ports";
import { checkShape, Problem } from "./schema";
import type { SharedBandwidthGatewayArgs } from "./types";

export type { Problem } from "./schema";

/** A DNAT rule after validation: lowercase protocol, normalised ports. */
export interface ResolvedRule {
    key: string;
    eip: string;
    protocol: DnatProtocol;
    externalPort: string;
    internalPort: string;
    internalIp: string;
    /** Whole-IP mapping (protocol and ports `any`). */
    wholeIp: boolean;
    name: string;
    portBreak: boolean;
    application?: string;
    probe: { kind: "tcp" | "http" | "https"; path: string; ports: number[]; enabled: boolean };
}

/** An EIP after validation. */
export interface ResolvedEip {
    key: string;
    mode: "create" | "adopt";
    allocationId?: string;
    name?: string;
    description?: string;
    internetChargeType: EipChargeType;
    /** Keys of the rules that use this EIP, sorted. Empty: a spare EIP. */
    ruleKeys: string[];
}

/** The bandwidth plan after validation, with its size decided. */
export interface ResolvedBandwidthPlan {
    bandwidthMbps: number;
    sizedBy: "auto" | "configured";
    isp: Isp;
    internetChargeType: PlanChargeType;
    ratio?: number;
    name?: string;
    description?: string;
    deletionProtection: boolean;
}

/** Economics of the shared plan. Present when demand profiles are given. */
export interface BandwidthEconomics extends BandwidthFigures {
    planMbps: number;
    /** Sum of individual peaks minus the plan size: what sharing saves, Mbit/s. */
    savingMbps: number;
}

/** Everything the component needs, validated, with defaults applied. EIPs and rules are sorted by key. */
export interface ResolvedGateway {
    site: AccountSite;
    namePrefix: string;
    vpcId?: pulumi.Input<string>;
    vpcCidr?: string;
    tags: Record<string, string>;
    nat:
        | { mode: "adopt"; id: string }
        | {
              mode: "create";
              vswitchId: pulumi.Input<string>;
              name?: string;
              description?: string;
              deletionProtection: boolean;
              eipBindMode: EipBindMode;
          };
    eips: ResolvedEip[];
    rules: ResolvedRule[];
    plan: ResolvedBandwidthPlan;
    economics?: BandwidthEconomics;
    quotas: { eipsPerNatGateway: number; dnatEntriesPerTable: number; eipsPerBandwidthPlan: number };
    protectEips: boolean;
    maxParallelWrites: number;
    connectivity: {
        mode: "off" | "report" | "enforce";
        trigger: string;
        sparePorts: number[];
        timeoutMs?: number;
        attempts?: number;
        deadlineMs?: number;
        concurrency?: number;
    };
    warnings: Problem[];
}

/** Thrown when the arguments are invalid; lists every problem. The Pulumi engine prints it without a stack trace. */
export class GatewayValidationError extends pulumi.InputPropertiesError {
    constructor(
        readonly componentName: string,
        readonly problems: Problem[],
    ) {
        super({
            message: `${componentName}: invalid arguments (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
                .map((p) => `  - ${p.propertyPath}: ${p.reason}`)
                .join("\n")}`,
            errors: problems,
        });
        this.name = "GatewayValidationError";
        // Also a RunError to the Node.js language host (it checks this brand), so a TypeScript program prints the
        // list of problems without a stack trace; a multi-language provider reports it as InputPropertiesError.
        (this as unknown as { __pulumiRunError: boolean }).__pulumiRunError = true;
    }
}

const KEY_PATTERN = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const SCHEME = /^https?:\/\//i;

function show(value: unknown): string {
    return JSON.stringify(value);
}

function oneOf<T extends string>(
    problems: Problem[],
    path: string,
    value: string | undefined,
    allowed: readonly T[],
    fallback: T,
    opts: { caseInsensitive?: boolean } = {},
): T {
    if (value === undefined) {
        return fallback;
    }
    const hit = allowed.find((a) => (opts.caseInsensitive ? a.toLowerCase() === value.toLowerCase() : a === value));
    if (hit === undefined) {
        problems.push({ propertyPath: path, reason: `${show(value)} is not allowed; use one of ${allowed.join(", ")}` });
        return fallback;
    }
    return hit;
}

/** Cloud-side names: starts with a letter, 2..max characters of letters, digits, `.`, `_`, `-`; no trailing hyphen (rules §1.1, §1.6). */
function checkName(problems: Problem[], path: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined) {
        return;
    }
    if (value.length < min || value.length > max || !/^[A-Za-z\u4e00-\u9fa5][\w.\-\u4e00-\u9fa5]*$/.test(value) || value.endsWith("-")) {
        problems.push({
            propertyPath: path,
            reason: `${show(value)} is not a valid name: ${min}-${max} characters, starting with a letter, then letters, digits, '.', '_' or '-', not ending with '-'`,
        });
    }
}

/** Descriptions: 2-256 characters, not starting with http:// or https:// (rules §1.1, §1.10). */
function checkDescription(problems: Problem[], path: string, value: string | undefined): void {
    if (value === undefined) {
        return;
    }
    if (value.length < 2 || value.length > 256 || SCHEME.test(value)) {
        problems.push({
            propertyPath: path,
            reason: `${show(value)} is not a valid description: 2-256 characters, not starting with http:// or https://`,
        });
    }
}

function checkKey(problems: Problem[], path: string, key: string): void {
    if (!KEY_PATTERN.test(key)) {
        problems.push({
            propertyPath: path,
            reason: `key ${show(key)} must be 1-40 lowercase letters, digits or '-', starting and ending with a letter or digit (it names child resources)`,
        });
    }
}

function parseCidr(text: string): [ipaddr.IPv4, number] | undefined {
    try {
        const [addr, bits] = ipaddr.parseCIDR(text);
        return addr.kind() === "ipv4" ? [addr as ipaddr.IPv4, bits] : undefined;
    } catch {
        return undefined;
    }
}

interface ParsedRule {
    key: string;
    eip: string;
    protocol: DnatProtocol;
    ext: PortSpec;
    int: PortSpec;
    internalIp: string;
}

/** Checks every rule on its own; returns the parsed ones (only those whose fields are all valid). */
function checkRules(problems: Problem[], a: SharedBandwidthGatewayArgs, cidr: [ipaddr.IPv4, number] | undefined): ParsedRule[] {
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
        if (extParsed.ok && intParsed.ok) {
            const [ext, int] = [extParsed.port, intParsed.port];
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
        // rules §1.6 / §3: InternalIp must be inside the VPC CIDR (a private IPv4 when the CIDR is not given).
        let ipOk = false;
        if (!ipaddr.IPv4.isValidFourPartDecimal(r.internalIp)) {
            problems.push({ propertyPath: `${path}.internalIp`, reason: `${show(r.internalIp)} is not an IPv4 address` });
        } else {
            const ip = ipaddr.IPv4.parse(r.internalIp);
            if (cidr && !ip.match(cidr)) {
                problems.push({
                    propertyPath: `${path}.internalIp`,
                    reason: `${show(r.internalIp)} is outside the VPC CIDR ${cidr[0].toString()}/${cidr[1]} (Forbidden.InternalIpOutOfVpcCIDR)`,
                });
            } else if (!cidr && ip.range() !== "private") {
                problems.push({
                    propertyPath: `${path}.internalIp`,
                    reason: `${show(r.internalIp)} is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); set vpcCidr if your VPC uses another range`,
                });
            } else {
                ipOk = true;
            }
        }
        if (r.application !== undefined && !(r.application in (a.applications ?? {}))) {
            problems.push({
                propertyPath: `${path}.application`,
                reason: `${show(r.application)} is not a key of applications; known: ${Object.keys(a.applications ?? {}).join(", ") || "(none)"}`,
            });
        }
        // The entry name defaults to the rule key, so a key that is not a valid name needs an explicit name (rules §1.6).
        checkName(problems, `${path}.name`, r.name ?? key, 2, 128);
        if (r.probe?.kind !== undefined) {
            oneOf(problems, `${path}.probe.kind`, r.probe.kind, ["tcp", "http", "https"] as const, "tcp", { caseInsensitive: true });
        }
        for (const [i, p] of (r.probe?.ports ?? []).entries()) {
            if (p < 1 || p > 65535) {
                problems.push({ propertyPath: `${path}.probe.ports.${i}`, reason: `${p} is outside 1-65535` });
            }
        }
        if (problems.length === before && extParsed.ok && intParsed.ok && ipOk) {
            parsed.push({ key, eip: r.eip, protocol, ext: extParsed.port, int: intParsed.port, internalIp: r.internalIp });
        }
    }
    return parsed;
}

/** Cross-rule checks: the uniqueness keys of a DNAT table and exclusive whole-IP EIPs (rules §1.6, §3). */
function checkRuleConflicts(problems: Problem[], rules: ParsedRule[]): void {
    const sorted = [...rules].sort((x, y) => x.key.localeCompare(y.key));
    for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) {
            const [x, y] = [sorted[i], sorted[j]];
            const sameProto = x.protocol === y.protocol || x.protocol === "any" || y.protocol === "any";
            if (x.eip === y.eip && (x.protocol === "any" || y.protocol === "any")) {
                // rules §3: an IP used by an IP-mapping entry cannot be used by any other DNAT entry.
                const whole = x.protocol === "any" ? x : y;
                const other = whole === x ? y : x;
                problems.push({
                    propertyPath: `rules.${other.key}.eip`,
                    reason: `EIP ${show(x.eip)} is mapped whole to ${whole.internalIp} by rule ${show(whole.key)}; a whole-IP EIP cannot carry other rules`,
                });
                continue;
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
    }
}

function checkPeaks(problems: Problem[], apps: Record<string, DemandProfile>): boolean {
    const before = problems.length;
    for (const [key, app] of Object.entries(apps)) {
        const path = `applications.${key}`;
        checkKey(problems, path, key);
        if (!(app.baselineMbps >= 0)) {
            problems.push({ propertyPath: `${path}.baselineMbps`, reason: `${app.baselineMbps} must be 0 or more` });
        }
        for (const [i, p] of (app.peaks ?? []).entries()) {
            const pp = `${path}.peaks.${i}`;
            const start = parseTimeOfDay(p.start, false);
            const end = parseTimeOfDay(p.end, true);
            if (start === undefined) {
                problems.push({ propertyPath: `${pp}.start`, reason: `${show(p.start)} is not a time HH:MM between 00:00 and 23:59` });
            }
            if (end === undefined) {
                problems.push({ propertyPath: `${pp}.end`, reason: `${show(p.end)} is not a time HH:MM between 00:01 and 24:00` });
            }
            if (start !== undefined && end !== undefined && start === end) {
                problems.push({
                    propertyPath: `${pp}.end`,
                    reason: `window ${p.start}-${p.end} is empty; use 00:00-24:00 for a whole day`,
                });
            }
            if (!(p.mbps >= app.baselineMbps)) {
                problems.push({
                    propertyPath: `${pp}.mbps`,
                    reason: `${p.mbps} is below the baseline ${app.baselineMbps}; a peak must be at least the baseline`,
                });
            }
        }
    }
    return problems.length === before;
}

/** Validates and resolves the arguments. Never throws; returns problems and, when there are none, the resolved gateway. */
export function validateGatewayArgs(
    componentName: string,
    args: SharedBandwidthGatewayArgs,
): { gateway?: ResolvedGateway; problems: Problem[]; warnings: Problem[] } {
    const shapeProblems = checkShape(args);
    if (shapeProblems.length > 0) {
        return { problems: shapeProblems, warnings: [] };
    }
    const problems: Problem[] = [];
    const warnings: Problem[] = [];
    const a = args;

    const site = oneOf(problems, "accountSite", a.accountSite, ACCOUNT_SITES, "international", { caseInsensitive: true });
    // Billing checks depend on the site; with an unknown site they would only add noise.
    const siteKnown = problems.length === 0;
    const namePrefix = a.namePrefix ?? componentName;
    if (!/^[A-Za-z][\w.-]{0,59}[A-Za-z0-9]$/.test(namePrefix)) {
        problems.push({
            propertyPath: "namePrefix",
            reason: `${show(namePrefix)} cannot start cloud-side names: 2-61 characters, starting with a letter, ending with a letter or digit${
                a.namePrefix === undefined ? " (it defaults to the component name; set namePrefix)" : ""
            }`,
        });
    }

    let cidr: [ipaddr.IPv4, number] | undefined;
    if (a.vpcCidr !== undefined) {
        cidr = parseCidr(a.vpcCidr);
        if (!cidr) {
            problems.push({ propertyPath: "vpcCidr", reason: `${show(a.vpcCidr)} is not an IPv4 CIDR such as 192.168.0.0/16` });
        }
    }

    // NAT gateway: enhanced, Internet, PayAsYouGo, PayByLcu are the only values on sale (rules §1.1, §6).
    const n = a.natGateway;
    const natMode = oneOf(problems, "natGateway.mode", n.mode, ["create", "adopt"] as const, "create");
    if (n.paymentType !== undefined && n.paymentType !== "PayAsYouGo") {
        problems.push({
            propertyPath: "natGateway.paymentType",
            reason: `${show(n.paymentType)} is no longer sold: subscription (PrePaid) Internet NAT gateways are no longer available; use "PayAsYouGo" or leave it out`,
        });
    }
    if (n.internetChargeType !== undefined && n.internetChargeType !== "PayByLcu") {
        problems.push({
            propertyPath: "natGateway.internetChargeType",
            reason: `${show(n.internetChargeType)} is no longer sold: PayBySpec cannot be set since provider 1.137.0; use "PayByLcu" or leave it out`,
        });
    }
    if (n.specification !== undefined) {
        problems.push({
            propertyPath: "natGateway.specification",
            reason: `${show(n.specification)}: Spec (Small/Middle/Large/XLarge.1) belongs to pay-by-spec gateways, which are no longer sold; remove it (PayByLcu scales by itself)`,
        });
    }
    const eipBindMode = oneOf(problems, "natGateway.eipBindMode", n.eipBindMode, EIP_BIND_MODES, "MULTI_BINDED");
    let nat: ResolvedGateway["nat"];
    if (natMode === "adopt") {
        if (!n.id || !/^ngw-[a-z0-9]+$/.test(n.id)) {
            problems.push({
                propertyPath: "natGateway.id",
                reason: `${show(n.id ?? null)}: adopt needs the existing gateway id, such as "ngw-uf6htj15rgyp8ivix"`,
            });
        }
        for (const k of ["vswitchId", "name", "description", "deletionProtection", "eipBindMode"] as const) {
            if (n[k] !== undefined) {
                problems.push({
                    propertyPath: `natGateway.${k}`,
                    reason: `only applies when mode is "create"; an adopted gateway is never modified`,
                });
            }
        }
        nat = { mode: "adopt", id: n.id ?? "" };
    } else {
        if (n.id !== undefined) {
            problems.push({
                propertyPath: "natGateway.id",
                reason: `${show(n.id)} is only for mode "adopt"; set mode: adopt to use an existing gateway`,
            });
        }
        if (n.vswitchId === undefined || n.vswitchId === "") {
            problems.push({
                propertyPath: "natGateway.vswitchId",
                reason: "required to create an enhanced NAT gateway (docs/alicloud-rules.md §1.1: the vSwitch must be given)",
            });
        }
        if (a.vpcId === undefined || a.vpcId === "") {
            problems.push({ propertyPath: "vpcId", reason: "required to create the NAT gateway" });
        }
        checkName(problems, "natGateway.name", n.name, 2, 128);
        checkDescription(problems, "natGateway.description", n.description);
        nat = {
            mode: "create",
            vswitchId: n.vswitchId ?? "",
            name: n.name,
            description: n.description,
            deletionProtection: n.deletionProtection ?? false,
            eipBindMode,
        };
    }

    // EIPs.
    const eipKeys = Object.keys(a.eips).sort();
    if (eipKeys.length === 0) {
        problems.push({ propertyPath: "eips", reason: "at least one EIP is needed" });
    }
    const seenAllocations = new Map<string, string>();
    const eips: ResolvedEip[] = [];
    for (const key of eipKeys) {
        const e = a.eips[key];
        const path = `eips.${key}`;
        checkKey(problems, path, key);
        const mode = oneOf(problems, `${path}.mode`, e.mode, ["create", "adopt"] as const, "create");
        if (e.paymentType !== undefined && e.paymentType !== "PayAsYouGo") {
            problems.push({
                propertyPath: `${path}.paymentType`,
                reason: `${show(e.paymentType)}: only pay-as-you-go EIPs can join an EIP bandwidth plan (IpInstanceId.ChargeType.NotSupport); use "PayAsYouGo"`,
            });
        }
        if (mode === "adopt") {
            if (!e.allocationId || !/^eip-[a-z0-9]+$/.test(e.allocationId)) {
                problems.push({
                    propertyPath: `${path}.allocationId`,
                    reason: `${show(e.allocationId ?? null)}: adopt needs the EIP's allocation id, such as "eip-uf6pvlaprugu1azc8"`,
                });
            } else if (seenAllocations.has(e.allocationId)) {
                problems.push({
                    propertyPath: `${path}.allocationId`,
                    reason: `${show(e.allocationId)} is already adopted as EIP ${show(seenAllocations.get(e.allocationId))}`,
                });
            } else {
                seenAllocations.set(e.allocationId, key);
            }
            for (const k of ["name", "description", "internetChargeType"] as const) {
                if (e[k] !== undefined) {
                    problems.push({
                        propertyPath: `${path}.${k}`,
                        reason: `only applies when mode is "create"; an adopted EIP is never modified`,
                    });
                }
            }
        } else if (e.allocationId !== undefined) {
            problems.push({ propertyPath: `${path}.allocationId`, reason: `${show(e.allocationId)} is only for mode "adopt"` });
        }
        checkName(problems, `${path}.name`, e.name, 1, 128);
        if (e.description !== undefined && !/^[A-Za-z]/.test(e.description)) {
            problems.push({
                propertyPath: `${path}.description`,
                reason: `${show(e.description)} must start with a letter (docs/alicloud-rules.md §1.14)`,
            });
        } else {
            checkDescription(problems, `${path}.description`, e.description);
        }
        // rules §1.14: international accounts can only buy pay-as-you-go EIPs billed PayByTraffic.
        const charge = oneOf(problems, `${path}.internetChargeType`, e.internetChargeType, EIP_CHARGE_TYPES, "PayByTraffic");
        if (siteKnown && site === "international" && charge !== "PayByTraffic") {
            problems.push({
                propertyPath: `${path}.internetChargeType`,
                reason: `${show(charge)} is not sold to international accounts for pay-as-you-go EIPs (COMMODITY.INVALID_COMPONENT); use "PayByTraffic"`,
            });
        }
        const ruleKeys = Object.entries(a.rules ?? {})
            .filter(([, r]) => r.eip === key)
            .map(([k]) => k)
            .sort();
        eips.push({
            key,
            mode,
            allocationId: e.allocationId,
            name: e.name,
            description: e.description,
            internetChargeType: charge,
            ruleKeys,
        });
    }

    const parsedRules = checkRules(problems, a, cidr);
    checkRuleConflicts(problems, parsedRules);

    // Quotas (rules §4). Overridable because Quota Center can raise them.
    const quotas = { ...DEFAULT_QUOTAS, ...(a.quotas ?? {}) };
    for (const [k, v] of Object.entries(a.quotas ?? {})) {
        if (!(typeof v === "number" && v >= 1)) {
            problems.push({ propertyPath: `quotas.${k}`, reason: `${show(v)} must be a whole number of at least 1` });
        }
    }
    const ruleCount = Object.keys(a.rules ?? {}).length;
    if (eipKeys.length > quotas.eipsPerNatGateway) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipKeys.length} EIPs exceed the quota of ${quotas.eipsPerNatGateway} per NAT gateway (QuotaExceeded.NumberOfEip); raise natgw_quota_eip_num_per_nat in Quota Center and set quotas.eipsPerNatGateway`,
        });
    }
    if (nat.mode === "create" && nat.eipBindMode === "NAT" && eipKeys.length > MAX_EIPS_NAT_BIND_MODE) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipKeys.length} EIPs exceed the hard limit of ${MAX_EIPS_NAT_BIND_MODE} for eipBindMode "NAT"`,
        });
    }
    if (ruleCount > quotas.dnatEntriesPerTable) {
        problems.push({
            propertyPath: "rules",
            reason: `${ruleCount} rules exceed the quota of ${quotas.dnatEntriesPerTable} DNAT entries per table; raise natgw_quota_dnat_entry_num and set quotas.dnatEntriesPerTable`,
        });
    }
    if (eipKeys.length > quotas.eipsPerBandwidthPlan) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipKeys.length} EIPs exceed the quota of ${quotas.eipsPerBandwidthPlan} per EIP bandwidth plan (IpInstanceId.QuotaExceeded); raise it in Quota Center and set quotas.eipsPerBandwidthPlan`,
        });
    }
    const trafficEips = eips.filter((e) => e.mode === "create" && e.internetChargeType === "PayByTraffic").length;
    if (trafficEips > TRAFFIC_EIPS_PER_NAT_LIKELY) {
        warnings.push({
            propertyPath: "eips",
            reason: `${trafficEips} pay-by-traffic EIPs on one NAT gateway; an older limit of ${TRAFFIC_EIPS_PER_NAT_LIKELY} (QuotaExceeded.NumberOfTrafficEip) may still apply (docs/alicloud-rules.md §4, uncertain)`,
        });
    }

    // Bandwidth plan (rules §1.10).
    const p = a.bandwidthPlan;
    const soldHere = Object.keys(PLAN_BANDWIDTH_RANGES[site]);
    const knownCharge = p.internetChargeType === undefined || (PLAN_CHARGE_TYPES as readonly string[]).includes(p.internetChargeType);
    if (!knownCharge) {
        // Suggest only what the account's site sells (rules §1.10).
        problems.push({
            propertyPath: "bandwidthPlan.internetChargeType",
            reason: `${show(p.internetChargeType)} is not a bandwidth plan charge type; the ${site} site sells ${soldHere.join(", ")}`,
        });
    }
    const chargeType = knownCharge
        ? oneOf(problems, "bandwidthPlan.internetChargeType", p.internetChargeType, PLAN_CHARGE_TYPES, DEFAULT_PLAN_CHARGE_TYPE[site])
        : DEFAULT_PLAN_CHARGE_TYPE[site];
    const range = PLAN_BANDWIDTH_RANGES[site][chargeType];
    if (!range && siteKnown) {
        problems.push({
            propertyPath: "bandwidthPlan.internetChargeType",
            reason: `${show(chargeType)} is not sold on the ${site} site; use one of ${soldHere.join(", ")}`,
        });
    }
    const isp = oneOf(problems, "bandwidthPlan.isp", p.isp, ISPS, "BGP");
    if (chargeType === "PayBy95" && p.ratio !== PAYBY95_RATIO) {
        problems.push({
            propertyPath: "bandwidthPlan.ratio",
            reason: `${show(p.ratio ?? null)}: PayBy95 requires ratio ${PAYBY95_RATIO} (the only value)`,
        });
    } else if (chargeType !== "PayBy95" && p.ratio !== undefined) {
        problems.push({ propertyPath: "bandwidthPlan.ratio", reason: `${show(p.ratio)}: ratio only applies to PayBy95 on the China site` });
    }
    checkName(problems, "bandwidthPlan.name", p.name, 1, 128);
    checkDescription(problems, "bandwidthPlan.description", p.description);
    const headroom = p.headroomPercent ?? 0;
    if (!(headroom >= 0 && headroom <= 1000)) {
        problems.push({ propertyPath: "bandwidthPlan.headroomPercent", reason: `${show(p.headroomPercent)} must be between 0 and 1000` });
    }

    const apps = a.applications ?? {};
    const peaksOk = checkPeaks(problems, apps);
    const figures = peaksOk && Object.keys(apps).length > 0 ? planBandwidth(apps, headroom) : undefined;
    let planMbps = 0;
    let sizedBy: "auto" | "configured" = "configured";
    const given: unknown = p.bandwidthMbps;
    if (p.autoSize === true) {
        sizedBy = "auto";
        if (given !== undefined) {
            problems.push({
                propertyPath: "bandwidthPlan.bandwidthMbps",
                reason: `${show(given)}: give either bandwidthMbps or autoSize: true, not both`,
            });
        }
        if (Object.keys(apps).length === 0) {
            problems.push({
                propertyPath: "bandwidthPlan.autoSize",
                reason: `true needs demand profiles in applications; add them or give bandwidthMbps`,
            });
        }
        planMbps = figures?.recommendedMbps ?? 0;
    } else if (typeof given === "number" && Number.isInteger(given)) {
        planMbps = given;
    } else if (typeof given === "string" && /^\d+$/.test(given)) {
        planMbps = Number(given);
    } else if (typeof given === "string" && given.toLowerCase() === "auto") {
        problems.push({
            propertyPath: "bandwidthPlan.bandwidthMbps",
            reason: `"auto" is not a number of Mbit/s; to size the plan from applications set autoSize: true and leave bandwidthMbps out`,
        });
    } else if (given === undefined) {
        problems.push({
            propertyPath: "bandwidthPlan.bandwidthMbps",
            reason: `is required: a whole number of Mbit/s, or set autoSize: true to size the plan from applications`,
        });
    } else {
        problems.push({ propertyPath: "bandwidthPlan.bandwidthMbps", reason: `${show(given)} must be a whole number of Mbit/s` });
    }
    if (range && planMbps > 0 && (planMbps < range[0] || planMbps > range[1])) {
        problems.push({
            propertyPath: "bandwidthPlan.bandwidthMbps",
            reason: `${planMbps} Mbit/s${sizedBy === "auto" ? " (sized from demand)" : ""} is outside ${range[0]}-${range[1]} for ${chargeType} on the ${site} site (InvalidParameter.Bandwidth)`,
        });
    }
    let economics: BandwidthEconomics | undefined;
    if (figures && planMbps > 0) {
        economics = { ...figures, planMbps, savingMbps: figures.sumOfPeaksMbps - planMbps };
        if (planMbps < figures.coincidentPeakMbps) {
            const problem = {
                propertyPath: "bandwidthPlan.bandwidthMbps",
                reason: `${planMbps} Mbit/s is below the coincident peak of ${figures.coincidentPeakMbps} Mbit/s at ${figures.coincidentPeakAt}; applications will be throttled then`,
            };
            (p.strict ? problems : warnings).push(problem);
        }
    }

    // Connectivity check (issue: connectivity after deploy).
    const c = a.connectivityCheck ?? {};
    const checkMode = oneOf(problems, "connectivityCheck.mode", c.mode, ["off", "report", "enforce"] as const, "off", {
        caseInsensitive: true,
    });
    for (const [i, port] of (c.sparePorts ?? []).entries()) {
        if (port < 1 || port > 65535) {
            problems.push({ propertyPath: `connectivityCheck.sparePorts.${i}`, reason: `${port} is outside 1-65535` });
        }
    }
    for (const k of ["timeoutMs", "attempts", "deadlineMs", "concurrency"] as const) {
        const v = c[k];
        if (v !== undefined && !(v > 0)) {
            problems.push({ propertyPath: `connectivityCheck.${k}`, reason: `${show(v)} must be greater than 0` });
        }
    }

    const maxParallelWrites = a.maxParallelWrites ?? 1;
    if (!(maxParallelWrites >= 1)) {
        problems.push({ propertyPath: "maxParallelWrites", reason: `${show(a.maxParallelWrites)} must be at least 1` });
    }

    // Warnings the plan report also shows.
    for (const e of eips) {
        if (e.ruleKeys.length === 0) {
            warnings.push({
                propertyPath: `eips.${e.key}`,
                reason: "spare EIP: bound to the NAT gateway and in the plan, but no rule forwards it",
            });
        }
    }
    for (const r of parsedRules) {
        if (r.protocol === "any") {
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

    if (problems.length > 0) {
        return { problems, warnings };
    }

    const rules: ResolvedRule[] = parsedRules
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
            };
        });

    const gateway: ResolvedGateway = {
        site,
        namePrefix,
        vpcId: a.vpcId,
        vpcCidr: a.vpcCidr,
        tags: { ...(a.tags ?? {}) },
        nat,
        eips,
        rules,
        plan: {
            bandwidthMbps: planMbps,
            sizedBy,
            isp,
            internetChargeType: chargeType,
            ratio: p.ratio,
            name: p.name,
            description: p.description,
            deletionProtection: p.deletionProtection ?? false,
        },
        economics,
        quotas,
        protectEips: a.protectEips ?? true,
        maxParallelWrites,
        connectivity: {
            mode: checkMode,
            trigger: c.trigger ?? "",
            sparePorts: c.sparePorts ?? [],
            timeoutMs: c.timeoutMs,
            attempts: c.attempts,
            deadlineMs: c.deadlineMs,
            concurrency: c.concurrency,
        },
        warnings,
    };
    return { gateway, problems, warnings };
}

/** Validates and resolves, throwing {@link GatewayValidationError} with every problem when the arguments are invalid. */
export function resolveGatewayArgs(componentName: string, args: SharedBandwidthGatewayArgs): ResolvedGateway {
    const { gateway, problems } = validateGatewayArgs(componentName, args);
    if (!gateway) {
        throw new GatewayValidationError(componentName, problems);
    }
    return gateway;
}
