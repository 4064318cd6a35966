/**
 * Emulator variants (emulator/variants.ts): what `--variant` resolves to, how each answer shows over HTTP as the
 * provider reads it, and that every variant is documented with its sources.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseInventory } from "../../cloud/inventory";
import { DEFAULT_REALISM, INSTANT_REALISM, realismFromArgs } from "../../emulator/realism";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { applyVariant, providerFailure, VARIANTS, variantRuns } from "../../emulator/variants";
import { variantsAsked } from "../../tools/realismArgs";
import { call, VPC, VSW } from "../support/emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const account = () =>
    parseInventory({ account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }] }, "test");
const variant = (name: string) => VARIANTS.find((v) => v.name === name)!;
/** INSTANT_REALISM with one variant's answers and the given durations. */
const under = (name: string, times: Partial<typeof INSTANT_REALISM.times>) =>
    applyVariant({ ...INSTANT_REALISM, times: { ...INSTANT_REALISM.times, ...times } }, { ...variant(name), times: undefined });

describe("emulator: variants", () => {
    let emu: RunningEmulator | undefined;
    afterEach(async () => {
        await emu?.close();
        emu = undefined;
    });

    it("resolves --variant: none is default, all is every variant, a+b layers b over a, and the knobs go over the variant", () => {
        expect(variantRuns(undefined, false).map((r) => r.name)).to.deep.equal(["default"]);
        expect(variantRuns(undefined, false)[0].realism).to.deep.equal(DEFAULT_REALISM);
        expect(variantRuns("all", true).map((r) => r.name)).to.deep.equal(VARIANTS.map((v) => v.name));
        const [combo] = variantRuns("slow+plan-lock-distlock", false);
        expect(combo.realism.times.planBindingMs).to.equal(12_000);
        expect(combo.realism.answers.planBusyCode).to.equal("OperationFailed.DistibuteLock");
        expect(combo.realism.answers.tableBusyCode).to.equal("IncorretForwardEntryStatus");
        expect(realismFromArgs({ "plan-binding-s": "1" }, combo.realism).times.planBindingMs).to.equal(1000);
    });

    it("names the option and the value when a variant is unknown, and refuses all where one server runs", () => {
        expect(() => variantRuns("fast", true)).to.throw(/^--variant "fast" is not a variant; use one of default, dnat-operation-conflict/);
        expect(() => variantRuns("slow+nope", true)).to.throw(/^--variant "nope" is not a variant/);
        expect(() => variantRuns("all", false)).to.throw(/^--variant all runs each variant in turn; this command takes one/);
    });

    it("runs every --variant given, in order, where the command allows several; the emulator takes one", () => {
        expect(variantsAsked(undefined, false).map((r) => r.name)).to.deep.equal(["default"]);
        expect(variantsAsked(["plan-lock-distlock+leave-needs-unbind", "eip-bound-after-inuse"], true).map((r) => r.name)).to.deep.equal([
            "plan-lock-distlock+leave-needs-unbind",
            "eip-bound-after-inuse",
        ]);
        expect(() => variantsAsked(["slow", "instant"], false)).to.throw(/^--variant was given 2 times; this command takes one$/);
    });

    it("marks only eip-bound-after-inuse as one no program survives, naming the provider's read", () => {
        const failing = variantRuns("all", true).filter((r) => providerFailure(r) !== undefined);
        expect(failing.map((r) => r.name)).to.deep.equal(["eip-bound-after-inuse"]);
        expect(providerFailure(failing[0])!.why).to.match(/resource_alicloud_eip_association\.go/);
    });

    it("plan-reports-binding: the plan's Status is BINDING while an EIP joins, then Available (the provider waits for Available)", async () => {
        emu = await startEmulator(account(), 0, { realism: under("plan-reports-binding", { planBindingMs: 300 }) });
        const plan = (await call(emu, "CreateCommonBandwidthPackage", { Bandwidth: "100", InternetChargeType: "PayByBandwidth" })).body;
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" })).body;
        const status = async () =>
            (await call(emu!, "DescribeCommonBandwidthPackages", { BandwidthPackageId: plan.BandwidthPackageId })).body
                .CommonBandwidthPackages.CommonBandwidthPackage[0].Status;
        expect(await status()).to.equal("Available");
        await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: plan.BandwidthPackageId, IpInstanceId: eip.AllocationId });
        expect(await status()).to.equal("BINDING");
        await new Promise((r) => setTimeout(r, 350));
        expect(await status()).to.equal("Available");
    });

    it("eip-bound-after-inuse: DescribeEipAddresses leaves InstanceId empty while Associating, also for an AssociatedInstanceId filter", async () => {
        emu = await startEmulator(account(), 0, { realism: under("eip-bound-after-inuse", { eipAssociatingMs: 300 }) });
        const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced" })).body;
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" })).body;
        await call(emu, "AssociateEipAddress", { InstanceType: "Nat", AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
        const read = async (p: Record<string, string>) => (await call(emu!, "DescribeEipAddresses", p)).body.EipAddresses.EipAddress;
        const [associating] = await read({ AllocationId: eip.AllocationId });
        expect([associating.Status, associating.InstanceId, associating.InstanceType]).to.deep.equal(["Associating", "", ""]);
        expect(await read({ AssociatedInstanceId: nat.NatGatewayId })).to.deep.equal([]);
        await new Promise((r) => setTimeout(r, 350));
        const [inUse] = await read({ AllocationId: eip.AllocationId });
        expect([inUse.Status, inUse.InstanceId]).to.deep.equal(["InUse", nat.NatGatewayId]);
    });

    it("dnat-operation-conflict: a second CreateForwardEntry beside a Pending one is answered HTTP 409 OperationConflict", async () => {
        emu = await startEmulator(account(), 0, { realism: under("dnat-operation-conflict", { entryPendingMs: 5000 }) });
        const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced" })).body;
        const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic" })).body;
        await call(emu, "AssociateEipAddress", { InstanceType: "Nat", AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
        const add = (port: string) =>
            call(emu!, "CreateForwardEntry", {
                ForwardTableId: nat.ForwardTableIds.ForwardTableId[0],
                ExternalIp: eip.EipAddress,
                ExternalPort: port,
                InternalIp: `192.168.0.${port.slice(-1)}`,
                InternalPort: "80",
                IpProtocol: "TCP",
            });
        expect((await add("81")).status).to.equal(200);
        const second = await add("82");
        expect([second.status, second.body.Code]).to.deep.equal([409, "OperationConflict"]);
        expect(second.body.Message).to.match(/^The operation against this instance is too frequent, please try again later\./);
    });

    it("is listed, every one, in docs/alicloud-rules.md §9 and docs/emulator.md", () => {
        const rules = fs.readFileSync(path.join(ROOT, "docs", "alicloud-rules.md"), "utf8");
        const emulatorDoc = fs.readFileSync(path.join(ROOT, "docs", "emulator.md"), "utf8");
        const [start, table] = [rules.indexOf("\n## 9. Silent spots"), emulatorDoc.indexOf("\n## Variants\n")];
        expect(
            [start, table].every((i) => i >= 0),
            'alicloud-rules.md §9 and emulator.md "Variants" exist',
        ).to.equal(true);
        const [section, variants] = [rules.slice(start), emulatorDoc.slice(table)];
        for (const v of VARIANTS) {
            expect(section, `alicloud-rules.md §9: ${v.name}`).to.include(`\`${v.name}\``);
            expect(variants, `emulator.md "Variants": ${v.name}`).to.include(`\`${v.name}\``);
        }
    });
});
