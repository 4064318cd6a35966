/**
 * A model of the Alibaba Cloud VPC/EIP API state behind the component: NAT gateways with their DNAT/SNAT tables,
 * EIPs (address, charge type, line type, status, binding, plan membership), EIP bandwidth plans and DNAT entries.
 * Each operation applies the rules of the project's API reference (alicloud-rules.md, cited as "rules §x") and
 * refuses with the documented error code and message. The model never invents behaviour: where the reference marks
 * a code as unknown ([?]) or likely ([L]), the error says so.
 *
 * Every object remembers which resource (URN) created it, so an ordering check can name the resource that
 * establishes a missing precondition.
 */
import * as ipaddr from "ipaddr.js";
import { ISPS, PAYBY95_RATIO, PLAN_BANDWIDTH_RANGES, PlanChargeType } from "../components/limits";
import { formatPort, parsePort, portCount, PortSpec, portsOverlap } from "../components/ports";
import type { Inventory } from "./inventory";

/** A precondition an operation needs from an earlier operation. */
export type Need =
    | { kind: "nat"; id: string }
    | { kind: "eip"; id: string }
    | { kind: "plan"; id: string }
    | { kind: "table"; id: string }
    | { kind: "binding"; externalIp: string; natId: string };

/** An API refusal: the code and message the cloud answers with, and the rules section that says so. */
export class CloudError extends Error {
    constructor(
        readonly code: string,
        message: string,
        /** Section of alicloud-rules.md, e.g. "§1.6". */
        readonly rule: string,
        /** Set when the refusal is a missing precondition another operation would establish. */
        readonly need?: Need,
        /** Delete refusals: URNs of the resources whose objects block the deletion (undefined entries: pre-existing). */
        readonly blockers: (string | undefined)[] = [],
    ) {
        super(`${code}: ${message} (rules ${rule})`);
        this.name = "CloudError";
    }
}

export interface NatState {
    id: string;
    vpcId: string;
    forwardTableId: string;
    snatTableId: string;
    deletionProtection: boolean;
    snatIps: string[];
    /** URN of the resource that created it; undefined for pre-existing ones. */
    createdBy?: string;
}

export interface EipState {
    allocationId: string;
    ipAddress: string;
    paymentType: "PayAsYouGo" | "Subscription";
    internetChargeType: string;
    isp: string;
    /** rules §1.14: `Available` when unbound, `InUse` when bound. */
    status: "Available" | "InUse";
    boundTo?: string;
    boundBy?: string;
    planId?: string;
    joinedBy?: string;
    createdBy?: string;
}

export interface PlanState {
    id: string;
    isp: string;
    bandwidthMbps: number;
    deletionProtection: boolean;
    createdBy?: string;
}

export interface EntryState {
    id: string;
    tableId: string;
    externalIp: string;
    externalPort: PortSpec;
    internalIp: string;
    internalPort: PortSpec;
    protocol: "tcp" | "udp" | "any";
    createdBy?: string;
}

export interface NatGatewayRequest {
    id: string;
    vpcId: string;
    vswitchId?: string;
    forwardTableId: string;
    snatTableId: string;
    deletionProtection?: boolean;
}

export interface EipRequest {
    allocationId: string;
    ipAddress: string;
    paymentType?: string;
    internetChargeType?: string;
    isp?: string;
}

export interface PlanRequest {
    id: string;
    bandwidth: string | number;
    internetChargeType?: string;
    isp?: string;
    ratio?: number;
    deletionProtection?: boolean;
}

export interface ForwardEntryRequest {
    id: string;
    tableId: string;
    externalIp: string;
    externalPort: string;
    internalIp: string;
    internalPort: string;
    protocol: string;
    portBreak?: boolean;
}

