/**
 * DNAT entry actions: CreateForwardEntry, DescribeForwardTableEntries, ModifyForwardEntry, DeleteForwardEntry.
 * The provider takes the first listed entry without checking its id (terraform-provider-alicloud v1.285.0
 * service_alicloud_nat_gateway_v2.go), so the list is filtered by every id given. A deleted entry stays listed as
 * `Deleting` until it is gone (rules §1.8, §1.9). Parameters: docs/alicloud-rules.md §1.6-§1.9, §8.7.
 */
import { CloudError, EntryState } from "../../cloud/model";
import { formatPort, parsePort } from "../../cloud/ports";
import { newId } from "../addresses";
import { Action, Region } from "../emulator";
import { matches, numberedPage, pageAnswer } from "../listing";
import { boolean, CLIENT_TOKEN, DRY_RUN, ID, ID_OPTIONAL, ipv4, label, oneOf, optional, paging, REGION, required, text } from "../params";
import { bool, WireError } from "../wire";

const EXTERNAL_IP = "InvalidExternalIp.Malformed";
const INTERNAL_IP = "InvalidInternalIp.Malformed";
/** rules §1.6: 2-128 characters, starting with a letter or Chinese character, not http(s)://. */
const ENTRY_NAME = optional(label(2, 128, true), "InvalidParameter.Name.Malformed");
const TABLE_ID = ID;
const ENTRY_ID = ID;

/** The entry's own fields: all required by CreateForwardEntry, each optional in ModifyForwardEntry (rules §1.6, §1.7). */
const entryFields = (need: typeof required) => ({
    ExternalIp: need(ipv4, EXTERNAL_IP),
    ExternalPort: need(text(1, 16)),
    InternalIp: need(ipv4, INTERNAL_IP),
    InternalPort: need(text(1, 16)),
    IpProtocol: need(text(1, 8)),
    ForwardEntryName: ENTRY_NAME,
    PortBreak: optional(boolean),
    DryRun: DRY_RUN,
    ClientToken: CLIENT_TOKEN,
});

const createParams = { RegionId: REGION, ForwardTableId: TABLE_ID, ...entryFields(required) };

function create(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = newId("fwd");
    const req = {
        id,
        tableId: p.ForwardTableId,
        externalIp: p.ExternalIp,
        externalPort: p.ExternalPort,
        internalIp: p.InternalIp,
        internalPort: p.InternalPort,
        protocol: p.IpProtocol,
        portBreak: bool(p.PortBreak),
        name: p.ForwardEntryName,
    };
    r.model.createForwardEntry(undefined, req);
    return { ForwardEntryId: id };
}

/** One entry as DescribeForwardTableEntries lists it. */
export function describeEntry(r: Region, id: string): Record<string, unknown> {
    const e = r.model.entries.get(id)!;
    const rec = e.attributes;
    return {
        ForwardEntryId: id,
        ForwardTableId: e.tableId,
        NatGatewayId: r.model.natByTable(e.tableId)?.id ?? "",
        ForwardEntryName: rec.name,
        ExternalIp: e.externalIp,
        ExternalPort: rec.externalPort,
        InternalIp: e.internalIp,
        InternalPort: rec.internalPort,
        IpProtocol: rec.ipProtocol,
        Status: e.status ?? "Available",
    };
}

const describeParams = {
    RegionId: REGION,
    ForwardTableId: ID_OPTIONAL,
    NatGatewayId: ID_OPTIONAL,
    ForwardEntryId: ID_OPTIONAL,
    ExternalIp: optional(ipv4),
    ExternalPort: optional(text(1, 16)),
    InternalIp: optional(ipv4),
    InternalPort: optional(text(1, 16)),
    IpProtocol: optional(oneOf(["tcp", "udp", "any"], true)),
    ForwardEntryName: optional(label(1, 128)),
    ...paging(50),
};

