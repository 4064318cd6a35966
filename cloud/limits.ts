/**
 * The model's own copy of the documented API values and limits, each with its docs/alicloud-rules.md section. The
 * model checks requests against these, not against the library's tables (components/limits.ts), so that a wrong value
 * on one side is caught by tests/cloud/limits.test.ts, which compares the two, instead of being agreed on by both.
 */

/** The account's site decides which billing values are sold (rules §1.10, §1.14). */
export const ACCOUNT_SITES = ["international", "china"] as const;
export type AccountSite = (typeof ACCOUNT_SITES)[number];

/** Default quotas (rules §1.6, §4, §7.4); an inventory may raise them. */
export const DEFAULT_QUOTAS = {
    eipsPerNatGateway: 20,
    dnatEntriesPerTable: 100,
    eipsPerBandwidthPlan: 100,
    rulesPerSecurityGroup: 200,
} as const;

/** Pay-as-you-go bandwidth plans per account and region (rules §4). */
export const DEFAULT_PLANS_PER_REGION = 5;

/** Line types of bandwidth plans and EIPs (rules §1.10, §1.14). */
export const ISPS: readonly string[] = [
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
];

/** CreateCommonBandwidthPackage's charge types (rules §1.10). */
export type PlanChargeType = "PayByTraffic" | "PayByBandwidth" | "PayBy95" | "PayByDominantTraffic";

/** The plan's bandwidth range by site and charge type, Mbit/s; a charge type a site does not list is not sold there (rules §1.10). */
export const PLAN_BANDWIDTH_RANGES: Record<AccountSite, Partial<Record<PlanChargeType, [number, number]>>> = {
    international: { PayByTraffic: [1, 1000] },
    china: { PayByBandwidth: [2, 20000], PayBy95: [200, 20000], PayByDominantTraffic: [1, 2000] },
};

/** The only `Ratio`, required with PayBy95 (rules §1.10). */
export const PAYBY95_RATIO = 20;

/** DNAT and security group ports (rules §1.6, §7.1). */
export const PORT_RANGE: readonly [number, number] = [1, 65535];

/** Security group rule protocols; only tcp and udp take ports (rules §7.1). */
export const RULE_PROTOCOLS: readonly string[] = ["tcp", "udp", "icmp", "gre", "all"];