/** The duplicate code is undocumented (rules §1.6 [?]); this is the only duplicate-specific candidate the reference names. */
export const DUPLICATE_ENTRY_CODE = "OperationUnsupported.ForwardEntry";
const DUPLICATE_NOTE =
    "the VPC API's code for a duplicate entry is undocumented [?]; this is the candidate the reference names, from the deprecated ECS API (rules §1.6)";

/** The state the cloud API keeps for one account and region. */
export class CloudModel {
    readonly nats = new Map<string, NatState>();
    readonly eips = new Map<string, EipState>();
    readonly plans = new Map<string, PlanState>();
    readonly entries = new Map<string, EntryState>();

    constructor(readonly inventory: Inventory) {
        for (const n of inventory.natGateways) {
            this.nats.set(n.id, {
                id: n.id,
                vpcId: n.vpcId,
                forwardTableId: n.forwardTableId,
                snatTableId: n.snatTableId,
                deletionProtection: n.deletionProtection,
                snatIps: [...n.snatIps],
            });
            n.forwardEntries.forEach((f, i) => {
                const ext = parsePort(f.externalPort);
                const int = parsePort(f.internalPort);
                if (ext.ok && int.ok) {
                    const id = `fwd-existing-${n.id.slice(4)}-${i}`;
                    const protocol = f.protocol.toLowerCase() as EntryState["protocol"];
                    this.entries.set(id, {
                        id,
                        tableId: n.forwardTableId,
                        externalIp: f.externalIp,
                        externalPort: ext.port,
                        internalIp: f.internalIp,
                        internalPort: int.port,
                        protocol,
                    });
                }
            });
        }
        for (const p of inventory.bandwidthPlans) {
            this.plans.set(p.id, { id: p.id, isp: p.isp, bandwidthMbps: p.bandwidthMbps ?? 0, deletionProtection: false });
        }
        for (const e of inventory.eips) {
            this.eips.set(e.allocationId, { ...e, status: e.boundTo ? "InUse" : "Available" });
        }
    }

    /** A deep copy: same inventory, independent state. */
    clone(): CloudModel {
        const c = new CloudModel({ ...this.inventory, natGateways: [], eips: [], bandwidthPlans: [] });
        this.nats.forEach((v, k) => c.nats.set(k, { ...v, snatIps: [...v.snatIps] }));
        this.eips.forEach((v, k) => c.eips.set(k, { ...v }));
        this.plans.forEach((v, k) => c.plans.set(k, { ...v }));
        this.entries.forEach((v, k) => c.entries.set(k, { ...v }));
        return c;
    }

    // ---------------------------------------------------------------- lookups

    natByTable(tableId: string): NatState | undefined {
        return [...this.nats.values()].find((n) => n.forwardTableId === tableId);
    }

    eipByAddress(ip: string): EipState | undefined {
        return [...this.eips.values()].find((e) => e.ipAddress === ip);
    }

    /** The URN of the resource that established `need`, or undefined if none did (or it pre-existed). */
    establishedBy(need: Need): string | undefined {
        switch (need.kind) {
            case "nat":
                return this.nats.get(need.id)?.createdBy;
            case "eip":
                return this.eips.get(need.id)?.createdBy;
            case "plan":
                return this.plans.get(need.id)?.createdBy;
            case "table":
                return this.natByTable(need.id)?.createdBy;
            case "binding": {
                const e = this.eipByAddress(need.externalIp);
                return e?.boundTo === need.natId ? e.boundBy : undefined;
            }
        }
    }

    // ---------------------------------------------------------------- create

