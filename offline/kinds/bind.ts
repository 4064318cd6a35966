/**
 * An EIP's binding to the NAT gateway offline (components/kinds.ts `bind`): its mock id (`<allocation id>:<gateway>`),
 * AssociateEipAddress (or the import of an existing binding) and UnassociateEipAddress on the cloud model.
 */
import { CloudError, CloudModel } from "../../cloud/model";
import type { RecordedResource } from "../recorder";
import type { OfflineKind } from "./kind";
import { ENGINE_CODE, str } from "./kind";

/**
 * An imported binding (the `import` option): the engine reads the existing object, so it must exist; an import of a
 * missing one fails ("resource ... does not exist", pulumi v3.248.0 pkg/resource/deploy/step.go ImportStep.Apply).
 */
function importBinding(model: CloudModel, r: RecordedResource): string[] {
    const allocationId = String(r.inputs.allocationId);
    const instanceId = String(r.inputs.instanceId);
    const eip = model.eips.get(allocationId);
    if (!eip || eip.boundTo !== instanceId) {
        const now = !eip ? "is not in the account" : eip.boundTo ? `is bound to ${eip.boundTo}` : "is not bound";
        throw new CloudError(
            ENGINE_CODE,
            `the binding ${r.importId} to adopt does not exist (${allocationId} ${now}), so the engine's import fails ("resource ... does not exist")`,
            "§1.4",
        );
    }
    eip.boundBy = r.urn;
    return [];
}

export const bind: OfflineKind = {
    create: (_args, inputs) => ({ id: `${inputs.allocationId}:${inputs.instanceId}`, state: { ...inputs } }),
    applyCreate: (model, r) => {
        if (r.importId) {
            return importBinding(model, r);
        }
        model.associateEip(r.urn, String(r.inputs.allocationId), String(r.inputs.instanceId), str(r.inputs.instanceType));
        return [];
    },
    applyDelete: (model, r) => {
        model.unassociateEip(String(r.inputs.allocationId), String(r.inputs.instanceId));
        return [];
    },
    stillThere: (model, r) => model.eips.get(String(r.inputs.allocationId))?.boundTo === String(r.inputs.instanceId),
    // resource_alicloud_eip_association.go
    forceNew: ["allocationId", "instanceId", "instanceType", "privateIpAddress", "vpcId"],
    replacedWords: ["a binding", "bindings"],
    riderWords: ["binding", "bindings"],
};
