/**
 * DNAT entry actions: CreateForwardEntry, DescribeForwardTableEntries, ModifyForwardEntry, DeleteForwardEntry.
 * The provider takes the first listed entry without checking its id (terraform-provider-alicloud v1.285.0
 * service_alicloud_nat_gateway_v2.go), so the list is filtered by every id given.
 */
import { CloudError } from "../../cloud/model";
import { newId } from "../addresses";
import { Emulator, Handler, listAnswer } from "../emulator";
import { bool, required } from "../wire";

function request(p: Record<string, string>, id: string) {
    return {
        id,
        tableId: required(p, "ForwardTableId"),
        externalIp: required(p, "ExternalIp"),
        externalPort: required(p, "ExternalPort"),
        internalIp: required(p, "InternalIp"),
        internalPort: required(p, "InternalPort"),
        protocol: required(p, "IpProtocol"),
        portBreak: bool(p.PortBreak),
    };
}

function create(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = newId("fwd");
    const req = request(p, id);
    emu.model.createForwardEntry(undefined, req);
    emu.entries.set(id, {
        name: p.ForwardEntryName ?? "",
        externalPort: req.externalPort,
        internalPort: req.internalPort,
        ipProtocol: req.protocol,
    });
    return { ForwardEntryId: id };
}

/** One entry as DescribeForwardTableEntries lists it. */
export function describeEntry(emu: Emulator, id: string): Record<string, unknown> {
    const e = emu.model.entries.get(id)!;
    const r = emu.entries.get(id)!;
    return {
        ForwardEntryId: id,
        ForwardTableId: e.tableId,
        NatGatewayId: emu.model.natByTable(e.tableId)?.id ?? "",
        ForwardEntryName: r.name,
        ExternalIp: e.externalIp,
        ExternalPort: r.externalPort,
        InternalIp: e.internalIp,
        InternalPort: r.internalPort,
        IpProtocol: r.ipProtocol,
        Status: e.status ?? "Available",
    };
}

function describe(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const natTable = p.NatGatewayId === undefined ? undefined : emu.model.nats.get(p.NatGatewayId)?.forwardTableId;
    if (p.ForwardTableId === undefined && p.NatGatewayId === undefined) {
        // rules §1.9: at least one of ForwardTableId or NatGatewayId.
        throw new CloudError("MissingParameter", "ForwardTableId or NatGatewayId is mandatory for this action.", "§1.9");
    }
    const ids = [...emu.model.entries.keys()].filter((id) => {
        const e = emu.model.entries.get(id)!;
        return (
            emu.entries.has(id) &&
            (p.ForwardTableId === undefined || p.ForwardTableId === e.tableId) &&
            (p.NatGatewayId === undefined || natTable === e.tableId) &&
            (p.ForwardEntryId === undefined || p.ForwardEntryId === id) &&
            (p.ExternalIp === undefined || p.ExternalIp === e.externalIp) &&
            (p.InternalIp === undefined || p.InternalIp === e.internalIp)
        );
    });
    return listAnswer(
        "ForwardTableEntries",
        "ForwardTableEntry",
        ids.map((id) => describeEntry(emu, id)),
    );
}

function existing(emu: Emulator, id: string) {
    if (!emu.model.entries.has(id) || !emu.entries.has(id)) {
        // rules §1.7, §1.8: the entry's not-found code.
        throw new CloudError("InvalidForwardEntryId.NotFound", `The specified DNAT entry ${id} does not exist.`, "§1.8");
    }
    return emu.entries.get(id)!;
}

function modify(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "ForwardEntryId");
    const r = existing(emu, id);
    const req = request(p, id);
    emu.model.modifyForwardEntry(req);
    Object.assign(r, {
        externalPort: req.externalPort,
        internalPort: req.internalPort,
        ipProtocol: req.protocol,
        name: p.ForwardEntryName ?? r.name,
    });
    return {};
}

function remove(emu: Emulator, p: Record<string, string>): Record<string, unknown> {
    const id = required(p, "ForwardEntryId");
    existing(emu, id);
    emu.model.deleteForwardEntry(id);
    emu.entries.delete(id);
    return {};
}

export const forwardEntryActions: [string, Handler][] = [
    ["CreateForwardEntry", create],
    ["DescribeForwardTableEntries", describe],
    ["ModifyForwardEntry", modify],
    ["DeleteForwardEntry", remove],
];
