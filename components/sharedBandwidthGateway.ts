import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { planConnectivity } from "./connectivity/plan";
import type { ProbeResult, ProbeTarget } from "./connectivity/probe";
import type { ConnectivitySummary } from "./connectivity/provider";
import { ConnectivityCheck } from "./connectivity/resource";
import { createIngress } from "./ingress";
import { serialLanes } from "./ordering";
import { planTeardown } from "./teardown";
import type { SharedBandwidthGatewayArgs } from "./types";
import { BandwidthEconomics, Problem, resolveGatewayArgs, ResolvedRule } from "./validation";

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
        const parent = { parent: this };

        const probePlan = planConnectivity(gw);
        const warnings = [...gw.warnings, ...probePlan.skipped];
        for (const w of warnings) {
            pulumi.log.warn(`${w.propertyPath}: ${w.reason}`, this);
        }

        // A stable per-stack suffix keeps cloud-side names unique across stacks; names are cosmetic, never identity.
        const suffix = new random.RandomString(`${name}-suffix`, { length: 6, special: false, upper: false, numeric: true }, parent);
        const cloudName = (part?: string) => pulumi.interpolate`${gw.namePrefix}-${suffix.result}${part ? `-${part}` : ""}`;
        const tags = Object.keys(gw.tags).length > 0 ? gw.tags : undefined;

        // A renamed key keeps its resources: the old child names become aliases (previousKeys).
        const aliases = (role: string, previous: string[] | undefined) =>
            previous && previous.length > 0 ? previous.map((k) => ({ name: `${name}-${role}-${k}` })) : undefined;

        // How destroy takes the gateway and the plan down (components/teardown.ts).
        const teardown = planTeardown(gw);

        const eipResources = new Map<string, ecs.EipAddress>();
        for (const e of gw.eips) {
            eipResources.set(
                e.key,
                e.mode === "adopt"
                    ? ecs.EipAddress.get(`${name}-eip-${e.key}`, e.allocationId!, undefined, parent)
                    : new ecs.EipAddress(
                          `${name}-eip-${e.key}`,
                          {
                              addressName: e.name ?? cloudName(e.key),
                              description: e.description,
                              paymentType: "PayAsYouGo",
                              internetChargeType: e.internetChargeType,
                              // rules §1.11: an EIP joins a plan only with the plan's line type.
                              isp: gw.plan.isp,
                              netmode: "public",
                              tags,
                          },
                          // Public IPs are precious: a created EIP is protected against release and replacement.
                          { parent: this, protect: gw.protectEips, aliases: aliases("eip", gw.renames.eips[e.key]) },
                      ),
            );
        }
        const createdEips = gw.eips.filter((e) => e.mode === "create").map((e) => eipResources.get(e.key)!);

        const plan = new vpc.CommonBandwithPackage(
            `${name}-plan`,
            {
                bandwidth: String(gw.plan.bandwidthMbps),
                isp: gw.plan.isp,
                internetChargeType: gw.plan.internetChargeType,
                ratio: gw.plan.ratio,
                bandwidthPackageName: gw.plan.name ?? cloudName(),
                description: gw.plan.description,
                deletionProtection: gw.plan.deletionProtection,
                tags,
                // components/teardown.ts: a forced deletion removes the plan's EIPs first (rules §1.13).
                force: teardown.forcePlan ? "true" : undefined,
            },
            // Deleted before the created EIPs are released (an EIP is released after it left the plan, rules §2).
            { parent: this, dependsOn: teardown.forcePlan ? createdEips : undefined },
        );

        const nat =
            gw.nat.mode === "adopt"
                ? vpc.NatGateway.get(`${name}-nat`, gw.nat.id, undefined, parent)
                : new vpc.NatGateway(
                      `${name}-nat`,
                      {
                          vpcId: gw.vpcId!,
                          vswitchId: gw.nat.vswitchId,
                          // rules §1.1: Enhanced, internet, PayAsYouGo and PayByLcu are the only values on sale.
                          natType: "Enhanced",
                          networkType: "internet",
                          paymentType: "PayAsYouGo",
                          internetChargeType: "PayByLcu",
                          eipBindMode: gw.nat.eipBindMode,
                          natGatewayName: gw.nat.name ?? cloudName(),
                          description: gw.nat.description,
                          deletionProtection: gw.nat.deletionProtection,
                          tags,
                          // components/teardown.ts: a forced deletion removes the entries and unbinds the EIPs (rules §1.2).
                          force: teardown.forceGateway || undefined,
                      },
                      // Deleted before the plan, so its EIPs leave the plan unbound (rules §2 delete step 3 [L]).
                      { parent: this, dependsOn: teardown.forceGateway ? [plan] : undefined },
                  );
        // The provider reports table ids as a comma-separated string; an Internet NAT gateway has one of each.
        const forwardTableId = nat.forwardTableIds.apply((ids) => ids.split(",")[0]);
        const snatTableId = nat.snatTableIds.apply((ids) => ids.split(",")[0]);

        const eipKeys = gw.eips.map((e) => e.key);
        // One lane whatever maxParallelWrites says: a second one fails the update under one of the cloud's answers (components/ordering.ts).
        const joinLanes = serialLanes(eipKeys, 1);
        const joins = new Map<string, vpc.CommonBandwithPackageAttachment>();
        const binds = new Map<string, ecs.EipAssociation>();
        for (const e of gw.eips) {
            const previous = gw.renames.eips[e.key];
            const eip = eipResources.get(e.key)!;
            const prev = joinLanes.get(e.key);

            // rules §2 step 4: join the plan before binding to the NAT gateway (binding first can interrupt service);
            // on destroy the EIP therefore leaves the plan only after it is unbound (rules §2 delete step 3).
            const join = new vpc.CommonBandwithPackageAttachment(
                `${name}-join-${e.key}`,
                { bandwidthPackageId: plan.id, instanceId: eip.id, ipType: "EIP" },
                // An EIP belongs to one plan at a time (IpInstanceId.AlreadyInBandwidthPackage), so a replacement must
                // remove it before adding it again (rules §1.11, §2 "Moving an EIP between CBWPs").
                {
                    parent: this,
                    dependsOn: [plan, eip, ...(prev ? [joins.get(prev)!] : [])],
                    deleteBeforeReplace: true,
                    aliases: aliases("join", previous),
                    // The plan's forced deletion removes it (components/teardown.ts); alone, it is removed on its own.
                    deletedWith: teardown.forcePlan ? plan : undefined,
                },
            );
            joins.set(e.key, join);

            // rules §1.4: InstanceType must be Nat for a NAT gateway. Depends on the gateway, so destroy unbinds every
            // EIP before deleting the gateway (never DependencyViolation.EIPS), or the gateway's forced deletion does.
            const bind = new ecs.EipAssociation(
                `${name}-bind-${e.key}`,
                { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
                // An EIP is bound to one instance at a time, so a replacement (e.g. a new gateway) unbinds first. No lane:
                // the provider does not wait for InUse, so queued bindings only space out calls (components/ordering.ts).
                {
                    parent: this,
                    dependsOn: [nat, join],
                    deleteBeforeReplace: true,
                    aliases: aliases("bind", previous),
                    // An adopted EIP already bound to the adopted gateway: adopt the binding (the provider's id is
                    // `<allocationId>:<instanceId>`, resource_alicloud_eip_association.go) instead of binding it again.
                    // The binding existed before the stack, so it outlives it: destroy leaves it as it was.
                    import: gw.boundEips.includes(e.key) && gw.nat.mode === "adopt" ? `${e.allocationId}:${gw.nat.id}` : undefined,
                    retainOnDelete: gw.boundEips.includes(e.key) || undefined,
                    // The gateway's forced deletion unbinds it (components/teardown.ts); alone, it is unbound on its own.
                    deletedWith: teardown.forceGateway ? nat : undefined,
                },
            );
            binds.set(e.key, bind);
        }

        // One lane whatever maxParallelWrites says: a second one fails the update (components/ordering.ts).
        const ruleLanes = serialLanes(
            gw.rules.map((r) => r.key),
            1,
        );
        const entries = new Map<string, vpc.ForwardEntry>();
        for (const r of gw.rules) {
            const prev = ruleLanes.get(r.key);
            // rules §2 step 5: externalIp comes from the EIP, not the binding, so the binding is an explicit
            // dependency (InvalidIp.NotInNatgw otherwise). Entries on one table are serialised (step 6).
            const entry = new vpc.ForwardEntry(
                `${name}-dnat-${r.key}`,
                {
                    forwardTableId,
                    externalIp: eipResources.get(r.eip)!.ipAddress,
                    externalPort: r.externalPort,
                    internalIp: r.internalIp,
                    internalPort: r.internalPort,
                    ipProtocol: r.protocol,
                    forwardEntryName: r.name,
                    portBreak: r.portBreak || undefined,
                },
                // A change of port, IP or protocol is an in-place ModifyForwardEntry; only a new DNAT table replaces the
                // entry (forward_table_id is its one ForceNew argument, resource_alicloud_forward_entry.go v1.285.0). As
                // (ExternalIp, ExternalPort, IpProtocol) is unique in a table (rules §1.6), that replacement deletes first.
                {
                    parent: this,
                    dependsOn: [nat, binds.get(r.eip)!, ...(prev ? [entries.get(prev)!] : [])],
                    deleteBeforeReplace: true,
                    aliases: aliases("dnat", gw.renames.rules[r.key]),
                    // The gateway's forced deletion deletes it (components/teardown.ts); alone, it is deleted on its own.
                    deletedWith: teardown.forceGateway ? nat : undefined,
                },
            );
            entries.set(r.key, entry);
        }

        // Ingress in the targets' security groups: independent of the gateway, so they run in the first wave.
        createIngress(name, gw.rules, this);

        // The post-deploy check: after the forward entries and plan attachments it covers, and only those.
        let check: ConnectivityCheck | undefined;
        const checkMode = gw.connectivity.mode;
        if (checkMode !== "off") {
            const c = gw.connectivity;
            check = new ConnectivityCheck(
                `${name}-connectivity`,
                {
                    mode: checkMode,
                    trigger: c.trigger,
                    endpoints: probePlan.endpoints.map(({ eip, rule: _rule, ...e }) =>
                        eipResources.get(eip)!.ipAddress.apply((host): ProbeTarget => ({ ...e, host })),
                    ),
                    options: Object.fromEntries(
                        Object.entries({
                            timeoutMs: c.timeoutMs,
                            attempts: c.attempts,
                            deadlineMs: c.deadlineMs,
                            concurrency: c.concurrency,
                        }).filter(([, v]) => v !== undefined),
                    ),
                },
                {
                    parent: this,
                    dependsOn: [
                        ...probePlan.rules.map((k) => entries.get(k)!),
                        ...probePlan.eips.map((k) => joins.get(k)!),
                        ...probePlan.spareEips.map((k) => binds.get(k)!),
                    ],
                },
            );
        }

        // Report mode: show what the last check found in the update's diagnostics too (state keeps it until a re-probe).
        check?.warnings.apply((ws) => (ws ?? []).forEach((w) => pulumi.log.warn(`connectivity check: ${w}`, this)));

        this.natGatewayId = nat.id;
        this.forwardTableId = forwardTableId;
        this.snatTableId = snatTableId;
        this.bandwidthPlanId = plan.id;
        this.bandwidthPlanMbps = pulumi.output(gw.plan.bandwidthMbps);
        this.eips = pulumi.all(
            Object.fromEntries(
                [...eipResources].map(([key, eip]) => [
                    key,
                    pulumi.all([eip.id, eip.ipAddress]).apply(([allocationId, ipAddress]) => ({ allocationId, ipAddress })),
                ]),
            ),
        );
        this.endpoints = pulumi.all(
            Object.fromEntries(gw.rules.map((r) => [r.key, eipResources.get(r.eip)!.ipAddress.apply((ip) => endpointOf(r, ip))])),
        );
        this.bandwidthEconomics = pulumi.output(gw.economics);
        this.warnings = pulumi.output(warnings);
        this.connectivity = check
            ? pulumi
                  .all([check.mode, check.summary, check.results, check.warnings])
                  .apply(([mode, summary, results, warns]) => ({ mode, summary, results, warnings: warns }))
            : pulumi.output(undefined);

        this.registerOutputs({
            natGatewayId: this.natGatewayId,
            forwardTableId: this.forwardTableId,
            snatTableId: this.snatTableId,
            bandwidthPlanId: this.bandwidthPlanId,
            bandwidthPlanMbps: this.bandwidthPlanMbps,
            eips: this.eips,
            endpoints: this.endpoints,
            bandwidthEconomics: this.bandwidthEconomics,
            warnings: this.warnings,
            connectivity: this.connectivity,
        });
    }
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
