/**
 * The post-deploy connectivity check of a SharedBandwidthGateway (`<name>-connectivity`): created unless its mode is
 * `off`, after the forward entries, plan joins and spare bindings it covers, and only those.
 */
import type * as ecs from "@pulumi/alicloud/ecs";
import type * as vpc from "@pulumi/alicloud/vpc";
import * as pulumi from "@pulumi/pulumi";
import type { ConnectivityPlan } from "../connectivity/plan";
import type { ProbeTarget } from "../connectivity/probe";
import { ConnectivityCheck } from "../connectivity/resource";
import { childName } from "../kinds";
import type { ChildContext } from "./context";
import type { EipLinks } from "./eipLinks";

/** The children the check reads addresses from and waits for. */
export interface CheckedChildren extends EipLinks {
    eips: Map<string, ecs.EipAddress>;
    entries: Map<string, vpc.ForwardEntry>;
}

/** Creates the check of `probePlan`; undefined when the mode is `off`. */
export function createConnectivityCheck(ctx: ChildContext, probePlan: ConnectivityPlan, c: CheckedChildren): ConnectivityCheck | undefined {
    const settings = ctx.gw.connectivity;
    if (settings.mode === "off") {
        return undefined;
    }
    const check = new ConnectivityCheck(
        childName(ctx.name, "connectivity"),
        {
            mode: settings.mode,
            trigger: settings.trigger,
            endpoints: probePlan.endpoints.map(({ eip, rule: _rule, ...e }) =>
                c.eips.get(eip)!.ipAddress.apply((host): ProbeTarget => ({ ...e, host })),
            ),
            options: Object.fromEntries(
                Object.entries({
                    timeoutMs: settings.timeoutMs,
                    attempts: settings.attempts,
                    deadlineMs: settings.deadlineMs,
                    concurrency: settings.concurrency,
                }).filter(([, v]) => v !== undefined),
            ),
        },
        {
            parent: ctx.parent,
            dependsOn: [
                ...probePlan.rules.map((k) => c.entries.get(k)!),
                ...probePlan.eips.map((k) => c.joins.get(k)!),
                ...probePlan.spareEips.map((k) => c.binds.get(k)!),
            ],
        },
    );
    // Report mode: show what the last check found in the update's diagnostics too (state keeps it until a re-probe).
    check.warnings.apply((ws) => (ws ?? []).forEach((w) => pulumi.log.warn(`connectivity check: ${w}`, ctx.parent)));
    return check;
}
