/**
 * The rules of one DNAT entry (rules §1.6, §1.7, §3, §4): what CreateForwardEntry and ModifyForwardEntry check
 * against the rest of the table, with the documented codes.
 */
import * as ipaddr from "ipaddr.js";
import { formatPort, parsePort, portCount, portsOverlap, type PortSpec } from "./ports";
import type { CloudModel } from "./model";
import type { SilentAnswers } from "./answers";
import {
    CloudError,
    DUPLICATE_ENTRY_CODE,
    DUPLICATE_NOTE,
    EntryAttributes,
    EntryState,
    ForwardEntryRequest,
    NatState,
    noted,
    retriedFor,
} from "./state";
import { endOf } from "./transitions";

/** A checked entry: its fields as stored, and advisories for rules whose refusal code is undocumented. */
export interface CheckedEntry {
    entry: Omit<EntryState, "id" | "createdBy" | "attributes">;
    advisories: string[];
}

const cidrs = new Map<string, [ipaddr.IPv4, number]>();

/** `ipaddr.parseCIDR`, remembered per text: it tries IPv6 first, and every entry of a table checks the same CIDR. */
function parsedCidr(text: string): [ipaddr.IPv4, number] {
    let cidr = cidrs.get(text);
    if (cidr === undefined) {
        cidr = ipaddr.parseCIDR(text) as [ipaddr.IPv4, number];
        cidrs.set(text, cidr);
    }
    return cidr;
}

/** The gateway whose DNAT table `req` writes to (rules §1.6: the table must exist). */
function gatewayOf(model: CloudModel, req: ForwardEntryRequest): NatState {
    const nat = model.natByTable(req.tableId);
    if (!nat) {
        throw new CloudError("InvalidForwardTableId.NotFound", `The DNAT table ${req.tableId} does not exist.`, "§1.6", {
            kind: "table",
            id: req.tableId,
        });
    }
    return nat;
}

type Protocol = EntryState["protocol"];
interface Ports {
    protocol: Protocol;
    ext: PortSpec;
    int: PortSpec;
}

/** The request's protocol and ports, parsed and matched to each other (rules §1.6, §3). */
function checkedPorts(req: ForwardEntryRequest): Ports {
    const protocol = req.protocol.toLowerCase();
    if (protocol !== "tcp" && protocol !== "udp" && protocol !== "any") {
        throw new CloudError(
            "InvalidProtocal.ValueNotSupported",
            `IpProtocol ${JSON.stringify(req.protocol)} is not supported; use TCP, UDP or Any.`,
            "§1.6",
        );
    }
    const ext = parsePort(req.externalPort);
    if (!ext.ok) {
        throw new CloudError("InvalidExternalPort.Malformed", `ExternalPort ${JSON.stringify(req.externalPort)} ${ext.reason}.`, "§1.6");
    }
    const int = parsePort(req.internalPort);
    if (!int.ok) {
        throw new CloudError("InvalidInternalPort.Malformed", `InternalPort ${JSON.stringify(req.internalPort)} ${int.reason}.`, "§1.6");
    }
    if ((protocol === "any") !== (ext.port.kind === "any") || (protocol === "any") !== (int.port.kind === "any")) {
        // rules §1.6, §3: Any protocol means IP mapping and needs Any ports; Any ports need Any protocol.
        const bad = (protocol === "any") !== (ext.port.kind === "any") ? "ExternalPort" : "InternalPort";
        throw new CloudError(
            `Invalid${bad}.Malformed`,
            `IpProtocol ${protocol} with ${bad} ${JSON.stringify(bad === "ExternalPort" ? req.externalPort : req.internalPort)}: IP mapping needs protocol and both ports Any.`,
            "§1.6, §3",
        );
    }
    if (portCount(ext.port) !== portCount(int.port)) {
        // rules §1.6: a public range needs a private range of the same length (no dedicated code documented).
        throw new CloudError(
            "InvalidInternalPort.Malformed",
            `InternalPort ${req.internalPort} covers ${portCount(int.port)} ports but ExternalPort ${req.externalPort} covers ${portCount(ext.port)}.`,
            "§1.6",
        );
    }
    return { protocol, ext: ext.port, int: int.port };
}

