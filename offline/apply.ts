/**
 * The cloud-model operation each recorded resource stands for: its creation and its deletion.
 */
import { CloudError, CloudModel, ForwardEntryRequest } from "../cloud/model";
import { MockedResource, TYPES } from "./cloudMocks";
import type { RecordedResource } from "./recorder";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The code of a refusal by the Pulumi engine rather than the cloud API. */
export const ENGINE_CODE = "(engine)";
/** The code of a refusal by the provider's own input validation, before any API call. */
export const PROVIDER_CODE = "(provider)";

/**
 * The provider validates ip_protocol with StringInSlice(["any", "tcp", "udp"], false), case-sensitive
 * (resource_alicloud_forward_entry.go v1.285.0), although the API takes TCP, UDP and Any (rules §1.6, §5.3).
 */
function checkIpProtocol(r: RecordedResource): void {
    const p = r.inputs.ipProtocol;
    if (p !== "any" && p !== "tcp" && p !== "udp") {
        throw new CloudError(
            PROVIDER_CODE,
            `ipProtocol ${JSON.stringify(p)} is refused by the provider's validation before any API call: it takes "any", "tcp" or "udp", lowercase only`,
            "§5.3",
        );
    }
}

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

/** The DNAT entry request a ForwardEntry's inputs make (CreateForwardEntry, or ModifyForwardEntry with all five tuple fields). */
function entryRequest(r: RecordedResource, answer: MockedResource): ForwardEntryRequest {
    checkIpProtocol(r);
    const i = r.inputs;
    return {
        id: String(answer.state.forwardEntryId ?? answer.id),
        tableId: String(i.forwardTableId),
        externalIp: String(i.externalIp),
        externalPort: String(i.externalPort),
        internalIp: String(i.internalIp),
        internalPort: String(i.internalPort),
        protocol: String(i.ipProtocol),
        portBreak: i.portBreak === true,
    };
}

/** Applies the creation (or import) of `r` to `model`. Read resources and unknown types change nothing. */
export function applyCreate(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined): string[] {
    if (r.read || !answer) {
        return [];
    }
    const i = r.inputs;
    const s = answer.state;
    switch (r.type) {
        case TYPES.natGateway:
            model.createNatGateway(r.urn, {
                id: answer.id,
                vpcId: str(i.vpcId) ?? "",
                vswitchId: str(i.vswitchId),
                forwardTableId: String(s.forwardTableIds).split(",")[0],
                snatTableId: String(s.snatTableIds).split(",")[0],
                deletionProtection: i.deletionProtection === true,
            });
            return [];
        case TYPES.eip:
            model.allocateEip(r.urn, {
                allocationId: answer.id,
                ipAddress: String(s.ipAddress),
                paymentType: str(i.paymentType),
                internetChargeType: str(i.internetChargeType),
                isp: str(i.isp),
            });
            return [];
        case TYPES.plan:
            model.createBandwidthPlan(r.urn, {
                id: answer.id,
                bandwidth: (i.bandwidth as string | number | undefined) ?? "",
                internetChargeType: str(i.internetChargeType),
                isp: str(i.isp),
                ratio: typeof i.ratio === "number" ? i.ratio : undefined,
                deletionProtection: i.deletionProtection === true,
            });
            return [];
        case TYPES.planAttachment:
            return model.addPlanIp(r.urn, String(i.bandwidthPackageId), String(i.instanceId), str(i.ipType));
        case TYPES.eipAssociation:
            if (r.importId) {
                return importBinding(model, r);
            }
            model.associateEip(r.urn, String(i.allocationId), String(i.instanceId), str(i.instanceType));
            return [];
        case TYPES.forwardEntry:
            return model.createForwardEntry(r.urn, entryRequest(r, answer));
        case TYPES.securityGroupRule:
            return model.authorizeSecurityGroup(r.urn, { id: String(answer.state.securityGroupRuleId ?? answer.id), ...ingressRequest(i) });
        default:
            return [];
    }
}

