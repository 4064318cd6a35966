/**
 * Renamed keys: an EIP or rule may list the keys it was called before (`previousKeys`); the component turns them
 * into Pulumi aliases, so a rename keeps the cloud resources instead of creating new ones and deleting the old.
 */
import type { SharedBandwidthGatewayArgs } from "../types";
import { checkKey, show } from "./common";
import type { Problem } from "./types";

/** Previous keys by current key, for EIPs and rules. */
export interface Renames {
    eips: Record<string, string[]>;
    rules: Record<string, string[]>;
}

function checkSection(
    problems: Problem[],
    section: "eips" | "rules",
    specs: Record<string, { previousKeys?: string[] }>,
): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const claimedBy = new Map<string, string>();
    for (const [key, spec] of Object.entries(specs)) {
        const previous = spec.previousKeys ?? [];
        previous.forEach((old, i) => {
            const path = `${section}.${key}.previousKeys.${i}`;
            checkKey(problems, path, old);
            if (old in specs) {
                problems.push({
                    propertyPath: path,
                    reason: `${show(old)} is a current key of ${section}: a previous key must be one no longer used`,
                });
            } else if (claimedBy.has(old)) {
                problems.push({
                    propertyPath: path,
                    reason: `${show(old)} is already a previous key of ${section}.${claimedBy.get(old)}: one old key can become only one new key`,
                });
            } else {
                claimedBy.set(old, key);
            }
        });
        if (previous.length > 0) {
            out[key] = [...previous];
        }
    }
    return out;
}

/** Checks `previousKeys` of every EIP and rule. Pure. */
export function checkRenames(problems: Problem[], a: SharedBandwidthGatewayArgs): Renames {
    return { eips: checkSection(problems, "eips", a.eips), rules: checkSection(problems, "rules", a.rules ?? {}) };
}
