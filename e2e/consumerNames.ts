/** The example consumers in examples/ (`consumer-<name>`), kept apart from e2e/consumers.ts so `--help` loads nothing. */
export const CONSUMERS = ["ts", "python", "yaml"] as const;
export type ConsumerName = (typeof CONSUMERS)[number];
