/**
 * An EIP's membership of the bandwidth plan offline (components/kinds.ts `join`): its mock id
 * (`<plan>:<allocation id>`), AddCommonBandwidthPackageIp / RemoveCommonBandwidthPackageIp on the cloud model, and the
 * conflict of two joins to one plan.
 */
import { PLAN_BUSY_CODE } from "../../cloud/bandwidthPlan";
import type { OfflineKind } from "./kind";
import { str } from "./kind";

export const join: OfflineKind = {
    create: (_args, inputs) => ({ id: `${inputs.bandwidthPackageId}:${inputs.instanceId}`, state: { ...inputs } }),
    applyCreate: (model, r) =>
        model.addPlanIp(r.urn, String(r.inputs.bandwidthPackageId), String(r.inputs.instanceId), str(r.inputs.ipType)),
    applyDelete: (model, r) => model.removePlanIp(String(r.inputs.bandwidthPackageId), String(r.inputs.instanceId)),
    stillThere: (model, r) => model.eips.get(String(r.inputs.instanceId))?.planId === String(r.inputs.bandwidthPackageId),
    // resource_alicloud_common_bandwidth_package_attachment.go
    forceNew: ["bandwidthPackageId", "instanceId"],
    replacedWords: ["a plan membership", "plan memberships"],
    riderWords: ["join", "joins"],
    // Only queries are allowed while a join is BINDING (rules §1.11, §2); the reference lists both TaskConflict, which
    // the provider retries, and OperationFailed.DistibuteLock, which it does not (rules §9.4, variant plan-lock-distlock).
    conflict: {
        target: (inputs) => String(inputs.bandwidthPackageId),
        code: "OperationFailed.DistibuteLock",
        writesOn: "joins to plan",
        busyState: "BINDING",
        why:
            "the cloud allows only queries then (docs/alicloud-rules.md §1.11, §2), and of the codes it may refuse with, " +
            `${PLAN_BUSY_CODE} is retried by the provider but OperationFailed.DistibuteLock is not (§9.4, variant plan-lock-distlock), ` +
            "so the update can fail",
        remedy: "the joins to one plan must depend on one another",
    },
};
