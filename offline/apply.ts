/**
 * The cloud-model operation each recorded resource stands for: its creation and its deletion.
 */
import { CloudModel } from "../cloud/model";
import { MockedResource, TYPES } from "./cloudMocks";
import type { RecordedResource } from "./recorder";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Applies the creation of `r` to `model`. Read resources and unknown types change nothing. */
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
            model.associateEip(r.urn, String(i.allocationId), String(i.instanceId), str(i.instanceType));
            return [];
        case TYPES.forwardEntry:
            return model.createForwardEntry(r.urn, {
                id: String(s.forwardEntryId ?? answer.id),
                tableId: String(i.forwardTableId),
                externalIp: String(i.externalIp),
                externalPort: String(i.externalPort),
                internalIp: String(i.internalIp),
                internalPort: String(i.internalPort),
                protocol: String(i.ipProtocol),
                portBreak: i.portBreak === true,
            });
        default:
            return [];
    }
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
    const s = answer.state;
    switch (r.type) {
        case TYPES.forwardEntry:
            // resource_alicloud_forward_entry.go Update: ModifyForwardEntry with all five tuple fields.
            if (!changes.some((c) => ["externalIp", "externalPort", "internalIp", "internalPort", "ipProtocol", "portBreak"].includes(c))) {
                return [];
            }
            return model.modifyForwardEntry({
                id: String(s.forwardEntryId ?? answer.id),
                tableId: String(i.forwardTableId),
                externalIp: String(i.externalIp),
                externalPort: String(i.externalPort),
                internalIp: String(i.internalIp),
                internalPort: String(i.internalPort),
                protocol: String(i.ipProtocol),
                portBreak: i.portBreak === true,
            });
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

/** Applies the deletion of `r` to `model`; returns advisories. Read resources are never deleted; unknown types change nothing. */
export function applyDelete(model: CloudModel, r: RecordedResource, answer: MockedResource | undefined): string[] {
    if (r.read || !answer) {
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
            model.deleteBandwidthPlan(answer.id);
            return [];
        case TYPES.natGateway:
            model.deleteNatGateway(answer.id);
            return [];
        case TYPES.eip:
            model.releaseEip(answer.id);
            return [];
        default:
            return [];
    }
}
