/**
 * What can be priced: the four metering methods of the EIP bandwidth plan, the EIP's own metering (what an EIP costs
 * outside a plan) and the charges every method shares (the EIP configuration fee, the NAT gateway's instance and CU
 * fees). Each has one unit, whatever the site; the currency is the site's.
 */
import { AccountSite, PLAN_CHARGE_TYPES, PlanChargeType } from "../limits";

/** The plan's metering methods, as `internetChargeType` spells them (docs/alicloud-rules.md §1.10). */
export const PLAN_METHODS = PLAN_CHARGE_TYPES;
export type PlanMethod = PlanChargeType;

/** Everything a price can be given for. */
export const PRICE_METHODS = [...PLAN_METHODS, "eipPayByTraffic", "eipPayByBandwidth", "eipConfig", "natInstance", "natCu"] as const;
export type PriceMethod = (typeof PRICE_METHODS)[number];

/** The unit of each price; tiered prices are graduated over the same unit (Mbit/s of bandwidth, GB of a month). */
export const PRICE_UNITS: Record<PriceMethod, string> = {
    PayByTraffic: "per GB of outbound data",
    PayByBandwidth: "per Mbit/s per day",
    PayBy95: "per Mbit/s per day",
    PayByDominantTraffic: "per GB of the larger direction",
    eipPayByTraffic: "per GB of outbound data",
    eipPayByBandwidth: "per Mbit/s per day",
    eipConfig: "per EIP per hour",
    natInstance: "per gateway per hour",
    natCu: "per CU per hour",
};

/** Words for each method in reports. */
export const METHOD_LABELS: Record<PriceMethod, string> = {
    PayByTraffic: "pay-by-data-transfer",
    PayByBandwidth: "pay-by-bandwidth",
    PayBy95: "enhanced 95th percentile",
    PayByDominantTraffic: "pay-by-dominant-traffic",
    eipPayByTraffic: "EIP pay-by-data-transfer",
    eipPayByBandwidth: "EIP pay-by-bandwidth",
    eipConfig: "EIP configuration fee",
    natInstance: "NAT gateway instance fee",
    natCu: "NAT gateway CU fee",
};

/** The currency each site bills in. */
export const SITE_CURRENCY: Record<AccountSite, string> = { international: "USD", china: "CNY" };

/**
 * The EIP's own metering that an account of the site can buy pay-as-you-go: international accounts only
 * pay-by-data-transfer (docs/alicloud-rules.md §1.14, `COMMODITY.INVALID_COMPONENT` otherwise).
 */
export const EIP_METHODS_SOLD: Record<AccountSite, PriceMethod[]> = {
    international: ["eipPayByTraffic"],
    china: ["eipPayByTraffic", "eipPayByBandwidth"],
};

/** The most one pay-as-you-go EIP carries on its own, Mbit/s (AllocateEipAddress `Bandwidth`, docs/alicloud-rules.md §1.14). */
export const EIP_MAX_MBPS: Partial<Record<PriceMethod, number>> = { eipPayByBandwidth: 500, eipPayByTraffic: 200 };