/** rules §1.6, §3: InternalIp is an IPv4 address in the gateway's VPC (checked when the inventory knows the VPC). */
function checkInternalIp(model: CloudModel, nat: NatState, req: ForwardEntryRequest): void {
    const vpc = model.inventory.vpcs?.find((v) => v.id === nat.vpcId);
    if (!vpc) {
        return;
    }
    const cidr = parsedCidr(vpc.cidr);
    if (!ipaddr.IPv4.isValidFourPartDecimal(req.internalIp)) {
        throw new CloudError("InvalidInternalIp.Malformed", `InternalIp ${JSON.stringify(req.internalIp)} is not an IPv4 address.`, "§1.6");
    }
    if (!ipaddr.IPv4.parse(req.internalIp).match(cidr)) {
        throw new CloudError(
            "Forbidden.InternalIpOutOfVpcCIDR",
            `InternalIp ${req.internalIp} is outside the CIDR ${vpc.cidr} of VPC ${vpc.id}.`,
            "§1.6, §3",
        );
    }
}

/** rules §1.6, §2 step 5: ExternalIp is an EIP bound to this NAT gateway, and no longer being bound. */
function checkExternalIp(model: CloudModel, nat: NatState, req: ForwardEntryRequest): void {
    const eip = model.eipByAddress(req.externalIp);
    if (!eip || eip.boundTo !== nat.id) {
        throw new CloudError(
            "InvalidIp.NotInNatgw",
            noted(`The specified Ip not belong to natgateway. (${req.externalIp} is not bound to ${nat.id})`, retriedFor(5, "create")),
            "§1.6, §2",
            { kind: "binding", externalIp: req.externalIp, natId: nat.id },
        );
    }
    if (eip.status === "Associating") {
        // rules §1.6 errors, §2 step 5: the EIP is still being bound; the provider retries this code on create.
        throw new CloudError(
            "OperationUnsupported.EipInBinding",
            noted(`Create forward entry with eip in associating status is unsupported. (${req.externalIp})`, retriedFor(5, "create")),
            "§1.6, §2",
        );
    }
}

/** rules §3: an IP-mapping EIP carries no other DNAT entry, and no IP mapping on an SNAT address. */
function checkIpMapping(nat: NatState, req: ForwardEntryRequest, protocol: Protocol, sameIp: EntryState[]): void {
    if (protocol === "any" && sameIp.length > 0) {
        throw new CloudError(
            DUPLICATE_ENTRY_CODE,
            noted(
                `${req.externalIp} already carries ${sameIp.length} DNAT entr${sameIp.length === 1 ? "y" : "ies"}; an IP-mapping entry needs the EIP to itself`,
                `; ${DUPLICATE_NOTE}`,
            ),
            "§3",
            undefined,
            sameIp.map((e) => e.createdBy),
        );
    }
    const whole = sameIp.find((e) => e.protocol === "any");
    if (whole) {
        throw new CloudError(
            DUPLICATE_ENTRY_CODE,
            noted(`${req.externalIp} is used by an IP-mapping entry, so it cannot carry other DNAT entries`, `; ${DUPLICATE_NOTE}`),
            "§3",
            undefined,
            [whole.createdBy],
        );
    }
    if (protocol === "any" && nat.snatIps.includes(req.externalIp)) {
        // rules §3: an EIP in both SNAT and DNAT must use port mapping.
        throw new CloudError(
            "Forbidden.ExternalIp.UsedInSnatTable",
            `The specified ExternalIp is already used in SnatTable. (${req.externalIp})`,
            "§1.6, §3",
        );
    }
}

