/**
 * Checks a recorded program against the cloud model on its DEPENDENCY GRAPH, not on the order the mock run happened
 * to use: the real engine runs any resource as soon as its dependencies are done, so an operation may only rely on
 * preconditions established by its transitive dependencies.
 *
 * 1. Waves: resources that could run in parallel, in order (level = 1 + highest level among dependencies).
 * 2. Create replay: every operation is applied wave by wave to one model (rule refusals such as quotas, duplicates,
 *    charge types). Then each operation is applied to a fresh model holding only its transitive dependencies; a
 *    refusal there whose missing precondition another resource establishes is an ordering error naming both.
 * 3. Destroy replay: each deletion runs against the fully created state minus only the resources that depend on
 *    it (the engine deletes dependents first, nothing else is guaranteed); a refusal names the blocking resources.
 * 4. Concurrency: writes the cloud serialises (DNAT entries on one table, bindings on one NAT gateway) are counted
 *    per wave; more than one at once is a warning, since the provider then relies on retries.
 */
import { CloudError, CloudModel, Need } from "../cloud/model";
import { answerKey, MockedResource, TYPES } from "./cloudMocks";
import type { Inventory } from "../cloud/inventory";
import type { RecordedResource } from "./recorder";

/** One finding of the check, about one resource. */
export interface GraphFinding {
    /** URN of the resource the finding is about. */
    resource: string;
    /** Error code the cloud answers with, when the finding is an API refusal. */
    code?: string;
    message: string;
    /** Other resources involved (e.g. the one that should be a dependency), URNs. */
    related: string[];
}

export interface GraphCheckResult {
    /** Custom resources in creation waves (URNs, sorted within a wave). */
    waves: string[][];
    /** Custom resources the stack deletes on destroy, in deletion waves (adopted resources are never deleted). */
    destroyWaves: string[][];
    errors: GraphFinding[];
    warnings: GraphFinding[];
    /** The model after every creation: what the account would hold. */
    model: CloudModel;
}

function shortName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

