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
export { estimateCosts, cheapestOf, priceText, methodName, DAYS_PER_MONTH } from "./cost/estimate";
export type { CostEstimate, CostInput, CheapestMethod, PriceUsed, MethodCost } from "./cost/estimate";
export { monthDemand, minuteDemand, hourlyGb, dailyPeak95, monthlyPeak95, MBIT_PER_GB } from "./cost/demand";
export type { MonthDemand } from "./cost/demand";
export { graduated } from "./cost/charges";
export { parsePriceTable, parsePriceOverrides } from "./pricing/table";
export type { PriceTable, PriceRow, PriceOverride, PriceTier, PriceValue } from "./pricing/table";
export { resolvePriceSheet } from "./pricing/sheet";
export type { PriceSheet, SheetPrice, SheetOptions } from "./pricing/sheet";
export { PRICE_METHODS, PLAN_METHODS, METHOD_LABELS, PRICE_UNITS, SITE_CURRENCY } from "./pricing/methods";
export type { PriceMethod } from "./pricing/methods";
export type { AllocationPeriod, ApplicationShare } from "./allocation";
export { parsePort, formatPort, portsOverlap, portCount } from "./ports";
export type { PortSpec } from "./ports";
export { serialLanes } from "./ordering";
export * as limits from "./limits";
export { ConnectivityCheck, connectivityProvider, probeAll, DEFAULT_PROBE_OPTIONS } from "./connectivity";
export type { ConnectivityCheckArgs, ConnectivitySummary, ProbeTarget, ProbeOptions, ProbeResult } from "./connectivity";
export { planConnectivity } from "./connectivity/plan";
export type { ConnectivityPlan, PlannedEndpoint } from "./connectivity/plan";
