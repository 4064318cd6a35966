/** Reconcile's kinds: the types it reads come from components/kinds.ts, and the words its output uses stay as they were. */
import { expect } from "chai";
import { KINDS } from "../../components/kinds";
import type { Orphan } from "../../recon/reconcile";
import { releaseCall, releasePlan } from "../../recon/release";
import { kindOfRole, RECON_KINDS, roleOf, TYPES } from "../../recon/state";

describe("reconcile's kinds (recon/state.ts)", () => {
    it("reads each kind's type from the registry, under the word its output has always used (a DNAT entry is `entry`)", () => {
        expect(TYPES).to.deep.equal({
            nat: KINDS.nat.type,
            eip: KINDS.eip.type,
            plan: KINDS.plan.type,
            join: KINDS.join.type,
            bind: KINDS.bind.type,
            entry: KINDS.dnat.type,
        });
        expect(RECON_KINDS.map((k) => kindOfRole(roleOf(k)))).to.deep.equal([...RECON_KINDS]);
    });

    it("releases DNAT entries, bindings, joins, EIPs (only when asked), gateways, then plans, each with its call", () => {
        const orphan = (role: Orphan["role"], ref: Record<string, string>): Orphan => ({
            role,
            id: role,
            what: role,
            matchedBy: "tag",
            ref,
        });
        const all = [
            orphan("plan", { planId: "cbwp-1" }),
            orphan("nat", { natGatewayId: "ngw-1" }),
            orphan("eip", { allocationId: "eip-1" }),
            orphan("join", { planId: "cbwp-1", allocationId: "eip-1" }),
            orphan("bind", { allocationId: "eip-1", natGatewayId: "ngw-1" }),
            orphan("entry", { tableId: "ftb-1", entryId: "fwd-1" }),
        ];
        expect(releasePlan(all, false).map((o) => o.role)).to.deep.equal(["entry", "bind", "join", "nat", "plan"]);
        expect(releasePlan(all, true).map(releaseCall)).to.deep.equal([
            ["DeleteForwardEntry", { ForwardTableId: "ftb-1", ForwardEntryId: "fwd-1" }],
            ["UnassociateEipAddress", { AllocationId: "eip-1", InstanceId: "ngw-1", InstanceType: "Nat" }],
            ["RemoveCommonBandwidthPackageIp", { BandwidthPackageId: "cbwp-1", IpInstanceId: "eip-1" }],
            ["ReleaseEipAddress", { AllocationId: "eip-1" }],
            ["DeleteNatGateway", { NatGatewayId: "ngw-1" }],
            ["DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1" }],
        ]);
    });
});
