/**
 * The regions the emulator answers for (docs/alicloud-rules.md §8.2): the provider's list of valid regions
 * (terraform-provider-alicloud v1.285.0 connectivity/regions.go `ValidRegions`), the closest published list to the
 * API's DescribeRegions. A request naming another region is refused with `InvalidRegionId.NotFound` (HTTP 404), the
 * code the API pages of these actions list for a region that does not exist (rules §1.2, §1.8, §1.10, §1.11, §1.13).
 */
import { WireError } from "./wire";

export const REGIONS: readonly string[] = [
    "cn-hangzhou",
    "cn-qingdao",
    "cn-beijing",
    "cn-shenzhen",
    "cn-hongkong",
    "cn-shanghai",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-chengdu",
    "cn-heyuan",
    "cn-wulanchabu",
    "cn-guangzhou",
    "cn-nanjing",
    "cn-fuzhou",
    "cn-zhongwei",
    "us-west-1",
    "us-east-1",
    "us-southeast-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-southeast-8",
    "ap-south-1",
    "me-east-1",
    "me-central-1",
    "eu-central-1",
    "eu-west-1",
    "rus-west-1",
    "cn-north-2-gov-1",
    "cn-shenzhen-finance-1",
    "cn-szfinance",
    "cn-shenzhen-finance",
    "cn-shanghai-finance-1-pub",
    "cn-shanghai-finance-1",
    "cn-hangzhou-finance",
    "cn-hzfinance",
    "cn-hzjbp",
    "cn-beijing-finance-1",
    "cn-beijing-finance-1-pub",
];

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
