/**
 * The lower bound of a deployment: the longest chain of operations the cloud's rules force to run one after another,
 * each costed at what the real provider spends on it against the emulator's latencies: its request, and its wait
 * for the resource's state, polled as the provider polls. So `wall / lower bound` measures what the ordering wastes
 * (needless serialisation, conflicts, retries, idle lanes), not the provider's own waits.
 *
 * How the provider waits (terraform-provider-alicloud v1.285.0, common.go BuildStateConf): a first status check 5 s
 * after the request (15 s after DeleteCommonBandwidthPackage), then checks spaced as terraform-plugin-sdk's
 * StateChangeConf spaces them with MinTimeout 3 s: 3 s, 6 s, then 10 s (helper/retry/state.go). AssociateEipAddress
 * returns without waiting (resource_alicloud_eip_association.go), and a refused create is retried after 3 s, then
 * every 5 s (common.go incrementalWait(3s, 5s)).
 *
 * The chains (cloud/transitions.ts and the rules they enforce):
 * - up: the NAT gateway is Available and an EIP exists, one binding, then every DNAT entry of the table one after
 *   another (no create while an entry is Pending, rules §1.6); and in parallel, the joins to the one plan one after
 *   another (only queries while BINDING, rules §1.11).
 * - destroy, the shorter of two ways the cloud allows (an EIP is released only once unbound, rules §1.14, and, as the
 *   project releases it, once it left its plan, rules §2 delete step 6):
 *   - forced (components/teardown.ts): the gateway's forced deletion, which deletes every entry and unbinds every EIP
 *     at once (rules §1.2); once they are unbound (rules §2 delete step 3 [L]) the plan's forced deletion, which
 *     removes every EIP (rules §1.13); then the releases, all at once (the engine's `--parallel` permitting:
 *     bench/deploy.ts BENCH_PARALLEL);
 *   - one by one: one entry deletion (only Pending blocks a delete, rules §1.8), its EIP's unbinding, then deleting
 *     the gateway beside leaving the plan, followed by deleting the plan and releasing the EIP.
 */
import type { Realism } from "../emulator/realism";

/** Seconds from the request until the provider's waiter sees a state that lasts `stateS`, and the checks it made. */
export function waitSeconds(stateS: number, delayS = 5): { seconds: number; checks: number } {
    let t = delayS;
    let gap = 3;
    let checks = 1;
    while (t < stateS) {
        t += gap;
        gap = Math.min(gap * 2, 10);
        checks++;
    }
    return { seconds: t, checks };
}

/** Seconds after a refused create until the provider's retry that finds the state (lasting `stateS`) over. */
export function retrySeconds(stateS: number): number {
    let t = 0;
    let step = 3;
    while (t < stateS) {
        t += step;
        step = 5;
    }
    return t;
}

export interface LowerBound {
    upSeconds: number;
    destroySeconds: number;
}

/** The lower bound for `rules` DNAT entries over `eips` EIPs on one gateway and one plan. Pure. */
export function lowerBound(rules: number, eips: number, realism: Realism): LowerBound {
    const w = realism.writeLatencyMs / 1000;
    const r = realism.readLatencyMs / 1000;
    const t = realism.times;
    const op = (stateMs: number, delayS = 5) => {
        const { seconds, checks } = waitSeconds(stateMs / 1000, delayS);
        return w + seconds + checks * r;
    };
    const nat = op(t.natCreatingMs);
    const eip = op(0);
    const plan = op(0);
    // The binding returns at once; the first entry on it waits for Associating to end through the create retries.
    const bind = w + (t.eipAssociatingMs / 1000 > w ? retrySeconds(t.eipAssociatingMs / 1000 - w) + w : 0);
    const entry = op(t.entryPendingMs);
    const join = op(Math.max(t.planBindingMs, 0));
    const up = Math.max(Math.max(nat, eip) + bind + rules * entry, Math.max(plan, eip) + eips * join);
    const entryDelete = rules > 0 ? op(t.entryDeletingMs) : 0;
    const unbind = op(t.eipUnassociatingMs);
    const [natDelete, release, leave, planDelete] = [op(0), op(0), op(0), op(0, 15)];
    const oneByOne = entryDelete + unbind + Math.max(natDelete, leave + Math.max(planDelete, release));
    // The forced unbinding takes the EIPs through Unassociating, from the gateway's deletion call on (rules §1.5).
    const forced = Math.max(natDelete, w + t.eipUnassociatingMs / 1000) + planDelete + release;
    return { upSeconds: round(up), destroySeconds: round(Math.min(forced, oneByOne)) };
}

function round(s: number): number {
    return Math.round(s * 10) / 10;
}
