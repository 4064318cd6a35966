/** NAT gateway operations of the cloud model: CreateNatGateway, DeleteNatGateway and DeletionProtection (rules §1.1, §1.2). */
import type { CloudModel } from "./model";
import { CloudError, NatGatewayRequest, NatState, retriedFor } from "./state";
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
    };
    m.nats.set(nat.id, nat);
    return nat;
}

/** The gateway's status as DescribeNatGateways reports it (rules §1.3). */
export function natStatus(nat: NatState): "Creating" | "Available" {
    return nat.readyAt === undefined ? "Available" : "Creating";
}

/** DeleteNatGateway with Force=false (rules §1.2, §2 delete step 5). */
export function deleteNatGateway(m: CloudModel, id: string): void {
    const nat = m.nats.get(id);
    if (!nat) {
        return;
    }
    if (nat.deletionProtection) {
        throw new CloudError("InvalidOperation.DeletionProtection", `Deletion protection is on for ${id}.`, "§1.2");
    }
    const remaining = [...m.entries.values()].filter((e) => e.tableId === nat.forwardTableId);
    if (remaining.length > 0) {
        throw new CloudError(
            "DependencyViolation.ForwardEntry",
            `DNAT entries remain on ${id}.`,
            "§1.2, §2",
            undefined,
            remaining.map((e) => e.createdBy),
        );
    }
    const bound = [...m.eips.values()].filter((e) => e.boundTo === id);
    if (bound.length > 0) {
        throw new CloudError(
            "DependencyViolation.EIPS",
            `There are Eips on specified NatGateway, please unbind it first. (${bound.map((e) => e.allocationId).join(", ")})${retriedFor(10, "delete")}`,
            "§1.2, §2",
            undefined,
            bound.map((e) => e.boundBy),
        );
    }
    m.nats.delete(id);
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