function describeNeed(need: Need): string {
    switch (need.kind) {
        case "nat":
            return `NAT gateway ${need.id} to exist`;
        case "eip":
            return `EIP ${need.id} to exist`;
        case "plan":
            return `bandwidth plan ${need.id} to exist`;
        case "table":
            return `DNAT table ${need.id} to exist`;
        case "binding":
            return `EIP ${need.externalIp} to be bound to NAT gateway ${need.natId}`;
    }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Applies the creation of `r` to `model`. Read resources and unknown types change nothing. */
export function applyCreate(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined): string[] {
    if (r.read || !answer) {
        return [];
    }
    const i = r.inputs;
    const s = answer.state;
    switch (r.type) {
        case TYPES.natGateway:
            model.createNatGateway(r.urn, {
                id: answer.id,
                vpcId: str(i.vpcId) ?? "",
                vswitchId: str(i.vswitchId),
                forwardTableId: String(s.forwardTableIds).split(",")[0],
                snatTableId: String(s.snatTableIds).split(",")[0],
                deletionProtection: i.deletionProtection === true,
            });
            return [];
        case TYPES.eip:
            model.allocateEip(r.urn, {
                allocationId: answer.id,
                ipAddress: String(s.ipAddress),
                paymentType: str(i.paymentType),
                internetChargeType: str(i.internetChargeType),
                isp: str(i.isp),
            });
            return [];
        case TYPES.plan:
            model.createBandwidthPlan(r.urn, {
                id: answer.id,
                bandwidth: (i.bandwidth as string | number | undefined) ?? "",
                internetChargeType: str(i.internetChargeType),
                isp: str(i.isp),
                ratio: typeof i.ratio === "number" ? i.ratio : undefined,
                deletionProtection: i.deletionProtection === true,
            });
            return [];
        case TYPES.planAttachment:
            model.addPlanIp(r.urn, String(i.bandwidthPackageId), String(i.instanceId), str(i.ipType));
            return [];
        case TYPES.eipAssociation:
            model.associateEip(r.urn, String(i.allocationId), String(i.instanceId), str(i.instanceType));
            return [];
        case TYPES.forwardEntry:
            return model.createForwardEntry(r.urn, {
                id: String(s.forwardEntryId ?? answer.id),
                tableId: String(i.forwardTableId),
                externalIp: String(i.externalIp),
                externalPort: String(i.externalPort),
                internalIp: String(i.internalIp),
                internalPort: String(i.internalPort),
                protocol: String(i.ipProtocol),
                portBreak: i.portBreak === true,
            });
        default:
            return [];
    }
}

/** Applies the deletion of `r` to `model`. Read resources are never deleted; unknown types change nothing. */
export function applyDelete(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined): void {
    if (r.read || !answer) {
        return;
    }
    const i = r.inputs;
    switch (r.type) {
        case TYPES.forwardEntry:
            model.deleteForwardEntry(String(answer.state.forwardEntryId ?? answer.id));
            return;
        case TYPES.eipAssociation:
            model.unassociateEip(String(i.allocationId), String(i.instanceId));
            return;
        case TYPES.planAttachment:
            model.removePlanIp(String(i.bandwidthPackageId), String(i.instanceId));
            return;
        case TYPES.plan:
            model.deleteBandwidthPlan(answer.id);
            return;
        case TYPES.natGateway:
            model.deleteNatGateway(answer.id);
            return;
        case TYPES.eip:
            model.releaseEip(answer.id);
            return;
        default:
            return;
    }
}

/** The dependency graph over custom resources; dependencies on components stand for their custom descendants. */
export interface DependencyGraph {
    /** Custom resources in a topological order (stable: recording order among ready ones). */
    order: RecordedResource[];
    /** Direct dependencies by URN (custom resources only). */
    deps: Map<string, Set<string>>;
    /** Transitive dependencies by URN. */
    ancestors: Map<string, Set<string>>;
    /** Transitive dependents by URN. */
    descendants: Map<string, Set<string>>;
    /** Creation wave index by URN. */
    level: Map<string, number>;
}

export function buildGraph(resources: RecordedResource[]): DependencyGraph {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) {
        if (r.parent) {
            children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
        }
    }
    const customUnder = (urn: string, out: Set<string>): void => {
        for (const c of children.get(urn) ?? []) {
            if (byUrn.get(c)?.custom) {
                out.add(c);
            }
            customUnder(c, out);
        }
    };
    const custom = resources.filter((r) => r.custom);
    const deps = new Map<string, Set<string>>();
    for (const r of custom) {
        const d = new Set<string>();
        for (const u of r.dependsOn) {
            const target = byUrn.get(u);
            if (target?.custom) {
                d.add(u);
            } else if (target) {
                customUnder(u, d);
            }
        }
        d.delete(r.urn);
        deps.set(r.urn, d);
    }
    // Kahn's algorithm, levels = waves.
    const level = new Map<string, number>();
    const order: RecordedResource[] = [];
    const remaining = new Set(custom.map((r) => r.urn));
    while (remaining.size > 0) {
        const ready = custom.filter((r) => remaining.has(r.urn) && [...deps.get(r.urn)!].every((d) => level.has(d)));
        if (ready.length === 0) {
            throw new Error(`dependency cycle among ${[...remaining].map(shortName).join(", ")}`);
        }
        for (const r of ready) {
            level.set(r.urn, Math.max(-1, ...[...deps.get(r.urn)!].map((d) => level.get(d)!)) + 1);
            remaining.delete(r.urn);
            order.push(r);
        }
    }
    order.sort((a, b) => level.get(a.urn)! - level.get(b.urn)!);
    const ancestors = new Map<string, Set<string>>();
    for (const r of order) {
        const a = new Set<string>();
        for (const d of deps.get(r.urn)!) {
            a.add(d);
            ancestors.get(d)!.forEach((x) => a.add(x));
        }
        ancestors.set(r.urn, a);
    }
    const descendants = new Map<string, Set<string>>(order.map((r) => [r.urn, new Set<string>()]));
    for (const [urn, a] of ancestors) {
        a.forEach((x) => descendants.get(x)!.add(urn));
    }
    return { order, deps, ancestors, descendants, level };
}

