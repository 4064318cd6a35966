/** Demand profiles of the applications that share the plan: baselines and peak windows. */
import { BandwidthFigures, DemandProfile, parseTimeOfDay, PeakWindow, planBandwidth } from "../bandwidth";
import { checkKey, show } from "./common";
import type { Problem } from "./types";

/** Checks the profiles; returns the figures when there are profiles and all of them are valid. */
export function checkDemand(
    problems: Problem[],
    apps: Record<string, DemandProfile>,
    headroomPercent: number,
): BandwidthFigures | undefined {
    const before = problems.length;
    for (const [key, app] of Object.entries(apps)) {
        const path = `applications.${key}`;
        checkKey(problems, path, key);
        if (!(app.baselineMbps >= 0)) {
            problems.push({ propertyPath: `${path}.baselineMbps`, reason: `${app.baselineMbps} must be 0 or more` });
        }
        for (const [i, p] of (app.peaks ?? []).entries()) {
            checkPeak(problems, `${path}.peaks.${i}`, p, app.baselineMbps);
        }
    }
    const ok = problems.length === before;
    return ok && Object.keys(apps).length > 0 ? planBandwidth(apps, headroomPercent) : undefined;
}

function checkPeak(problems: Problem[], pp: string, p: PeakWindow, baselineMbps: number): void {
    const start = parseTimeOfDay(p.start, false);
    const end = parseTimeOfDay(p.end, true);
    if (start === undefined) {
        problems.push({ propertyPath: `${pp}.start`, reason: `${show(p.start)} is not a time HH:MM between 00:00 and 23:59` });
    }
    if (end === undefined) {
        problems.push({ propertyPath: `${pp}.end`, reason: `${show(p.end)} is not a time HH:MM between 00:01 and 24:00` });
    }
    if (start !== undefined && end !== undefined && start === end) {
        problems.push({
            propertyPath: `${pp}.end`,
            reason: `window ${p.start}-${p.end} is empty; use 00:00-24:00 for a whole day`,
        });
    }
    if (!(p.mbps >= baselineMbps)) {
        problems.push({
            propertyPath: `${pp}.mbps`,
            reason: `${p.mbps} is below the baseline ${baselineMbps}; a peak must be at least the baseline`,
        });
    }
}
