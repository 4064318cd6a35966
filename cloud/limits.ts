/**
 * The documented API values and limits the model checks requests against, written from the API's side: each keyed by
 * the Quota Center quota or the action and parameter it limits, with its docs/alicloud-rules.md section. The model keeps
 * them itself rather than reading the library's tables (components/limits.ts, organised by what a user configures), so
 * that a wrong value on one side is caught by tests/cloud/limits.test.ts, which compares every value of the two, instead
 * of being agreed on by both.
 */

/** The account's site decides which billing values are sold (rules §1.10, §1.14). */
export const ACCOUNT_SITES = ["international", "china"] as const;
export type AccountSite = (typeof ACCOUNT_SITES)[number];

/** One quota: its default, where the reference states it, and the key of an inventory's `account.quotas` that raises it. */
export interface Quota {
    readonly default: number;
    readonly rule: string;
    readonly inventoryKey: string;
}

/**
 * The quotas the model counts against, by their Quota Center name where the reference gives one (rules §4), else by the
 * action whose request they refuse and what they count.
 */
export const QUOTAS = {
    natgw_quota_eip_num_per_nat: { default: 20, rule: "§4", inventoryKey: "eipsPerNatGateway" },
    natgw_quota_dnat_entry_num: { default: 100, rule: "§1.6, §4", inventoryKey: "dnatEntriesPerTable" },
    "AddCommonBandwidthPackageIp: EIPs per bandwidth package": { default: 100, rule: "§4", inventoryKey: "eipsPerBandwidthPlan" },
    "AuthorizeSecurityGroup: inbound plus outbound rules per group": { default: 200, rule: "§7.4", inventoryKey: "rulesPerSecurityGroup" },
    "CreateCommonBandwidthPackage: pay-as-you-go packages per account and region": {
        default: 5,
        rule: "§4",
        inventoryKey: "bandwidthPlansPerRegion",
    },
} as const satisfies Record<string, Quota>;

type QuotaKey = (typeof QUOTAS)[keyof typeof QUOTAS]["inventoryKey"];

/** Each quota's default under the inventory key that raises it, in the order of QUOTAS. */
export const QUOTA_DEFAULTS = Object.fromEntries(Object.values(QUOTAS).map((q) => [q.inventoryKey, q.default])) as Readonly<
    Record<QuotaKey, number>
>;

/** `ISP` of CreateCommonBandwidthPackage (rules §1.10) and AllocateEipAddress (rules §1.14): the line types sold. */
export const ISP_VALUES: readonly string[] = [
    "BGP",
    "BGP_PRO",
    "BGP_International",
    "BGP_FinanceCloud",
    "ChinaTelecom",
    "ChinaTelecom_L2",
    "ChinaUnicom",
    "ChinaUnicom_L2",
    "ChinaMobile",
    "ChinaMobile_L2",
];

/** CreateCommonBandwidthPackage's `InternetChargeType` values (rules §1.10). */
export type PlanChargeType = "PayByTraffic" | "PayByBandwidth" | "PayBy95" | "PayByDominantTraffic";

/** One row of CreateCommonBandwidthPackage's `Bandwidth` range (Mbit/s): the `InternetChargeType` a site sells, and its bounds. */
export interface BandwidthRange {
    readonly internetChargeType: PlanChargeType;
    readonly site: AccountSite;
    readonly min: number;
    readonly max: number;
}

/** CreateCommonBandwidthPackage `Bandwidth` by `InternetChargeType`; a charge type a site has no row for is not sold there (rules §1.10). */
export const CBWP_BANDWIDTH: readonly BandwidthRange[] = [
    { internetChargeType: "PayByTraffic", site: "international", min: 1, max: 1000 },
    { internetChargeType: "PayByBandwidth", site: "china", min: 2, max: 20000 },
    { internetChargeType: "PayBy95", site: "china", min: 200, max: 20000 },
    { internetChargeType: "PayByDominantTraffic", site: "china", min: 1, max: 2000 },
];

/** The `Bandwidth` range of `charge` on `site`, or undefined when the site does not sell it. */
export function bandwidthRange(site: AccountSite, charge: string): [number, number] | undefined {
    const row = CBWP_BANDWIDTH.find((r) => r.site === site && r.internetChargeType === charge);
    return row && [row.min, row.max];
}

/** The `InternetChargeType` values `site` sells, in the order of CBWP_BANDWIDTH. */
export function chargeTypesSold(site: AccountSite): PlanChargeType[] {
    return CBWP_BANDWIDTH.filter((r) => r.site === site).map((r) => r.internetChargeType);
}

/** CreateCommonBandwidthPackage `Ratio`: its only value, required with `InternetChargeType` PayBy95 (rules §1.10). */
export const CBWP_RATIO = { value: 20, requiredWith: "PayBy95" } as const;

/** CreateForwardEntry `ExternalPort`/`InternalPort` and AuthorizeSecurityGroup `PortRange` bounds (rules §1.6, §7.1). */
export const PORT_RANGE: readonly [number, number] = [1, 65535];

/** AuthorizeSecurityGroup `IpProtocol` values; only tcp and udp take ports (rules §7.1). */
export const RULE_PROTOCOLS: readonly string[] = ["tcp", "udp", "icmp", "gre", "all"];
