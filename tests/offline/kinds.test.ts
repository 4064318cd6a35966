/** Each kind's offline behaviour (offline/kinds): one module per kind of components/kinds.ts, found by Pulumi type. */
import { expect } from "chai";
import { CLOUD_KINDS, KindName, KINDS } from "../../components/kinds";
import { OFFLINE_KINDS, offlineKind } from "../../offline/kinds";

describe("offline kinds", () => {
    it("has one module for every kind of the registry, and none for another", () => {
        expect(Object.keys(OFFLINE_KINDS).sort()).to.deep.equal(Object.keys(KINDS).sort());
    });

    it("finds a kind's module by its Pulumi type; a type the gateway does not create has none", () => {
        for (const name of Object.keys(KINDS) as KindName[]) {
            expect(offlineKind(KINDS[name].type), name).to.equal(OFFLINE_KINDS[name]);
        }
        expect(offlineKind("pulumi:pulumi:Stack")).to.equal(undefined);
        expect(offlineKind("shared-bandwidth-gateway:index:SharedBandwidthGateway")).to.equal(undefined);
    });

    it("gives every cloud kind a mock answer and a creation and deletion on the cloud model", () => {
        for (const name of CLOUD_KINDS) {
            const k = OFFLINE_KINDS[name];
            expect([typeof k.create, typeof k.applyCreate, typeof k.applyDelete], name).to.deep.equal(["function", "function", "function"]);
        }
    });

    it("reads by id from the inventory only the kinds a stack adopts: the NAT gateway and EIPs", () => {
        const readable = (Object.keys(OFFLINE_KINDS) as KindName[]).filter((n) => OFFLINE_KINDS[n].read !== undefined);
        expect(readable.sort()).to.deep.equal(["eip", "nat"]);
    });

    it("keeps the provider's ForceNew inputs per kind (resource_alicloud_forward_entry.go: only forward_table_id)", () => {
        expect(OFFLINE_KINDS.dnat.forceNew).to.deep.equal(["forwardTableId"]);
        expect(OFFLINE_KINDS.join.forceNew).to.deep.equal(["bandwidthPackageId", "instanceId"]);
    });

    it("names the write conflicts of DNAT entries on one table and joins to one plan, and of no other kind", () => {
        const conflicting = (Object.keys(OFFLINE_KINDS) as KindName[]).filter((n) => OFFLINE_KINDS[n].conflict !== undefined);
        expect(conflicting.sort()).to.deep.equal(["dnat", "join"]);
        expect(OFFLINE_KINDS.dnat.conflict!.target({ forwardTableId: "ftb-1" })).to.equal("ftb-1");
        expect(OFFLINE_KINDS.join.conflict!.target({ bandwidthPackageId: "cbwp-1" })).to.equal("cbwp-1");
    });
});
