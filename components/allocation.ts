/**
 * What each application may use of the shared plan, hour by hour.
 *
 * A plan cannot cap the EIPs of a NAT gateway one by one (Alibaba Cloud supports a per-EIP maximum only for EIPs bound
 * to ECS instances, docs/alicloud-rules.md §1.16), so one application's burst can take the whole plan. This view shows,
 * for each hour of the day, what every application needs, how far it can burst while the others still get what they
 * need, and what the plan has left. Pure; consecutive hours with the same figures are merged into one period.
 */
import { changePoints, demandAt, DemandProfile, formatTimeOfDay } from "./bandwidth";

/** One application in one period. */
export interface ApplicationShare {
    /** The most it needs at any minute of the period, Mbit/s. */
    needsMbps: number;
    /** The most it can take while every other application still gets what it needs, Mbit/s (never below 0). */
    mayTakeMbps: number;
}

/** A run of hours with the same figures. */
export interface AllocationPeriod {
    /** Start, `HH:00`, inclusive. */
    from: string;
    /** End, `HH:00` (up to `24:00`), exclusive. */
    to: string;
    applications: Record<string, ApplicationShare>;
    /** The most all applications need together at any minute of the period, Mbit/s. */
    totalMbps: number;
    /** Plan size minus `totalMbps`; negative when the plan is short in this period. */
    leftMbps: number;
}

interface HourFigures {
    applications: Record<string, ApplicationShare>;
    totalMbps: number;
    leftMbps: number;
}

/** Figures of the hour starting at minute `start`, from the demand at every minute where some demand may change. */
function hourFigures(
    profiles: Record<string, DemandProfile>,
    names: string[],
    points: number[],
    start: number,
    planMbps: number,
): HourFigures {
    const minutes = [start, ...points.filter((t) => t > start && t < start + 60)];
    const rows = minutes.map((t) => names.map((n) => demandAt(profiles[n], t)));
    const sums = rows.map((row) => row.reduce((a, b) => a + b, 0));
    const totalMbps = Math.max(...sums);
    const applications: Record<string, ApplicationShare> = {};
    names.forEach((n, i) => {
        const others = Math.max(...rows.map((row, k) => sums[k] - row[i]));
        applications[n] = { needsMbps: Math.max(...rows.map((row) => row[i])), mayTakeMbps: Math.max(0, planMbps - others) };
    });
    return { applications, totalMbps, leftMbps: planMbps - totalMbps };
}

/** The day in periods of whole hours; empty when there are no applications. */
export function hourlyAllocation(profiles: Record<string, DemandProfile>, planMbps: number): AllocationPeriod[] {
    const names = Object.keys(profiles).sort();
    if (names.length === 0) {
        return [];
    }
    const points = [...new Set(names.flatMap((n) => changePoints(profiles[n])))].sort((a, b) => a - b);
    const periods: AllocationPeriod[] = [];
    let previous = "";
    for (let hour = 0; hour < 24; hour++) {
        const figures = hourFigures(profiles, names, points, hour * 60, planMbps);
        const key = JSON.stringify(figures);
        const to = formatTimeOfDay((hour + 1) * 60);
        if (key === previous) {
            periods[periods.length - 1].to = to;
        } else {
            periods.push({ from: formatTimeOfDay(hour * 60), to, ...figures });
            previous = key;
        }
    }
    return periods;
}
