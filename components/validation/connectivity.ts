/** The connectivity check after deploy: mode, spare ports, timings. */
import type { SharedBandwidthGatewayArgs } from "../types";
import { checkPorts, oneOf, show } from "./common";
import type { Problem, ResolvedGateway } from "./types";

export function checkConnectivity(problems: Problem[], a: SharedBandwidthGatewayArgs): ResolvedGateway["connectivity"] {
    const c = a.connectivityCheck ?? {};
    const mode = oneOf(problems, "connectivityCheck.mode", c.mode, ["off", "report", "enforce"] as const, "off", {
        caseInsensitive: true,
    });
    checkPorts(problems, "connectivityCheck.sparePorts", c.sparePorts);
    for (const k of ["timeoutMs", "attempts", "deadlineMs", "concurrency"] as const) {
        const v = c[k];
        if (v !== undefined && !(v > 0)) {
            problems.push({ propertyPath: `connectivityCheck.${k}`, reason: `${show(v)} must be greater than 0` });
        }
    }
    return {
        mode,
        trigger: c.trigger ?? "",
        sparePorts: c.sparePorts ?? [],
        timeoutMs: c.timeoutMs,
        attempts: c.attempts,
        deadlineMs: c.deadlineMs,
        concurrency: c.concurrency,
    };
}
