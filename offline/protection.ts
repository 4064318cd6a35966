/**
 * What an update would release for good, found before anything runs (`--state`): a protected resource the update
 * replaces (the engine refuses the whole update: pulumi v3.248.0 pkg/resource/deploy/step_generator.go, "unable to
 * replace resource ... as it is currently marked for protection") or deletes (the update fails when it reaches the
 * delete, after the other steps ran: step.go, DeleteStep.Apply, deleteProtectedError); an unprotected EIP whose
 * address is released; a PayBy95 plan, which the provider never deletes but only forgets
 * (terraform-provider-alicloud v1.285.0 resource_alicloud_common_bandwidth_package.go, Delete: "Terraform will remove
 * this resource from the state file, however resources may remain").
 */
import { KINDS } from "../components/kinds";
import type { GraphFinding } from "./graphCheck";
import { offlineKind } from "./kinds";
import type { PriorDecision } from "./priorMocks";
import type { PriorResource } from "./priorState";
import type { RecordedResource } from "./recorder";

export interface ProtectionInput {
    resources: RecordedResource[];
    decision: (r: RecordedResource) => PriorDecision | undefined;
    removed: PriorResource[];
    /** The config key a resource name stands for, without the project (`eips.web`). */
    keyOf: (name: string) => string;
    /** The public address of a deployed EIP. */
    addressOf: (p: PriorResource) => string | undefined;
}

/** A finding with the config key to change as its path (without the project). */
export interface KeyedFinding extends GraphFinding {
    key: string;
    /** The engine refuses the whole update before any step runs (a protected resource replaced). */
    blocksUpdate?: true;
}

/** The config keys whose change replaces `r`: its own, or the key that feeds the input (the kind's `fedBy`). */
function causes(r: RecordedResource, d: PriorDecision, keyOf: (name: string) => string): string[] {
    const fedBy = offlineKind(r.type)?.fedBy;
    return d.replaceKeys.map((k) => fedBy?.[k] ?? `${keyOf(r.name)}.${k}`);
}

/** A PayBy95 plan: the provider's Delete only forgets it (the kind's `forgottenOnDelete`). */
const payBy95 = (p: { type: string; inputs: Record<string, unknown> }) => offlineKind(p.type)?.forgottenOnDelete?.(p.inputs) === true;

/** `isp: ForceNew in resource_alicloud_eip_address.go`, for a kind whose source the messages cite; else "". */
function forceNewText(r: RecordedResource, d: PriorDecision): string {
    const source = offlineKind(r.type)?.providerSource;
    return source ? `${d.replaceKeys.join(", ")}: ForceNew in ${source}` : "";
}

function forgottenPlan(p: PriorResource, key: string, why: string): KeyedFinding {
    return {
        resource: p.urn,
        key,
        message:
            `${why} the PayBy95 bandwidth plan ${p.id ?? ""}: the provider never deletes a PayBy95 plan, it only removes it from the state ` +
            `(resource_alicloud_common_bandwidth_package.go Delete), so it stays in the account, and billed, until you delete it there`,
        related: [],
    };
}

/** Protected resources one config change replaces: reported once, with all of them. */
interface Blocked {
    cause: string[];
    urn: string;
    what: string[];
    values: string;
    forceNew: Set<string>;
    eips: number;
}

/** `changing bandwidthPlan.isp (BGP → BGP_PRO) replaces ...`: one error per cause, naming every protected resource. */
function blockedMessage(b: Blocked): string {
    const many = b.what.length > 1;
    return (
        `changing ${b.cause.join(", ")}${b.values} replaces ${b.what.join(", ")} (${[...b.forceNew].join("; ")}), ` +
        `${many ? "which are" : "which is"} protected, so the engine refuses the whole update before anything runs ` +
        `("unable to replace resource ... marked for protection"). ${b.eips > 0 ? "Public IPs are precious: " : ""}` +
        `change ${b.cause.join(", ")} back${b.eips > 0 ? ` to keep the address${b.eips > 1 ? "es" : ""}` : ""}`
    );
}

/** ` (BGP → BGP_PRO)`: the old and new value of the changed input when it is one. */
function valuesText(d: PriorDecision): string {
    const [k] = d.replaceKeys;
    const v = d.replaceKeys.length === 1 ? d.values[k] : undefined;
    return v && typeof v.old !== "object" && typeof v.new !== "object" ? ` (${String(v.old)} → ${String(v.new)})` : "";
}