    /** CreateNatGateway (rules §1.1). */
    createNatGateway(actor: string | undefined, req: NatGatewayRequest): NatState {
        const vpcs = this.inventory.vpcs;
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
        };
        this.nats.set(nat.id, nat);
        return nat;
    }

    /** AllocateEipAddress (rules §1.14). */
    allocateEip(actor: string | undefined, req: EipRequest): EipState {
        const paymentType = req.paymentType ?? "PayAsYouGo";
        const charge = req.internetChargeType ?? "PayByBandwidth";
        const isp = req.isp ?? "BGP";
        if (!["PayByTraffic", "PayByBandwidth"].includes(charge)) {
            // rules §1.14: InternetChargeType is PayByBandwidth or PayByTraffic.
            throw new CloudError(
                "InvalidParameter",
                `InternetChargeType ${JSON.stringify(charge)} is not valid; use PayByBandwidth or PayByTraffic.`,
                "§1.14",
            );
        }
        if (!(ISPS as readonly string[]).includes(isp)) {
            // rules §1.14 / §1.10: the ISP list of the plan.
            throw new CloudError("IllegalParam.Isp", `ISP ${JSON.stringify(isp)} is not valid.`, "§1.14");
        }
        const payg = paymentType === "PayAsYouGo" || paymentType === "PostPaid";
        if (this.inventory.site === "international" && payg && charge !== "PayByTraffic") {
            // rules §1.14: international accounts buy pay-as-you-go EIPs billed PayByTraffic only.
            throw new CloudError(
                "COMMODITY.INVALID_COMPONENT",
                `pay-as-you-go EIPs billed ${charge} are not sold to international accounts; use PayByTraffic.`,
                "§1.14",
            );
        }
        const eip: EipState = {
            allocationId: req.allocationId,
            ipAddress: req.ipAddress,
            paymentType: payg ? "PayAsYouGo" : "Subscription",
            internetChargeType: charge,
            isp,
            status: "Available",
            createdBy: actor,
        };
        this.eips.set(eip.allocationId, eip);
        return eip;
    }

    /** CreateCommonBandwidthPackage (rules §1.10, §4). */
    createBandwidthPlan(actor: string | undefined, req: PlanRequest): PlanState {
        const site = this.inventory.site;
        const ranges = PLAN_BANDWIDTH_RANGES[site];
        // rules §5.3: the provider defaults the charge type to PayByTraffic.
        const charge = req.internetChargeType ?? "PayByTraffic";
        const range = ranges[charge as PlanChargeType];
        if (!range) {
            // rules §1.10: international sells PayByTraffic only; China PayByBandwidth, PayBy95, PayByDominantTraffic.
            throw new CloudError(
                "InvalidParameter.InvalidChargeType",
                `InternetChargeType ${JSON.stringify(charge)} is not sold on the ${site} site; use ${Object.keys(ranges).join(", ")}.`,
                "§1.10",
            );
        }
        const mbps = Number(req.bandwidth);
        if (!Number.isInteger(mbps) || mbps < range[0] || mbps > range[1]) {
            // rules §1.10: Bandwidth range by site and charge type.
            throw new CloudError(
                "InvalidParameter.Bandwidth",
                `Bandwidth ${JSON.stringify(req.bandwidth)} is outside ${range[0]}-${range[1]} Mbit/s for ${charge} on the ${site} site.`,
                "§1.10",
            );
        }
        if (charge === "PayBy95" ? req.ratio !== PAYBY95_RATIO : req.ratio !== undefined) {
            // rules §1.10: Ratio is 20, China site, PayBy95 only.
            throw new CloudError(
                "IllegalParam.Ratio",
                `Ratio ${JSON.stringify(req.ratio ?? null)} is not valid; only ${PAYBY95_RATIO}, and only with PayBy95.`,
                "§1.10",
            );
        }
        const isp = req.isp ?? "BGP";
        if (!(ISPS as readonly string[]).includes(isp)) {
            throw new CloudError("IllegalParam.Isp", `ISP ${JSON.stringify(isp)} is not valid.`, "§1.10");
        }
        if (this.plans.size >= this.inventory.quotas.bandwidthPlansPerRegion) {
            // rules §1.10 errors, §4: pay-as-you-go plans per account and region.
            throw new CloudError(
                "BandwidthPackage.QuotaExceeded",
                `Create BandwidthPackage has exceeded quota. (${this.plans.size} of ${this.inventory.quotas.bandwidthPlansPerRegion} plans exist)`,
                "§1.10, §4",
            );
        }
        const plan: PlanState = {
            id: req.id,
            isp,
            bandwidthMbps: mbps,
            deletionProtection: req.deletionProtection ?? false,
            createdBy: actor,
        };
        this.plans.set(plan.id, plan);
        return plan;
    }

    /** AddCommonBandwidthPackageIp (rules §1.11, §2 "Other state requirements", §4). */
    addPlanIp(actor: string | undefined, planId: string, allocationId: string, ipType = "EIP"): void {
        if (ipType !== "EIP") {
            throw new CloudError("OperationUnsupported.IpType", `IpType ${JSON.stringify(ipType)} is not supported; only EIP.`, "§1.11");
        }
        const plan = this.plans.get(planId);
        if (!plan) {
            throw new CloudError("InvalidBandwidthPackageId.NotFound", `The bandwidth plan ${planId} does not exist.`, "§1.11", {
                kind: "plan",
                id: planId,
            });
        }
        const eip = this.eips.get(allocationId);
        if (!eip) {
            throw new CloudError("InvalidIpInstanceId.NotFound", `The EIP ${allocationId} does not exist.`, "§1.11", {
                kind: "eip",
                id: allocationId,
            });
        }
        if (eip.paymentType !== "PayAsYouGo") {
            throw new CloudError("IpInstanceId.ChargeType.NotSupport", `The EIP ${allocationId} is PrePaid type, Cannot add.`, "§1.11");
        }
        if (eip.planId !== undefined) {
            // rules §1.11: an EIP belongs to at most one plan; moving needs a removal first (§2).
            throw new CloudError(
                "IpInstanceId.AlreadyInBandwidthPackage",
                `The EIP ${allocationId} is already in bandwidth plan ${eip.planId}.`,
                "§1.11",
            );
        }
        if (eip.isp !== plan.isp) {
            // rules §1.11 [C]: same line type required; the API's error code for a mismatch is not documented [?].
            throw new CloudError(
                "IspMismatch",
                `EIP ${allocationId} has line type ${eip.isp} but plan ${planId} has ${plan.isp}; they must match (the API's error code for this is undocumented [?])`,
                "§1.11",
            );
        }
        const members = [...this.eips.values()].filter((e) => e.planId === planId).length;
        if (members >= this.inventory.quotas.eipsPerBandwidthPlan) {
            throw new CloudError(
                "IpInstanceId.QuotaExceeded",
                `The bandwidth plan ${planId} has too many ip in it (${members} of ${this.inventory.quotas.eipsPerBandwidthPlan}).`,
                "§1.11, §4",
            );
        }
        eip.planId = planId;
        eip.joinedBy = actor;
    }

    /** AssociateEipAddress with InstanceType=Nat (rules §1.4, §4). */
    associateEip(actor: string | undefined, allocationId: string, instanceId: string, instanceType?: string): void {
        // rules §1.4: the provider infers Nat from the ngw- prefix when the type is not given.
        const type = instanceType ?? (instanceId.startsWith("ngw-") ? "Nat" : "EcsInstance");
        if (type === "NatGateway") {
            throw new CloudError(
                "Invalid.DirectEip.BindType",
                `InstanceType "NatGateway" is refused; use "Nat" (observed behaviour [L]).`,
                "§1.4",
            );
        }
        if (type !== "Nat") {
            throw new CloudError(
                "InvalidInstanceType.ValueNotSupported",
                `InstanceType ${JSON.stringify(type)} cannot bind to a NAT gateway; use "Nat".`,
                "§1.4",
            );
        }
        const nat = this.nats.get(instanceId);
        if (!nat) {
            throw new CloudError("InvalidInstanId.NotFound", `The NAT gateway ${instanceId} does not exist.`, "§1.4", {
                kind: "nat",
                id: instanceId,
            });
        }
        const eip = this.eips.get(allocationId);
        if (!eip) {
            throw new CloudError("InvalidAllocationId.NotFound", `The EIP ${allocationId} does not exist.`, "§1.4", {
                kind: "eip",
                id: allocationId,
            });
        }
        if (eip.boundTo === instanceId) {
            throw new CloudError(
                "InvalidAssociation.Duplicated",
                `Specified instance already is associated. (${allocationId} on ${instanceId})`,
                "§1.4",
            );
        }
        if (eip.status !== "Available") {
            throw new CloudError(
                "IncorrectEipStatus",
                `Current elastic IP status does not support this operation. (${allocationId} is ${eip.status}, bound to ${eip.boundTo})`,
                "§1.4",
            );
        }
        const bound = [...this.eips.values()].filter((e) => e.boundTo === instanceId).length;
        if (bound >= this.inventory.quotas.eipsPerNatGateway) {
            throw new CloudError(
                "QuotaExceeded.NumberOfEip",
                `Binded eip Quota exceed on this NatGw. (${bound} of ${this.inventory.quotas.eipsPerNatGateway} on ${instanceId})`,
                "§1.4, §4",
            );
        }
        eip.status = "InUse";
        eip.boundTo = instanceId;
        eip.boundBy = actor;
    }

    /** CreateForwardEntry (rules §1.6, §3, §4). Returns advisories for rules whose refusal code is undocumented. */
    createForwardEntry(actor: string | undefined, req: ForwardEntryRequest): string[] {
        const advisories: string[] = [];
        const nat = this.natByTable(req.tableId);
        if (!nat) {
            throw new CloudError("InvalidForwardTableId.NotFound", `The DNAT table ${req.tableId} does not exist.`, "§1.6", {
                kind: "table",
                id: req.tableId,
            });
        }
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
            throw new CloudError(
                "InvalidExternalPort.Malformed",
                `ExternalPort ${JSON.stringify(req.externalPort)} ${ext.reason}.`,
                "§1.6",
            );
        }
        const int = parsePort(req.internalPort);
        if (!int.ok) {
            throw new CloudError(
                "InvalidInternalPort.Malformed",
                `InternalPort ${JSON.stringify(req.internalPort)} ${int.reason}.`,
                "§1.6",
            );
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
        const vpc = this.inventory.vpcs?.find((v) => v.id === nat.vpcId);
        if (vpc) {
            const cidr = ipaddr.parseCIDR(vpc.cidr) as [ipaddr.IPv4, number];
            if (!ipaddr.IPv4.isValidFourPartDecimal(req.internalIp)) {
                throw new CloudError(
                    "InvalidInternalIp.Malformed",
                    `InternalIp ${JSON.stringify(req.internalIp)} is not an IPv4 address.`,
                    "§1.6",
                );
            }
            if (!ipaddr.IPv4.parse(req.internalIp).match(cidr)) {
                throw new CloudError(
                    "Forbidden.InternalIpOutOfVpcCIDR",
                    `InternalIp ${req.internalIp} is outside the CIDR ${vpc.cidr} of VPC ${vpc.id}.`,
                    "§1.6, §3",
                );
            }
        }
        const eip = this.eipByAddress(req.externalIp);
        if (!eip || eip.boundTo !== nat.id) {
            // rules §1.6, §2 step 5: ExternalIp must be an EIP bound to this NAT gateway.
            throw new CloudError(
                "InvalidIp.NotInNatgw",
                `The specified Ip not belong to natgateway. (${req.externalIp} is not bound to ${nat.id})`,
                "§1.6, §2",
                {
                    kind: "binding",
                    externalIp: req.externalIp,
                    natId: nat.id,
                },
            );
        }
        const table = [...this.entries.values()].filter((e) => e.tableId === req.tableId);
        const sameIp = table.filter((e) => e.externalIp === req.externalIp);
        if (protocol === "any" && sameIp.length > 0) {
            // rules §3: an IP-mapping EIP carries no other DNAT entry.
            throw new CloudError(
                DUPLICATE_ENTRY_CODE,
                `${req.externalIp} already carries ${sameIp.length} DNAT entr${sameIp.length === 1 ? "y" : "ies"}; an IP-mapping entry needs the EIP to itself; ${DUPLICATE_NOTE}`,
                "§3",
            );
        }
        if (sameIp.some((e) => e.protocol === "any")) {
            throw new CloudError(
                DUPLICATE_ENTRY_CODE,
                `${req.externalIp} is used by an IP-mapping entry, so it cannot carry other DNAT entries; ${DUPLICATE_NOTE}`,
                "§3",
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
        const clash = sameIp.find((e) => e.protocol === protocol && portsOverlap(e.externalPort, ext.port));
        if (clash) {
            // rules §1.6: (ExternalIp, ExternalPort, IpProtocol) is unique; overlapping ranges are treated as conflicts (§3 [?]).
            throw new CloudError(
                DUPLICATE_ENTRY_CODE,
                `Duplicated destination ip port is unsupported. (${req.externalIp}:${formatPort(ext.port)}/${protocol} overlaps ${formatPort(clash.externalPort)}/${clash.protocol}; ${DUPLICATE_NOTE})`,
                "§1.6, §3",
            );
        }
        const target = table.find(
            (e) => e.internalIp === req.internalIp && e.protocol === protocol && portsOverlap(e.internalPort, int.port),
        );
        if (target) {
            // rules §1.6: (InternalIp, InternalPort, IpProtocol) is unique.
            throw new CloudError(
                DUPLICATE_ENTRY_CODE,
                `${req.internalIp}:${formatPort(int.port)}/${protocol} is already the target of another entry (${formatPort(target.internalPort)}); ${DUPLICATE_NOTE}`,
                "§1.6",
            );
        }
        if (table.length >= this.inventory.quotas.dnatEntriesPerTable) {
            // rules §1.6, §4: 100 entries per table by default; the code is from older documents [L].
            throw new CloudError(
                "QuotaExceeded",
                `Forward entry quota exceeded. (${table.length} of ${this.inventory.quotas.dnatEntriesPerTable} in ${req.tableId}; code from older documents [L])`,
                "§1.6, §4",
            );
        }
        if (nat.snatIps.includes(req.externalIp) && ext.port.kind === "range" && ext.port.end > 1024 && !req.portBreak) {
            // rules §3: SNAT and DNAT on one EIP with a public port above 1024 needs PortBreak; the refusal code is undocumented [?].
            advisories.push(
                `${req.externalIp}:${formatPort(ext.port)} is also an SNAT address and above 1024: set portBreak (rules §3; the API's refusal code is undocumented [?])`,
            );
        }
        this.entries.set(req.id, {
            id: req.id,
            tableId: req.tableId,
            externalIp: req.externalIp,
            externalPort: ext.port,
            internalIp: req.internalIp,
            internalPort: int.port,
            protocol,
            createdBy: actor,
        });
        return advisories;
    }

    // ---------------------------------------------------------------- delete (rules §2 "Delete order")

    /** DeleteForwardEntry (rules §1.8). */
    deleteForwardEntry(id: string): void {
        this.entries.delete(id);
    }

    /** UnassociateEipAddress (rules §1.5, §2 delete step 2). */
    unassociateEip(allocationId: string, instanceId: string): void {
        const eip = this.eips.get(allocationId);
        if (!eip || eip.boundTo !== instanceId) {
            return;
        }
        const nat = this.nats.get(instanceId);
        const used = [...this.entries.values()].filter((e) => e.externalIp === eip.ipAddress && e.tableId === nat?.forwardTableId);
        if (used.length > 0) {
            throw new CloudError(
                "InvalidIpStatus.HasBeenUsedByForwardEntry",
                `The specified address has been used by forwardTable. (${eip.ipAddress}: ${used.length} DNAT entr${used.length === 1 ? "y" : "ies"})`,
                "§1.5, §2",
                undefined,
                used.map((e) => e.createdBy),
            );
        }
        eip.status = "Available";
        eip.boundTo = undefined;
        eip.boundBy = undefined;
    }

    /** RemoveCommonBandwidthPackageIp (rules §1.12, §2 delete step 3). */
    removePlanIp(planId: string, allocationId: string): void {
        const eip = this.eips.get(allocationId);
        if (!eip || eip.planId !== planId) {
            return; // rules §5.2: OperationUnsupported.IpNotInCbwp counts as success.
        }
        if (eip.boundTo?.startsWith("ngw-")) {
            // rules §1.12, §2 delete step 3 [L]: removal can be refused while the EIP is bound to a NAT gateway.
            throw new CloudError(
                "EIP_BIND_NATGATEWAY",
                `The eip have bind natgateway. (${allocationId} on ${eip.boundTo}; exact conditions undocumented [L])`,
                "§1.12, §2",
                undefined,
                [eip.boundBy],
            );
        }
        eip.planId = undefined;
        eip.joinedBy = undefined;
    }

    /** DeleteCommonBandwidthPackage with Force=false (rules §1.13, §2 delete step 4). */
    deleteBandwidthPlan(id: string): void {
        const plan = this.plans.get(id);
        if (!plan) {
            return;
        }
        if (plan.deletionProtection) {
            throw new CloudError("InvalidOperation.DeletionProtection", `Deletion protection is on for ${id}.`, "§1.13");
        }
        const members = [...this.eips.values()].filter((e) => e.planId === id);
        if (members.length > 0) {
            throw new CloudError(
                "OperationFailed.BandwidthPackageNotEmpty",
                `The bandwidth plan ${id} still holds ${members.map((e) => e.allocationId).join(", ")}.`,
                "§1.13, §2",
                undefined,
                members.map((e) => e.joinedBy),
            );
        }
        this.plans.delete(id);
    }

    /** DeleteNatGateway with Force=false (rules §1.2, §2 delete step 5). */
    deleteNatGateway(id: string): void {
        const nat = this.nats.get(id);
        if (!nat) {
            return;
        }
        if (nat.deletionProtection) {
            throw new CloudError("InvalidOperation.DeletionProtection", `Deletion protection is on for ${id}.`, "§1.2");
        }
        const remaining = [...this.entries.values()].filter((e) => e.tableId === nat.forwardTableId);
        if (remaining.length > 0) {
            throw new CloudError(
                "DependencyViolation.ForwardEntry",
                `DNAT entries remain on ${id}.`,
                "§1.2, §2",
                undefined,
                remaining.map((e) => e.createdBy),
            );
        }
        const bound = [...this.eips.values()].filter((e) => e.boundTo === id);
        if (bound.length > 0) {
            throw new CloudError(
                "DependencyViolation.EIPS",
                `There are Eips on specified NatGateway, please unbind it first. (${bound.map((e) => e.allocationId).join(", ")})`,
                "§1.2, §2",
                undefined,
                bound.map((e) => e.boundBy),
            );
        }
        this.nats.delete(id);
    }

    /** ReleaseEipAddress (rules §1.14, §2 delete step 6). */
    releaseEip(allocationId: string): void {
        const eip = this.eips.get(allocationId);
        if (!eip) {
            return;
        }
        if (eip.status !== "Available") {
            throw new CloudError(
                "IncorrectEipStatus",
                `Current elastic IP status does not support this operation. (${allocationId} is ${eip.status}, bound to ${eip.boundTo})`,
                "§1.14, §2",
                undefined,
                [eip.boundBy],
            );
        }
        this.eips.delete(allocationId);
    }
}
