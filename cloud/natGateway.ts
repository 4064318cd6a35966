/** NAT gateway operations of the cloud model: CreateNatGateway, DeleteNatGateway and DeletionProtection (rules §1.1, §1.2). */
import type { CloudModel } from "./model";
import {
    CloudError,
    deletionProtected,
    EipState,
    EntryState,
    natAttributes,
    NatGatewayRequest,
    NatState,
    noted,
    retriedFor,
} from "./state";
import { endOf } from "./transitions";

/** CreateNatGateway (rules §1.1). */
export function createNatGateway(m: CloudModel, actor: string | undefined, req: NatGatewayRequest): NatState {
    const vpcs = m.inventory.vpcs;
    if (vpcs) {
        const vpc = vpcs.find((v) => v.id === req.vpcId);
        if (!vpc) {
            // rules §1.1 errors: the VPC must exist.
            throw new CloudError("InvalidVpcId.NotFound", `The specified VPC ${req.vpcId} does not exist.`, "§1.1");
        }
        if (vpc.vswitchIds && req.vswitchId !== undefined && !vpc.vswitchIds.includes(req.vswitchId)) {
            // rules §1.1 errors: the vSwitch must be in the NAT gateway's VPC.
            throw new CloudError(
                "OperationFailed.VswNotBelongToVpc",
                `vSwitch ${req.vswitchId} does not belong to VPC ${req.vpcId}.`,
                "§1.1",
            );
        }
    }
    const nat: NatState = {
        id: req.id,
        vpcId: req.vpcId,
        forwardTableId: req.forwardTableId,
        snatTableId: req.snatTableId,
        deletionProtection: req.deletionProtection ?? false,
        snatIps: [],
        createdBy: actor,
        // rules §1.1: asynchronous, Creating -> Available.
        readyAt: endOf(m, m.times.natCreatingMs),
        attributes: natAttributes(req.attributes),
    };
    m.nats.set(nat.id, nat);
    return nat;
}

/** The gateway's status as DescribeNatGateways reports it (rules §1.3). */
export function natStatus(nat: NatState): "Creating" | "Available" {
    return nat.readyAt === undefined ? "Available" : "Creating";
}

/**
 * DeleteNatGateway (rules §1.2, §2 delete step 5). Without `force` the gateway must hold no DNAT entry and no bound
 * EIP. With `force` (Force=true) the cloud deletes the DNAT entries and unbinds the EIPs itself, which go through
 * `Unassociating` as after UnassociateEipAddress (rules §1.5); deletion protection refuses either (rules §1.2 errors).
 * The API deletes asynchronously (`Deleting`, then not found); here the gateway is gone at once.
 */
export function deleteNatGateway(m: CloudModel, id: string, force = false): void {
    const nat = m.nats.get(id);
    if (!nat) {
        return;
    }
    if (nat.deletionProtection) {
        throw deletionProtected(id, "§1.2");
    }
    const remaining = [...m.entries.values()].filter((e) => e.tableId === nat.forwardTableId);
    const bound = [...m.eips.values()].filter((e) => e.boundTo === id);
    if (force) {
        forceOut(m, id, remaining, bound);
        m.nats.delete(id);
        return;
    }
    if (remaining.length > 0) {
        throw new CloudError(
            "DependencyViolation.ForwardEntry",
            `DNAT entries remain on ${id}.`,
            "§1.2, §2",
            undefined,
            remaining.map((e) => e.createdBy),
        );
    }
    if (bound.length > 0) {
        throw new CloudError(
            "DependencyViolation.EIPS",
            noted(
                `There are Eips on specified NatGateway, please unbind it first. (${bound.map((e) => e.allocationId).join(", ")})`,
                retriedFor(10, "delete"),
            ),
            "§1.2, §2",
            undefined,
            bound.map((e) => e.boundBy),
        );
    }
    m.nats.delete(id);
}

/** Force=true: the gateway's DNAT entries deleted and its EIPs unbound by the cloud (rules §1.2). */
function forceOut(m: CloudModel, id: string, entries: EntryState[], bound: EipState[]): void {
    const moving = entries.filter((e) => e.status !== undefined);
    if (moving.length > 0) {
        // rules §1.2 errors: IncorrectStatus.ForwardEntry, an entry in a transitional state [L: the page gives no condition].
        throw new CloudError(
            "IncorrectStatus.ForwardEntry",
            `DNAT entries of ${id} are in a transitional state (${moving.map((e) => `${e.id} ${e.status}`).join(", ")}).`,
            "§1.2",
            undefined,
            moving.map((e) => e.createdBy),
        );
    }
    entries.forEach((e) => m.entries.delete(e.id));
    for (const eip of bound) {
        eip.until = endOf(m, m.times.eipUnassociatingMs);
        if (eip.until === undefined) {
            Object.assign(eip, { status: "Available", boundTo: undefined, boundBy: undefined });
        } else {
            eip.status = "Unassociating";
        }
    }
}

/** DeletionProtection on a NAT gateway or bandwidth plan (rules §1.2, §1.13: protected resources refuse deletion). */
export function setDeletionProtection(m: CloudModel, id: string, enabled: boolean): void {
    const target = m.nats.get(id) ?? m.plans.get(id);
    if (!target) {
        // The not-found codes of DeleteNatGateway and DeleteCommonBandwidthPackage (rules §1.2, §1.13).
        const code = id.startsWith("ngw-") ? "InvalidNatGatewayId.NotFound" : "InvalidBandwidthPackageId.NotFound";
        throw new CloudError(code, `The resource ${id} does not exist.`, "§1.2, §1.13");
    }
    target.deletionProtection = enabled;
}
