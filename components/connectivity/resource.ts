/**
 * `ConnectivityCheck`: a dynamic resource that probes public endpoints after they are deployed and records what it
 * found. See {@link connectivityProvider} for when it probes.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ProbeOptions, ProbeResult, ProbeTarget } from "./probe";
import { ConnectivityMode, connectivityProvider, ConnectivitySummary } from "./provider";

/** Arguments of {@link ConnectivityCheck}. */
export interface ConnectivityCheckArgs {
    /** `report`: failures become `warnings`. `enforce`: any failure fails the create or update with one error listing them. */
    mode: pulumi.Input<ConnectivityMode>;
    /** Change this value to probe again although nothing else changed. Default `""`. */
    trigger?: pulumi.Input<string>;
    /** Endpoints to probe; keys must be unique. */
    endpoints: pulumi.Input<pulumi.Input<ProbeTarget>[]>;
    /** Timing and concurrency; unset fields take {@link DEFAULT_PROBE_OPTIONS}. */
    options?: pulumi.Input<Partial<ProbeOptions>>;
}

/** Probes endpoints once they exist; re-probes only when its inputs change. */
export class ConnectivityCheck extends pulumi.dynamic.Resource {
    public readonly mode!: pulumi.Output<ConnectivityMode>;
    public readonly trigger!: pulumi.Output<string>;
    public readonly endpoints!: pulumi.Output<ProbeTarget[]>;
    /** Per endpoint, by key: reachable, ok, attempts, lastError, latencyMs, checkedAt. */
    public readonly results!: pulumi.Output<Record<string, ProbeResult>>;
    /** Totals of the last check. */
    public readonly summary!: pulumi.Output<ConnectivitySummary>;
    /** One line per endpoint that did not meet its expectation. */
    public readonly warnings!: pulumi.Output<string[]>;

    constructor(name: string, args: ConnectivityCheckArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            connectivityProvider,
            name,
            {
                mode: args.mode,
                trigger: args.trigger ?? "",
                endpoints: args.endpoints,
                options: args.options ?? {},
                results: undefined,
                summary: undefined,
                warnings: undefined,
            },
            opts,
        );
    }
}
