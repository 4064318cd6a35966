/**
 * The plan against what is deployed (`--state`): each resource's operation and changes, the removed resources as
 * `delete` rows, the update's steps (offline/update.ts) and what would be released (offline/protection.ts), with
 * config keys as paths.
 */
import type { Inventory } from "../cloud/inventory";
import type { PlanDocument, PlanFinding } from "./plan";
import type { PriorStateMocks } from "./priorMocks";
import type { PriorState } from "./priorState";
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
    const decision = (r: RecordedResource) => mocks.decisions.get(`${r.type}::${r.name}`);
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
    const removed = mocks.prior.resources.filter((p) => !mocks.claimed.has(p.urn));
    for (const p of removed) {
        doc.resources.push({
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
        });
    }
    const project = doc.project;
    const keyOf = (name: string) => pathOf(name).replace(`${project}:`, "");
    const answer = (r: RecordedResource) => mocks.answers.get(`${r.type}::${r.name}`);
    const priorAnswer = (p: Parameters<PriorStateMocks["answerOf"]>[0]) => mocks.answerOf(p);
    const replay = replayUpdate({
        resources,
        decision,
        answer,
        prior: mocks.prior.resources,
        removed,
        priorAnswer,
        inventory,
        pathOf,
        project,
    });
    doc.steps = replay.steps;
    const protection = protectionFindings({
        resources,
        decision,
        removed,
        keyOf,
        addressOf: (p) => mocks.outputsOf(p).ipAddress as string | undefined,
    });
    const nameOf = new Map([
        ...resources.map((r) => [r.urn, r.name] as const),
        ...mocks.prior.resources.map((p) => [p.urn, p.name] as const),
    ]);
    const toFinding = (f: { resource: string; message: string; code?: string; key?: string }): PlanFinding => ({
        path: f.key !== undefined ? `${project}:${f.key}` : pathOf(nameOf.get(f.resource) ?? f.resource),
        message: f.message,
        ...(f.code ? { code: f.code } : {}),
        resource: f.resource,
    });
    // A protected replacement stops the update before any step runs: what the steps would meet is moot, so one cause
    // is reported once rather than with every refusal of the replay that follows from it.
    const blocked = protection.errors.some((e) => e.blocksUpdate);
    return {
        errors: [...protection.errors, ...(blocked ? [] : replay.errors)].map(toFinding),
        warnings: [...protection.warnings, ...(blocked ? [] : replay.warnings)].map(toFinding),
    };
}
