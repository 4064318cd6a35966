/**
 * The preflight checks: what the account read (preflight/reader.ts) says about deploying the stack, before anything is
 * sent. Pure. Each finding names the config key it concerns (`shared-bandwidth-gateway:natGateway.vswitchId`); an
 * `error` is something the deploy would fail on, a `warning` something to look at, `info` what was found (the quotas
 * with what is left). Sources: docs/alicloud-rules.md (§ given in each message).
 *
 * Quotas: no read API reports these quotas. The ECS API's DescribeAccountAttributes covers ECS quotas only (security
 * groups, ENIs, vCPUs), the VPC API has a quota read only for VPC NAT endpoints, and the Quota Center codes of the NAT
 * gateway and bandwidth plan quotas are not in the reference pages. So the quotas are the stack's (`quotas`, which
 * default to the documented values, rules §4), and what is used is counted from the account.
 */
import * as ipaddr from "ipaddr.js";
import type { ResolvedGateway } from "../components";
import { DEFAULT_PLANS_PER_REGION } from "../cloud/inventory";
import type { AccountReading, ReadEip } from "./reader";

export type Severity = "error" | "warning" | "info";

export interface Finding {
    severity: Severity;
    /** The config key it concerns (`<project>:<key path>`), or `(permissions)`. */
    key: string;
    /** A short name of the check (`zone`, `quota`, `eip`...). */
    check: string;
    message: string;
    /** For a refused read: the RAM action the caller lacks. */
    action?: string;
}

/** NAT gateways per VPC (`natgw_quota_nat_num_per_vpc`, rules §4). */
export const NAT_GATEWAYS_PER_VPC = 5;

/** What the checks need of the stack. */
export interface StackFacts {
    project: string;
    region: string;
    gateway: ResolvedGateway;
    vpcId: string;
    vswitchId: string | undefined;
}

type Add = (severity: Severity, key: string, check: string, message: string) => void;

function inside(ip: string, cidr: string): boolean {
    try {
        return ipaddr.IPv4.parse(ip).match(ipaddr.IPv4.parseCIDR(cidr));
    } catch {
        return false;
    }
}

function denied(reading: AccountReading, ramAction: string): boolean {
    return reading.denied.some((d) => d.ramAction === ramAction);
}

function checkVpc(s: StackFacts, reading: AccountReading, add: Add): void {
    const vpc = reading.vpc;
    if (!vpc) {
        return;
    }
    const g = s.gateway;
    if (g.vpcCidr !== undefined && g.vpcCidr !== vpc.cidr) {
        add("error", "vpcCidr", "cidr", `is ${g.vpcCidr}, but VPC ${vpc.id} has CIDR ${vpc.cidr}: set vpcCidr to ${vpc.cidr}`);
    }
    for (const r of g.rules) {
        if (!inside(r.internalIp, vpc.cidr)) {
            add(
                "error",
                `rules.${r.key}.internalIp`,
                "cidr",
                `${r.internalIp} is outside VPC ${vpc.id} (${vpc.cidr}): a DNAT target must be in the VPC (rules §3)`,
            );
        }
    }
}

function checkVswitch(s: StackFacts, reading: AccountReading, add: Add): void {
    const vpc = reading.vpc;
    if (s.gateway.nat.mode !== "create" || !vpc || s.vswitchId === undefined || denied(reading, "vpc:DescribeVSwitches")) {
        return;
    }
    const key = "natGateway.vswitchId";
    const vsw = vpc.vswitches.find((w) => w.id === s.vswitchId);
    if (!vsw) {
        add(
            "error",
            key,
            "vswitch",
            `${s.vswitchId} is not a vSwitch of VPC ${vpc.id}; its vSwitches: ${vpc.vswitches.map((w) => w.id).join(", ") || "(none)"}`,
        );
        return;
    }
    const zones = reading.enhancedNatZones;
    if (zones && !zones.includes(vsw.zoneId)) {
        add(
            "error",
            key,
            "zone",
            `${vsw.id} is in zone ${vsw.zoneId}, which offers no enhanced NAT gateway (rules §1.1); zones that do: ${zones.join(", ") || "(none)"}`,
        );
    } else if (zones) {
        add("info", key, "zone", `${vsw.id} is in zone ${vsw.zoneId}, which offers enhanced NAT gateways`);
    }
    if (vsw.availableIpCount === 0) {
        add("error", key, "vswitch", `${vsw.id} has no free private address; the gateway takes one (rules §1.1: ZONE_NO_AVAILABLE_IP)`);
    }
}

