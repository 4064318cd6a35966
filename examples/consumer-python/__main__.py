"""A project that uses the SharedBandwidthGateway component from Python.

It hands the gateway a VPC and vSwitch it already has (stack config) and puts two services, each on its own
public IP on port 443, in one 200 Mbit/s EIP bandwidth plan. `pulumi_shared_bandwidth_gateway` is the SDK
generated from the package schema (docs/multi-language.md).
"""

import pulumi
import pulumi_shared_bandwidth_gateway as sbg

config = pulumi.Config()

gateway = sbg.SharedBandwidthGateway(
    "edge",
    vpc_id=config.require("vpcId"),
    vpc_cidr=config.require("vpcCidr"),
    account_site="international",
    nat_gateway=sbg.NatGatewaySpecArgs(vswitch_id=config.require("vswitchId")),
    eips={"web": sbg.EipSpecArgs(), "api": sbg.EipSpecArgs()},
    rules={
        "web-https": sbg.ForwardRuleSpecArgs(
            eip="web", protocol="tcp", external_port="443", internal_ip="10.20.1.10", internal_port="8443"
        ),
        "api-https": sbg.ForwardRuleSpecArgs(eip="api", protocol="tcp", external_port="443", internal_ip="10.20.1.20"),
    },
    bandwidth_plan=sbg.BandwidthPlanSpecArgs(bandwidth_mbps=200),
    protect_eips=config.get_bool("protectEips"),
)

pulumi.export("natGatewayId", gateway.nat_gateway_id)
pulumi.export("forwardTableId", gateway.forward_table_id)
pulumi.export("bandwidthPlanId", gateway.bandwidth_plan_id)
pulumi.export("bandwidthPlanMbps", gateway.bandwidth_plan_mbps)
pulumi.export("eips", gateway.eips)
pulumi.export("endpoints", gateway.endpoints)
