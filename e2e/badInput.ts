/**
 * Bad input under the real engine: a stack config the component refuses must fail `pulumi up` with the problem named
 * by config key, no stack trace, and not one write request sent to the cloud.
 */
import type { RunningEmulator } from "../emulator/server";
import type { E2eStack, StackConfig } from "./stack";
import { PROJECT } from "./stack";

const NS = `${PROJECT}:`;

/** A read-only action of the VPC API (the provider's look-ups); anything else changes the account. */
const READ_ONLY = /^(Describe|List|Get)/;

/** `config` with a per-EIP cap on its first EIP, which the component refuses (docs/alicloud-rules.md §1.16). */
export function withPerEipCap(config: StackConfig): { config: StackConfig; key: string } {
    const eips = { ...(config[`${NS}eips`] as Record<string, Record<string, unknown>>) };
    const first = Object.keys(eips).sort()[0];
    eips[first] = { ...eips[first], maxMbps: 100 };
    return { config: { ...config, [`${NS}eips`]: eips }, key: `${NS}eips.${first}.maxMbps` };
}

/** Problems with how the refusal looked: the key and reason named, no trace, nothing written. */
export function refusalProblems(message: string, key: string, requests: readonly { action: string }[]): string[] {
    const problems: string[] = [];
    if (!message.includes(key) || !message.includes("§1.16")) {
        problems.push(
            `the refusal does not name ${key} and docs/alicloud-rules.md §1.16: ${message.trim().split("\n").slice(-8).join("\n")}`,
        );
    }
    if (/^\s+at .+:\d+:\d+\)?$/m.test(message)) {
        problems.push("the refusal prints a stack trace");
    }
    const writes = requests.filter((r) => !READ_ONLY.test(r.action)).map((r) => r.action);
    if (writes.length > 0) {
        problems.push(`the refused update still sent ${writes.join(", ")}`);
    }
    return problems;
}

/** Runs `pulumi up` with a per-EIP cap added to `config`; it must be refused before anything is sent. */
export async function refusedPerEipCap(
    e2e: E2eStack,
    emu: RunningEmulator,
    config: StackConfig,
    log: (l: string) => void,
): Promise<{ problems: string[] }> {
    const { config: capped, key } = withPerEipCap(config);
    e2e.writeConfig(capped);
    const first = emu.log().length;
    try {
        await e2e.stack.up({ onOutput: log, color: "never" });
        return { problems: [`pulumi up accepted ${key}`] };
    } catch (e) {
        return { problems: refusalProblems((e as Error).message, key, emu.log().slice(first)) };
    } finally {
        e2e.writeConfig(config);
    }
}
