/**
 * Documented Alibaba Cloud values and limits that the component validates against.
 * Every constant cites the section of `alicloud-rules.md` (the project's API reference) it comes from.
 */

/** Which Alibaba Cloud site the account belongs to; it decides allowed billing values (rules §1.10, §1.14). */
export const ACCOUNT_SITES = ["international", "china"] as const;
export type AccountSite = (typeof ACCOUNT_SITES)[number];

/** Default quotas (rules §4). All three can be raised in Quota Center, so callers may override them. */
export const DEFAULT_QUOTAS = {
    /** `natgw_quota_eip_num_per_nat`: EIPs per Internet NAT gateway (rules §4). */
    eipsPerNatGateway: 20,
    /** DNAT entries per DNAT table (rules §1.6, §4). */
    dnatEntriesPerTable: 100,
    /** EIPs per EIP bandwidth plan (rules §4). */
    eipsPerBandwidthPlan: 100,
    /** Inbound plus outbound rules per security group (rules §7.4). */
    rulesPerSecurityGroup: 200,
} as const;

/** Hard ceiling of EIPs on a NAT gateway in `EipBindMode=NAT` (rules §1.1, §4); not a quota. */
export const MAX_EIPS_NAT_BIND_MODE = 50;

/** Pay-by-data-transfer EIPs per NAT gateway (rules §4, marked [L]: a warning, not an error). */
export const TRAFFIC_EIPS_PER_NAT_LIKELY = 10;

/** `EipBindMode` values of CreateNatGateway (rules §1.1). */
export const EIP_BIND_MODES = ["MULTI_BINDED", "NAT"] as const;
export type EipBindMode = (typeof EIP_BIND_MODES)[number];

/** DNAT protocols as the provider accepts them: lowercase only (rules §5.3, §1.6). */
export const DNAT_PROTOCOLS = ["tcp", "udp", "any"] as const;
export type DnatProtocol = (typeof DNAT_PROTOCOLS)[number];

/** Line types of the EIP bandwidth plan and its EIPs (rules §1.10). */
export const ISPS = [
    "BGP",
    "BGP_PRO",
    "ChinaTelecom",
    "ChinaUnicom",
    "ChinaMobile",
    "ChinaTelecom_L2",
    "ChinaUnicom_L2",
    "ChinaMobile_L2",
    "BGP_FinanceCloud",
    "BGP_International",
] as const;
export type Isp = (typeof ISPS)[number];

/** Charge types of CreateCommonBandwidthPackage (rules §1.10). */
export const PLAN_CHARGE_TYPES = ["PayByTraffic", "PayByBandwidth", "PayBy95", "PayByDominantTraffic"] as const;
export type PlanChargeType = (typeof PLAN_CHARGE_TYPES)[number];

/** Bandwidth range of the plan by site and charge type, in Mbit/s (rules §1.10, SDK). */
export const PLAN_BANDWIDTH_RANGES: Record<AccountSite, Partial<Record<PlanChargeType, [number, number]>>> = {
    international: { PayByTraffic: [1, 1000] },
    china: { PayByBandwidth: [2, 20000], PayBy95: [200, 20000], PayByDominantTraffic: [1, 2000] },
};

/** Default plan charge type per site: the only international one, and the China API default (rules §1.10). */
export const DEFAULT_PLAN_CHARGE_TYPE: Record<AccountSite, PlanChargeType> = {
    international: "PayByTraffic",
    china: "PayByBandwidth",
};

/** The only `Ratio` value, China site, required with PayBy95 (rules §1.10). */
export const PAYBY95_RATIO = 20;

/** EIP charge types for pay-as-you-go EIPs (rules §1.14). International accounts: PayByTraffic only. */
export const EIP_CHARGE_TYPES = ["PayByTraffic", "PayByBandwidth"] as const;
export type EipChargeType = (typeof EIP_CHARGE_TYPES)[number];

/** Admin ports whose exposure the plan report warns about. */
export const ADMIN_PORTS: Record<number, string> = { 22: "SSH", 3389: "RDP", 5985: "WinRM", 5986: "WinRM" };

/** Database ports treated like administrative ones: their ingress needs explicit sources (rules §7.5). */
export const DATABASE_PORTS: Record<number, string> = {
    1433: "SQL Server",
    1521: "Oracle",
    3306: "MySQL",
    5432: "PostgreSQL",
    6379: "Redis",
    27017: "MongoDB",
};

/** Ports whose ingress needs an explicit `allowFrom` when a security group is named (rules §7.5). */
export const SENSITIVE_PORTS: Record<number, string> = { ...ADMIN_PORTS, ...DATABASE_PORTS };

/** Web ports whose ingress defaults to the whole Internet (`0.0.0.0/0`) when `allowFrom` is left out (rules §7.5). */
export const WEB_PORTS: readonly number[] = [80, 443];
