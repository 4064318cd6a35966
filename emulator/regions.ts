/**
 * The regions the emulator answers for (docs/alicloud-rules.md §8.2): the provider's list of valid regions
 * (terraform-provider-alicloud v1.285.0 connectivity/regions.go `ValidRegions`), the closest published list to the
 * API's DescribeRegions. A request naming another region is refused with `InvalidRegionId.NotFound` (HTTP 404), the
 * code the API pages of these actions list for a region that does not exist (rules §1.2, §1.8, §1.10, §1.11, §1.13).
 */
import { PROVIDER_REGIONS } from "../components/regions";
import { WireError } from "./wire";

export const REGIONS: readonly string[] = PROVIDER_REGIONS;

const KNOWN = new Set(REGIONS);

/** The region the emulator's endpoint stands for when a request names none: the stacks' (Pulumi.dev.yaml). */
export const DEFAULT_REGION = "cn-shanghai";

/** Throws `InvalidRegionId.NotFound` unless `region` is one the emulator answers for. */
export function checkRegion(region: string): void {
    if (!KNOWN.has(region)) {
        throw new WireError(
            404,
            "InvalidRegionId.NotFound",
            `The specified RegionId ${JSON.stringify(region.slice(0, 64))} does not exist.`,
        );
    }
}
