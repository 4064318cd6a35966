/**
 * A Mermaid flowchart of the plan: EIPs (grouped in the bandwidth plan) -> NAT gateway -> servers. Pure.
 */
import type { PlanDocument } from "./plan";

const id = (prefix: string, text: string) => `${prefix}_${text.replace(/[^A-Za-z0-9]/g, "_")}`;
const label = (text: string) => text.replace(/"/g, "'");

export function renderDiagram(doc: PlanDocument): string {
    const lines = ["flowchart LR"];
    const plan = doc.bandwidth.planMbps !== null ? ` ${doc.bandwidth.planMbps} Mbit/s` : "";
    lines.push(`    subgraph plan["EIP bandwidth plan${plan}"]`);
    for (const e of doc.eips) {
        lines.push(`        ${id("eip", e.key)}["${label(`${e.key}: ${e.ipAddress}${e.spare ? " (spare)" : ""}`)}"]`);
    }
    lines.push("    end");
    lines.push(`    nat["NAT gateway"]`);
    for (const e of doc.eips) {
        lines.push(`    ${id("eip", e.key)} --> nat`);
    }
    const servers = new Map<string, string[]>();
    for (const ep of doc.endpoints) {
        const ip = ep.private.split(":")[0];
        servers.set(ip, [...(servers.get(ip) ?? []), `${ep.rule}: ${ep.public} -> ${ep.private}`]);
    }
    for (const [ip, rules] of servers) {
        lines.push(`    ${id("srv", ip)}["server ${ip}"]`);
        for (const r of rules) {
            lines.push(`    nat -->|"${label(r)}"| ${id("srv", ip)}`);
        }
    }
    return lines.join("\n") + "\n";
}