function checkAdoptedNat(s: StackFacts, reading: AccountReading, add: Add): void {
    const nat = s.gateway.nat;
    if (nat.mode !== "adopt" || denied(reading, "vpc:DescribeNatGateways")) {
        return;
    }
    const found = reading.natGateways.find((n) => n.id === nat.id);
    if (!found) {
        add("error", "natGateway.id", "nat", `${nat.id} is not a NAT gateway of region ${reading.region}`);
    } else if (found.vpcId !== s.vpcId) {
        add("error", "natGateway.id", "nat", `${nat.id} is in VPC ${found.vpcId}, not in ${s.vpcId}`);
    } else if (found.natType !== "Enhanced" || found.networkType !== "internet") {
        add(
            "error",
            "natGateway.id",
            "nat",
            `${nat.id} is a ${found.natType} ${found.networkType} gateway; the stack needs an enhanced Internet NAT gateway (rules §1.1)`,
        );
    }
}

/** The problems of adopting `e` as EIP `key` (rules §1.11, §2: pay-as-you-go, the plan's line, free or bound as said). */
function eipProblems(s: StackFacts, key: string, e: ReadEip): string[] {
    const g = s.gateway;
    const out: string[] = [];
    const saysBound = g.boundEips.includes(key);
    const natId = g.nat.mode === "adopt" ? g.nat.id : undefined;
    if (e.instanceId && !(saysBound && e.instanceId === natId)) {
        out.push(
            natId !== undefined && e.instanceId === natId
                ? `${e.allocationId} is already bound to the gateway ${natId}: set eips.${key}.bound: true to adopt the binding`
                : `${e.allocationId} is bound to ${e.instanceId} (${e.instanceType || "an instance"}): unbind it first, or adopt another EIP`,
        );
    }
    if (saysBound && e.instanceId !== natId) {
        out.push(
            `eips.${key}.bound is true, but ${e.allocationId} is ${e.instanceId ? `bound to ${e.instanceId}` : "not bound"}, not to ${natId}`,
        );
    }
    if (e.chargeType === "PrePaid") {
        out.push(`${e.allocationId} is a subscription EIP; only pay-as-you-go EIPs join a bandwidth plan (rules §2)`);
    }
    if (e.isp !== g.plan.isp) {
        out.push(
            `${e.allocationId} is on line ${e.isp}, the plan on ${g.plan.isp}: an EIP joins a plan of its own line only (rules §1.11)`,
        );
    }
    if (e.bandwidthPlanId) {
        out.push(`${e.allocationId} is already in bandwidth plan ${e.bandwidthPlanId}: remove it from that plan first (rules §2)`);
    }
    return out;
}

function checkEips(s: StackFacts, reading: AccountReading, add: Add): void {
    if (denied(reading, "vpc:DescribeEipAddresses")) {
        return;
    }
    for (const e of s.gateway.eips.filter((x) => x.mode === "adopt")) {
        const key = `eips.${e.key}.allocationId`;
        const found = reading.eips.find((x) => x.allocationId === e.allocationId);
        if (!found) {
            add("error", key, "eip", `${e.allocationId} is not an EIP of region ${reading.region}`);
            continue;
        }
        const problems = eipProblems(s, e.key, found);
        problems.forEach((p) => add("error", key, "eip", p));
        if (problems.length === 0) {
            add(
                "info",
                key,
                "eip",
                `${found.allocationId} (${found.ipAddress}) can be adopted: ${found.instanceId ? `bound to ${found.instanceId}` : "free"}, pay-as-you-go, ${found.isp}`,
            );
        }
    }
}

function checkGroups(s: StackFacts, reading: AccountReading, add: Add): void {
    if (denied(reading, "ecs:DescribeSecurityGroups")) {
        return;
    }
    const seen = new Set<string>();
    for (const r of s.gateway.rules) {
        const id = r.ingress?.securityGroupId;
        if (id === undefined || seen.has(id)) {
            continue;
        }
        seen.add(id);
        if (!reading.securityGroups.some((g) => g.id === id)) {
            add(
                "error",
                `rules.${r.key}.securityGroupId`,
                "security group",
                `${id} is not a security group of VPC ${s.vpcId} in ${reading.region}`,
            );
        }
    }
}

