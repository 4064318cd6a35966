/**
 * A DNAT entry offline (components/kinds.ts `dnat`): its mock id (`<table>:<fwd-...>`), CreateForwardEntry /
 * ModifyForwardEntry / DeleteForwardEntry on the cloud model (after the provider's own check of ipProtocol), and the
 * conflict of two creates on one table.
 */
import { CloudError, ForwardEntryRequest } from "../../cloud/model";
import type { MockedResource } from "../cloudMocks";
import type { RecordedResource } from "../recorder";
import type { OfflineKind } from "./kind";
import { PROVIDER_CODE } from "./kind";

/** The inputs ModifyForwardEntry sends (resource_alicloud_forward_entry.go Update). */
const TUPLE = ["externalIp", "externalPort", "internalIp", "internalPort", "ipProtocol", "portBreak"];

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

const entryId = (answer: MockedResource) => String(answer.state.forwardEntryId ?? answer.id);

/** The DNAT entry request a ForwardEntry's inputs make (CreateForwardEntry, or ModifyForwardEntry with all five tuple fields). */
function entryRequest(r: RecordedResource, answer: MockedResource): ForwardEntryRequest {
    checkIpProtocol(r);
    const i = r.inputs;
    return {
        id: entryId(answer),
        tableId: String(i.forwardTableId),
        externalIp: String(i.externalIp),
        externalPort: String(i.externalPort),
        internalIp: String(i.internalIp),
        internalPort: String(i.internalPort),
        protocol: String(i.ipProtocol),
        portBreak: i.portBreak === true,
    };
}

export const dnat: OfflineKind = {
    create: (_args, inputs, ctx) => {
        const id = ctx.token("fwd");
        return { id: `${inputs.forwardTableId}:${id}`, state: { ...inputs, forwardEntryId: id, status: "Available" } };
    },
    deployedOutputs: (state, id) => {
        state.forwardEntryId = id.split(":")[1];
    },
    applyCreate: (model, r, answer) => model.createForwardEntry(r.urn, entryRequest(r, answer)),
    // resource_alicloud_forward_entry.go Update: ModifyForwardEntry with all five tuple fields.
    applyUpdate: (model, r, answer, changes) =>
        changes.some((c) => TUPLE.includes(c)) ? model.modifyForwardEntry(entryRequest(r, answer)) : [],
    applyDelete: (model, _r, answer) => {
        model.deleteForwardEntry(entryId(answer));
        return [];
    },
    stillThere: (model, _r, answer) => model.entries.has(entryId(answer)),
    // resource_alicloud_forward_entry.go: only forward_table_id; ModifyForwardEntry sends external_ip, external_port,
    // internal_ip, internal_port and ip_protocol in place (resourceAliCloudNatGatewayForwardEntryUpdate).
    forceNew: ["forwardTableId"],
    replacedWords: ["a DNAT entry", "DNAT entries"],
    riderWords: ["DNAT entry", "DNAT entries"],
    // A create while another entry of the table is Pending is refused (rules §1.6, §2 step 6), and the provider does
    // not retry that code on create (resource_alicloud_forward_entry.go).
    conflict: {
        target: (inputs) => String(inputs.forwardTableId),
        code: "IncorretForwardEntryStatus",
        writesOn: "DNAT entries on",
        busyState: "Pending",
        why:
            "the cloud refuses a create then (IncorretForwardEntryStatus, docs/alicloud-rules.md §1.6, §2 step 6) and the provider " +
            "does not retry that code on create, so the update fails",
        remedy: "the entries of one table must depend on one another",
    },
};
