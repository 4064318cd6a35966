/**
 * Facts the plan report states up front, derived from the plan document: the summary line and what will be bought
 * (from the planned inputs of the gateway, the plan and the EIPs). Pure.
 */
import { KINDS } from "../components/kinds";
import type { PlanDocument, PlanResource } from "./plan";

function plural(n: number, word: string, words = `${word}s`): string {
    return `${n} ${n === 1 ? word : words}`;
}

/** `14 resources: 13 create, 1 read; 2 EIPs (1 spare), 2 DNAT entries, plan 1500 Mbit/s`. */
export function summaryLine(doc: PlanDocument): string {
    const ops = new Map<string, number>();
    doc.resources.forEach((r) => ops.set(r.operation, (ops.get(r.operation) ?? 0) + 1));
    const opText = [...ops].map(([op, n]) => `${n} ${op}`).join(", ");
    const spare = doc.eips.filter((e) => e.spare).length;
    const entries = doc.resources.filter((r) => r.type === KINDS.dnat.type).length;
    const plan = doc.bandwidth.planMbps !== null ? `, plan ${doc.bandwidth.planMbps} Mbit/s` : "";
    return `Summary: ${plural(doc.resources.length, "resource")} (${opText}); ${plural(doc.eips.length, "EIP")}${spare > 0 ? ` (${spare} spare)` : ""}, ${plural(entries, "DNAT entry", "DNAT entries")}${plan}`;
}

function text(r: PlanResource | undefined, key: string): string | undefined {
    const v = r?.inputs[key];
    return typeof v === "string" ? v : undefined;
}

/** Rows of `[what, bought as]` for the gateway, the plan and the EIPs the stack creates or replaces (adopted ones are not bought). */
export function purchases(doc: PlanDocument): [string, string][] {
    const created = (type: string) =>
        doc.resources.filter((r) => r.type === type && (r.operation === "create" || r.operation === "replace"));
    const rows: [string, string][] = [];
    if (doc.resources.length > 0) {
        rows.push(["Region", doc.region ?? "(alicloud:region not set: ALIBABA_CLOUD_REGION or ALICLOUD_REGION decides)"]);
    }
    const nat = created(KINDS.nat.type)[0];
    if (nat) {
        rows.push([
            "NAT gateway",
            `${text(nat, "natType") ?? "Enhanced"} ${text(nat, "networkType") ?? "internet"} NAT gateway, ${text(nat, "paymentType") ?? "PayAsYouGo"}, billed ${text(nat, "internetChargeType") ?? "PayByLcu"}`,
        ]);
    }
    const plan = created(KINDS.plan.type)[0];
    if (plan) {
        rows.push([
            "EIP bandwidth plan",
            `${text(plan, "bandwidth")} Mbit/s shared, ${text(plan, "internetChargeType") ?? "PayByTraffic"}, line ${text(plan, "isp") ?? "BGP"}`,
        ]);
    }
    const eips = created(KINDS.eip.type);
    const kinds = new Map<string, number>();
    eips.forEach((e) => {
        const k = `${text(e, "paymentType") ?? "PayAsYouGo"}, ${text(e, "internetChargeType") ?? "PayByBandwidth"}, line ${text(e, "isp") ?? "BGP"}`;
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
    });
    for (const [k, n] of kinds) {
        // docs/alicloud-rules.md §1.11: in the plan, an EIP's own bandwidth billing stops; its configuration fee remains.
        rows.push([plural(n, "EIP"), `${k}; once in the plan, billed by the plan plus the per-EIP configuration fee`]);
    }
    return rows;
}
