/**
 * A security group permission as ECS takes it (rules §7.1): the protocol with its port range, and an IPv4 source in
 * network form. The model reads them itself, against its own tables (cloud/limits.ts), rather than with the library's
 * validation (components/validation/ingress.ts); tests/cloud/limits.test.ts checks that both refuse alike.
 */
import * as ipaddr from "ipaddr.js";
import { PORT_RANGE, RULE_PROTOCOLS } from "./limits";

const RANGE_TEXT = /^(\d+)\/(\d+)$/;

/** Why ECS refuses a protocol and port range, or undefined: tcp and udp take `start/end` within 1-65535, the others `-1/-1`. Pure. */
export function permissionProblem(ipProtocol: string, portRange: string): string | undefined {
    const p = ipProtocol.toLowerCase();
    const got = JSON.stringify(portRange);
    if (!RULE_PROTOCOLS.includes(p)) {
        return `protocol ${JSON.stringify(ipProtocol)} is not one of ${RULE_PROTOCOLS.join(", ")}`;
    }
    if (p !== "tcp" && p !== "udp") {
        return portRange === "-1/-1" ? undefined : `protocol ${p} takes only the port range -1/-1 (got ${got})`;
    }
    const m = RANGE_TEXT.exec(portRange);
    const ok = m !== null && Number(m[1]) >= PORT_RANGE[0] && Number(m[2]) <= PORT_RANGE[1] && Number(m[1]) <= Number(m[2]);
    return ok ? undefined : `protocol ${p} needs a port range start/end within ${PORT_RANGE[0]}-${PORT_RANGE[1]} (got ${got})`;
}

/** An IPv4 source in CIDR form, as its network address; or why it is refused (rules §7.1, §7.6). Pure. */
export function parseSource(value: unknown): { ok: true; cidr: string; prefix: number } | { ok: false; reason: string } {
    const text = typeof value === "string" ? value.trim() : "";
    const refused = { ok: false as const, reason: `${JSON.stringify(value)} is not an IPv4 CIDR such as 203.0.113.0/24` };
    if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text) || !ipaddr.IPv4.isValidCIDR(text)) {
        return refused;
    }
    const [addr, bits] = ipaddr.IPv4.parseCIDR(text);
    const network = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
    if (network !== addr.toString()) {
        // rules §7.6: the provider finds its rule again by the exact text it sent, so only the network form is kept.
        return { ok: false, reason: `${JSON.stringify(value)} has host bits set; write the network address ${network}/${bits}` };
    }
    return { ok: true, cidr: `${network}/${bits}`, prefix: bits };
}
