/** The figures of `npm run bench:deploy` (bench/deploy.ts): one object per run, and the table they make. */

/** One run's figures (the JSON object). */
export interface DeployFigures {
    variant: string;
    ordering: string;
    rules: number;
    eips: number;
    /** The engine's `--parallel`. */
    parallel: number;
    upSeconds: number;
    destroySeconds: number;
    /** bench/lowerBound.ts: the longest chain the cloud forces on `up`. */
    upLowerBoundSeconds: number;
    /** bench/lowerBound.ts: the same for `destroy`. */
    destroyLowerBoundSeconds: number;
    /** The sum of the two bounds. */
    lowerBoundSeconds: number;
    apiCalls: number;
    retries: number;
    conflicts: number;
    /** Refusals that were not injected, by `Action Code`. */
    refusals: Record<string, number>;
    failed: boolean;
}

const HEAD = [
    "variant",
    "ordering",
    "rules",
    "up s",
    "up bound s",
    "destroy s",
    "destroy bound s",
    "ratio",
    "API calls",
    "retries",
    "conflicts",
    "failed",
];

/** One table row per run, in {@link HEAD}'s order, and its refusals by `Action Code`. Pure. */
export function figureRows(figures: DeployFigures[]): { cells: string[]; refusals: string }[] {
    return figures.map((f) => ({
        cells: [
            f.variant,
            f.ordering,
            String(f.rules),
            `${f.upSeconds} (${(f.upSeconds / f.upLowerBoundSeconds).toFixed(2)}x)`,
            String(f.upLowerBoundSeconds),
            `${f.destroySeconds} (${(f.destroySeconds / f.destroyLowerBoundSeconds).toFixed(2)}x)`,
            String(f.destroyLowerBoundSeconds),
            ((f.upSeconds + f.destroySeconds) / f.lowerBoundSeconds).toFixed(2),
            String(f.apiCalls),
            String(f.retries),
            String(f.conflicts),
            f.failed ? "FAILED" : "no",
        ],
        refusals:
            Object.entries(f.refusals)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ") || "none",
    }));
}

/** The figures as a terminal table, or as a Markdown table for BENCHMARKS.md (refusals as a last column). */
export function renderFigures(figures: DeployFigures[], markdown: boolean, Table: typeof import("cli-table3")): string {
    const rows = figureRows(figures);
    if (markdown) {
        const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
        const head = [...HEAD, "refusals (not injected)"];
        return (
            [line(head), line(head.map(() => "---")), ...rows.map((r) => line([...r.cells, r.refusals.replace(/\|/g, "/")]))].join("\n") +
            "\n"
        );
    }
    const table = new Table({ head: HEAD, style: { head: [], border: [] } });
    rows.forEach((r) => table.push(r.cells));
    const refusals = rows.map((r) => `${r.cells[0]}, ${r.cells[1]}, ${r.cells[2]} rules: ${r.refusals}`);
    return `${table.toString()}\nrefusals by action and code (injected faults left out):\n${refusals.join("\n")}\n`;
}