/** One quota finding: allowed, used, needed, left; an error when what is left is negative. */
function quota(add: Add, key: string, what: string, allowed: number, source: string, used: number, needed: number): void {
    const left = allowed - used - needed;
    add(
        left < 0 ? "error" : "info",
        key,
        "quota",
        `${what}: ${allowed} allowed (${source}), ${used} used, the stack needs ${needed}, ${left} left${left < 0 ? ": free some, or raise the quota (Quota Center) and the stack's quotas key" : ""}`,
    );
}

function checkQuotas(s: StackFacts, reading: AccountReading, add: Add): void {
    const g = s.gateway;
    const src = (k: string) => `quotas.${k}`;
    if (!denied(reading, "vpc:DescribeCommonBandwidthPackages")) {
        const used = reading.bandwidthPlans.filter((p) => p.chargeType !== "PrePaid").length;
        quota(add, "bandwidthPlan", `pay-as-you-go bandwidth plans in ${reading.region}`, DEFAULT_PLANS_PER_REGION, "rules §4", used, 1);
    }
    const natId = g.nat.mode === "adopt" ? g.nat.id : undefined;
    if (!denied(reading, "vpc:DescribeNatGateways")) {
        const inVpc = reading.natGateways.filter((n) => n.vpcId === s.vpcId).length;
        quota(add, "natGateway", `NAT gateways in VPC ${s.vpcId}`, NAT_GATEWAYS_PER_VPC, "rules §4", inVpc, natId === undefined ? 1 : 0);
        const entries = natId === undefined ? 0 : (reading.natGateways.find((n) => n.id === natId)?.forwardEntries?.length ?? 0);
        quota(
            add,
            "rules",
            "DNAT entries in the gateway's table",
            g.quotas.dnatEntriesPerTable,
            src("dnatEntriesPerTable"),
            entries,
            g.rules.length,
        );
    }
    if (!denied(reading, "vpc:DescribeEipAddresses")) {
        const adopted = new Set(g.eips.map((e) => e.allocationId));
        const bound = natId === undefined ? 0 : reading.eips.filter((e) => e.instanceId === natId && !adopted.has(e.allocationId)).length;
        quota(add, "eips", "EIPs on the gateway", g.quotas.eipsPerNatGateway, src("eipsPerNatGateway"), bound, g.eips.length);
    }
    quota(add, "eips", "EIPs in the bandwidth plan", g.quotas.eipsPerBandwidthPlan, src("eipsPerBandwidthPlan"), 0, g.eips.length);
    if (!denied(reading, "ecs:DescribeSecurityGroupAttribute")) {
        groupQuotas(g, reading, add);
    }
}

/** Inbound rules per security group the rules' ingress adds to: each group's rules now plus what the stack adds. */
function groupQuotas(g: StackFacts["gateway"], reading: AccountReading, add: Add): void {
    const needs = new Map<string, { key: string; n: number }>();
    for (const r of g.rules.filter((x) => x.ingress)) {
        const id = r.ingress!.securityGroupId;
        const cur = needs.get(id) ?? { key: `rules.${r.key}.securityGroupId`, n: 0 };
        needs.set(id, { key: cur.key, n: cur.n + r.ingress!.allowFrom.length });
    }
    for (const [id, { key, n }] of needs) {
        const group = reading.securityGroups.find((x) => x.id === id);
        if (group) {
            quota(
                add,
                key,
                `inbound rules in ${id}`,
                g.quotas.rulesPerSecurityGroup,
                "quotas.rulesPerSecurityGroup",
                group.rules.length,
                n,
            );
        }
    }
}

/** Every finding about deploying the stack `s` into the account `reading`, errors first. */
export function preflightChecks(s: StackFacts, reading: AccountReading): Finding[] {
    const findings: Finding[] = [];
    const add: Add = (severity, key, check, message) => findings.push({ severity, key: `${s.project}:${key}`, check, message });
    for (const d of reading.denied) {
        findings.push({
            severity: "error",
            key: "(permissions)",
            check: "permission",
            action: d.ramAction,
            message: `${d.ramAction} was refused (${d.code}): grant it to the deploying identity (npm run policy); the checks that need it were skipped`,
        });
    }
    checkVpc(s, reading, add);
    checkVswitch(s, reading, add);
    checkAdoptedNat(s, reading, add);
    checkEips(s, reading, add);
    checkGroups(s, reading, add);
    checkQuotas(s, reading, add);
    const order: Severity[] = ["error", "warning", "info"];
    return findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}
