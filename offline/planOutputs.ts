/**
 * The parts of the plan document taken from the program run: each recorded resource as a plan row, and the stack's
 * outputs as the endpoints, the EIPs and the bandwidth economics. Pure.
 */
import type { BandwidthEconomics } from "../components";
import type { CloudMocks } from "./cloudMocks";
import type { PlanBandwidth, PlanEip, PlanEndpoint, PlanResource } from "./plan";
import type { RecordedResource } from "./recorder";

/** The stack outputs the plan reads (the program's exports). */
export interface StackOutputs {
    eips?: Record<string, { allocationId: string; ipAddress: string }>;
    endpoints?: Record<string, Omit<PlanEndpoint, "securityGroupId" | "allowFrom"> & { securityGroupId?: string; allowFrom?: string[] }>;
    bandwidthPlanMbps?: number;
    bandwidthEconomics?: BandwidthEconomics;
    warnings?: { propertyPath: string; reason: string }[];
}

/** The bandwidth section before the program has run. */
export function emptyBandwidth(): PlanBandwidth {
    return {
        planMbps: null,
        coincidentPeakMbps: null,
        coincidentPeakAt: null,
        sumOfPeaksMbps: null,
        savingMbps: null,
        savingPercent: null,
        allocation: [],
        costs: null,
    };
}

/**
 * A dynamic resource carries its provider's serialised code in `__provider`: tens of kilobytes that say nothing
 * about the plan and change with every edit of the provider. The plan shows a placeholder instead.
 */
function summariseInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    if (typeof inputs.__provider !== "string") {
        return inputs;
    }
    return { ...inputs, __provider: "<serialised dynamic provider>" };
}

/** A recorded resource as a row of the plan, with the id the mocks gave it. */
export function toPlanResource(r: RecordedResource, mocks: CloudMocks): PlanResource {
    const answer = mocks.answers.get(`${r.type}::${r.name}`);
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        operation: r.read ? "read" : r.importId ? "import" : "create",
        id: r.custom ? (r.id ?? answer?.id ?? null) : null,
        dependsOn: r.dependsOn,
        protect: r.protect,
        ...(r.retainOnDelete ? { retainOnDelete: true as const } : {}),
        ...(r.deletedWith ? { deletedWith: r.deletedWith } : {}),
        inputs: summariseInputs(r.inputs),
    };
}

/** The endpoints, by rule key. */
export function endpointsOf(out: StackOutputs): PlanEndpoint[] {
    return Object.values(out.endpoints ?? {})
        .sort((a, b) => a.rule.localeCompare(b.rule))
        .map((e) => ({
            rule: e.rule,
            eip: e.eip,
            protocol: e.protocol,
            public: e.public,
            private: e.private,
            securityGroupId: e.securityGroupId ?? null,
            allowFrom: e.allowFrom ?? null,
        }));
}

/** The EIPs by key, each with the rules that use it. */
export function eipsOf(out: StackOutputs, endpoints: PlanEndpoint[]): PlanEip[] {
    return Object.entries(out.eips ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, e]) => {
            const rules = endpoints.filter((x) => x.eip === key).map((x) => x.rule);
            return { key, allocationId: e.allocationId, ipAddress: e.ipAddress, rules, spare: rules.length === 0 };
        });
}

/** The plan's size and the economics of sharing it. */
export function bandwidthOf(out: StackOutputs): PlanBandwidth {
    const econ = out.bandwidthEconomics;
    return {
        planMbps: out.bandwidthPlanMbps ?? null,
        coincidentPeakMbps: econ?.coincidentPeakMbps ?? null,
        coincidentPeakAt: econ?.coincidentPeakAt ?? null,
        sumOfPeaksMbps: econ?.sumOfPeaksMbps ?? null,
        savingMbps: econ?.savingMbps ?? null,
        savingPercent: econ && econ.sumOfPeaksMbps > 0 ? Math.round((econ.savingMbps / econ.sumOfPeaksMbps) * 1000) / 10 : null,
        allocation: econ?.allocation ?? [],
        costs: econ?.costs ?? null,
    };
}
