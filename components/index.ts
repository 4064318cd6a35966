/**
 * Public API of the package: the component, its argument types, and the pure planning and validation
 * functions it is built on (usable on their own, e.g. to check a configuration in CI).
 */
export { SharedBandwidthGateway, endpointOf } from "./sharedBandwidthGateway";
export type { GatewayEndpoint, GatewayEip, GatewayConnectivity } from "./sharedBandwidthGateway";
export * from "./types";
export { validateGatewayArgs, resolveGatewayArgs, GatewayValidationError, STACK_TAG_KEY } from "./validation";
export type {
    Problem,
    ResolvedGateway,
    ResolvedRule,
    ResolvedEip,
    ResolvedBandwidthPlan,
    ResolvedIngress,
    BandwidthEconomics,
} from "./validation";
export { ingressPermission, permissionProblem, parseSource, sensitivePortsIn } from "./validation/ingress";
export { ingressNames, sourceName } from "./ingress";
export { planBandwidth, demandAt, individualPeak, parseTimeOfDay, formatTimeOfDay } from "./bandwidth";
export type { DemandProfile, PeakWindow, BandwidthFigures } from "./bandwidth";
export { hourlyAllocation } from "./allocation";
export type { AllocationPeriod, ApplicationShare } from "./allocation";
export { parsePort, formatPort, portsOverlap, portCount } from "./ports";
export type { PortSpec } from "./ports";
export { serialLanes } from "./ordering";
export * as limits from "./limits";
export { ConnectivityCheck, connectivityProvider, probeAll, DEFAULT_PROBE_OPTIONS } from "./connectivity";
export type { ConnectivityCheckArgs, ConnectivitySummary, ProbeTarget, ProbeOptions, ProbeResult } from "./connectivity";
export { planConnectivity } from "./connectivity/plan";
export type { ConnectivityPlan, PlannedEndpoint } from "./connectivity/plan";
