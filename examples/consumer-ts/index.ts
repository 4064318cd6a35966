/**
 * A project that uses the component: it hands the gateway a VPC and vSwitch it already has (stack config) and puts
 * two services, each on its own public IP on port 443, in one 200 Mbit/s EIP bandwidth plan.
 */
import * as pulumi from "@pulumi/pulumi";
import { SharedBandwidthGateway } from "shared-bandwidth-gateway";

const config = new pulumi.Config();

const gateway = new SharedBandwidthGateway("edge", {
    vpcId: config.require("vpcId"),
    vpcCidr: config.require("vpcCidr"),
    accountSite: "international",
    natGateway: { vswitchId: config.require("vswitchId") },
    eips: { web: {}, api: {} },
    rules: {
        "web-https": { eip: "web", protocol: "tcp", externalPort: "443", internalIp: "10.20.1.10", internalPort: "8443" },
        "api-https": { eip: "api", protocol: "tcp", externalPort: "443", internalIp: "10.20.1.20" },
    },
    bandwidthPlan: { bandwidthMbps: 200 },
    protectEips: config.getBoolean("protectEips"),
});

export const natGatewayId = gateway.natGatewayId;
export const forwardTableId = gateway.forwardTableId;
export const bandwidthPlanId = gateway.bandwidthPlanId;
export const bandwidthPlanMbps = gateway.bandwidthPlanMbps;
export const eips = gateway.eips;
export const endpoints = gateway.endpoints;
