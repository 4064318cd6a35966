/**
 * The human-readable plan report: resource tree, dependency waves, endpoints, bandwidth economics, warnings.
 * Pure: turns a {@link PlanDocument} into text.
 */
import Table from "cli-table3";
import type { PlanDocument, PlanFinding, PlanResource } from "./plan";

const PLAIN = { head: [], border: [], compact: true };

function table(head: string[]): Table.Table {
    return new Table({ head, style: PLAIN });
}

function shortType(type: string): string {
    const t = type.split(":");
    return t.length === 3 ? `${t[0]}:${t[2]}` : type;
}

function resourceTree(doc: PlanDocument): string {
    const children = new Map<string | null, PlanResource[]>();
    for (const r of doc.resources) {
        children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    const wave = new Map<string, number>();
    doc.waves.forEach((w, i) => w.forEach((u) => wave.set(u, i + 1)));
    const t = table(["Resource", "Type", "Operation", "Wave", "Parent"]);
    const walk = (parent: string | null, depth: number): void => {
        for (const r of children.get(parent) ?? []) {
            const parentName = r.parent ? (doc.resources.find((p) => p.urn === r.parent)?.name ?? "") : "";
            t.push([
                `${"  ".repeat(depth)}${depth > 0 ? "└ " : ""}${r.name}`,
                shortType(r.type),
                r.operation,
                wave.get(r.urn) ?? "",
                parentName,
            ]);
            walk(r.urn, depth + 1);
        }
    };
    walk(null, 0);
    return t.toString();
}

function wavesTable(doc: PlanDocument): string {
    const name = (u: string) => u.slice(u.lastIndexOf("::") + 2);
    const t = table(["Wave", "Resources that can run in parallel"]);
    doc.waves.forEach((w, i) => t.push([String(i + 1), w.map(name).join(", ")]));
    return t.toString();
}

function findings(list: PlanFinding[]): string {
    return list.map((f) => `  - ${f.path}: ${f.message}`).join("\n");
}

/** Renders the report. Errors are included at the end (the CLI also prints them on stderr). */
export function renderReport(doc: PlanDocument): string {
    const out: string[] = [];
    out.push(`Offline plan for stack "${doc.stack}" (${doc.configFile}), project ${doc.project}: ${doc.valid ? "VALID" : "REJECTED"}`);
    out.push(
        `Account: ${doc.inventory.source === "file" ? `inventory ${doc.inventory.file}` : doc.inventory.source === "synthesised" ? "synthesised (no --inventory)" : "not reached"}`,
    );
    for (const n of doc.inventory.notes) {
        out.push(`  - ${n}`);
    }
    if (doc.resources.length > 0) {
        out.push("", "Resources", resourceTree(doc));
        out.push("", "Dependency waves (create; destroy runs them in reverse)", wavesTable(doc));
    }
    if (doc.endpoints.length > 0 || doc.eips.length > 0) {
        const t = table(["Public", "Private", "Rule", "EIP"]);
        for (const e of doc.endpoints) {
            t.push([e.public, e.private, e.rule, e.eip]);
        }
        for (const e of doc.eips.filter((x) => x.spare)) {
            t.push([e.ipAddress, "(spare: nothing forwarded)", "", e.key]);
        }
        out.push("", "Endpoints", t.toString());
    }
    const b = doc.bandwidth;
    if (b.planMbps !== null) {
        const t = table(["Plan size", "Coincident peak", "Sum of individual peaks", "Saving"]);
        t.push([
            `${b.planMbps} Mbit/s`,
            b.coincidentPeakMbps !== null ? `${b.coincidentPeakMbps} Mbit/s at ${b.coincidentPeakAt}` : "(no demand profiles)",
            b.sumOfPeaksMbps !== null ? `${b.sumOfPeaksMbps} Mbit/s` : "-",
            b.savingMbps !== null ? `${b.savingMbps} Mbit/s (${b.savingPercent}%)` : "-",
        ]);
        out.push("", "Bandwidth plan", t.toString());
    }
    out.push("", `Warnings (${doc.warnings.length})`);
    if (doc.warnings.length > 0) {
        out.push(findings(doc.warnings));
    }
    const uncertain = doc.warnings.filter((w) => /\[L\]|\[\?\]|uncertain/.test(w.message));
    if (uncertain.length > 0) {
        out.push(`  (${uncertain.length} of them rest on rules the reference marks uncertain [L]/[?])`);
    }
    if (doc.errors.length > 0) {
        out.push("", `Errors (${doc.errors.length})`, findings(doc.errors));
    }
    return out.join("\n") + "\n";
}
