/**
 * The output contract of a SharedBandwidthGateway: what each output holds, and how it is made from the children
 * (ids, addresses, the endpoint of every rule keyed by rule, the connectivity check's findings).
 */
import type * as ecs from "@pulumi/alicloud/ecs";
import type * as vpc from "@pulumi/alicloud/vpc";
import * as pulumi from "@pulumi/pulumi";
import type { Nat } from "./children/nat";
import type { ProbeResult } from "./connectivity/probe";
import type { ConnectivitySummary } from "./connectivity/provider";
import type { ConnectivityCheck } from "./connectivity/resource";
import type { BandwidthEconomics, Problem, ResolvedGateway, ResolvedRule } from "./validation";

/** The public address of one rule and where it lands. */
export interface GatewayEndpoint {
    /** Key of the rule. */
    rule: string;
    /** Key of the EIP. */
    eip: string;
    protocol: string;
    /** `ip:port/protocol` (a range as `ip:8000-8010/tcp`), or `ip/any` for a whole-IP mapping. */
    public: string;
    /** `ip:port` (a range as `ip:9000-9010`), or the bare IP for a whole-IP mapping. */
    private: string;
    /** The target's security group, when the rule names one. */
    securityGroupId?: string;
    /** The sources its ingress lets in (present with `securityGroupId`). */
    allowFrom?: string[];
}

/** An EIP's identity as the cloud sees it. */
export interface GatewayEip {
    allocationId: string;
    ipAddress: string;
}

/** What the connectivity check found at the last deploy that probed. */
export interface GatewayConnectivity {
    /** `report` or `enforce`. */
    mode: string;
    summary: ConnectivitySummary;
    /** By endpoint key (`rule/<ruleKey>:<port>`, `spare/<eipKey>:<port>`). */
    results: Record<string, ProbeResult>;
    /** One line per endpoint that did not meet its expectation. */
    warnings: string[];
}

/** Every output of the component, in the order it registers them. */
export interface GatewayOutputs {
    natGatewayId: pulumi.Output<string>;
    forwardTableId: pulumi.Output<string>;
    snatTableId: pulumi.Output<string>;
    bandwidthPlanId: pulumi.Output<string>;
    bandwidthPlanMbps: pulumi.Output<number>;
    eips: pulumi.Output<Record<string, GatewayEip>>;
    endpoints: pulumi.Output<Record<string, GatewayEndpoint>>;
    bandwidthEconomics: pulumi.Output<BandwidthEconomics | undefined>;
    warnings: pulumi.Output<Problem[]>;
    connectivity: pulumi.Output<GatewayConnectivity | undefined>;
}

/** The children the outputs are made from. */
export interface OutputSources {
    nat: Nat;
    plan: vpc.CommonBandwithPackage;
    eips: Map<string, ecs.EipAddress>;
    check: ConnectivityCheck | undefined;
}

/** The outputs of a gateway with children `c` and validation findings `warnings`. */
export function gatewayOutputs(gw: ResolvedGateway, c: OutputSources, warnings: Problem[]): GatewayOutputs {
    const { check } = c;
    return {
        natGatewayId: c.nat.resource.id,
        forwardTableId: c.nat.forwardTableId,
        snatTableId: c.nat.snatTableId,
        bandwidthPlanId: c.plan.id,
        bandwidthPlanMbps: pulumi.output(gw.plan.bandwidthMbps),
        eips: pulumi.all(
            Object.fromEntries(
                [...c.eips].map(([key, eip]) => [
                    key,
                    pulumi.all([eip.id, eip.ipAddress]).apply(([allocationId, ipAddress]) => ({ allocationId, ipAddress })),
                ]),
            ),
        ),
        endpoints: pulumi.all(
            Object.fromEntries(gw.rules.map((r) => [r.key, c.eips.get(r.eip)!.ipAddress.apply((ip) => endpointOf(r, ip))])),
        ),
        bandwidthEconomics: pulumi.output(gw.economics),
        warnings: pulumi.output(warnings),
        connectivity: check
            ? pulumi
                  .all([check.mode, check.summary, check.results, check.warnings])
                  .apply(([mode, summary, results, warns]) => ({ mode, summary, results, warnings: warns }))
            : pulumi.output(undefined),
    };
}

/** A port or range as endpoints write it: `80`, or `8000-8010` (the API's `8000/8010` would read as a protocol). */
function endpointPort(port: string): string {
    return port.replace("/", "-");
}

/** The endpoint of a rule given its EIP's address. Pure. */
export function endpointOf(r: ResolvedRule, publicIp: string): GatewayEndpoint {
    const ingress = r.ingress ? { securityGroupId: r.ingress.securityGroupId, allowFrom: [...r.ingress.allowFrom] } : {};
    const endpoint: GatewayEndpoint = r.wholeIp
        ? { rule: r.key, eip: r.eip, protocol: r.protocol, public: `${publicIp}/any`, private: r.internalIp }
        : {
              rule: r.key,
              eip: r.eip,
              protocol: r.protocol,
              public: `${publicIp}:${endpointPort(r.externalPort)}/${r.protocol}`,
              private: `${r.internalIp}:${endpointPort(r.internalPort)}`,
          };
    return { ...endpoint, ...ingress };
}
