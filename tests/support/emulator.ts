/** Helpers for tests that talk to the emulator over HTTP, as the provider does. */
import { parseInventory, type Inventory } from "../../cloud/inventory";
import { startEmulator, type RunningEmulator } from "../../emulator/server";

/** The VPC and vSwitch of the test account. */
export const VPC = "vpc-uf6e2etest000000000";
export const VSW = "vsw-uf6e2etest000000000";

/** A China-site account with the test VPC (192.168.0.0/16) and vSwitch, and optionally security groups. */
export function testAccount(securityGroups: { id: string }[] = []): Inventory {
    return parseInventory(
        { account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }], securityGroups },
        "test",
    );
}

/**
 * Starts an emulator of `account()` (the test account unless given) on a free port before each test of the suite it is
 * called in, hands it to `use`, and closes it after the test.
 */
export function emulatorPerTest(use: (emu: RunningEmulator) => void, account: () => Inventory = () => testAccount()): void {
    let emu: RunningEmulator;
    beforeEach(async () => {
        emu = await startEmulator(account());
        use(emu);
    });
    afterEach(() => emu.close());
}

/**
 * Calls an action the way the provider's RPC client does: Action and Version in the query, the rest form-encoded,
 * `RegionId` cn-shanghai unless `params` names another (or `undefined`: none).
 */
export async function call(
    emu: RunningEmulator,
    action: string,
    params: Record<string, string | undefined>,
    query: Record<string, string> = {},
) {
    const q = new URLSearchParams({ Action: action, Version: "2016-04-28", Format: "json", ...query });
    const body = Object.entries({ RegionId: "cn-shanghai", ...params }).filter((kv): kv is [string, string] => kv[1] !== undefined);
    const res = await fetch(`${emu.url}?${q}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(body).toString(),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
    return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** A gateway, a plan and `n` EIPs that joined the plan and are bound to the gateway (the seed's order: join, then bind). */
export async function deployed(emu: RunningEmulator, n = 1) {
    const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced", InstanceChargeType: "PostPaid" }))
        .body;
    const plan = (await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "150", InternetChargeType: "PayByBandwidth", ISP: "BGP" }))
        .body;
    const eips = [];
    for (let i = 0; i < n; i++) {
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic", ISP: "BGP" })).body;
        await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: plan.BandwidthPackageId, IpInstanceId: eip.AllocationId });
        await call(emu, "AssociateEipAddress", { InstanceType: "Nat" }, { AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
        eips.push(eip);
    }
    return { nat, plan, eips, table: nat.ForwardTableIds.ForwardTableId[0] as string };
}

/** CreateForwardEntry's parameters for TCP port 80 of the first EIP of `d` to 192.168.0.9:80, with `over` on top. */
export function webEntry(d: { table: string; eips: Record<string, string>[] }, over: Record<string, string> = {}): Record<string, string> {
    return {
        ForwardTableId: d.table,
        ExternalIp: d.eips[0].EipAddress,
        ExternalPort: "80",
        InternalIp: "192.168.0.9",
        InternalPort: "80",
        IpProtocol: "TCP",
        ...over,
    };
}