function groupWaves(urns: string[], levelOf: (urn: string) => number): string[][] {
    const waves: string[][] = [];
    for (const u of urns) {
        (waves[levelOf(u)] ??= []).push(u);
    }
    return waves.filter((w) => w !== undefined).map((w) => w.sort());
}

/** Serialised write kinds (rules §1.6 and §2 step 6: one DNAT write at a time per table; §1.4, §2: one binding write per gateway). */
function serialisedTarget(r: RecordedResource): string | undefined {
    if (r.read) {
        return undefined;
    }
    if (r.type === TYPES.forwardEntry) {
        return `DNAT table ${String(r.inputs.forwardTableId)}`;
    }
    if (r.type === TYPES.eipAssociation) {
        return `NAT gateway ${String(r.inputs.instanceId)}`;
    }
    return undefined;
}

function concurrencyWarnings(waves: string[][], byUrn: Map<string, RecordedResource>, phase: "create" | "destroy"): GraphFinding[] {
    const out: GraphFinding[] = [];
    waves.forEach((wave, index) => {
        const groups = new Map<string, string[]>();
        for (const u of wave) {
            const target = serialisedTarget(byUrn.get(u)!);
            if (target) {
                groups.set(target, [...(groups.get(target) ?? []), u]);
            }
        }
        for (const [target, urns] of groups) {
            if (urns.length > 1) {
                const kind = byUrn.get(urns[0])!.type === TYPES.forwardEntry ? "DNAT entry" : "EIP binding";
                out.push({
                    resource: urns[0],
                    message:
                        `${phase} wave ${index + 1} runs ${urns.length} ${kind} writes on ${target} at once (${urns.map(shortName).join(", ")}); ` +
                        `the cloud serialises them (rules §1.6, §1.4, §2), so ${urns.length - 1} of them fail with a conflict and rely on the provider's retries ` +
                        `(rules §5.2: up to 5 minutes); lower maxParallelWrites to 1`,
                    related: urns.slice(1),
                });
            }
        }
    });
    return out;
}

