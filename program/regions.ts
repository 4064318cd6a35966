/**
 * `alicloud:region` against the regions the alicloud provider knows. terraform-provider-alicloud v1.285.0 refuses any
 * other region ("Invalid Alibaba Cloud region: ...") unless `skip_region_validation` is set
 * (alicloud/connectivity/config.go, validateRegion), so a typo fails the deploy only once the engine starts the
 * provider. A region close to a known one is refused here with the one meant; any other may be newer than the list,
 * so it is only a warning. Pure.
 */
import { closest, distance } from "fastest-levenshtein";
import type { Problem } from "../components";
import { PROVIDER_REGIONS } from "../components/regions";

export { PROVIDER_REGIONS };

const KEY = "alicloud:region";
const SOURCE = "terraform-provider-alicloud v1.285.0 (alicloud/connectivity/regions.go)";

/** The region checked: a problem for a near miss (with the region meant), a warning for an unknown one, else nothing. */
export function checkRegion(region: string | undefined, skipValidation: boolean): { problem?: Problem; warning?: Problem } {
    if (region === undefined || PROVIDER_REGIONS.includes(region)) {
        return {};
    }
    const lower = region.trim().toLowerCase();
    const near = closest(lower, [...PROVIDER_REGIONS]);
    // A region that differs from a known one only in its number (ap-southeast-9) may be a newer sibling: a warning.
    const sibling = /\d$/.test(lower) && lower.replace(/\d+$/, "") === near.replace(/\d+$/, "");
    // Close: one edit per five characters (cn-shangai for cn-shanghai; not sa-east-1 for me-east-1).
    const close = distance(lower, near) <= Math.max(1, Math.floor(near.length / 5));
    if (PROVIDER_REGIONS.includes(lower) || (close && !sibling)) {
        return {
            problem: {
                propertyPath: KEY,
                reason: `${JSON.stringify(region)} is not a region; did you mean ${JSON.stringify(near)}? (regions known to ${SOURCE})`,
            },
        };
    }
    return {
        warning: {
            propertyPath: KEY,
            reason: `${JSON.stringify(region)} is not among the regions known to ${SOURCE}; if it is newer than that list, ${
                skipValidation
                    ? "alicloud:skipRegionValidation is already true"
                    : "the provider refuses it (Invalid Alibaba Cloud region) unless alicloud:skipRegionValidation is true"
            }; otherwise check the spelling (e.g. cn-shanghai, ap-southeast-1)`,
        },
    };
}
