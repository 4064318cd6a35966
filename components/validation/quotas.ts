/** Quotas (rules §4). Overridable because Quota Center can raise them. */
import { DEFAULT_QUOTAS, MAX_EIPS_NAT_BIND_MODE, TRAFFIC_EIPS_PER_NAT_LIKELY } from "../limits";
import type { SharedBandwidthGatewayArgs } from "../types";
import { show } from "./common";
import type { Problem, ResolvedEip, ResolvedGateway } from "./types";

type Quotas = ResolvedGateway["quotas"];

/** The quotas in force, after checking the overrides. */
export function resolveQuotas(problems: Problem[], a: SharedBandwidthGatewayArgs): Quotas {
    for (const [k, v] of Object.entries(a.quotas ?? {})) {
        if (!(typeof v === "number" && v >= 1)) {
            problems.push({ propertyPath: `quotas.${k}`, reason: `${show(v)} must be a whole number of at least 1` });
        }
    }
    return { ...DEFAULT_QUOTAS, ...(a.quotas ?? {}) };
}

/** Counts of EIPs and rules against the quotas and the hard limit of `eipBindMode` "NAT". */
export function checkQuotas(
    problems: Problem[],
    warnings: Problem[],
    a: SharedBandwidthGatewayArgs,
    quotas: Quotas,
    nat: ResolvedGateway["nat"],
    eips: ResolvedEip[],
): void {
    const eipCount = Object.keys(a.eips).length;
    const ruleCount = Object.keys(a.rules ?? {}).length;
    if (eipCount > quotas.eipsPerNatGateway) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipCount} EIPs exceed the quota of ${quotas.eipsPerNatGateway} per NAT gateway (QuotaExceeded.NumberOfEip); raise natgw_quota_eip_num_per_nat in Quota Center and set quotas.eipsPerNatGateway`,
        });
    }
    if (nat.mode === "create" && nat.eipBindMode === "NAT" && eipCount > MAX_EIPS_NAT_BIND_MODE) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipCount} EIPs exceed the hard limit of ${MAX_EIPS_NAT_BIND_MODE} for eipBindMode "NAT"`,
        });
    }
    if (ruleCount > quotas.dnatEntriesPerTable) {
        problems.push({
            propertyPath: "rules",
            reason: `${ruleCount} rules exceed the quota of ${quotas.dnatEntriesPerTable} DNAT entries per table; raise natgw_quota_dnat_entry_num and set quotas.dnatEntriesPerTable`,
        });
    }
    if (eipCount > quotas.eipsPerBandwidthPlan) {
        problems.push({
            propertyPath: "eips",
            reason: `${eipCount} EIPs exceed the quota of ${quotas.eipsPerBandwidthPlan} per EIP bandwidth plan (IpInstanceId.QuotaExceeded); raise it in Quota Center and set quotas.eipsPerBandwidthPlan`,
        });
    }
    const trafficEips = eips.filter((e) => e.mode === "create" && e.internetChargeType === "PayByTraffic").length;
    if (trafficEips > TRAFFIC_EIPS_PER_NAT_LIKELY) {
        warnings.push({
            propertyPath: "eips",
            reason: `${trafficEips} pay-by-traffic EIPs on one NAT gateway; an older limit of ${TRAFFIC_EIPS_PER_NAT_LIKELY} (QuotaExceeded.NumberOfTrafficEip) may still apply (docs/alicloud-rules.md §4, uncertain)`,
        });
    }
}
