/**
 * The plan against what is deployed (`--state`): each resource's operation and changes, the removed resources as
 * `delete` rows, the update's steps (offline/update.ts) and what would be released (offline/protection.ts), with
 * config keys as paths.
 */
import type { Inventory } from "../cloud/inventory";
import type { PlanDocument, PlanFinding, PlanResource } from "./plan";
import type { PriorStateMocks } from "./priorMocks";
import type { PriorResource, PriorState } from "./priorState";
import { protectionFindings } from "./protection";
import type { RecordedResource } from "./recorder";
import { replayUpdate } from "./update";

/** Addresses of deployed EIPs: the mocks never hand them to a new EIP. */
export function deployedAddresses(prior: PriorState | undefined): string[] {
    if (!prior) {
        return [];
    }
    const fromOutputs = prior.resources.map((r) => r.outputs.ipAddress).filter((a): a is string => typeof a === "string");
    return [...prior.addresses.values(), ...fromOutputs];
}

/** Each planned row's operation against what is deployed: the mocks' decision, with the changed inputs. */
function markOperations(doc: PlanDocument, resources: RecordedResource[], mocks: PriorStateMocks): void {
    for (const row of doc.resources) {
        const d = mocks.decisions.get(`${row.type}::${row.name}`);
        const claimed = row.operation === "create" && !row.id ? mocks.priorOf(row.type, row.name) : undefined;
        if (d) {
            row.operation = d.operation;
            if (d.operation !== "same") {
                row.changes = d.changes;
                row.changeValues = d.values;
            }
            if (d.operation === "replace") {
                row.deleteBeforeReplace = resources.find((r) => r.urn === row.urn)?.deleteBeforeReplace === true;
            }
        } else if (claimed) {
            row.operation = "same"; // a component the state already holds
        }
    }
}

/** A deployed resource the program no longer declares, as a `delete` row. */
function deleteRow(p: PriorResource): PlanResource {
    return {
        urn: p.urn,
        type: p.type,
        name: p.name,
        parent: p.parent ?? null,
        operation: "delete",
        id: p.id ?? null,
        dependsOn: p.dependencies,
        protect: p.protect,
        ...(p.deletedWith ? { deletedWith: p.deletedWith } : {}),
        inputs: p.inputs,
    };
}

/** A finding of the replay or the protection check as a plan finding: its config key, else its resource's path. */
function toFinding(
    project: string,
    pathOf: (name: string) => string,
    nameOf: Map<string, string>,
): (f: { resource: string; message: string; code?: string; key?: string }) => PlanFinding {
    return (f) => ({
        path: f.key !== undefined ? `${project}:${f.key}` : pathOf(nameOf.get(f.resource) ?? f.resource),
        message: f.message,
        ...(f.code ? { code: f.code } : {}),
        resource: f.resource,
    });
}

/**
 * The plan against what is deployed: each resource's operation and changes, the removed resources as `delete` rows,
 * the update's steps, and what the update replay and the protection check find (paths are config keys).
 */
export function planUpdate(
    doc: PlanDocument,
    resources: RecordedResource[],
    mocks: PriorStateMocks,
    inventory: Inventory,
    pathOf: (name: string) => string,
): { errors: PlanFinding[]; warnings: PlanFinding[] } {
    markOperations(doc, resources, mocks);
    const removed = mocks.prior.resources.filter((p) => !mocks.claimed.has(p.urn));
    doc.resources.push(...removed.map(deleteRow));
    const project = doc.project;
    const decision = (r: RecordedResource) => mocks.decisions.get(`${r.type}::${r.name}`);
    const replay = replayUpdate({
        resources,
        decision,
        answer: (r) => mocks.answers.get(`${r.type}::${r.name}`),
        prior: mocks.prior.resources,
        removed,
        priorAnswer: (p) => mocks.answerOf(p),
        inventory,
        pathOf,
        project,
    });
    doc.steps = replay.steps;
    const protection = protectionFindings({
        resources,
        decision,
        removed,
        keyOf: (name) => pathOf(name).replace(`${project}:`, ""),
        addressOf: (p) => mocks.outputsOf(p).ipAddress as string | undefined,
    });
    const nameOf = new Map([...resources, ...mocks.prior.resources].map((r) => [r.urn, r.name] as const));
    const finding = toFinding(project, pathOf, nameOf);
    // A protected replacement stops the update before any step runs: what the steps would meet is moot, so one cause
    // is reported once rather than with every refusal of the replay that follows from it.
    const blocked = protection.errors.some((e) => e.blocksUpdate);
    return {
        errors: [...protection.errors, ...(blocked ? [] : replay.errors)].map(finding),
        warnings: [...protection.warnings, ...(blocked ? [] : replay.warnings)].map(finding),
    };
}
