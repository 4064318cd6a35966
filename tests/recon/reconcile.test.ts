/** Reconcile against the emulator (recon/*): resources of the stack in the account but not in its state, adoption and release. */
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator/server";
import { readAccount, rpcCaller } from "../../recon/account";
import { adoptPendingCreates } from "../../recon/adopt";
import { findOrphans } from "../../recon/reconcile";
import { release, releasePlan } from "../../recon/release";
import { parseStackExport, TYPES } from "../../recon/state";
import { call, emulatorPerTest, VPC, VSW } from "../support/emulator";

const OWNER = { stackTag: "shared-bandwidth-gateway/dev", namePrefix: "sbg-dev" };
const URN = (type: string, name: string) =>
    `urn:pulumi:dev::shared-bandwidth-gateway::shared-bandwidth-gateway:index:SharedBandwidthGateway$${type}::${name}`;

/** The stack's deployed part: a gateway and a plan in the state, one EIP joined and bound (as `pulumi up` leaves them). */
async function deployed(emu: RunningEmulator) {
    const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, Name: "sbg-dev-k3x9q1" })).body;
    const plan = (
        await call(emu, "CreateCommonBandwidthPackage", {
            Bandwidth: "100",
            ISP: "BGP",
            InternetChargeType: "PayByBandwidth",
            Name: "sbg-dev-k3x9q1",
        })
    ).body;
    const eip = (await call(emu, "AllocateEipAddress", { ISP: "BGP", Name: "sbg-dev-k3x9q1-app1" })).body;
    await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: plan.BandwidthPackageId, IpInstanceId: eip.AllocationId });
    await call(emu, "AssociateEipAddress", { AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId, InstanceType: "Nat" });
    const [ngw, cbwp, alloc] = [nat.NatGatewayId as string, plan.BandwidthPackageId as string, eip.AllocationId as string];
    const resources = [
        { urn: URN(TYPES.nat, "gateway-nat"), type: TYPES.nat, id: ngw },
        { urn: URN(TYPES.plan, "gateway-plan"), type: TYPES.plan, id: cbwp },
        { urn: URN(TYPES.eip, "gateway-eip-app1"), type: TYPES.eip, id: alloc },
        { urn: URN(TYPES.join, "gateway-join-app1"), type: TYPES.join, id: `${cbwp}:${alloc}` },
        { urn: URN(TYPES.bind, "gateway-bind-app1"), type: TYPES.bind, id: `${alloc}:${ngw}` },
    ];
    return { ngw, cbwp, alloc, resources };
}

