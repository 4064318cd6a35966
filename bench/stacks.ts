/**
 * Generated stacks for the plan benchmark: `rules` TCP rules spread over 20 EIPs (the default per-gateway quota),
 * the DNAT quota raised as needed.
 */
import { stringify } from "yaml";

export function generatedStack(rules: number): string {
    const eipCount = 20;
    const eips: Record<string, object> = {};
    for (let i = 1; i <= eipCount; i++) {
        eips[`e${i}`] = {};
    }
    const ruleMap: Record<string, object> = {};
    for (let i = 0; i < rules; i++) {
        ruleMap[`r${i}`] = {
            eip: `e${(i % eipCount) + 1}`,
            protocol: "tcp",
            externalPort: 8000 + i,
            internalIp: `192.168.${Math.floor(i / 200)}.${(i % 200) + 10}`,
            internalPort: 80,
        };
    }
    const p = "shared-bandwidth-gateway";
    return stringify({
        config: {
            "alicloud:region": "cn-shanghai",
            [`${p}:accountSite`]: "china",
            [`${p}:vpcId`]: "vpc-bench0000000000000",
            [`${p}:vpcCidr`]: "192.168.0.0/16",
            [`${p}:natGateway`]: { vswitchId: "vsw-bench0000000000000" },
            [`${p}:eips`]: eips,
            [`${p}:rules`]: ruleMap,
            [`${p}:bandwidthPlan`]: { bandwidthMbps: 500, internetChargeType: "PayByBandwidth" },
            [`${p}:quotas`]: { dnatEntriesPerTable: Math.max(100, rules) },
        },
    });
}
