/** The post-deploy connectivity check: probe engine, dynamic provider, resource, and the gateway's endpoint plan. */
export { ConnectivityCheck } from "./resource";
export type { ConnectivityCheckArgs } from "./resource";
export { connectivityProvider, checkInputs, fingerprint, containsUnknown, runCheck } from "./provider";
export type { ConnectivityMode, ConnectivityInputs, ConnectivityOutputs, ConnectivitySummary } from "./provider";
export { probeAll, attemptOnce, backoffDelay, describeFailures, DEFAULT_PROBE_OPTIONS } from "./probe";
export type { ProbeTarget, ProbeOptions, ProbeResult, AttemptOutcome } from "./probe";
