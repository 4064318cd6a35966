/**
 * The bandwidth plan offline (components/kinds.ts `plan`): its mock id (`cbwp-...`), CreateCommonBandwidthPackage,
 * its in-place updates (ModifyCommonBandwidthPackageSpec, deletion protection) and its deletion on the cloud model,
 * which the provider skips for a PayBy95 plan.
 */
import type { OfflineKind } from "./kind";
import { str } from "./kind";

/** resource_alicloud_common_bandwidth_package.go Delete: the `force` input (a string) goes as Force. */
const forced = (inputs: Record<string, unknown>) => inputs.force === "true";
/** resource_alicloud_common_bandwidth_package.go Delete: a PayBy95 plan is only removed from state. */
const forgotten = (inputs: Record<string, unknown>) => inputs.internetChargeType === "PayBy95";
const bandwidthOf = (inputs: Record<string, unknown>) => (inputs.bandwidth as string | number | undefined) ?? "";

export const plan: OfflineKind = {
    create: (_args, inputs, ctx) => ({ id: ctx.token("cbwp"), state: { ...inputs, status: "Available" } }),
    applyCreate: (model, r, answer) => {
        const i = r.inputs;
        model.createBandwidthPlan(r.urn, {
            id: answer.id,
            bandwidth: bandwidthOf(i),
            internetChargeType: str(i.internetChargeType),
            isp: str(i.isp),
            ratio: typeof i.ratio === "number" ? i.ratio : undefined,
            deletionProtection: i.deletionProtection === true,
        });
        return [];
    },
    applyUpdate: (model, r, answer, changes) => {
        if (changes.includes("bandwidth")) {
            model.modifyPlanBandwidth(answer.id, bandwidthOf(r.inputs));
        }
        if (changes.includes("deletionProtection")) {
            model.setDeletionProtection(answer.id, r.inputs.deletionProtection === true);
        }
        return [];
    },
    applyDelete: (model, r, answer) => (forgotten(r.inputs) ? [] : model.deleteBandwidthPlan(answer.id, forced(r.inputs))),
    // resource_alicloud_common_bandwidth_package.go: bandwidth (ModifyCommonBandwidthPackageSpec), name, description,
    // deletion_protection and tags are updated in place.
    forceNew: ["internetChargeType", "isp", "ratio", "securityProtectionTypes"],
    providerSource: "resource_alicloud_common_bandwidth_package.go",
    replacedWords: ["the bandwidth plan", "bandwidth plans"],
    forcedDelete: forced,
    forgottenOnDelete: forgotten,
};
