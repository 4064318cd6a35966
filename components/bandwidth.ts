/**
 * Bandwidth planning: the reason the pattern exists. Applications that peak at different hours
 * share one EIP bandwidth plan sized for their coincident peak instead of the sum of their peaks.
 * Everything here is pure and works in whole minutes of a day (0..1440).
 */

/** A time-of-day window in which an application needs `mbps`. `end` may be before `start` (wraps midnight). */
export interface PeakWindow {
    /** Start, `HH:MM` (00:00-23:59), inclusive. */
    start: string;
    /** End, `HH:MM` (00:01-24:00), exclusive. Before `start` means the window runs past midnight. */
    end: string;
    /** Demand inside the window, Mbit/s. */
    mbps: number;
}

/** How much bandwidth one application needs over a day. */
export interface DemandProfile {
    /** Demand outside every peak window, Mbit/s. */
    baselineMbps: number;
    /** Peak windows; overlapping windows take the larger figure. */
    peaks?: PeakWindow[];
}

/** The figures the planner computes. */
export interface BandwidthFigures {
    /** Highest demand of all applications together at any minute of the day, Mbit/s. */
    coincidentPeakMbps: number;
    /** First minute of the day at which the coincident peak happens, `HH:MM`. */
    coincidentPeakAt: string;
    /** What separate per-application plans would need: the sum of every application's own peak, Mbit/s. */
    sumOfPeaksMbps: number;
    /** Coincident peak plus headroom, rounded up, Mbit/s. */
    recommendedMbps: number;
}

export const MINUTES_PER_DAY = 24 * 60;

/** Parses `HH:MM` to minutes since midnight; `24:00` only when `allowEndOfDay`. Returns undefined if malformed. */
export function parseTimeOfDay(text: string, allowEndOfDay: boolean): number | undefined {
    const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
    if (!m) {
        return undefined;
    }
    const [h, min] = [Number(m[1]), Number(m[2])];
    if (min > 59) {
        return undefined;
    }
    const total = h * 60 + min;
    if (total < MINUTES_PER_DAY || (allowEndOfDay && total === MINUTES_PER_DAY)) {
        return total;
    }
    return undefined;
}

/** Formats minutes since midnight as `HH:MM`. */
export function formatTimeOfDay(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

interface MinuteWindow {
    start: number;
    end: number;
    mbps: number;
}

function toMinuteWindows(profile: DemandProfile): MinuteWindow[] {
    const windows: MinuteWindow[] = [];
    for (const p of profile.peaks ?? []) {
        const start = parseTimeOfDay(p.start, false);
        const end = parseTimeOfDay(p.end, true);
        if (start === undefined || end === undefined || start === end) {
            throw new Error(`invalid peak window ${p.start}-${p.end}`);
        }
        if (start < end) {
            windows.push({ start, end, mbps: p.mbps });
        } else {
            windows.push({ start, end: MINUTES_PER_DAY, mbps: p.mbps });
            if (end > 0) {
                windows.push({ start: 0, end, mbps: p.mbps });
            }
        }
    }
    return windows;
}

/** The minutes (0..1439) at which an application's demand may change: midnight and every window start and end. */
export function changePoints(profile: DemandProfile): number[] {
    const points = new Set<number>([0]);
    for (const w of toMinuteWindows(profile)) {
        points.add(w.start);
        if (w.end < MINUTES_PER_DAY) {
            points.add(w.end);
        }
    }
    return [...points].sort((a, b) => a - b);
}

/** Demand of one application at minute `t` (0..1439): the baseline, or the largest peak covering `t`. */
export function demandAt(profile: DemandProfile, t: number): number {
    let demand = profile.baselineMbps;
    for (const w of toMinuteWindows(profile)) {
        if (t >= w.start && t < w.end && w.mbps > demand) {
            demand = w.mbps;
        }
    }
    return demand;
}

/** Largest demand of one application over the day. */
export function individualPeak(profile: DemandProfile): number {
    return toMinuteWindows(profile).reduce((max, w) => Math.max(max, w.mbps), profile.baselineMbps);
}

/**
 * Computes coincident peak, sum of individual peaks and a recommended plan size.
 * Demand is piecewise constant between window boundaries, so evaluating every boundary is exact.
 */
export function planBandwidth(profiles: Record<string, DemandProfile>, headroomPercent = 0): BandwidthFigures {
    const apps = Object.values(profiles);
    const boundaries = new Set<number>(apps.flatMap(changePoints));
    boundaries.add(0);
    let coincident = 0;
    let at = 0;
    for (const t of [...boundaries].sort((a, b) => a - b)) {
        const total = apps.reduce((sum, app) => sum + demandAt(app, t), 0);
        if (total > coincident) {
            coincident = total;
            at = t;
        }
    }
    const sumOfPeaks = apps.reduce((sum, app) => sum + individualPeak(app), 0);
    return {
        coincidentPeakMbps: coincident,
        coincidentPeakAt: formatTimeOfDay(at),
        sumOfPeaksMbps: sumOfPeaks,
        // Rounded to a micro-Mbit/s first so that 1500 * 110% is 1650, not 1651 through floating-point error.
        recommendedMbps: Math.ceil(Math.round(((coincident * (100 + headroomPercent)) / 100) * 1e6) / 1e6),
    };
}
