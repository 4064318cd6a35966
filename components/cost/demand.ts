/**
 * What the demand profiles say about a month of traffic: minute by minute Mbit/s over a day, data per hour and per
 * month, and the enhanced 95th percentile as the bandwidth plan defines it. Pure.
 *
 * Enhanced 95th percentile (Internet Shared Bandwidth pricing, 按增强型95计费, AlibabaCloudDocs/cbwp
 * cn.zh-CN/产品定价/按量计费/按增强型95计费.md at dfdeb88, 2021-07-01): the bandwidth is sampled as its average over
 * every 5 minutes (the larger of inbound and outbound); of a day's samples the 4 highest are dropped and the 5th
 * highest is the daily peak; the month's figure is the mean of the 5 highest daily peaks.
 */
import { changePoints, demandAt, DemandProfile, MINUTES_PER_DAY } from "../bandwidth";

/** Minutes averaged into one sample. */
export const SAMPLE_MINUTES = 5;
/** Samples of a day dropped before the daily peak is taken. */
export const DROPPED_SAMPLES_PER_DAY = 4;
/** Daily peaks averaged into the month's figure. */
export const DAILY_PEAKS_AVERAGED = 5;
/** Mbit in one GB (decimal: 1 GB = 1000 MB = 8000 Mbit). */
export const MBIT_PER_GB = 8000;

/** Total demand of the applications at each minute of the day (1440 values, Mbit/s). */
export function minuteDemand(profiles: DemandProfile[]): number[] {
    const total = new Array<number>(MINUTES_PER_DAY).fill(0);
    for (const p of profiles) {
        // Demand only changes at a window's start or end: evaluate there and fill up to the next change.
        const points = [...changePoints(p), MINUTES_PER_DAY];
        for (let i = 0; i + 1 < points.length; i++) {
            const mbps = demandAt(p, points[i]);
            for (let t = points[i]; t < points[i + 1]; t++) {
                total[t] += mbps;
            }
        }
    }
    return total;
}

/** Data moved in each hour of the day (24 values, GB) at the given per-minute Mbit/s. */
export function hourlyGb(minutes: number[]): number[] {
    return Array.from({ length: 24 }, (_, h) =>
        minutes.slice(h * 60, h * 60 + 60).reduce((sum, mbps) => sum + (mbps * 60) / MBIT_PER_GB, 0),
    );
}

/** Data moved in a day, GB. */
export function dailyGb(minutes: number[]): number {
    return hourlyGb(minutes).reduce((a, b) => a + b, 0);
}

/** The day's peak under the enhanced 95th percentile: 5-minute averages, the 4 highest dropped, the 5th highest. */
export function dailyPeak95(minutes: number[]): number {
    const samples: number[] = [];
    for (let t = 0; t < minutes.length; t += SAMPLE_MINUTES) {
        const window = minutes.slice(t, t + SAMPLE_MINUTES);
        samples.push(window.reduce((a, b) => a + b, 0) / window.length);
    }
    samples.sort((a, b) => b - a);
    return samples[Math.min(DROPPED_SAMPLES_PER_DAY, samples.length - 1)];
}

/** The month's figure: the mean of the 5 highest daily peaks (all of them when there are fewer). */
export function monthlyPeak95(dailyPeaks: number[]): number {
    const top = [...dailyPeaks].sort((a, b) => b - a).slice(0, DAILY_PEAKS_AVERAGED);
    return top.reduce((a, b) => a + b, 0) / top.length;
}

/** Demand of one application or of all together, summarised for a month of identical days. */
export interface MonthDemand {
    /** Highest Mbit/s at any minute. */
    peakMbps: number;
    /** Enhanced 95th percentile of the month, Mbit/s. */
    peak95Mbps: number;
    /** Outbound data of the month, GB. */
    monthGb: number;
    /** Data of each hour of a day, GB. */
    hourGb: number[];
}

/** The month of `profiles` together, every day the same. */
export function monthDemand(profiles: DemandProfile[], days: number): MonthDemand {
    const minutes = minuteDemand(profiles);
    const hourGb = hourlyGb(minutes);
    return {
        peakMbps: Math.max(...minutes),
        peak95Mbps: monthlyPeak95(Array.from({ length: days }, () => dailyPeak95(minutes))),
        monthGb: hourGb.reduce((a, b) => a + b, 0) * days,
        hourGb,
    };
}