describe("reconcile: resources of the stack in the account but not in its state (emulator)", () => {
    let emu: RunningEmulator;
    emulatorPerTest((e) => (emu = e));
    const rpc = () => rpcCaller({ endpoint: emu.url, region: "cn-shanghai", accessKeyId: "test", accessKeySecret: "test" });

    it("finds an EIP a killed create left untagged (by the pending create's name), and its join and binding; nothing of the state", async () => {
        const { ngw, cbwp, resources } = await deployed(emu);
        // A kill after AllocateEipAddress, before TagResources: named, untagged, then joined and bound by a later run.
        const orphan = (await call(emu, "AllocateEipAddress", { ISP: "BGP", Name: "web-ip" })).body.AllocationId as string;
        await call(emu, "AddCommonBandwidthPackageIp", { BandwidthPackageId: cbwp, IpInstanceId: orphan });
        await call(emu, "AssociateEipAddress", { AllocationId: orphan, InstanceId: ngw, InstanceType: "Nat" });
        // Not the stack's: another stack's EIP, an EIP of nobody's.
        await call(emu, "AllocateEipAddress", { ISP: "BGP", Name: "sbg-prod-k3x9q1-app1" });
        await call(emu, "AllocateEipAddress", { ISP: "BGP" });
        const pendingUrn = URN(TYPES.eip, "gateway-eip-web");
        const state = parseStackExport({
            deployment: {
                resources,
                pending_operations: [
                    { type: "creating", resource: { urn: pendingUrn, type: TYPES.eip, inputs: { addressName: "web-ip" } } },
                ],
            },
        });
        const orphans = findOrphans(state, await readAccount(rpc()), OWNER);
        expect(orphans.map((o) => [o.role, o.id, o.matchedBy, o.pendingUrn])).to.deep.equal([
            ["eip", orphan, "pending create", pendingUrn],
            ["join", `${cbwp}:${orphan}`, "stack's EIP", undefined],
            ["bind", `${orphan}:${ngw}`, "stack's EIP", undefined],
        ]);
        const exported = {
            deployment: {
                resources,
                pending_operations: [
                    { type: "creating", resource: { urn: pendingUrn, type: TYPES.eip, inputs: { addressName: "web-ip" } } },
                ],
            },
        };
        const { doc, adopted } = adoptPendingCreates(exported, orphans);
        expect(adopted).to.deep.equal([pendingUrn]);
        expect(doc.deployment.pending_operations).to.deep.equal([]);
        expect(doc.deployment.resources!.slice(-1)).to.deep.equal([
            { urn: pendingUrn, type: TYPES.eip, inputs: { addressName: "web-ip" }, id: orphan, outputs: {} },
        ]);
    });

    it("finds a tagged plan and a DNAT entry on the stack's EIP; releases them but never the EIP unless asked", async () => {
        const { ngw, alloc, resources } = await deployed(emu);
        const plan = (
            await call(emu, "CreateCommonBandwidthPackage", {
                Bandwidth: "5",
                ISP: "BGP",
                InternetChargeType: "PayByBandwidth",
                "Tag.1.Key": "sbg-stack",
                "Tag.1.Value": OWNER.stackTag,
            })
        ).body.BandwidthPackageId as string;
        const ip = emu.state().eips.find((e) => e.AllocationId === alloc)!.IpAddress as string;
        const entry = (
            await call(emu, "CreateForwardEntry", {
                ForwardTableId: `ftb-${ngw.slice(4)}`,
                ExternalIp: ip,
                ExternalPort: "80",
                IpProtocol: "tcp",
                InternalIp: "192.168.0.5",
                InternalPort: "80",
            })
        ).body.ForwardEntryId as string;
        const spare = (await call(emu, "AllocateEipAddress", { ISP: "BGP", Name: "sbg-dev-k3x9q1-app2" })).body.AllocationId as string;
        const state = parseStackExport({ deployment: { resources } });
        const orphans = findOrphans(state, await readAccount(rpc()), OWNER);
        expect(orphans.map((o) => [o.role, o.matchedBy])).to.deep.equal([
            ["plan", "tag"],
            ["eip", "name"],
            ["entry", "stack's EIP"],
        ]);
        expect(orphans.every((o) => o.pendingUrn === undefined)).to.equal(true);
        const doomed = releasePlan(orphans, false);
        expect(doomed.map((o) => o.role)).to.deep.equal(["entry", "plan"]);
        expect(await release(rpc(), doomed, () => undefined)).to.equal(true);
        const after = emu.state();
        expect(after.bandwidthPlans.map((p) => p.BandwidthPackageId)).to.not.include(plan);
        expect(after.forwardEntries.map((f) => f.ForwardEntryId)).to.not.include(entry);
        expect(after.eips.map((e) => e.AllocationId)).to.include(spare);
        expect(findOrphans(state, await readAccount(rpc()), OWNER).map((o) => o.id)).to.deep.equal([spare]);
    });

    it("after a forced destroy was interrupted: the entry, binding and join it dropped go with the gateway's or plan's forced deletion", async () => {
        const { ngw, cbwp, alloc, resources } = await deployed(emu);
        const ip = emu.state().eips.find((e) => e.AllocationId === alloc)!.IpAddress as string;
        const entry = { ForwardTableId: `ftb-${ngw.slice(4)}`, ExternalIp: ip, ExternalPort: "80", IpProtocol: "tcp" };
        await call(emu, "CreateForwardEntry", { ...entry, InternalIp: "192.168.0.5", InternalPort: "80" });
        // What the engine keeps after skipping the children (deletedWith): the gateway and the plan, with force.
        const kept = resources
            .filter((r) => r.type === TYPES.nat || r.type === TYPES.plan || r.type === TYPES.eip)
            .map((r) => ({ ...r, inputs: r.type === TYPES.nat ? { force: true } : r.type === TYPES.plan ? { force: "true" } : {} }));
        const orphans = findOrphans(parseStackExport({ deployment: { resources: kept } }), await readAccount(rpc()), OWNER);
        expect(orphans.map((o) => [o.role, o.goesWith])).to.deep.equal([
            ["join", cbwp],
            ["bind", ngw],
            ["entry", ngw],
        ]);
        // Without force in the state (deployed before, or deletion protection on), nothing goes with anything.
        const unforced = kept.map((r) => ({ ...r, inputs: {} }));
        const plain = findOrphans(parseStackExport({ deployment: { resources: unforced } }), await readAccount(rpc()), OWNER);
        expect(plain.map((o) => o.goesWith)).to.deep.equal([undefined, undefined, undefined]);
    });
});
