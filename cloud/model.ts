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
import * as bandwidthPlan from "./bandwidthPlan";
import * as forwardEntry from "./dnat";
import * as eip from "./eip";
import type { Inventory } from "./inventory";
import * as natGateway from "./natGateway";
import * as securityGroup from "./securityGroup";
import {
    EipRequest,
    EipState,
    EntryState,
    ForwardEntryRequest,
    IngressRequest,
    IngressRuleState,
    NatGatewayRequest,
    NatState,
    Need,
    PlanRequest,
    PlanState,
    SecurityGroupState,
} from "./state";
import { INSTANT, settle, TransitionTimes } from "./transitions";
import { loadInventory } from "./load";
import { copyAttributes } from "./attributes";
import { DEFAULT_ANSWERS, SilentAnswers } from "./answers";

export * from "./state";
export { INSTANT } from "./transitions";
export type { TransitionTimes } from "./transitions";
export { DEFAULT_ANSWERS } from "./answers";
export type { SilentAnswers } from "./answers";

/**
 * How the model keeps time: the durations of transitional states and the clock (default: instant, `Date.now`); and
 * the answers it gives where the reference is silent (default: {@link DEFAULT_ANSWERS}, cloud/answers.ts).
 */
export interface ModelTiming {
    times?: TransitionTimes;
    now?: () => number;
    answers?: SilentAnswers;
}

/** The state the cloud API keeps for one account and region. */
export class CloudModel {
    readonly nats = new Map<string, NatState>();
    readonly eips = new Map<string, EipState>();
    readonly plans = new Map<string, PlanState>();
    readonly entries = new Map<string, EntryState>();
    readonly securityGroups = new Map<string, SecurityGroupState>();
    /** Inbound rules of every security group, by rule id. */
    readonly groupRules = new Map<string, IngressRuleState>();
    readonly times: TransitionTimes;
    readonly now: () => number;
    readonly answers: SilentAnswers;

    constructor(
        readonly inventory: Inventory,
        timing: ModelTiming = {},
    ) {
        this.times = timing.times ?? INSTANT;
        this.now = timing.now ?? Date.now;
        this.answers = timing.answers ?? DEFAULT_ANSWERS;
        loadInventory(this, inventory);
    }

    /** A deep copy: same inventory, independent state. */
    clone(): CloudModel {
        const c = new CloudModel(
            { ...this.inventory, natGateways: [], eips: [], bandwidthPlans: [], securityGroups: [] },
            { times: this.times, now: this.now, answers: this.answers },
        );
        const copy = <T extends { attributes: object }>(v: T): T => ({ ...v, attributes: copyAttributes(v.attributes) });
        this.nats.forEach((v, k) => c.nats.set(k, { ...copy(v), snatIps: [...v.snatIps] }));
        this.eips.forEach((v, k) => c.eips.set(k, copy(v)));
        this.plans.forEach((v, k) => c.plans.set(k, copy(v)));
        this.entries.forEach((v, k) => c.entries.set(k, copy(v)));
        this.securityGroups.forEach((v, k) => c.securityGroups.set(k, { ...v }));
        this.groupRules.forEach((v, k) => c.groupRules.set(k, copy(v)));
        return c;
    }

    /** Ends every transitional state whose time has come (cloud/transitions.ts); every operation starts with it. */
    settle(): void {
        settle(this);
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
        this.settle();
        return natGateway.createNatGateway(this, actor, req);
    }

    /** AllocateEipAddress (rules §1.14). */
    allocateEip(actor: string | undefined, req: EipRequest): EipState {
        this.settle();
        return eip.allocateEip(this, actor, req);
    }

    /** CreateCommonBandwidthPackage (rules §1.10, §4). */
    createBandwidthPlan(actor: string | undefined, req: PlanRequest): PlanState {
        this.settle();
        return bandwidthPlan.createBandwidthPlan(this, actor, req);
    }

    /** AddCommonBandwidthPackageIp (rules §1.11, §2 "Other state requirements", §4). Returns advisories ([L] rules). */
    addPlanIp(actor: string | undefined, planId: string, allocationId: string, ipType = "EIP"): string[] {
        this.settle();
        return bandwidthPlan.addPlanIp(this, actor, planId, allocationId, ipType);
    }

