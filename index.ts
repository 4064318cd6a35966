/**
 * The stack program: reads this stack's configuration, builds the shared-bandwidth gateway and exports
 * what other stacks and operators need. Deploy with `pulumi up`; see README.md.
 */
import { SharedBandwidthGateway } from "./components";
import { readStackGateway } from "./program/stackConfig";

const { name, args } = readStackGateway();
const gateway = new SharedBandwidthGateway(name, args);

export const natGatewayId = gateway.natGatewayId;
export const forwardTableId = gateway.forwardTableId;
export const snatTableId = gateway.snatTableId;
export const bandwidthPlanId = gateway.bandwidthPlanId;
export const bandwidthPlanMbps = gateway.bandwidthPlanMbps;
export const eips = gateway.eips;
export const endpoints = gateway.endpoints;
// null, not undefined, when there are no demand profiles or no connectivity check: undefined outputs are dropped.
export const bandwidthEconomics = gateway.bandwidthEconomics.apply((e) => e ?? null);
export const warnings = gateway.warnings;
export const connectivity = gateway.connectivity.apply((c) => c ?? null);
