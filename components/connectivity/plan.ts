/**
 * Which endpoints of a gateway the connectivity check probes, and which rules and EIPs that covers. Pure: the
 * component fills in the public addresses (EIP outputs) and wires the dependencies from this plan.
 */
import { parsePort } from "../ports";
import type { Problem, ResolvedGateway, ResolvedRule } from "../validation";
import type { ProbeTarget } from "./probe";

/** An endpoint to probe, before its EIP's address is known. */
export interface PlannedEndpoint extends Omit<ProbeTarget, "host"> {
    /** Key of the EIP whose address is the host. */
    eip: string;
    /** Key of the rule it checks; absent for a spare EIP. */
    rule?: string;
}

/** The check's plan for one gateway. */
export interface ConnectivityPlan {
    endpoints: PlannedEndpoint[];
    /** Keys of the rules probed (their forward entries must exist first), sorted. */
    rules: string[];
    /** Keys of the EIPs probed (their plan attachments must exist first), sorted. */
    eips: string[];
    /** Keys of the spare EIPs probed (their bindings must exist too: a spare address is checked on the gateway). */
    spareEips: string[];
    /** Rules left out, and why. */
    skipped: Problem[];
}

/**
 * Port-mapped TCP rules are probed on their public port (a range on its first port) with the rule's probe kind;
 * whole-IP rules on each of `probe.ports` (none: not probed); UDP rules and rules with `probe.enabled: false` are
 * not probed. Spare EIPs (no rules) are probed on `sparePorts` by TCP and must not answer.
 * Endpoint keys: `rule/<ruleKey>:<port>` and `spare/<eipKey>:<port>`.
 */
export function planConnectivity(gw: ResolvedGateway): ConnectivityPlan {
    const endpoints: PlannedEndpoint[] = [];
    const skipped: Problem[] = [];
    const rules = new Set<string>();
    const eips = new Set<string>();
    const spareEips = new Set<string>();
    if (gw.connectivity.mode === "off") {
        return { endpoints, rules: [], eips: [], spareEips: [], skipped };
    }
    for (const r of gw.rules) {
        const ports = probedPorts(r);
        if (typeof ports === "string") {
            skipped.push({ propertyPath: `rules.${r.key}.probe`, reason: `not probed by the connectivity check: ${ports}` });
            continue;
        }
        for (const port of ports) {
            const e: PlannedEndpoint = { key: `rule/${r.key}:${port}`, eip: r.eip, rule: r.key, port, kind: r.probe.kind, expect: "open" };
            if (r.probe.kind !== "tcp") {
                e.path = r.probe.path;
            }
            endpoints.push(e);
        }
        rules.add(r.key);
        eips.add(r.eip);
    }
    for (const e of gw.eips) {
        if (e.ruleKeys.length > 0 || gw.connectivity.sparePorts.length === 0) {
            continue;
        }
        for (const port of uniqueSorted(gw.connectivity.sparePorts)) {
            endpoints.push({ key: `spare/${e.key}:${port}`, eip: e.key, port, kind: "tcp", expect: "closed" });
        }
        eips.add(e.key);
        spareEips.add(e.key);
    }
    const sorted = (s: Set<string>) => [...s].sort();
    return { endpoints, rules: sorted(rules), eips: sorted(eips), spareEips: sorted(spareEips), skipped };
}

/** The public ports a rule is probed on, or why it is not probed. */
function probedPorts(r: ResolvedRule): number[] | string {
    if (!r.probe.enabled) {
        return "probe.enabled is false";
    }
    if (r.protocol === "udp") {
        return "UDP has no connect or request to test";
    }
    if (r.wholeIp) {
        const ports = uniqueSorted(r.probe.ports);
        return ports.length > 0 ? ports : "a whole-IP rule needs probe.ports to choose ports";
    }
    const parsed = parsePort(r.externalPort);
    // Resolved rules always carry a valid port; a range is probed on its first port.
    return parsed.ok && parsed.port.kind === "range" ? [parsed.port.start] : [];
}

/** The ports once each, ascending. */
function uniqueSorted(ports: number[]): number[] {
    return [...new Set(ports)].sort((a, b) => a - b);
}