/** The AuthorizeSecurityGroup / RevokeSecurityGroup parameters of a SecurityGroupRule's inputs. */
function ingressRequest(i: Record<string, unknown>) {
    return {
        groupId: String(i.securityGroupId),
        ipProtocol: String(i.ipProtocol),
        portRange: String(i.portRange),
        sourceCidrIp: String(i.cidrIp),
        policy: str(i.policy),
        priority: typeof i.priority === "number" ? i.priority : undefined,
        nicType: str(i.nicType),
    };
}

/**
 * Applies the in-place update of `r` (the inputs in `changes` changed) to `model`: what the provider's Update calls.
 * Returns advisories. Changes the model does not keep (names, descriptions, tags) change nothing.
 */
export function applyUpdate(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined, changes: string[]): string[] {
    if (r.read || !answer) {
        return [];
    }
    const i = r.inputs;
    switch (r.type) {
        case TYPES.forwardEntry:
            // resource_alicloud_forward_entry.go Update: ModifyForwardEntry with all five tuple fields.
            if (!changes.some((c) => ["externalIp", "externalPort", "internalIp", "internalPort", "ipProtocol", "portBreak"].includes(c))) {
                return [];
            }
            return model.modifyForwardEntry(entryRequest(r, answer));
        case TYPES.plan:
            if (changes.includes("bandwidth")) {
                model.modifyPlanBandwidth(answer.id, (i.bandwidth as string | number | undefined) ?? "");
            }
            if (changes.includes("deletionProtection")) {
                model.setDeletionProtection(answer.id, i.deletionProtection === true);
            }
            return [];
        case TYPES.natGateway:
            if (changes.includes("deletionProtection")) {
                model.setDeletionProtection(answer.id, i.deletionProtection === true);
            }
            return [];
        default:
            return [];
    }
}

/**
 * Whether the engine skips the deletion of `r`, so that no API call is made: adopted (read) and `retainOnDelete`
 * resources only leave the state, and so does a resource `deletedWith` another that the same operation deletes
 * (`deleting`, URNs; read resources count, as the engine discards them too). Order as in pulumi v3.248.0
 * pkg/resource/deploy/step.go DeleteStep.Apply.
 */
export function deletionSkipped(r: RecordedResource, deleting: ReadonlySet<string> = new Set()): boolean {
    return r.read || r.retainOnDelete === true || (r.deletedWith !== undefined && deleting.has(r.deletedWith));
}

/**
 * Applies the deletion of `r` to `model`, as the provider sends it (with the `force` input of a gateway or plan);
 * returns advisories. A deletion the engine skips (see {@link deletionSkipped}) changes nothing; nor do unknown types.
 */
export function applyDelete(
    model: CloudModel,
    r: RecordedResource,
    answer: MockedResource | undefined,
    deleting?: ReadonlySet<string>,
): string[] {
    if (!answer || deletionSkipped(r, deleting)) {
        return [];
    }
    const i = r.inputs;
    switch (r.type) {
        case TYPES.forwardEntry:
            model.deleteForwardEntry(String(answer.state.forwardEntryId ?? answer.id));
            return [];
        case TYPES.eipAssociation:
            model.unassociateEip(String(i.allocationId), String(i.instanceId));
            return [];
        case TYPES.planAttachment:
            return model.removePlanIp(String(i.bandwidthPackageId), String(i.instanceId));
        case TYPES.plan:
            if (i.internetChargeType === "PayBy95") {
                // resource_alicloud_common_bandwidth_package.go Delete: a PayBy95 plan is only removed from state.
                return [];
            }
            // resource_alicloud_common_bandwidth_package.go Delete: the `force` input (a string) goes as Force.
            return model.deleteBandwidthPlan(answer.id, i.force === "true");
        case TYPES.natGateway:
            // resource_alicloud_nat_gateway.go Delete: the `force` input goes as Force.
            model.deleteNatGateway(answer.id, i.force === true);
            return [];
        case TYPES.eip:
            return model.releaseEip(answer.id);
        case TYPES.securityGroupRule:
            model.revokeSecurityGroup(ingressRequest(i));
            return [];
        default:
            return [];
    }
}
