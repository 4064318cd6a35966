/**
 * The human-readable plan report, for a network engineer: a summary line, what will be bought, the resources in the
 * order they are created (with protection), what destroy deletes in which order, the endpoints, what the connectivity check will probe, the bandwidth
 * economics (or the shortfall), then warnings and errors, each once. Pure: turns a {@link PlanDocument} into text.
 */
import Table from "cli-table3";
import { styleText } from "util";
import { KINDS } from "../components/kinds";
import { costSection } from "./costReport";
import type { PlanDocument, PlanFinding, PlanResource } from "./plan";
import { destroySection } from "./destroyReport";
import { changeText } from "./diff";
import { purchases, summaryLine } from "./reportFacts";

/** Report options: ANSI colour only when the command writes to a terminal that wants it. */
export interface ReportOptions {
    color?: boolean;
}

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const PLAIN = { head: [], border: [], compact: true };

function table(head: string[]): Table.Table {
    return new Table({ head, style: PLAIN });
}

function shortType(type: string): string {
    const t = type.split(":");
    return t.length === 3 ? `${t[0]}:${t[2]}` : type;
}

/** What changes in a resource: each input with its deployed and new value, one per line. */
function changeCell(r: PlanResource): string {
    return (r.changes ?? []).map((k) => (r.changeValues?.[k] ? changeText(k, r.changeValues[k]) : k)).join("\n");
}

/** Resources in creation order: the stack and component first, then wave by wave. */
function resourceTable(doc: PlanDocument, paint: Paint): string {
    const wave = new Map<string, number>();
    doc.waves.forEach((w, i) => w.forEach((u) => wave.set(u, i + 1)));
    const order = (r: PlanResource) => wave.get(r.urn) ?? (r.operation === "delete" ? Infinity : r.operation === "read" ? 0.5 : 0);
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const update = doc.state !== undefined;
    const t = table(["Wave", "Resource", "Type", "Operation", "Protected", "Parent", ...(update ? ["Changes"] : [])]);
    for (const r of [...doc.resources].sort((a, b) => order(a) - order(b))) {
        t.push([
            wave.get(r.urn) ?? "",
            r.name,
            shortType(r.type),
            r.operation === "replace" && r.deleteBeforeReplace ? "replace (delete first)" : r.operation,
            r.protect ? paint("cyan", "yes") : "",
            r.parent ? (byUrn.get(r.parent)?.name ?? "") : "",
            ...(update ? [changeCell(r)] : []),
        ]);
    }
    return t.toString();
}

/** The update's steps that change something, in the order the engine runs them. */
function stepList(doc: PlanDocument): string | undefined {
    const steps = (doc.steps ?? []).filter((s) => s.operation !== "same" && s.operation !== "read");
    if (steps.length === 0) {
        return undefined;
    }
    const name = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
    return steps
        .map(
            (s, i) =>
                `  ${i + 1}. ${s.operation}${s.deleteBeforeReplace ? " (delete first)" : ""} ${name(s.urn)}${s.deletedWith ? ` (with ${name(s.deletedWith)}: no call)` : ""}`,
        )
        .join("\n");
}

/** Who a rule lets in: the sources its ingress allows, or the security group left as it is. */
function ingressCell(e: PlanDocument["endpoints"][number], paint: Paint): string {
    if (e.securityGroupId === null || e.allowFrom === null) {
        return "(security group not managed)";
    }
    const open = e.allowFrom.includes("0.0.0.0/0");
    return `${e.securityGroupId}: ${open ? paint("yellow", e.allowFrom.join(", ")) : e.allowFrom.join(", ")}`;
}

function endpointTable(doc: PlanDocument, paint: Paint): string {
    const t = table(["Public", "Private", "Rule", "EIP", "Ingress allowed from"]);
    for (const e of doc.endpoints) {
        t.push([e.public, e.private, e.rule, e.eip, ingressCell(e, paint)]);
    }
    for (const e of doc.eips.filter((x) => x.spare)) {
        t.push([e.ipAddress, "(spare: nothing forwarded)", "", e.key, ""]);
    }
    return t.toString();
}

interface ProbeEndpoint {
    key: string;
    host: string;
    port: number;
    kind: string;
    path?: string;
    expect: string;
}

/** What the connectivity check will probe, from the check's planned inputs, with its heading; undefined without a check. */
function probeTable(doc: PlanDocument): [string, string] | undefined {
    const check = doc.resources.find((r) => r.type === KINDS.connectivity.type && Array.isArray(r.inputs.endpoints));
    if (!check) {
        return undefined;
    }
    const t = table(["Endpoint", "Probe", "Passes when"]);
    for (const e of check.inputs.endpoints as ProbeEndpoint[]) {
        const target = e.kind === "tcp" ? `tcp ${e.host}:${e.port}` : `${e.kind}://${e.host}:${e.port}${e.path ?? "/"}`;
        const passes =
            e.expect === "closed" ? "nothing answers" : e.kind === "tcp" ? "it accepts a connection" : "it answers below HTTP 500";
        t.push([e.key, target, passes]);
    }
    return [`Connectivity check after deploy (mode ${String(check.inputs.mode)})`, t.toString()];
}