/** rules §1.6: (ExternalIp, ExternalPort, IpProtocol) and (InternalIp, InternalPort, IpProtocol) are each unique. */
function checkUnique(req: ForwardEntryRequest, { protocol, ext, int }: Ports, table: EntryState[], sameIp: EntryState[]): void {
    const clash = sameIp.find((e) => e.protocol === protocol && portsOverlap(e.externalPort, ext));
    if (clash) {
        // Overlapping ranges are treated as conflicts (rules §3 [?]).
        const overlap = `Duplicated destination ip port is unsupported. (${req.externalIp}:${formatPort(ext)}/${protocol} overlaps ${formatPort(clash.externalPort)}/${clash.protocol}`;
        throw new CloudError(DUPLICATE_ENTRY_CODE, { api: `${overlap})`, text: `${overlap}; ${DUPLICATE_NOTE})` }, "§1.6, §3", undefined, [
            clash.createdBy,
        ]);
    }
    const target = table.find((e) => e.internalIp === req.internalIp && e.protocol === protocol && portsOverlap(e.internalPort, int));
    if (target) {
        throw new CloudError(
            DUPLICATE_ENTRY_CODE,
            noted(
                `${req.internalIp}:${formatPort(int)}/${protocol} is already the target of another entry (${formatPort(target.internalPort)})`,
                `; ${DUPLICATE_NOTE}`,
            ),
            "§1.6",
            undefined,
            [target.createdBy],
        );
    }
}

/** rules §1.6, §4: 100 entries per table by default; the code is from older documents [L]. */
function checkQuota(model: CloudModel, req: ForwardEntryRequest, table: EntryState[]): void {
    const quota = model.inventory.quotas.dnatEntriesPerTable;
    if (table.length >= quota) {
        throw new CloudError(
            "QuotaExceeded",
            `Forward entry quota exceeded. (${table.length} of ${quota} in ${req.tableId}; code from older documents [L])`,
            "§1.6, §4",
        );
    }
}

/** rules §3: SNAT and DNAT on one EIP with a public port above 1024 needs PortBreak; the refusal code is undocumented [?]. */
function portBreakAdvisories(nat: NatState, req: ForwardEntryRequest, ext: PortSpec): string[] {
    return nat.snatIps.includes(req.externalIp) && ext.kind === "range" && ext.end > 1024 && !req.portBreak
        ? [
              `${req.externalIp}:${formatPort(ext)} is also an SNAT address and above 1024: set portBreak (docs/alicloud-rules.md §3; the API's refusal code is undocumented [?])`,
          ]
        : [];
}

/** Checks `req` against the model's table, ignoring the entry `exceptId` (the one being modified). Throws {@link CloudError}. */
export function checkForwardEntry(model: CloudModel, req: ForwardEntryRequest, exceptId?: string): CheckedEntry {
    const nat = gatewayOf(model, req);
    const ports = checkedPorts(req);
    checkInternalIp(model, nat, req);
    checkExternalIp(model, nat, req);
    const table = [...model.entries.values()].filter((e) => e.tableId === req.tableId && e.id !== exceptId);
    const sameIp = table.filter((e) => e.externalIp === req.externalIp);
    checkIpMapping(nat, req, ports.protocol, sameIp);
    checkUnique(req, ports, table, sameIp);
    checkQuota(model, req, table);
    const { protocol, ext, int } = ports;
    return {
        entry: {
            tableId: req.tableId,
            externalIp: req.externalIp,
            externalPort: ext,
            internalIp: req.internalIp,
            internalPort: int,
            protocol,
        },
        advisories: portBreakAdvisories(nat, req, ext),
    };
}

/** The steps of a table write whose retry list in the provider names each busy-table code (v1.285.0 resource_alicloud_forward_entry.go). */
const RETRIED_ON: Record<SilentAnswers["tableBusyCode"], readonly string[]> = {
    IncorretForwardEntryStatus: ["update"],
    OperationConflict: ["create", "delete"],
};

/** The API's message for each busy-table code (rules §1.6; OperationConflict as aliyun/terraform-provider-alicloud#5600 shows it). */
const BUSY_MESSAGE: Record<SilentAnswers["tableBusyCode"], string> = {
    IncorretForwardEntryStatus: "Some Forward entry status blocked this operation..",
    OperationConflict: "The operation against this instance is too frequent, please try again later.",
};

