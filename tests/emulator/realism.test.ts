/**
 * The emulator's realism knobs (emulator/realism.ts): transitional states seen over HTTP, latency, seeded faults on
 * writes only, and the command-line parsing of the knobs.
 */
import { expect } from "chai";
import { parseInventory } from "../../cloud/inventory";
import { DEFAULT_REALISM, FaultInjector, INSTANT_REALISM, Realism, realismFromArgs } from "../../emulator/realism";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, VPC, VSW } from "../support/emulator";

const account = () =>
    parseInventory({ account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }] }, "test");

function realism(over: Partial<Realism> = {}, times: Partial<Realism["times"]> = {}): Realism {
    return { ...INSTANT_REALISM, ...over, times: { ...INSTANT_REALISM.times, ...times } };
}

describe("emulator: realism", () => {
    let emu: RunningEmulator | undefined;
    afterEach(async () => {
        await emu?.close();
        emu = undefined;
    });

    it("reports a new gateway Creating, then Available, as the provider's waiter polls for (rules §1.1, §1.3)", async () => {
        emu = await startEmulator(account(), 0, { realism: realism({}, { natCreatingMs: 300 }) });
        const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced" })).body;
        const status = async () =>
            (await call(emu!, "DescribeNatGateways", { NatGatewayId: nat.NatGatewayId })).body.NatGateways.NatGateway[0].Status;
        expect(await status()).to.equal("Creating");
        await new Promise((r) => setTimeout(r, 350));
        expect(await status()).to.equal("Available");
    });

    it("answers a second CreateForwardEntry on a table with a Pending entry with HTTP 400 IncorretForwardEntryStatus (rules §1.6)", async () => {
        emu = await startEmulator(account(), 0, { realism: realism({}, { entryPendingMs: 5000 }) });
        const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced" })).body;
        const table = nat.ForwardTableIds.ForwardTableId[0];
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" })).body;
        await call(emu, "AssociateEipAddress", { InstanceType: "Nat", AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
        const add = (port: string) =>
            call(emu!, "CreateForwardEntry", {
                ForwardTableId: table,
                ExternalIp: eip.EipAddress,
                ExternalPort: port,
                InternalIp: `192.168.0.${port.slice(-1)}`,
                InternalPort: "80",
                IpProtocol: "TCP",
            });
        const first = await add("81");
        expect(first.status).to.equal(200);
        const listed = await call(emu, "DescribeForwardTableEntries", { ForwardTableId: table, ForwardEntryId: first.body.ForwardEntryId });
        expect(listed.body.ForwardTableEntries.ForwardTableEntry[0].Status).to.equal("Pending");
        const second = await add("82");
        expect(second.status).to.equal(400);
        expect(second.body.Code).to.equal("IncorretForwardEntryStatus");
    });

    it("delays answers by the write and read latencies", async () => {
        emu = await startEmulator(account(), 0, { realism: realism({ readLatencyMs: 20, writeLatencyMs: 120 }) });
        let start = Date.now();
        await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" });
        expect(Date.now() - start).to.be.at.least(115);
        start = Date.now();
        await call(emu, "DescribeEipAddresses", {});
        const read = Date.now() - start;
        expect(read).to.be.at.least(15).and.below(110);
    });

    it("injects the same faults for the same seed, on writes only, marked in the log", async () => {
        const draws = (seed: number) => {
            const f = new FaultInjector({ throttleRate: 0.2, faultRate: 0.2, seed });
            return Array.from({ length: 200 }, () => f.draw("CreateForwardEntry")?.code ?? "-");
        };
        expect(draws(7)).to.deep.equal(draws(7));
        expect(draws(7)).to.not.deep.equal(draws(8));
        const codes = new Set(draws(7));
        expect([...codes].sort()).to.deep.equal(["-", "OperationConflict", "ServiceUnavailable", "Throttling.User"]);
        const share = draws(7).filter((c) => c !== "-").length / 200;
        expect(share).to.be.within(0.25, 0.55);
        const reads = new FaultInjector({ throttleRate: 1, faultRate: 0, seed: 1 });
        expect(reads.draw("DescribeNatGateways")).to.equal(undefined);

        emu = await startEmulator(account(), 0, { realism: realism({ throttleRate: 1 }) });
        const refused = await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" });
        expect(refused.status).to.equal(400);
        expect(refused.body.Code).to.equal("Throttling.User");
        expect(emu.log().at(-1)).to.include({ action: "AllocateEipAddress", injected: true });
        expect(emu.state().eips).to.have.length(0);
    });

    it("injects OperationConflict only on writes whose provider retry list names it (TagResources gets ServiceUnavailable)", () => {
        const f = new FaultInjector({ throttleRate: 0, faultRate: 1, seed: 3 });
        const codes = new Set(Array.from({ length: 50 }, () => f.draw("TagResources")?.code));
        expect([...codes]).to.deep.equal(["ServiceUnavailable"]);
    });

    it("reads the knobs from the command line, in seconds and rates, and names a bad one", () => {
        const r = realismFromArgs({ "entry-pending-s": "20", "fault-rate": "0.05", seed: "42" });
        expect(r.times.entryPendingMs).to.equal(20_000);
        expect(r.faultRate).to.equal(0.05);
        expect(r.seed).to.equal(42);
        expect(r.times.natCreatingMs).to.equal(DEFAULT_REALISM.times.natCreatingMs);
        expect(() => realismFromArgs({ "fault-rate": "2" })).to.throw(/--fault-rate "2" must be a number from 0 to 1/);
        expect(() => realismFromArgs({ seed: "1.5" })).to.throw(/--seed "1.5" must be an integer/);
        expect(() => realismFromArgs({ "write-latency-ms": "fast" })).to.throw(/--write-latency-ms "fast"/);
    });
});