/** Runs the whole check. `answers` are the mock's answers by {@link answerKey}. */
export function checkGraph(resources: RecordedResource[], answers: Map<string, MockedResource>, inventory: Inventory): GraphCheckResult {
    const graph = buildGraph(resources);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const answer = (r: RecordedResource) => answers.get(answerKey(r.type, r.name));
    const errors: GraphFinding[] = [];
    const warnings: GraphFinding[] = [];
    const waves = groupWaves(
        graph.order.map((r) => r.urn),
        (u) => graph.level.get(u)!,
    );

    // 2a. Full replay, wave by wave: refusals that do not depend on ordering.
    // A refusal for a missing precondition is retried once at the end, as the provider retries it (rules §5.2);
    // whether the precondition is guaranteed in time is the ordering check's question (2b).
    const model = new CloudModel(inventory);
    const failed = new Set<string>();
    const attempt = (urn: string, final: boolean): boolean => {
        const r = byUrn.get(urn)!;
        try {
            for (const advice of applyCreate(model, r, answer(r))) {
                warnings.push({ resource: urn, message: `${shortName(urn)}: ${advice}`, related: [] });
            }
            return true;
        } catch (e) {
            if (!(e instanceof CloudError)) {
                throw e;
            }
            if (e.need && !final) {
                return false;
            }
            failed.add(urn);
            errors.push({
                resource: urn,
                code: e.code,
                message: `${shortName(urn)}: the cloud refuses its creation: ${e.message}`,
                related: [],
            });
            return true;
        }
    };
    const retry: string[] = [];
    for (const wave of waves) {
        for (const urn of wave) {
            if ([...graph.ancestors.get(urn)!].some((a) => failed.has(a))) {
                failed.add(urn); // a dependency already failed; its error is reported
            } else if (!attempt(urn, false)) {
                retry.push(urn);
            }
        }
    }
    for (const urn of retry) {
        if (![...graph.ancestors.get(urn)!].some((a) => failed.has(a))) {
            attempt(urn, true);
        }
    }

    // 2b. Each operation against its transitive dependencies only.
    const inventoryModel = new CloudModel(inventory);
    for (const r of graph.order) {
        if (failed.has(r.urn) || r.read) {
            continue;
        }
        const anc = graph.ancestors.get(r.urn)!;
        const partial = inventoryModel.clone();
        for (const a of graph.order) {
            if (anc.has(a.urn) && !failed.has(a.urn)) {
                applyCreate(partial, a, answer(a));
            }
        }
        try {
            applyCreate(partial, r, answer(r));
        } catch (e) {
            if (!(e instanceof CloudError)) {
                throw e;
            }
            const by = e.need ? model.establishedBy(e.need) : undefined;
            if (e.need && by && !anc.has(by)) {
                errors.push({
                    resource: r.urn,
                    code: e.code,
                    message:
                        `${shortName(r.urn)} needs ${describeNeed(e.need)}, which ${shortName(by)} establishes, but ${shortName(by)} is not among its ` +
                        `dependencies (direct or transitive): the engine may run it first and the cloud answers ${e.message}. Add ${shortName(by)} to its dependsOn`,
                    related: [by],
                });
            }
        }
    }

    // 2c. The project's preferred order (rules §2 create step 4 [L]): an EIP joins its plan before it is bound.
    for (const r of graph.order) {
        if (r.type !== TYPES.eipAssociation || r.read || failed.has(r.urn)) {
            continue;
        }
        const eip = model.eips.get(String(r.inputs.allocationId));
        if (eip?.joinedBy && !graph.ancestors.get(r.urn)!.has(eip.joinedBy)) {
            errors.push({
                resource: r.urn,
                message:
                    `${shortName(r.urn)} binds EIP ${eip.allocationId} without depending on ${shortName(eip.joinedBy)}, which adds it to the bandwidth plan: ` +
                    `binding first may interrupt service while the EIP joins (rules §2 create step 4 [L]), and on destroy the EIP would leave the plan ` +
                    `while still bound (EIP_BIND_NATGATEWAY, rules §1.12). Add ${shortName(eip.joinedBy)} to its dependsOn`,
                related: [eip.joinedBy],
            });
        }
    }

    // 3. Destroy: each deletion after its dependents only.
    const deletable = graph.order.filter((r) => !r.read && !failed.has(r.urn));
    const destroyLevel = new Map<string, number>();
    for (const r of [...deletable].reverse()) {
        const after = [...graph.descendants.get(r.urn)!].filter((d) => destroyLevel.has(d));
        destroyLevel.set(r.urn, Math.max(-1, ...after.map((d) => destroyLevel.get(d)!)) + 1);
    }
    const destroyWaves = groupWaves(
        deletable.map((r) => r.urn),
        (u) => destroyLevel.get(u)!,
    );
    {
        const reverse = [...deletable].reverse();
        for (const r of deletable) {
            const desc = graph.descendants.get(r.urn)!;
            const state = model.clone();
            for (const d of reverse) {
                if (desc.has(d.urn)) {
                    try {
                        applyDelete(state, d, answer(d));
                    } catch {
                        // reported on its own
                    }
                }
            }
            try {
                applyDelete(state, r, answer(r));
            } catch (e) {
                if (!(e instanceof CloudError)) {
                    throw e;
                }
                if (e.code === "InvalidOperation.DeletionProtection") {
                    warnings.push({
                        resource: r.urn,
                        code: e.code,
                        message: `${shortName(r.urn)}: deletion protection is on, so destroy stops here until it is turned off (${e.message})`,
                        related: [],
                    });
                    continue;
                }
                const blockers = [...new Set(e.blockers.filter((b): b is string => b !== undefined && b !== r.urn))];
                errors.push({
                    resource: r.urn,
                    code: e.code,
                    message:
                        `${shortName(r.urn)} cannot be deleted while ${blockers.length > 0 ? blockers.map(shortName).join(", ") : "pre-existing resources"} ` +
                        `still exist${blockers.length > 0 ? ", and they do not depend on it, so the engine may delete it first" : ""}: ${e.message}`,
                    related: blockers,
                });
            }
        }
    }

    warnings.push(...concurrencyWarnings(waves, byUrn, "create"), ...concurrencyWarnings(destroyWaves, byUrn, "destroy"));
    return { waves, destroyWaves, errors, warnings, model };
}
