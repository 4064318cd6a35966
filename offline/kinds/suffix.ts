/**
 * The random suffix offline (components/kinds.ts `suffix`): its mock result, derived from its name, and the arguments
 * whose change replaces it.
 */
import { stableToken } from "../mockIds";
import type { OfflineKind } from "./kind";

export const suffix: OfflineKind = {
    create: (args, inputs, ctx) => {
        const length = typeof inputs.length === "number" ? inputs.length : 8;
        const alphabet = `abcdefghijklmnopqrstuvwxyz${inputs.upper === false ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}${inputs.numeric === false ? "" : "0123456789"}`;
        return { id: args.name, state: { ...inputs, result: stableToken(ctx.seed, length, alphabet) } };
    },
    seededByName: true,
    // terraform-provider-random internal/provider/resource_string.go: every argument has a RequiresReplace plan modifier.
    forceNew: [
        "length",
        "special",
        "upper",
        "lower",
        "number",
        "numeric",
        "minUpper",
        "minLower",
        "minNumeric",
        "minSpecial",
        "overrideSpecial",
        "keepers",
    ],
};
