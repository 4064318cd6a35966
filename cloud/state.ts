/**
 * The state the cloud model keeps (NAT gateways, EIPs, bandwidth plans, DNAT entries, security group rules), the requests that create
 * it; the refusal every operation throws is in cloud/errors.ts.
 */
import type { PortSpec } from "./ports";
import type { EipAttributes, EntryAttributes, NatAttributes, PlanAttributes, RuleAttributes } from "./attributes";

export { checkQuota, CloudError, deletionProtected, existing, found, httpStatusOf, noted, RULES_DOC } from "./errors";
export type { Wording } from "./errors";
export { copyAttributes, eipAttributes, natAttributes, planAttributes, ruleAttributes } from "./attributes";
export type { EipAttributes, EntryAttributes, NatAttributes, PlanAttributes, RuleAttributes, Tags } from "./attributes";

/** A precondition an operation needs from an earlier operation. */
export type Need =
    | { kind: "nat"; id: string }
    | { kind: "eip"; id: string }
    | { kind: "plan"; id: string }
    | { kind: "table"; id: string }
    | { kind: "binding"; externalIp: string; natId: string };

export interface NatState {
    id: string;
    vpcId: string;
    forwardTableId: string;
    snatTableId: string;
    deletionProtection: boolean;
    snatIps: string[];
    /** URN of the resource that created it; undefined for pre-existing ones. */
    createdBy?: string;
    /** Set while `Creating` (rules §1.1): when it becomes `Available` (cloud/transitions.ts). */
    readyAt?: number;
    /** What the API reports beyond the rules' state (names, tags, ...). */
    attributes: NatAttributes;
}

export interface EipState {
    allocationId: string;
    ipAddress: string;
    paymentType: "PayAsYouGo" | "Subscription";
    internetChargeType: string;
    isp: string;
    /** rules §1.14: `Available` when unbound, `InUse` when bound; rules §1.4, §1.5: `Associating`/`Unassociating` between. */
    status: "Available" | "InUse" | "Associating" | "Unassociating";
    /** When `Associating`/`Unassociating` ends (cloud/transitions.ts). */
    until?: number;
    /** Set while its join to the plan is `BINDING` (rules §1.11): when it becomes `BINDED`. */
    bindingUntil?: number;
    boundTo?: string;
    boundBy?: string;
    planId?: string;
    joinedBy?: string;
    /** rules §1.16: the most this EIP may take of its plan, Mbit/s; undefined means the plan's whole bandwidth. */
    planCapMbps?: number;
    createdBy?: string;
    /** rules §1.14: ReleaseEipAddress refuses an EIP with deletion protection on; undefined: off. */
    deletionProtection?: boolean;
    attributes: EipAttributes;
}

export interface PlanState {
    id: string;
    isp: string;
    bandwidthMbps: number;
    /** undefined for pre-existing plans whose charge type the inventory does not give. */
    internetChargeType?: string;
    deletionProtection: boolean;
    createdBy?: string;
    attributes: PlanAttributes;
}

export interface EntryState {
    id: string;
    tableId: string;
    externalIp: string;
    externalPort: PortSpec;
    internalIp: string;
    internalPort: PortSpec;
    protocol: "tcp" | "udp" | "any";
    createdBy?: string;
    /** rules §1.9: `Pending` (being created or modified) or `Deleting`; undefined when `Available`. */
    status?: "Pending" | "Deleting";
    /** When the status ends (cloud/transitions.ts). */
    until?: number;
    attributes: EntryAttributes;
}

/** A security group (rules §7); groups are never created here, only found. */
export interface SecurityGroupState {
    id: string;
    vpcId?: string;
}

/** One inbound rule of a security group (rules §7.1). */
export interface IngressRuleState {
    /** `sgr-...` */
    id: string;
    groupId: string;
    /** Lowercase: `tcp`, `udp`, `icmp`, `gre` or `all`. */
    ipProtocol: string;
    /** `22/22`, `8000/8010`, `-1/-1`. */
    portRange: string;
    sourceCidrIp: string;
    /** `accept` or `drop`. */
    policy: string;
    priority: number;
    nicType: string;
    createdBy?: string;
    attributes: RuleAttributes;
}

export interface IngressRequest {
    id: string;
    groupId: string;
    ipProtocol: string;
    portRange: string;
    sourceCidrIp: string;
    policy?: string;
    priority?: number;
    nicType?: string;
    attributes?: Partial<RuleAttributes>;
}

export interface NatGatewayRequest {
    id: string;
    vpcId: string;
    vswitchId?: string;
    forwardTableId: string;
    snatTableId: string;
    deletionProtection?: boolean;
    attributes?: Partial<NatAttributes>;
}

export interface EipRequest {
    allocationId: string;
    ipAddress: string;
    paymentType?: string;
    internetChargeType?: string;
    isp?: string;
    /** The EIP's own bandwidth, Mbit/s (rules §1.14: default 5). */
    bandwidthMbps?: number;
    attributes?: Partial<EipAttributes>;
}

export interface PlanRequest {
    id: string;
    bandwidth: string | number;
    internetChargeType?: string;
    isp?: string;
    ratio?: number;
    deletionProtection?: boolean;
    attributes?: Partial<PlanAttributes>;
}

export interface ForwardEntryRequest {
    id: string;
    tableId: string;
    externalIp: string;
    externalPort: string;
    internalIp: string;
    internalPort: string;
    protocol: string;
    portBreak?: boolean;
    /** Only the name: the rest of the entry's attributes is the request's own spelling. */
    name?: string;
}

/**
 * The code of a refusal the reference documents but whose API error code it does not: shown as such, so it is never
 * taken for a code the API sends.
 */
export const UNDOCUMENTED_CODE = "(undocumented)";

/**
 * How a refusal reads when the provider retries it (docs/alicloud-rules.md §5.2, §2 "Other state requirements"): the
 * deploy does not stop at once but after the provider's retry window.
 */
export function retriedFor(minutes: number, step: string): string {
    return `; the provider retries this on ${step} for ${minutes} minutes, so the update fails only after ${minutes} minutes of retries (docs/alicloud-rules.md §5.2)`;
}

/** The duplicate code is undocumented (rules §1.6 [?]); this is the only duplicate-specific candidate the reference names. */
export const DUPLICATE_ENTRY_CODE = "OperationUnsupported.ForwardEntry";
export const DUPLICATE_NOTE =
    "the VPC API's code for a duplicate entry is undocumented [?]; this is the candidate the reference names, from the deprecated ECS API (docs/alicloud-rules.md §1.6)";
