/**
 * A cloud model with a hand-driven clock for the transitional-state and silent-answer tests: one NAT gateway
 * (`ngw-t1`, table `ftb-t1`), one plan (`cbwp-p`) and two EIPs (`eip-e1`, `eip-e2`), created at once.
 */
import { CloudError, CloudModel, DEFAULT_ANSWERS, INSTANT, SilentAnswers } from "../../cloud/model";
import { parseInventory } from "../../cloud/inventory";

export const NAT = "ngw-t1";
export const FTB = "ftb-t1";
export const SECOND = 1000;

export function timedModel(times: Partial<CloudModel["times"]>, answers: Partial<SilentAnswers> = {}) {
    const clock = { t: 0 };
    const m = new CloudModel(parseInventory({ account: { site: "china" }, vpcs: [{ id: "vpc-a", cidr: "192.168.0.0/16" }] }, "test"), {
        times: { ...INSTANT, ...times },
        now: () => clock.t,
        answers: { ...DEFAULT_ANSWERS, ...answers },
    });
    m.createNatGateway("nat", { id: NAT, vpcId: "vpc-a", forwardTableId: FTB, snatTableId: "stb-t1" });
    m.createBandwidthPlan("plan", { id: "cbwp-p", bandwidth: 100, internetChargeType: "PayByBandwidth", isp: "BGP" });
    for (const n of [1, 2]) {
        m.allocateEip(`eip${n}`, { allocationId: `eip-e${n}`, ipAddress: `203.0.113.${n}`, internetChargeType: "PayByTraffic" });
    }
    return { m, clock };
}

/** DNAT entry `n` on the first EIP: port 80+n to 192.168.0.(10+n):80. */
export const entry = (n: number) => ({
    id: `fwd-${n}`,
    tableId: FTB,
    externalIp: "203.0.113.1",
    externalPort: String(80 + n),
    internalIp: `192.168.0.${10 + n}`,
    internalPort: "80",
    protocol: "tcp",
});

/** The refusal `fn` throws, or undefined when it is accepted. */
export function refusal(fn: () => unknown): CloudError | undefined {
    try {
        fn();
    } catch (e) {
        return e as CloudError;
    }
    return undefined;
}