/** rules §1.9: at least one of ForwardTableId or NatGatewayId. */
function checkDescribe(p: Readonly<Record<string, string>>): void {
    if (!p.ForwardTableId && !p.NatGatewayId) {
        throw new WireError(
            400,
            "MissingParameter",
            `The input parameter "ForwardTableId" or "NatGatewayId" that is mandatory for processing this request is not supplied.`,
        );
    }
}

/** A port filter as the entry's port: `80` matches an entry written `80` or `80/80`; `Any` matches `any`. Pure. */
function samePort(filter: string | undefined, actual: EntryState["externalPort"]): boolean {
    if (filter === undefined || filter === "") {
        return true;
    }
    const parsed = parsePort(filter);
    return parsed.ok && formatPort(parsed.port) === formatPort(actual);
}

function describe(r: Region, p: Record<string, string>): Record<string, unknown> {
    const natTable = p.NatGatewayId ? (r.model.nats.get(p.NatGatewayId)?.forwardTableId ?? "(none)") : undefined;
    const ids = [...r.model.entries.keys()].filter((id) => {
        const e = r.model.entries.get(id)!;
        return (
            matches(p.ForwardTableId, e.tableId) &&
            matches(natTable, e.tableId) &&
            matches(p.ForwardEntryId, id) &&
            matches(p.ExternalIp, e.externalIp) &&
            matches(p.InternalIp, e.internalIp) &&
            samePort(p.ExternalPort, e.externalPort) &&
            samePort(p.InternalPort, e.internalPort) &&
            matches(p.IpProtocol?.toLowerCase(), e.protocol) &&
            matches(p.ForwardEntryName, e.attributes.name)
        );
    });
    return pageAnswer("ForwardTableEntries", "ForwardTableEntry", numberedPage(ids, p), (id) => describeEntry(r, id));
}

/** The entry `id` of table `tableId`, or the entry's not-found refusal (rules §1.7, §1.8). */
function existing(r: Region, tableId: string, id: string): EntryState {
    const entry = r.model.entries.get(id);
    if (entry?.tableId !== tableId) {
        throw new CloudError("InvalidForwardEntryId.NotFound", `The specified DNAT entry ${id} does not exist in ${tableId}.`, "§1.8");
    }
    return entry;
}

const modifyParams = { RegionId: REGION, ForwardTableId: TABLE_ID, ForwardEntryId: ENTRY_ID, ...entryFields(optional) };

/** rules §1.7: every field is optional; one left out keeps its value. */
function modify(r: Region, p: Record<string, string>): Record<string, unknown> {
    const id = p.ForwardEntryId;
    const e = existing(r, p.ForwardTableId, id);
    const rec = e.attributes;
    r.model.modifyForwardEntry({
        id,
        tableId: p.ForwardTableId,
        externalIp: p.ExternalIp || e.externalIp,
        externalPort: p.ExternalPort || rec.externalPort,
        internalIp: p.InternalIp || e.internalIp,
        internalPort: p.InternalPort || rec.internalPort,
        protocol: p.IpProtocol || rec.ipProtocol,
        portBreak: bool(p.PortBreak),
        name: p.ForwardEntryName,
    });
    return {};
}

/** Deleting: the model keeps the entry, listed `Deleting`, until its deletion ends (rules §1.9). */
function remove(r: Region, p: Record<string, string>): Record<string, unknown> {
    existing(r, p.ForwardTableId, p.ForwardEntryId);
    r.model.deleteForwardEntry(p.ForwardEntryId);
    r.settle();
    return {};
}

export const forwardEntryActions: [string, Action][] = [
    ["CreateForwardEntry", { params: createParams, handler: create, idempotent: true, dryRun: true }],
    ["DescribeForwardTableEntries", { params: describeParams, check: checkDescribe, handler: describe }],
    ["ModifyForwardEntry", { params: modifyParams, handler: modify, idempotent: true, dryRun: true }],
    [
        "DeleteForwardEntry",
        {
            params: { RegionId: REGION, ForwardTableId: TABLE_ID, ForwardEntryId: ENTRY_ID, ClientToken: CLIENT_TOKEN },
            handler: remove,
            idempotent: true,
        },
    ],
];
