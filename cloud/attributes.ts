/**
 * What the API reports about each resource beyond the state its rules act on: names, descriptions, tags, billing
 * labels, creation times, and a DNAT entry's ports and protocol as the caller spelled them. The model keeps them on
 * the resource itself (cloud/state.ts `attributes`), so one store answers both the rules and the Describe actions and
 * nothing about a resource outlives it. The rules never read them. Each `...Attributes()` gives the values the API
 * reports for a resource that was not created through it (the inventory's, or one the offline plan creates), with
 * `over` on top.
 */

/** Tags by key (rules §8.7). */
export type Tags = Record<string, string>;

/** DescribeNatGateways' fields beyond the rules' state (rules §1.1, §1.3). */
export interface NatAttributes {
    name: string;
    description: string;
    natType: string;
    networkType: string;
    internetChargeType: string;
    instanceChargeType: string;
    eipBindMode: string;
    spec: string;
    vswitchId: string;
    icmpReplyEnabled: boolean;
    privateLinkEnabled: boolean;
    creationTime: string;
    resourceGroupId: string;
    tags: Tags;
}

/** DescribeEipAddresses' fields beyond the rules' state (rules §1.14). */
export interface EipAttributes {
    name: string;
    description: string;
    /** The EIP's own bandwidth as the API writes it, Mbit/s (rules §1.14: default 5). */
    bandwidth: string;
    netmode: string;
    instanceChargeType: string;
    allocationTime: string;
    resourceGroupId: string;
    tags: Tags;
}

/** DescribeCommonBandwidthPackages' fields beyond the rules' state (rules §1.10). */
export interface PlanAttributes {
    name: string;
    description: string;
    ratio: number;
    creationTime: string;
    resourceGroupId: string;
    tags: Tags;
}

/** DescribeForwardTableEntries' fields beyond the rules' state (rules §1.9). */
export interface EntryAttributes {
    name: string;
    /** As sent, so that reads echo the caller's spelling (`80`, `8000/8010`, `any`). */
    externalPort: string;
    internalPort: string;
    ipProtocol: string;
}

/** DescribeSecurityGroupAttribute's fields of a rule beyond the rules' state (rules §7.1). */
export interface RuleAttributes {
    createTime: string;
    description: string;
}

const UNNAMED = { name: "", description: "", resourceGroupId: "" };

export function natAttributes(over: Partial<NatAttributes> = {}): NatAttributes {
    return {
        ...UNNAMED,
        natType: "Enhanced",
        networkType: "internet",
        internetChargeType: "PayByLcu",
        instanceChargeType: "PostPaid",
        eipBindMode: "MULTI_BINDED",
        spec: "",
        vswitchId: "",
        icmpReplyEnabled: true,
        privateLinkEnabled: false,
        creationTime: "",
        tags: {},
        ...over,
    };
}

/** `subscription`: the EIP is billed by subscription (`PrePaid`), else pay-as-you-go (`PostPaid`). */
export function eipAttributes(subscription: boolean, over: Partial<EipAttributes> = {}): EipAttributes {
    return {
        ...UNNAMED,
        bandwidth: "5",
        netmode: "public",
        instanceChargeType: subscription ? "PrePaid" : "PostPaid",
        allocationTime: "",
        tags: {},
        ...over,
    };
}

export function planAttributes(over: Partial<PlanAttributes> = {}): PlanAttributes {
    return { ...UNNAMED, ratio: 0, creationTime: "", tags: {}, ...over };
}

export function ruleAttributes(over: Partial<RuleAttributes> = {}): RuleAttributes {
    return { createTime: "", description: "", ...over };
}

/** A copy that shares nothing with `a` (its tags included). */
export function copyAttributes<T extends { tags?: Tags }>(a: T): T {
    return a.tags ? { ...a, tags: { ...a.tags } } : { ...a };
}
