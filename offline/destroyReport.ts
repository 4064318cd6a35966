/**
 * What `pulumi destroy` does with the planned stack, for the report: the deletions that call the API, wave by wave
 * (each waits for the one before), and what goes with a forced deletion instead of being deleted on its own. Pure.
 */
import { planTeardown } from "../components/teardown";
import { KINDS } from "../components/kinds";
import { OFFLINE_KINDS, offlineKind } from "./kinds";
import type { PlanDocument, PlanResource } from "./plan";

/** Waves listed one per line up to this many; longer destroys show their ends. */
const MAX_WAVES = 12;

function plural(n: number, word: string, words = `${word}s`): string {
    return `${n} ${n === 1 ? word : words}`;
}

/** The kinds a forced deletion takes along, in the order the report names them. */
const RIDERS = ["dnat", "bind", "join"] as const;

/** `2 DNAT entries and 2 bindings`: what goes with `owner`'s deletion. */
function goesWith(doc: PlanDocument, owner: PlanResource): string | undefined {
    const riders = doc.resources.filter((r) => r.deletedWith === owner.urn);
    const parts = RIDERS.map((kind) => {
        const n = riders.filter((r) => r.type === KINDS[kind].type).length;
        const [word, words] = OFFLINE_KINDS[kind].riderWords!;
        return n > 0 ? plural(n, word, words) : undefined;
    }).filter((p): p is string => p !== undefined);
    return parts.length > 0 ? parts.join(" and ") : undefined;
}

/** One wave: its resources by name, a forced deletion with what it takes along. */
function waveLine(doc: PlanDocument, wave: string[], byUrn: Map<string, PlanResource>): string {
    return wave
        .map((urn) => {
            const r = byUrn.get(urn);
            if (!r) {
                return urn;
            }
            const forced = offlineKind(r.type)?.forcedDelete?.(r.inputs) === true;
            const riders = forced ? goesWith(doc, r) : undefined;
            if (r.protect) {
                return `${r.name} (protected: refused)`;
            }
            return forced ? `${r.name} (forced${riders ? `, with ${riders}` : ""})` : r.name;
        })
        .join(", ");
}

/** Why the gateway's or the plan's deletion is not forced (components/teardown.ts), from the planned resources. */
function teardownReasons(doc: PlanDocument): string[] {
    const nat = doc.resources.find((r) => r.type === KINDS.nat.type);
    const plan = doc.resources.find((r) => r.type === KINDS.plan.type);
    if (!nat || !plan) {
        return [];
    }
    return planTeardown({
        nat: nat.operation === "read" ? { mode: "adopt" } : { mode: "create", deletionProtection: nat.inputs.deletionProtection === true },
        plan: {
            internetChargeType: String(plan.inputs.internetChargeType ?? "PayByTraffic"),
            deletionProtection: plan.inputs.deletionProtection === true,
        },
    }).reasons;
}

/** The report's destroy section; undefined when the stack deletes nothing. */
export function destroySection(doc: PlanDocument): string | undefined {
    const waves = doc.destroyWaves;
    if (waves.length === 0) {
        return undefined;
    }
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const lines = waves.map((w, i) => `  ${i + 1}. ${waveLine(doc, w, byUrn)}`);
    const shown =
        lines.length <= MAX_WAVES ? lines : [...lines.slice(0, 5), `  ... ${lines.length - 10} more waves ...`, ...lines.slice(-5)];
    const oneByOne = doc.resources.filter((r) => r.type === KINDS.dnat.type && !r.deletedWith && r.operation !== "read").length;
    const calls = waves.reduce((n, w) => n + w.length, 0);
    const tail =
        oneByOne > 0
            ? [
                  `The ${plural(oneByOne, "DNAT entry", "DNAT entries")} go one after another, the reverse of the chain that creates them, because:`,
                  ...teardownReasons(doc).map((r) => `  - ${r}`),
              ]
            : [
                  "Nothing is deleted one entry at a time: the gateway's and the plan's forced deletions take their entries, bindings and joins.",
              ];
    const guarded = doc.resources.filter((r) => r.protect && r.operation !== "read" && r.operation !== "delete").length;
    const kept =
        guarded > 0
            ? [
                  `The engine refuses to delete the ${plural(guarded, "protected resource")} (protectEips): destroy fails there; \`pulumi state unprotect\` them first to release them.`,
              ]
            : [];
    return [`${plural(calls, "deletion")} that call the API, in ${plural(waves.length, "wave")}:`, ...shown, ...tail, ...kept].join("\n");
}
