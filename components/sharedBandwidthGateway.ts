/**
 * The SharedBandwidthGateway component: validates its arguments, then wires its children (built by the modules in
 * components/children/, one per kind) in the order their dependencies need, and registers its outputs
 * (components/outputs.ts). Every child's name comes from components/kinds.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { childContext } from "./children/context";
import { createConnectivityCheck } from "./children/connectivity";
import { createEntries } from "./children/dnat";
import { createEipLinks } from "./children/eipLinks";
import { createdEips, createEips } from "./children/eips";
import { createNat } from "./children/nat";
import { createPlan } from "./children/plan";
import { planConnectivity } from "./connectivity/plan";
import { createIngress } from "./ingress";
import { GatewayConnectivity, GatewayEip, GatewayEndpoint, gatewayOutputs } from "./outputs";
import type { SharedBandwidthGatewayArgs } from "./types";
import { BandwidthEconomics, Problem, resolveGatewayArgs } from "./validation";

export { endpointOf } from "./outputs";
export type { GatewayConnectivity, GatewayEip, GatewayEndpoint } from "./outputs";

/**
 * Several Internet-facing applications behind one enhanced Internet NAT gateway, sharing one EIP bandwidth plan:
 * the NAT gateway (created or adopted), EIPs (created or adopted) that join the plan and are bound to the gateway,
 * and DNAT forward entries from a keyed rule table.
 *
 * Children are named `<name>-<role>-<key>`, so adding, removing or reordering EIPs and rules touches nothing else.
 * Ordering is explicit (`dependsOn`): an EIP joins the plan, then is bound to the gateway, then its forward
 * entries are created. Destroy deletes the gateway and the plan with the cloud's forced deletions, which take the
 * entries, bindings and joins with them, then releases the EIPs; a rule or an EIP removed on its own is deleted on
 * its own.
 */
export class SharedBandwidthGateway extends pulumi.ComponentResource {
    /** The component's type token. */
    static readonly TYPE = "shared-bandwidth-gateway:index:SharedBandwidthGateway";

    /** Id of the NAT gateway (`ngw-...`). */
    public readonly natGatewayId: pulumi.Output<string>;
    /** Id of the gateway's DNAT (forward) table (`ftb-...`). */
    public readonly forwardTableId: pulumi.Output<string>;
    /** Id of the gateway's SNAT table (`stb-...`). */
    public readonly snatTableId: pulumi.Output<string>;
    /** Id of the EIP bandwidth plan (`cbwp-...`). */
    public readonly bandwidthPlanId: pulumi.Output<string>;
    /** Bandwidth of the plan, Mbit/s. */
    public readonly bandwidthPlanMbps: pulumi.Output<number>;
    /** EIPs by key. */
    public readonly eips: pulumi.Output<Record<string, GatewayEip>>;
    /** Public endpoint of every rule, by rule key. */
    public readonly endpoints: pulumi.Output<Record<string, GatewayEndpoint>>;
    /** Coincident peak, sum of peaks and saving; undefined when no demand profiles are given. */
    public readonly bandwidthEconomics: pulumi.Output<BandwidthEconomics | undefined>;
    /** Non-fatal findings of the validation (spare EIPs, whole-IP exposure, undersized plan...). */
    public readonly warnings: pulumi.Output<Problem[]>;
    /** Result of the connectivity check; undefined when `connectivityCheck.mode` is `off`. */
    public readonly connectivity: pulumi.Output<GatewayConnectivity | undefined>;

    constructor(name: string, args: SharedBandwidthGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering anything: bad input never leaves a half-built stack.
        const gw = resolveGatewayArgs(name, args);
        super(SharedBandwidthGateway.TYPE, name, {}, opts);

        const probePlan = planConnectivity(gw);
        const warnings = [...gw.warnings, ...probePlan.skipped];
        for (const w of warnings) {
            pulumi.log.warn(`${w.propertyPath}: ${w.reason}`, this);
        }

        // Created in this order; each builder receives the children its dependsOn names.
        const ctx = childContext(name, gw, this);
        const eips = createEips(ctx);
        const plan = createPlan(ctx, createdEips(ctx, eips));
        const nat = createNat(ctx, plan);
        const { joins, binds } = createEipLinks(ctx, plan, nat.resource, eips);
        const entries = createEntries(ctx, nat, eips, binds);
        // Ingress in the targets' security groups: independent of the gateway, so they run in the first wave.
        createIngress(name, gw.rules, this);
        const check = createConnectivityCheck(ctx, probePlan, { eips, entries, joins, binds });

        const out = gatewayOutputs(gw, { nat, plan, eips, check }, warnings);
        this.natGatewayId = out.natGatewayId;
        this.forwardTableId = out.forwardTableId;
        this.snatTableId = out.snatTableId;
        this.bandwidthPlanId = out.bandwidthPlanId;
        this.bandwidthPlanMbps = out.bandwidthPlanMbps;
        this.eips = out.eips;
        this.endpoints = out.endpoints;
        this.bandwidthEconomics = out.bandwidthEconomics;
        this.warnings = out.warnings;
        this.connectivity = out.connectivity;
        this.registerOutputs({ ...out });
    }
}
