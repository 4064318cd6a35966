/** The component's argument types: the NAT gateway, EIPs, DNAT rules, bandwidth plan, connectivity check and quotas. */
import * as pulumi from "@pulumi/pulumi";
import type { DemandProfile } from "./bandwidth";
import type { PriceSheet } from "./pricing/sheet";

/** Whether the component creates a resource or adopts an existing one. */
export const ResourceMode = {
    /** A new resource, owned by the component. */
    Create: "create",
    /** An existing resource by id: read, never modified or deleted. */
    Adopt: "adopt",
} as const;
export type ResourceMode = (typeof ResourceMode)[keyof typeof ResourceMode];

/**
 * The NAT gateway: create a new enhanced Internet NAT gateway, or adopt an existing one by id.
 * Adopted gateways are read, never modified or deleted.
 */
export interface NatGatewaySpec {
    /** `create` (default): a new pay-as-you-go enhanced Internet NAT gateway. `adopt`: use the gateway `id`. */
    mode?: ResourceMode;
    /** adopt only, required: the existing gateway's id (`ngw-...`). */
    id?: string;
    /** create only, required: the vSwitch the gateway takes a private IP from (its zone must support enhanced NAT). */
    vswitchId?: pulumi.Input<string>;
    /** create only: cloud-side name, 2-128 characters, starts with a letter. Default `<namePrefix>-<suffix>`. Cosmetic: changing it replaces nothing. */
    name?: string;
    /** create only: description, 2-256 characters, not starting with `http://` or `https://`. */
    description?: string;
    /** create only: cloud-side deletion protection. Default false. */
    deletionProtection?: boolean;
    /** create only: `MULTI_BINDED` (default) or `NAT` (each EIP takes a vSwitch IP, at most 50 EIPs). */
    eipBindMode?: string;
    /** Only `PayAsYouGo` is sold (subscription NAT gateways are no longer available); other values are rejected. */
    paymentType?: string;
    /** Only `PayByLcu` is sold; `PayBySpec` is rejected. */
    internetChargeType?: string;
    /** No longer used by the API (`Small`, `Middle`, ...); any value is rejected. */
    specification?: string;
}

/** One public IP. Its map key is its identity: renaming the key replaces the EIP and its children, unless `previousKeys` names the old key. */
export interface EipSpec {
    /** `create` (default): a new pay-as-you-go EIP, protected against release. `adopt`: an existing EIP by `allocationId`, never released. */
    mode?: ResourceMode;
    /** adopt only, required: the EIP's allocation id (`eip-...`). It must be pay-as-you-go with the plan's line type. */
    allocationId?: string;
    /** create only: cloud-side name, 1-128 characters, starts with a letter. Default `<namePrefix>-<suffix>-<key>`. */
    name?: string;
    /** create only: description, 2-256 characters, starts with a letter. */
    description?: string;
    /** create only: `PayByTraffic` (default; the only value for international accounts) or `PayByBandwidth` (China site). */
    internetChargeType?: string;
    /** Only `PayAsYouGo`: subscription EIPs cannot join an EIP bandwidth plan (`IpInstanceId.ChargeType.NotSupport`). */
    paymentType?: string;
    /** Keys this EIP had before: a rename keeps the EIP, its address, binding and plan membership (Pulumi aliases). */
    previousKeys?: string[];
    /** adopt only, with an adopted gateway: the EIP is already bound to it, so the binding is adopted (imported), not created. Default false. */
    bound?: boolean;
}

/** How the connectivity check probes a rule's endpoint. */
export interface RuleProbeSpec {
    /** `tcp` (default): a TCP connect. `http` / `https`: a request whose status must be below 500. */
    kind?: string;
    /** http/https only: request path. Default `/`. */
    path?: string;
    /** Whole-IP rules only: ports to probe on the EIP (a whole-IP rule has no port of its own). */
    ports?: number[];
    /** false: leave this rule out of the connectivity check. Default true. */
    enabled?: boolean;
}

/** One DNAT forward entry. Its map key is its identity and names its child resource. */
export interface ForwardRuleSpec {
    /** Key of the EIP in `eips` that receives the traffic. */
    eip: string;
    /** `tcp`, `udp` or `any` (any case). `any` means whole-IP mapping: both ports must be `any` too. */
    protocol: string;
    /** Public port: `80`, a range `8000/8010`, or `any` (whole-IP). Default `any` when protocol is `any`. */
    externalPort?: string;
    /** Private IPv4 of the server, inside the VPC CIDR. */
    internalIp: string;
    /** Private port or range; a range must cover as many ports as the public range. Default: same as `externalPort`. */
    internalPort?: string;
    /** Cloud-side entry name, 2-128 characters, starts with a letter. Default: the rule key. */
    name?: string;
    /** Set when the EIP is also used by SNAT and the public port is above 1024 (rules §3). Default false. */
    portBreak?: boolean;
    /** Key in `applications` whose traffic this rule carries (reporting only). */
    application?: string;
    /** How the connectivity check probes this rule. */
    probe?: RuleProbeSpec;
    /**
     * The security group of the target instance (`sg-...`). When set, the component adds one inbound rule per source of
     * `allowFrom` (accept, the rule's protocol and private port or range; `all` for a whole-IP rule) and never touches
     * the group's other rules.
     */
    securityGroupId?: string;
    /**
     * IPv4 CIDRs allowed in through this rule (`203.0.113.0/24`; network addresses, one cloud rule each). Needs
     * `securityGroupId`. Default `[0.0.0.0/0]` for the web ports 80 and 443 only: any other port, and whole-IP rules,
     * need it explicitly.
     */
    allowFrom?: string[];
    /** Keys this rule had before: a rename keeps its DNAT entry (Pulumi aliases) instead of re-creating it on the same public port. */
    previousKeys?: string[];
}

