/** Types of the validated, resolved gateway. */
import type { AllocationPeriod } from "../allocation";
import type * as pulumi from "@pulumi/pulumi";
import type { IPv4 } from "ipaddr.js";
import type { BandwidthFigures } from "../bandwidth";
import type { CostEstimate } from "../cost/estimate";
import type { AccountSite, DnatProtocol, EipBindMode, EipChargeType, Isp, PlanChargeType } from "../limits";
import type { PortSpec } from "../ports";
import type { Problem } from "../schema";
import type { Renames } from "./renames";

export type { Problem } from "../schema";

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
    /** The inbound rules of the target's security group, when `securityGroupId` is set. */
    ingress?: ResolvedIngress;
}

/** The ingress of one rule: one cloud rule per source (rules §7). */
export interface ResolvedIngress {
    securityGroupId: string;
    /** `tcp`, `udp`, or `all` for a whole-IP rule. */
    ipProtocol: "tcp" | "udp" | "all";
    /** `22/22`, `8000/8010`, or `-1/-1` with `all`. */
    portRange: string;
    /** Network CIDRs, in the order given. */
    allowFrom: string[];
    /** true when `allowFrom` was left out and took the web-port default. */
    defaulted: boolean;
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
    /** Per period of the day: what each application needs and may take of the plan, and what is left. */
    allocation: AllocationPeriod[];
    /** The month's cost of each way of paying and the cheapest; present when `prices` is given. */
    costs?: CostEstimate;
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
    quotas: { eipsPerNatGateway: number; dnatEntriesPerTable: number; eipsPerBandwidthPlan: number; rulesPerSecurityGroup: number };
    protectEips: boolean;
    /** Previous keys by current key (`previousKeys`), for the aliases of renamed EIPs and rules. */
    renames: Renames;
    /** Adopted EIPs already bound to the adopted gateway (`bound: true`): their binding is imported, not created. */
    boundEips: string[];
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

/** The account site; `known` is false when the given value is not a site. */
export interface SiteInfo {
    site: AccountSite;
    known: boolean;
}

/** A rule whose fields are all valid, with parsed ports; input of the cross-rule checks. */
export interface ParsedRule {
    key: string;
    eip: string;
    protocol: DnatProtocol;
    ext: PortSpec;
    int: PortSpec;
    internalIp: string;
}

/** An IPv4 CIDR as `ipaddr.parseCIDR` returns it. */
export type Cidr = [IPv4, number];
