/**
 * The plan's warnings and errors with the config path each concerns (components/kinds.ts `configPathOf`): the
 * account's refusals of adopted resources, the graph check's findings, the provider and component warnings, and
 * what a destroy leaves in the account.
 */
import { configPathOf, KINDS } from "../components/kinds";
import { providerFindings } from "../program/stackConfig";
import type { CloudMocks } from "./cloudMocks";
import type { GraphCheckResult, GraphFinding } from "./graphCheck";
import type { PlanFinding } from "./plan";
import type { StackOutputs } from "./planOutputs";
import type { PlanInputs } from "./planInputs";
import { destroyWarnings } from "./protection";
import type { RecordedResource } from "./recorder";

/** The config path (`<project>:<key path>`) of a child resource name; the name itself for one no key sets. */
export function pathOf(input: PlanInputs): (name: string) => string {
    return (name) => configPathOf(name, input.componentName, input.project);
}

/** Adopted resources that do not exist or cannot be taken over: what is built on them would fail too, so only these. */
export function refusalFindings(mocks: CloudMocks, input: PlanInputs): PlanFinding[] {
    return mocks.refusals.map((x) => ({ path: pathOf(input)(x.name), code: x.error.code, message: x.error.message }));
}

/** A graph finding with its config path; a duplicated binding says how to adopt it instead. */
function graphFinding(input: PlanInputs, byUrn: Map<string, RecordedResource>): (f: GraphFinding) => PlanFinding {
    return (f) => {
        const r = byUrn.get(f.resource);
        const path = r ? pathOf(input)(r.name) : f.resource;
        const key = path.replace(`${input.project}:`, "");
        return {
            path,
            message:
                f.code === "InvalidAssociation.Duplicated" && r?.type === KINDS.bind.type
                    ? `${f.message}; ${key} is already bound to the gateway: set ${key}.bound: true to adopt the binding instead of binding it again`
                    : f.message,
            ...(f.code ? { code: f.code } : {}),
            resource: f.resource,
        };
    };
}

/** The plan's findings after the graph check: provider, component and check warnings; the check's errors. */
export function checkFindings(
    input: PlanInputs,
    resources: RecordedResource[],
    out: StackOutputs,
    check: GraphCheckResult,
): { warnings: PlanFinding[]; errors: PlanFinding[] } {
    const finding = graphFinding(input, new Map(resources.map((r) => [r.urn, r])));
    const warnings = [
        ...providerFindings(input.config).warnings.map((w) => ({ path: w.propertyPath, message: w.reason })),
        ...(out.warnings ?? []).map((w) => ({ path: `${input.project}:${w.propertyPath}`, message: w.reason })),
        ...check.warnings.map(finding),
    ];
    return { warnings, errors: check.errors.map(finding) };
}

/** What a destroy of the planned stack leaves in the account (a fresh plan only). */
export function destroyFindings(input: PlanInputs, resources: RecordedResource[]): PlanFinding[] {
    const keyOf = (name: string) => pathOf(input)(name).replace(`${input.project}:`, "");
    return destroyWarnings(resources, keyOf).map((f) => ({ path: `${input.project}:${f.key}`, message: f.message, resource: f.resource }));
}