/** Replacements: protected ones are errors; released EIP addresses and forgotten PayBy95 plans are warnings. */
function replacements(input: ProtectionInput, errors: KeyedFinding[], warnings: KeyedFinding[]): void {
    const blocked = new Map<string, Blocked>();
    for (const r of input.resources) {
        const d = input.decision(r);
        if (!d || d.operation !== "replace") {
            continue;
        }
        const key = input.keyOf(r.name);
        const cause = causes(r, d, input.keyOf);
        const forceNew = forceNewText(r, d);
        const isEip = r.type === KINDS.eip.type;
        const what = isEip ? `EIP ${key} (${input.addressOf(d.prior) ?? d.prior.id})` : key;
        if (r.protect && d.prior.protect) {
            const b = blocked.get(cause.join(", ")) ?? { cause, urn: r.urn, what: [], values: valuesText(d), forceNew: new Set(), eips: 0 };
            b.what.push(what);
            if (forceNew) {
                b.forceNew.add(forceNew);
            }
            b.eips += isEip ? 1 : 0;
            blocked.set(cause.join(", "), b);
        } else if (isEip) {
            warnings.push({
                resource: r.urn,
                key: cause[0],
                message: `changing ${cause.join(", ")} replaces ${what}${forceNew ? ` (${forceNew})` : ""}: the address is released for good and a new one allocated (the EIP is not protected)`,
                related: [],
            });
        }
        if (payBy95(d.prior)) {
            warnings.push(forgottenPlan(d.prior, cause[0], `changing ${cause.join(", ")} replaces`));
        }
    }
    const others = alsoReplaced(input);
    for (const b of blocked.values()) {
        errors.push({ resource: b.urn, key: b.cause[0], message: blockedMessage(b) + others, related: [], blocksUpdate: true });
    }
}

/** `; with it, the update would replace the bandwidth plan, 5 plan memberships and 5 bindings`, or "". */
function alsoReplaced(input: ProtectionInput): string {
    const counts = new Map<string, number>();
    for (const r of input.resources) {
        const d = input.decision(r);
        if (d?.operation === "replace" && !(r.protect && d.prior.protect) && offlineKind(r.type)?.replacedWords) {
            counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
        }
    }
    // Words for the unprotected resources an update replaces: the kind's `replacedWords`.
    const parts = [...counts].map(([type, n]) => {
        const [one, many] = offlineKind(type)!.replacedWords!;
        return n === 1 ? one : `${n} ${many}`;
    });
    const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
    return list ? `; the same change would also replace ${list}` : "";
}

/** Removed resources: protected ones are errors (with the rename hint for EIPs); released addresses are warnings. */
function removals(input: ProtectionInput, errors: KeyedFinding[], warnings: KeyedFinding[]): void {
    const newEips = input.resources
        .filter((r) => r.type === KINDS.eip.type && !r.read && !input.decision(r))
        .map((r) => input.keyOf(r.name));
    for (const p of input.removed) {
        const key = input.keyOf(p.name);
        const isEip = p.type === KINDS.eip.type && !p.external;
        const rename =
            isEip && newEips.length > 0
                ? `. If ${newEips.join(" or ")} is ${key} renamed, add previousKeys: ["${key.slice(key.indexOf(".") + 1)}"] to it (an alias: the address stays)`
                : "";
        const what = isEip ? `EIP ${key} (${input.addressOf(p) ?? p.id})` : key;
        if (p.protect) {
            errors.push({
                resource: p.urn,
                key,
                message:
                    `removing ${key} deletes ${what}, which is protected: the engine fails the update when it reaches the delete, after the other steps ` +
                    `have run ("cannot be deleted because it is protected")${rename}`,
                related: [],
            });
        } else if (isEip) {
            warnings.push({ resource: p.urn, key, message: `removing ${key} releases ${what} for good${rename}`, related: [] });
        }
        if (payBy95(p)) {
            warnings.push(forgottenPlan(p, key, `removing ${key} deletes`));
        }
    }
}

/** A fresh plan: destroying a PayBy95 plan leaves it in the account (the provider only forgets it). */
export function destroyWarnings(resources: RecordedResource[], keyOf: (name: string) => string): KeyedFinding[] {
    return resources
        .filter((r) => !r.read && payBy95(r))
        .map((r) => ({
            resource: r.urn,
            key: `${keyOf(r.name)}.internetChargeType`,
            message:
                "a PayBy95 bandwidth plan is never deleted by the provider: `pulumi destroy` (or replacing the plan) only removes it from the " +
                "state (resource_alicloud_common_bandwidth_package.go Delete), and it stays in the account, billed, until you delete it there",
            related: [],
        }));
}

export function protectionFindings(input: ProtectionInput): { errors: KeyedFinding[]; warnings: KeyedFinding[] } {
    const errors: KeyedFinding[] = [];
    const warnings: KeyedFinding[] = [];
    replacements(input, errors, warnings);
    removals(input, errors, warnings);
    return { errors, warnings };
}
