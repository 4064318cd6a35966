/**
 * Where the mocks' picture and the real engine's can disagree, checked after each deploy:
 * - the offline plan of the same stack file (mocks and the cloud model) against the state the engine wrote: the same
 *   resources (URN and type), the same dependency edges, the same protection and `deletedWith`;
 * - the emulator's request log: a clean deploy draws no refusal at all (a refusal the provider retried means an
 *   ordering the graph check missed), an EIP joins the plan before it is bound, and on destroy leaves the plan only
 *   after it is unbound and is released only after it left (rules §2 step 4, delete steps 3 and 6), forced
 *   deletions included;
 * - the offline plan of an update against the deployed state (`--state`) and `pulumi preview` of that update: the same
 *   operation per resource, and for an update the same changed inputs.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { execFileSync } from "child_process";
import * as path from "path";
import type { LogEntry } from "../emulator/emulator";
import { providerOutcome } from "../emulator/providerRetries";
import type { PlanDocument } from "../offline/plan";
import { ROOT } from "./engine";

/** A resource as `pulumi stack export` writes it. */
export interface StateResource {
    urn: string;
    type: string;
    custom?: boolean;
    protect?: boolean;
    dependencies?: string[];
    deletedWith?: string;
}

/** The offline plan (`tools/plan.ts --json`) of a stack file, against a deployed state when given, in a process of its own. */
export function offlinePlan(stackFile: string, stateFile?: string): PlanDocument {
    const state = stateFile !== undefined ? ["--state", stateFile] : [];
    const out = execFileSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(ROOT, "tools", "plan.ts"), "--config", stackFile, "--json", ...state],
        { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return JSON.parse(out) as PlanDocument;
}

const sorted = (xs: string[] | undefined) => [...new Set(xs ?? [])].sort();
const short = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** Differences between the plan's resources and the engine's state; empty when they agree. */
export function planVersusState(plan: PlanDocument, state: StateResource[]): string[] {
    const problems: string[] = [];
    const deployed = new Map(state.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]));
    const planned = new Map(plan.resources.map((r) => [r.urn, r]));
    for (const [urn, p] of planned) {
        const s = deployed.get(urn);
        if (!s) {
            problems.push(`planned but not deployed: ${urn}`);
            continue;
        }
        if (s.type !== p.type) {
            problems.push(`${short(urn)}: type ${p.type} planned, ${s.type} deployed`);
        }
        if (Boolean(s.protect) !== p.protect) {
            problems.push(`${short(urn)}: protect ${p.protect} planned, ${Boolean(s.protect)} deployed`);
        }
        if ((s.deletedWith || undefined) !== p.deletedWith) {
            const name = (u: string | undefined) => (u ? short(u) : "none");
            problems.push(`${short(urn)}: deletedWith ${name(p.deletedWith)} planned, ${name(s.deletedWith)} deployed`);
        }
        const [pd, sd] = [sorted(p.dependsOn), sorted(s.dependencies)];
        if (JSON.stringify(pd) !== JSON.stringify(sd)) {
            const missing = pd.filter((d) => !sd.includes(d)).map(short);
            const extra = sd.filter((d) => !pd.includes(d)).map(short);
            problems.push(
                `${short(urn)}: dependencies differ (planned only: ${missing.join(", ") || "-"}; deployed only: ${extra.join(", ") || "-"})`,
            );
        }
    }
    for (const urn of deployed.keys()) {
        if (!planned.has(urn)) {
            problems.push(`deployed but not planned: ${urn}`);
        }
    }
    return problems;
}

/**
 * Refusals a clean deploy still draws: a DNAT entry created right after its EIP's binding finds the EIP
 * `Associating`, since the provider does not wait for `InUse` after AssociateEipAddress and retries this code on
 * create (docs/alicloud-rules.md §2 step 5). No ordering avoids it.
 */
export const INHERENT_REFUSALS: ReadonlySet<string> = new Set(["OperationUnsupported.EipInBinding"]);

/**
 * Every refused request in `log` a lifecycle step must not draw. Strict (the default answers): any refusal but
 * injected faults and {@link INHERENT_REFUSALS}, since the offline plan's ordering promises none. Under a variant
 * (`tolerateRetried`): only the refusals the provider neither retries nor takes as success (emulator/providerRetries.ts);
 * the others are the price of the variant's answer, counted by {@link refusalCounts}.
 */
export function refusals(log: readonly LogEntry[], tolerateRetried = false): string[] {
    return log
        .filter((l) => l.status >= 400 && !l.injected && !INHERENT_REFUSALS.has(l.code ?? ""))
        .filter((l) => !tolerateRetried || providerOutcome(l) === "fails")
        .map((l) =>
            providerOutcome(l) === "fails"
                ? `the emulator refused ${l.action} (${l.code ?? l.status}) with ${JSON.stringify(l.params)}; the provider does not retry that`
                : `the emulator refused ${l.action} (${l.code ?? l.status}) with ${JSON.stringify(l.params)}; the provider retried it`,
        );
}

