/**
 * The state of one region of the emulated account: the cloud model of that region (cloud/model.ts: "the state the
 * cloud API keeps for one account and region", the attributes the API reports included), plus the region's
 * remembered client tokens. A request sees and changes only the region it names
 * (docs/alicloud-rules.md §8.2): an EIP of cn-shanghai is not found by a request in cn-beijing.
 */
import { CloudModel, type SilentAnswers, type TransitionTimes } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import type { LoopbackPool } from "./addresses";
import { ClientTokens } from "./clientTokens";

/** The account the regions belong to: the addresses every region shares, how long transitions last. */
export interface RegionOwner {
    addresses: LoopbackPool;
    readonly realism: { times: TransitionTimes; answers: SilentAnswers };
}

/** One region: its model (which holds every attribute the API reports) and its remembered client tokens. */
export class Region {
    readonly model: CloudModel;
    readonly tokens = new ClientTokens();

    constructor(
        readonly id: string,
        inventory: Inventory,
        private readonly owner: RegionOwner,
        model?: CloudModel,
    ) {
        this.model = model ?? new CloudModel(inventory, { times: owner.realism.times, answers: owner.realism.answers });
    }

    /** The account's address pool. */
    get addresses(): LoopbackPool {
        return this.owner.addresses;
    }

    /** Ends the transitions whose time has come. */
    settle(): void {
        this.model.settle();
    }

    /** A copy to try a request on (`DryRun`): the same state, nothing shared but the address pool. */
    scratch(): Region {
        return new Region(this.id, this.model.inventory, this.owner, this.model.clone());
    }
}