    /** AssociateEipAddress with InstanceType=Nat (rules §1.4, §4). */
    associateEip(actor: string | undefined, allocationId: string, instanceId: string, instanceType?: string): void {
        this.settle();
        return eip.associateEip(this, actor, allocationId, instanceId, instanceType);
    }

    /** CreateForwardEntry (rules §1.6, §3, §4). Returns advisories for rules whose refusal code is undocumented. */
    createForwardEntry(actor: string | undefined, req: ForwardEntryRequest): string[] {
        this.settle();
        return forwardEntry.createForwardEntry(this, actor, req);
    }

    /** ModifyForwardEntry (rules §1.7): the same rules as create, against the table without this entry. */
    modifyForwardEntry(req: ForwardEntryRequest): string[] {
        this.settle();
        return forwardEntry.modifyForwardEntry(this, req);
    }

    /** ModifyCommonBandwidthPackageSpec (rules §1.10): the new bandwidth within the range of the plan's charge type. */
    modifyPlanBandwidth(id: string, bandwidth: string | number): void {
        this.settle();
        return bandwidthPlan.modifyPlanBandwidth(this, id, bandwidth);
    }

    /** Modify/CancelCommonBandwidthPackageIpBandwidth (rules §1.16); `undefined` cancels the cap. */
    setPlanIpCap(planId: string, allocationId: string, mbps: number | undefined): void {
        this.settle();
        return bandwidthPlan.setPlanIpCap(this, planId, allocationId, mbps);
    }

    /** DeletionProtection on a NAT gateway or bandwidth plan (rules §1.2, §1.13: protected resources refuse deletion). */
    setDeletionProtection(id: string, enabled: boolean): void {
        this.settle();
        return natGateway.setDeletionProtection(this, id, enabled);
    }

    /** AuthorizeSecurityGroup, one permission (rules §7.1, §7.4). Returns advisories when the rule already exists. */
    authorizeSecurityGroup(actor: string | undefined, req: IngressRequest): string[] {
        return securityGroup.authorizeSecurityGroup(this, actor, req).advisories;
    }

    // ---------------------------------------------------------------- delete (rules §2 "Delete order")

    /** RevokeSecurityGroup by the rule's parameters (rules §7.2); returns the ids of the rules removed. */
    revokeSecurityGroup(req: Omit<IngressRequest, "id">): string[] {
        return securityGroup.revokeSecurityGroup(this, req);
    }

    /** DeleteForwardEntry (rules §1.8). */
    deleteForwardEntry(id: string): void {
        this.settle();
        return forwardEntry.deleteForwardEntry(this, id);
    }

    /** UnassociateEipAddress (rules §1.5, §2 delete step 2). */
    unassociateEip(allocationId: string, instanceId: string, force = false): void {
        this.settle();
        return eip.unassociateEip(this, allocationId, instanceId, force);
    }

    /** RemoveCommonBandwidthPackageIp (rules §1.12, §2 delete step 3). Returns advisories ([L] rules). */
    removePlanIp(planId: string, allocationId: string): string[] {
        this.settle();
        return bandwidthPlan.removePlanIp(this, planId, allocationId);
    }

    /** DeleteCommonBandwidthPackage (rules §1.13, §2 delete step 4); `force` removes the plan's EIPs first. Returns advisories ([L] rules). */
    deleteBandwidthPlan(id: string, force = false): string[] {
        this.settle();
        return bandwidthPlan.deleteBandwidthPlan(this, id, force);
    }

    /** DeleteNatGateway (rules §1.2, §2 delete step 5); `force` deletes the DNAT entries and unbinds the EIPs first. */
    deleteNatGateway(id: string, force = false): void {
        this.settle();
        return natGateway.deleteNatGateway(this, id, force);
    }

    /** ReleaseEipAddress (rules §1.14, §2 delete step 6). Returns advisories ([?] rules). */
    releaseEip(allocationId: string): string[] {
        this.settle();
        return eip.releaseEip(this, allocationId);
    }
}
