/**
 * The NAT gateway offline (components/kinds.ts `nat`): its mock ids (`ngw-...` with its `ftb-`/`stb-` tables), its
 * read from the inventory, and CreateNatGateway / deletion protection / DeleteNatGateway on the cloud model.
 */
import { CloudError } from "../../cloud/model";
import type { OfflineKind } from "./kind";
import { str } from "./kind";

/** resource_alicloud_nat_gateway.go Delete: the `force` input goes as Force. */
const forced = (inputs: Record<string, unknown>) => inputs.force === true;

/** The ids of the tables a gateway's id implies (the mock gives both the gateway's suffix). */
function tablesOf(id: string): { forwardTableIds: string; snatTableIds: string } {
    const suffix = id.slice("ngw-".length);
    return { forwardTableIds: `ftb-${suffix}`, snatTableIds: `stb-${suffix}` };
}

export const nat: OfflineKind = {
    create: (_args, inputs, ctx) => {
        const id = ctx.token("ngw");
        return { id, state: { ...inputs, ...tablesOf(id), status: "Available" } };
    },
    read: (id, name, inv) => {
        const gateway = inv.natGateways.find((n) => n.id === id);
        if (!gateway) {
            // rules §1.3: a gateway that is not listed is not found.
            const refusal = new CloudError(
                "InvalidNatGatewayId.NotFound",
                `NAT gateway ${id} (adopted as ${name}) is not in the account inventory`,
                "§1.3",
            );
            return { answer: { id, state: { forwardTableIds: "ftb-notfound", snatTableIds: "stb-notfound" } }, refusal };
        }
        const state = {
            vpcId: gateway.vpcId,
            forwardTableIds: gateway.forwardTableId,
            snatTableIds: gateway.snatTableId,
            natType: "Enhanced",
            status: "Available",
        };
        return { answer: { id, state } };
    },
    deployedOutputs: (state, id) => Object.assign(state, tablesOf(id)),
    applyCreate: (model, r, answer) => {
        const i = r.inputs;
        model.createNatGateway(r.urn, {
            id: answer.id,
            vpcId: str(i.vpcId) ?? "",
            vswitchId: str(i.vswitchId),
            forwardTableId: String(answer.state.forwardTableIds).split(",")[0],
            snatTableId: String(answer.state.snatTableIds).split(",")[0],
            deletionProtection: i.deletionProtection === true,
        });
        return [];
    },
    applyUpdate: (model, r, answer, changes) => {
        if (changes.includes("deletionProtection")) {
            model.setDeletionProtection(answer.id, r.inputs.deletionProtection === true);
        }
        return [];
    },
    applyDelete: (model, r, answer) => {
        model.deleteNatGateway(answer.id, forced(r.inputs));
        return [];
    },
    // resource_alicloud_nat_gateway.go: vpc_id, payment_type, internet_charge_type, instance_charge_type,
    // private_link_enabled, access_mode; nat_type and vswitch_id are updated (UpdateNatGatewayNatType).
    forceNew: ["vpcId", "paymentType", "internetChargeType", "instanceChargeType", "privateLinkEnabled", "accessMode"],
    providerSource: "resource_alicloud_nat_gateway.go",
    replacedWords: ["the NAT gateway", "NAT gateways"],
    forcedDelete: forced,
};