/** The EIP bandwidth plan (Common Bandwidth Package) that every EIP joins. */
export interface BandwidthPlanSpec {
    /** Bandwidth of the plan, whole Mbit/s. Required unless `autoSize` is true; leave it out when it is. */
    bandwidthMbps?: number;
    /** true: size the plan from `applications` (coincident peak plus `headroomPercent`) instead of `bandwidthMbps`. Default false. */
    autoSize?: boolean;
    /** With `autoSize`: extra percentage on top of the coincident peak. Default 0. */
    headroomPercent?: number;
    /** Line type, shared by the plan and every EIP created here. Default `BGP`. */
    isp?: string;
    /** International: `PayByTraffic` (default). China: `PayByBandwidth` (default), `PayBy95`, `PayByDominantTraffic`. */
    internetChargeType?: string;
    /** China site, `PayBy95` only: must be 20. */
    ratio?: number;
    /** Cloud-side name, up to 128 characters. Default `<namePrefix>-<suffix>`. */
    name?: string;
    /** Description, 2-256 characters, not starting with `http://` or `https://`. */
    description?: string;
    /** Cloud-side deletion protection. Default false. */
    deletionProtection?: boolean;
    /** true: a bandwidth below the coincident peak is an error instead of a warning. Default false. */
    strict?: boolean;
}

/** Connectivity check after deploy (see `ConnectivityCheck`). */
export interface ConnectivityCheckSpec {
    /** `off` (default), `report` (results become outputs and warnings) or `enforce` (unreachable endpoints fail the update). */
    mode?: string;
    /** Change this value to probe again on the next `pulumi up` although nothing else changed. */
    trigger?: string;
    /** Ports probed on spare EIPs (EIPs without rules); they must not answer. Default none. */
    sparePorts?: number[];
    /** Per-attempt timeout, milliseconds. */
    timeoutMs?: number;
    /** Attempts per endpoint. */
    attempts?: number;
    /** Overall deadline for the whole check, milliseconds. */
    deadlineMs?: number;
    /** Endpoints probed at once. */
    concurrency?: number;
}

/** Quotas the validation enforces. Defaults are Alibaba Cloud's; raise them when your account's quota is higher. */
export interface QuotaSpec {
    /** EIPs per NAT gateway. Default 20. */
    eipsPerNatGateway?: number;
    /** DNAT entries per DNAT table. Default 100. */
    dnatEntriesPerTable?: number;
    /** EIPs per EIP bandwidth plan. Default 100. */
    eipsPerBandwidthPlan?: number;
    /** Inbound plus outbound rules per security group, counting the ingress rules added here. Default 200. */
    rulesPerSecurityGroup?: number;
}

/** Arguments of {@link SharedBandwidthGateway}. Keys of `eips` and `rules` are identities, never positions. */
export interface SharedBandwidthGatewayArgs {
    /** The VPC of the NAT gateway. Required when the gateway is created. */
    vpcId?: pulumi.Input<string>;
    /** The VPC's IPv4 CIDR. When given, every rule's `internalIp` must be inside it; otherwise it must be a private (RFC 1918) address. */
    vpcCidr?: string;
    /** `international` (default) or `china`: decides the billing values the account can buy. */
    accountSite?: string;
    /** Prefix of cloud-side names; starts with a letter. Default: the component name. */
    namePrefix?: string;
    /** Tags on the NAT gateway, the EIPs created here and the bandwidth plan. */
    tags?: Record<string, string>;
    /**
     * Identity of the stack that owns the gateway, e.g. `shared-bandwidth-gateway/prod`: tagged as `sbg-stack` on the
     * NAT gateway, the EIPs created here and the bandwidth plan, so resources a killed deploy left outside the state
     * can be found in the account (`npm run reconcile`). Up to 128 characters. Default: no such tag.
     */
    stackTag?: string;
    /** The NAT gateway. */
    natGateway: NatGatewaySpec;
    /** Public IPs by key. EIPs without rules are spare: bound and in the plan, forwarding nothing. */
    eips: Record<string, EipSpec>;
    /** DNAT rules by key. */
    rules?: Record<string, ForwardRuleSpec>;
    /** The EIP bandwidth plan every EIP joins. */
    bandwidthPlan: BandwidthPlanSpec;
    /** Demand profiles by application key, for sizing and checking the plan. */
    applications?: Record<string, DemandProfile>;
    /** Quota overrides. */
    quotas?: QuotaSpec;
    /** Protect created EIPs against release or replacement (Pulumi `protect`). Default true; set false only for throwaway stacks. */
    protectEips?: boolean;
    /**
     * No longer widens anything: joins to the bandwidth plan and DNAT entries of one table always run one at a time,
     * since the cloud may refuse a second one with a code the provider does not retry (docs/alicloud-rules.md §9).
     * Accepted for compatibility; a value above 1 is warned about. Default 1.
     */
    maxParallelWrites?: number;
    /** Connectivity check after deploy. Default off. */
    connectivityCheck?: ConnectivityCheckSpec;
    /**
     * Unit prices of the account's site and the stack's region (`resolvePriceSheet` of the shipped table plus the user's
     * overrides). With `applications`, `bandwidthEconomics.costs` estimates the month of each way of paying. Its `site`
     * must be `accountSite`. Default: no estimate.
     */
    prices?: PriceSheet;
}
