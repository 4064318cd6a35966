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
import { ISPS, PAYBY95_RATIO, PLAN_BANDWIDTH_RANGES, PlanChargeType } from "../components/limits";
import { parsePort } from "../components/ports";
import { checkForwardEntry } from "./dnat";
import type { Inventory } from "./inventory";
import {
    CloudError,
    EipRequest,
    EipState,
    EntryState,
    ForwardEntryRequest,
    NatGatewayRequest,
    NatState,
    Need,
    PlanRequest,
    PlanState,
    retriedFor,
    UNDOCUMENTED_CODE,
} from "./state";

export * from "./state";

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
            internetChargeType: charge,
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
                UNDOCUMENTED_CODE,
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
                `Current elastic IP status does not support this operation. (${allocationId} is ${eip.status}, bound to ${eip.boundTo})${retriedFor(5, "bind")}`,
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
        const { entry, advisories } = checkForwardEntry(this, req);
        this.entries.set(req.id, { id: req.id, ...entry, createdBy: actor });
        return advisories;
    }

    /** ModifyForwardEntry (rules §1.7): the same rules as create, against the table without this entry. */
    modifyForwardEntry(req: ForwardEntryRequest): string[] {
        const current = this.entries.get(req.id);
        if (!current) {
            throw new CloudError("InvalidForwardEntryId.NotFound", `The DNAT entry ${req.id} does not exist.`, "§1.7");
        }
        const { entry, advisories } = checkForwardEntry(this, req, req.id);
        this.entries.set(req.id, { ...current, ...entry });
        return advisories;
    }

    /** ModifyCommonBandwidthPackageSpec (rules §1.10): the new bandwidth within the range of the plan's charge type. */
    modifyPlanBandwidth(id: string, bandwidth: string | number): void {
        const plan = this.plans.get(id);
        if (!plan) {
            throw new CloudError("InvalidBandwidthPackageId.NotFound", `The bandwidth plan ${id} does not exist.`, "§1.10");
        }
        const site = this.inventory.site;
        const range = plan.internetChargeType ? PLAN_BANDWIDTH_RANGES[site][plan.internetChargeType as PlanChargeType] : undefined;
        const mbps = Number(bandwidth);
        if (!Number.isInteger(mbps) || (range && (mbps < range[0] || mbps > range[1]))) {
            throw new CloudError(
                "InvalidParameter.Bandwidth",
                `Bandwidth ${JSON.stringify(bandwidth)} is outside ${range ? `${range[0]}-${range[1]}` : "the allowed range of"} Mbit/s for ${plan.internetChargeType} on the ${site} site.`,
                "§1.10",
            );
        }
        plan.bandwidthMbps = mbps;
    }

    /** DeletionProtection on a NAT gateway or bandwidth plan (rules §1.2, §1.13: protected resources refuse deletion). */
    setDeletionProtection(id: string, enabled: boolean): void {
        const target = this.nats.get(id) ?? this.plans.get(id);
        if (!target) {
            // The not-found codes of DeleteNatGateway and DeleteCommonBandwidthPackage (rules §1.2, §1.13).
            const code = id.startsWith("ngw-") ? "InvalidNatGatewayId.NotFound" : "InvalidBandwidthPackageId.NotFound";
            throw new CloudError(code, `The resource ${id} does not exist.`, "§1.2, §1.13");
        }
        target.deletionProtection = enabled;
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
                `The specified address has been used by forwardTable. (${eip.ipAddress}: ${used.length} DNAT entr${used.length === 1 ? "y" : "ies"})${retriedFor(5, "unbind")}`,
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

    /** DeleteCommonBandwidthPackage (rules §1.13, §2 delete step 4); `force` removes the plan's EIPs first. */
    deleteBandwidthPlan(id: string, force = false): void {
        const plan = this.plans.get(id);
        if (!plan) {
            return;
        }
        if (plan.deletionProtection) {
            throw new CloudError("InvalidOperation.DeletionProtection", `Deletion protection is on for ${id}.`, "§1.13");
        }
        if (force) {
            [...this.eips.values()]
                .filter((e) => e.planId === id)
                .forEach((e) => Object.assign(e, { planId: undefined, joinedBy: undefined }));
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
                `There are Eips on specified NatGateway, please unbind it first. (${bound.map((e) => e.allocationId).join(", ")})${retriedFor(10, "delete")}`,
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
                `Current elastic IP status does not support this operation. (${allocationId} is ${eip.status}, bound to ${eip.boundTo})${retriedFor(9, "release")}`,
                "§1.14, §2",
                undefined,
                [eip.boundBy],
            );
        }
        this.eips.delete(allocationId);
    }
}