/**
 * The refusal of a table write while an entry of the table is `Pending` (rules §1.6 "no adds while any entry in the
 * table is Pending or Modifying", §1.8 "nothing in the table can be deleted while any entry is Pending"), or
 * `Deleting` when the answers say so. The code is the model's answer for this silent spot (cloud/answers.ts): by
 * default `IncorretForwardEntryStatus`, which the provider retries only on update, not on create or delete (rules §2
 * step 6; terraform-provider-alicloud v1.285.0 resource_alicloud_forward_entry.go), so there it fails the update at once.
 */
export function checkTableIdle(m: CloudModel, tableId: string, step: "create" | "update" | "delete", rule: string): void {
    const blocking = (e: EntryState) => e.status === "Pending" || (e.status === "Deleting" && m.answers.deletingBlocksTable);
    const busy = [...m.entries.values()].find((e) => e.tableId === tableId && blocking(e));
    if (busy) {
        const code = m.answers.tableBusyCode;
        const retry = RETRIED_ON[code].includes(step)
            ? retriedFor(5, step)
            : `; the provider does not retry this code on ${step}, so the update fails at once (docs/alicloud-rules.md §2 step 6)`;
        throw new CloudError(code, noted(`${BUSY_MESSAGE[code]} (${busy.id} in ${tableId} is ${busy.status})`, retry), rule);
    }
}

/** What DescribeForwardTableEntries reports of the entry `req` writes: its ports and protocol as sent (rules §1.9). */
function entryAttributes(req: ForwardEntryRequest, name: string): EntryAttributes {
    return { name: req.name ?? name, externalPort: req.externalPort, internalPort: req.internalPort, ipProtocol: req.protocol };
}

/** CreateForwardEntry (rules §1.6, §3, §4). Returns advisories for rules whose refusal code is undocumented. */
export function createForwardEntry(m: CloudModel, actor: string | undefined, req: ForwardEntryRequest): string[] {
    const { entry, advisories } = checkForwardEntry(m, req);
    checkTableIdle(m, req.tableId, "create", "§1.6, §2");
    // rules §1.6: asynchronous, Pending -> Available.
    const until = endOf(m, m.times.entryPendingMs);
    const attributes = entryAttributes(req, "");
    m.entries.set(req.id, {
        id: req.id,
        ...entry,
        createdBy: actor,
        attributes,
        ...(until === undefined ? {} : { status: "Pending", until }),
    });
    return advisories;
}

/** ModifyForwardEntry (rules §1.7): the same rules as create, against the table without this entry. */
export function modifyForwardEntry(m: CloudModel, req: ForwardEntryRequest): string[] {
    const current = m.entries.get(req.id);
    if (!current) {
        throw new CloudError("InvalidForwardEntryId.NotFound", `The DNAT entry ${req.id} does not exist.`, "§1.7");
    }
    const { entry, advisories } = checkForwardEntry(m, req, req.id);
    // rules §1.7: an entry in Pending/Modifying cannot be changed.
    checkTableIdle(m, req.tableId, "update", "§1.7");
    const until = endOf(m, m.times.entryPendingMs);
    const attributes = entryAttributes(req, current.attributes.name);
    m.entries.set(req.id, { ...current, ...entry, attributes, ...(until === undefined ? {} : { status: "Pending", until }) });
    return advisories;
}

/** DeleteForwardEntry (rules §1.8): asynchronous, Deleting -> gone. */
export function deleteForwardEntry(m: CloudModel, id: string): void {
    const entry = m.entries.get(id);
    if (!entry || entry.status === "Deleting") {
        return;
    }
    checkTableIdle(m, entry.tableId, "delete", "§1.8, §2");
    const until = endOf(m, m.times.entryDeletingMs);
    if (until === undefined) {
        m.entries.delete(id);
    } else {
        Object.assign(entry, { status: "Deleting", until });
    }
}