/** Refusals that were not injected, by `Action Code`, with what the provider does with each. Pure. */
export function refusalCounts(log: readonly LogEntry[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const l of log.filter((x) => x.status >= 400 && !x.injected)) {
        const key = `${l.action} ${l.code ?? l.status} (${providerOutcome(l)})`;
        counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
}

const forced = (l: LogEntry) => String(l.params.Force ?? "").toLowerCase() === "true";

/**
 * Per EIP, from the log: it joins the plan before it is bound (rules §2 step 4); it leaves the plan, on its own or
 * with the plan's forced deletion, only once unbound, on its own or by the gateway's forced deletion (rules §2 delete
 * step 3); it is released only once it left its plan (rules §2 delete step 6). Only what the log shows is judged.
 */
export function eipOrdering(log: readonly LogEntry[]): string[] {
    const ledger: EipLedger = { problems: [], joined: new Set(), boundTo: new Map(), planOf: new Map() };
    for (const l of log.filter((x) => x.status < 400)) {
        followEip(ledger, l);
    }
    return ledger.problems;
}

/** What {@link eipOrdering} knows of the EIPs so far, and the problems it found. */
interface EipLedger {
    problems: string[];
    joined: Set<string>;
    /** EIP id to the gateway it is bound to. */
    boundTo: Map<string, string>;
    /** EIP id to the plan it is in. */
    planOf: Map<string, string>;
}

/** Moves the ledger on by one successful request, noting any step taken out of order. */
function followEip(ledger: EipLedger, l: LogEntry): void {
    const { problems, joined, boundTo, planOf } = ledger;
    const p = l.params;
    switch (l.action) {
        case "AddCommonBandwidthPackageIp":
            joined.add(p.IpInstanceId);
            planOf.set(p.IpInstanceId, p.BandwidthPackageId);
            break;
        case "AssociateEipAddress":
            if (!joined.has(p.AllocationId)) {
                problems.push(`${p.AllocationId} was bound to the gateway before it joined the plan (rules §2 step 4)`);
            }
            boundTo.set(p.AllocationId, p.InstanceId);
            break;
        case "UnassociateEipAddress":
            boundTo.delete(p.AllocationId);
            break;
        case "DeleteNatGateway":
            if (forced(l)) {
                [...boundTo].filter(([, nat]) => nat === p.NatGatewayId).forEach(([id]) => boundTo.delete(id));
            }
            break;
        case "RemoveCommonBandwidthPackageIp":
            leavePlan(ledger, p.IpInstanceId, "");
            break;
        case "DeleteCommonBandwidthPackage":
            [...planOf]
                .filter(([, plan]) => plan === p.BandwidthPackageId)
                .forEach(([id]) => leavePlan(ledger, id, " (the plan's forced deletion)"));
            break;
        case "ReleaseEipAddress":
            if (planOf.has(p.AllocationId)) {
                problems.push(`${p.AllocationId} was released while still in plan ${planOf.get(p.AllocationId)} (rules §2 delete step 6)`);
            }
            break;
    }
}

/** EIP `id` leaves its plan (`how` says by what); a problem when it is still bound. */
function leavePlan(ledger: EipLedger, id: string, how: string): void {
    if (ledger.boundTo.has(id)) {
        ledger.problems.push(`${id} left the plan${how} while still bound to the gateway (rules §2 delete step 3)`);
    }
    ledger.planOf.delete(id);
}

/** What a preview does with one resource: its operation and the inputs that change. */
export interface PreviewStep {
    op: string;
    diffs: string[];
}

/** The steps of a replacement (create-replacement, replace, delete-replaced): one `replace` per resource. */
const REPLACE_STEPS = new Set(["replace", "create-replacement", "delete-replaced"]);

/** Each resource's operation in a preview, from the engine's step events (providers left out). */
export function previewOperations(events: readonly EngineEvent[]): Map<string, PreviewStep> {
    const out = new Map<string, PreviewStep>();
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (!m || m.type.startsWith("pulumi:providers:")) {
            continue;
        }
        const op = REPLACE_STEPS.has(m.op) ? "replace" : m.op;
        const diffs = [...new Set((m.diffs ?? []).map((d) => d.split(/[.[]/)[0]))].sort();
        const known = out.get(m.urn);
        out.set(m.urn, { op: known?.op === "replace" ? "replace" : op, diffs: [...new Set([...(known?.diffs ?? []), ...diffs])].sort() });
    }
    return out;
}

/**
 * Differences between the offline plan's operations and the preview's, and between the changed inputs of an update
 * where the preview names them; empty when they agree.
 */
export function planVersusPreview(plan: PlanDocument, preview: Map<string, PreviewStep>): string[] {
    const problems: string[] = [];
    const planned = new Map(plan.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]));
    for (const [urn, r] of planned) {
        const p = preview.get(urn);
        if (!p) {
            problems.push(`${short(urn)}: the offline plan says ${r.operation}, the preview has no step for it`);
        } else if (p.op !== r.operation) {
            problems.push(`${short(urn)}: the offline plan says ${r.operation}, the preview ${p.op}`);
        } else if (r.operation === "update" && p.diffs.length > 0 && JSON.stringify(r.changes ?? []) !== JSON.stringify(p.diffs)) {
            // (A provider without a detailed diff, like the connectivity check's dynamic one, names no keys: not compared.)
            problems.push(`${short(urn)}: the offline plan updates ${(r.changes ?? []).join(", ")}, the preview ${p.diffs.join(", ")}`);
        }
    }
    for (const [urn, p] of preview) {
        if (!planned.has(urn)) {
            problems.push(`${short(urn)}: the preview says ${p.op}, the offline plan does not know it`);
        }
    }
    return problems;
}
