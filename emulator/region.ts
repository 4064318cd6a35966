/**
 * The state of one region of the emulated account: the cloud model of that region (cloud/model.ts: "the state the
 * cloud API keeps for one account and region") and what the API reports beside it (names, descriptions, tags,
 * timestamps), plus the region's remembered client tokens. A request sees and changes only the region it names
 * (docs/alicloud-rules.md §8.2): an EIP of cn-shanghai is not found by a request in cn-beijing.
 */
import { CloudModel, type SilentAnswers, type TransitionTimes } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { formatPort } from "../components/ports";
import type { LoopbackPool } from "./addresses";
import { ClientTokens } from "./clientTokens";

/** What the API reports about a NAT gateway beyond the model's state. */
export interface NatRecord {
    name: string;
    description: string;
    natType: string;
    networkType: string;
    internetChargeType: string;
    instanceChargeType: string;
    eipBindMode: string;
    spec: string;
    vswitchId: string;
    icmpReplyEnabled: boolean;
    privateLinkEnabled: boolean;
    creationTime: string;
    resourceGroupId: string;
}

export interface EipRecord {
    name: string;
    description: string;
    bandwidth: string;
    netmode: string;
    instanceChargeType: string;
    deletionProtection: boolean;
    allocationTime: string;
    resourceGroupId: string;
}

export interface PlanRecord {
    name: string;
    description: string;
    ratio: number;
    creationTime: string;
    resourceGroupId: string;
}

export interface EntryRecord {
    name: string;
    /** As sent, so that reads echo the caller's spelling (`80`, `8000/8010`, `any`). */
    externalPort: string;
    internalPort: string;
    ipProtocol: string;
}

/** What the API reports about a security group rule beyond the model's state. */
export interface GroupRuleRecord {
    createTime: string;
    description: string;
}

/** The account the regions belong to: the addresses every region shares, how long transitions last. */
export interface RegionOwner {
    addresses: LoopbackPool;
    readonly realism: { times: TransitionTimes; answers: SilentAnswers };
}

const copyMap = <T extends object>(m: Map<string, T>) => new Map([...m].map(([k, v]) => [k, { ...v }]));

/** One region: its model and records. */
export class Region {
    readonly model: CloudModel;
    readonly nats = new Map<string, NatRecord>();
    readonly eips = new Map<string, EipRecord>();
    readonly plans = new Map<string, PlanRecord>();
    readonly entries = new Map<string, EntryRecord>();
    readonly groupRules = new Map<string, GroupRuleRecord>();
    /** Tags by resource id. */
    readonly tags = new Map<string, Record<string, string>>();
    readonly tokens = new ClientTokens();

    constructor(
        readonly id: string,
        inventory: Inventory,
        private readonly owner: RegionOwner,
        model?: CloudModel,
    ) {
        this.model = model ?? new CloudModel(inventory, { times: owner.realism.times, answers: owner.realism.answers });
        if (!model) {
            this.recordInventory();
        }
    }

    /** The account's address pool. */
    get addresses(): LoopbackPool {
        return this.owner.addresses;
    }

    /** Ends the transitions whose time has come, and forgets the records of entries that are gone. */
    settle(): void {
        this.model.settle();
        for (const id of this.entries.keys()) {
            if (!this.model.entries.has(id)) {
                this.entries.delete(id);
            }
        }
    }

    /** A copy to try a request on (`DryRun`): the same state, nothing shared but the address pool. */
    scratch(): Region {
        const r = new Region(this.id, this.model.inventory, this.owner, this.model.clone());
        const pairs: [Map<string, object>, Map<string, object>][] = [
            [this.nats, r.nats],
            [this.eips, r.eips],
            [this.plans, r.plans],
            [this.entries, r.entries],
            [this.groupRules, r.groupRules],
            [this.tags, r.tags],
        ];
        pairs.forEach(([from, to]) => copyMap(from).forEach((v, k) => to.set(k, v)));
        return r;
    }

    /** Records for what the inventory says exists, so that the Describe actions list it. */
    private recordInventory(): void {
        const blank = { name: "", description: "", creationTime: "", resourceGroupId: "" };
        for (const id of this.model.nats.keys()) {
            this.nats.set(id, {
                ...blank,
                natType: "Enhanced",
                networkType: "internet",
                internetChargeType: "PayByLcu",
                instanceChargeType: "PostPaid",
                eipBindMode: "MULTI_BINDED",
                spec: "",
                vswitchId: "",
                icmpReplyEnabled: true,
                privateLinkEnabled: false,
            });
        }
        for (const e of this.model.eips.values()) {
            this.eips.set(e.allocationId, {
                ...blank,
                bandwidth: "5",
                netmode: "public",
                instanceChargeType: e.paymentType === "Subscription" ? "PrePaid" : "PostPaid",
                deletionProtection: false,
                allocationTime: "",
            });
        }
        for (const id of this.model.plans.keys()) {
            this.plans.set(id, { ...blank, ratio: 0 });
        }
        for (const e of this.model.entries.values()) {
            this.entries.set(e.id, {
                name: "",
                externalPort: formatPort(e.externalPort),
                internalPort: formatPort(e.internalPort),
                ipProtocol: e.protocol,
            });
        }
    }
}