function bandwidthTable(doc: PlanDocument, paint: Paint): string | undefined {
    const b = doc.bandwidth;
    if (b.planMbps === null) {
        return undefined;
    }
    const peak = b.coincidentPeakMbps !== null ? `${b.coincidentPeakMbps} Mbit/s at ${b.coincidentPeakAt}` : "(no demand profiles)";
    const short = b.coincidentPeakMbps !== null && b.planMbps < b.coincidentPeakMbps;
    const t = table(["Plan size", "Coincident peak", "Sum of individual peaks", short ? "Shortfall" : "Saving"]);
    t.push([
        `${b.planMbps} Mbit/s`,
        peak,
        b.sumOfPeaksMbps !== null ? `${b.sumOfPeaksMbps} Mbit/s` : "-",
        short
            ? paint("yellow", `${b.coincidentPeakMbps! - b.planMbps} Mbit/s below the coincident peak: traffic above the plan is throttled`)
            : b.savingMbps !== null
              ? `${b.savingMbps} Mbit/s (${b.savingPercent}%) against separate plans`
              : "-",
    ]);
    return t.toString();
}

/** Per period: what each application needs and may take of the plan, and what is left. */
function allocationTable(doc: PlanDocument, paint: Paint): string | undefined {
    const periods = doc.bandwidth.allocation;
    if (periods.length === 0) {
        return undefined;
    }
    const apps = Object.keys(periods[0].applications);
    const t = table(["Hours", ...apps.map((a) => `${a}: needs / may take`), "Together", "Left"]);
    for (const p of periods) {
        const shares = apps.map((a) => `${p.applications[a].needsMbps} / ${p.applications[a].mayTakeMbps}`);
        const left = p.leftMbps < 0 ? paint("yellow", `${p.leftMbps} (short)`) : String(p.leftMbps);
        t.push([`${p.from}-${p.to}`, ...shares, String(p.totalMbps), left]);
    }
    return [
        t.toString(),
        'Mbit/s. "May take": the most one application can use while the others get what they need. Nothing caps an EIP',
        "of a NAT gateway inside the plan (docs/alicloud-rules.md §1.16), so a burst beyond that squeezes the others.",
    ].join("\n");
}

function findings(list: PlanFinding[]): string {
    return list.map((f) => `  - ${f.path}: ${f.message}${f.code && !f.message.includes(f.code) ? ` [${f.code}]` : ""}`).join("\n");
}

/** The verdict line, the summary, the account, what will be bought and what the plan is compared with. */
function headLines(doc: PlanDocument, paint: Paint): string[] {
    const verdict = doc.valid ? paint(["bold", "green"], "VALID") : paint(["bold", "red"], "REJECTED");
    const out: string[] = [`Offline plan for stack "${doc.stack}" (${doc.configFile}), project ${doc.project}: ${verdict}`];
    if (doc.resources.length > 0) {
        out.push(summaryLine(doc));
    }
    const account =
        doc.inventory.source === "file"
            ? `inventory ${doc.inventory.file}`
            : doc.inventory.source === "synthesised"
              ? "synthesised (no --inventory)"
              : "not reached";
    out.push(`Account: ${account}`, ...doc.inventory.notes.map((n) => `  - ${n}`));
    const bought = purchases(doc);
    if (bought.length > 0) {
        const t = table(["What", "Bought as"]);
        bought.forEach((row) => t.push(row));
        out.push("", paint("bold", "What will be bought"), t.toString());
    }
    if (doc.state) {
        out.push(
            `Compared with: ${doc.state.file ?? "a deployed state"} (${doc.state.source === "plan" ? "a previous plan" : "pulumi stack export"})`,
        );
    }
    return out;
}

/** The report's sections, each a heading and its body; undefined for one the plan has nothing for. */
function sections(doc: PlanDocument, paint: Paint): ([string, string] | undefined)[] {
    const section = (heading: string, body: string | undefined): [string, string] | undefined => (body ? [heading, body] : undefined);
    const costs = doc.bandwidth.costs;
    return [
        section("Resources, in creation order", doc.resources.length > 0 ? resourceTable(doc, paint) : undefined),
        section("On `pulumi destroy`", destroySection(doc)),
        section("Update steps, in the order the engine runs them (deletes last)", stepList(doc)),
        section("Endpoints", doc.endpoints.length > 0 || doc.eips.length > 0 ? endpointTable(doc, paint) : undefined),
        probeTable(doc),
        section("Bandwidth plan", bandwidthTable(doc, paint)),
        section("Who may use what, by hour of the day", allocationTable(doc, paint)),
        section("Monthly cost estimate (docs/costs.md)", costs ? costSection(costs, doc.bandwidth.costChange) : undefined),
    ];
}

/** Warnings, then errors, then the key to the references they cite. */
function findingLines(doc: PlanDocument, paint: Paint): string[] {
    const out = ["", paint(doc.warnings.length > 0 ? ["bold", "yellow"] : "bold", `Warnings (${doc.warnings.length})`)];
    if (doc.warnings.length > 0) {
        out.push(findings(doc.warnings));
    }
    if (doc.errors.length > 0) {
        out.push("", paint(["bold", "red"], `Errors (${doc.errors.length})`), findings(doc.errors));
    }
    if ([...doc.warnings, ...doc.errors].some((f) => /docs\/alicloud-rules\.md|\[L\]|\[\?\]/.test(f.message))) {
        out.push(
            "",
            "References: docs/alicloud-rules.md (sections cited as §x.y); [L] marks a rule found only in older sources, [?] an open one.",
        );
    }
    return out;
}

/** Renders the report. Every error appears once, at the end. */
export function renderReport(doc: PlanDocument, opts: ReportOptions = {}): string {
    const paint: Paint = opts.color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
    const body = sections(doc, paint)
        .filter((s): s is [string, string] => s !== undefined)
        .flatMap(([heading, text]) => ["", paint("bold", heading), text]);
    return [...headLines(doc, paint), ...body, ...findingLines(doc, paint)].join("\n") + "\n";
}
