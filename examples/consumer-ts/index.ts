/**
 * A project that uses the component: it owns its VPC and vSwitch and hands their ids (Outputs) to the gateway.
 * Two services, each on its own public IP on port 443, share one 200 Mbit/s EIP bandwidth plan.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { SharedBandwidthGateway } from "shared-bandwidth-gateway";

const config = new pulumi.Config();
const vpcCidr = "10.20.0.0/16";

const vpc = new alicloud.vpc.Network("app-vpc", { vpcName: "app-vpc", cidrBlock: vpcCidr });
const natSwitch = new alicloud.vpc.Switch("nat-vsw", {
    vpcId: vpc.id,
    cidrBlock: "10.20.0.0/24",
    zoneId: config.require("zoneId"),
    vswitchName: "nat-vsw",
});

const gateway = new SharedBandwidthGateway("edge", {
    vpcId: vpc.id,
    vpcCidr,
    accountSite: "international",
    natGateway: { vswitchId: natSwitch.id },
    eips: { web: {}, api: {} },
    rules: {
        "web-https": { eip: "web", protocol: "tcp", externalPort: "443", internalIp: "10.20.1.10", internalPort: "8443" },
        "api-https": { eip: "api", protocol: "tcp", externalPort: "443", internalIp: "10.20.1.20" },
    },
    bandwidthPlan: { bandwidthMbps: 200 },
});

export const natGatewayId = gateway.natGatewayId;
export const endpoints = gateway.endpoints;
