/** The SharedBandwidthGateway component under mocks: its children, their identities and dependency edges, renamed keys. */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { SharedBandwidthGateway, SharedBandwidthGatewayArgs } from "../components";
import { KINDS, parseChildName } from "../components/kinds";
import { RecordedResource } from "../offline/recorder";
import { baseArgs, byName, dependsTransitively, identities, runComponent, runStack } from "./support/run";

const T = {
    nat: "alicloud:vpc/natGateway:NatGateway",
    eip: "alicloud:ecs/eipAddress:EipAddress",
    plan: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
    join: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment",
    bind: "alicloud:ecs/eipAssociation:EipAssociation",
    dnat: "alicloud:vpc/forwardEntry:ForwardEntry",
    rnd: "random:index/randomString:RandomString",
    comp: "shared-bandwidth-gateway:index:SharedBandwidthGateway",
};

function urnsByName(rs: RecordedResource[]): Record<string, string> {
    return Object.fromEntries(rs.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => [r.name, r.urn]));
}

describe("renamed keys (previousKeys)", () => {
    it("turn into aliases of the EIP, its join and binding, and the rule's entry, under the same parent", async () => {
        const a = baseArgs();
        a.eips.a.previousKeys = ["front"];
        a.rules!.web.previousKeys = ["www"];
        const run = await runComponent(a);
        const alias = (name: string) => byName(run.resources, name).aliases.map((u) => u.slice(u.lastIndexOf("::") + 2));
        expect([alias("gw-eip-a"), alias("gw-join-a"), alias("gw-bind-a"), alias("gw-dnat-web")]).to.deep.equal([
            ["gw-eip-front"],
            ["gw-join-front"],
            ["gw-bind-front"],
            ["gw-dnat-www"],
        ]);
        const eip = byName(run.resources, "gw-eip-a");
        expect(eip.aliases[0]).to.equal(eip.urn.replace(/::gw-eip-a$/, "::gw-eip-front"));
        expect(alias("gw-eip-b")).to.deep.equal([]);
    });
});

describe("child names and the kinds registry (components/kinds.ts)", () => {
    /** Every child of the component: its name and type, the kind its name parses to, and that kind's type. */
    function childKinds(rs: RecordedResource[]): { child: string; type: string; kindType: string | undefined; kind: string | undefined }[] {
        const comp = rs.find((r) => r.type === SharedBandwidthGateway.TYPE)!;
        return rs
            .filter((r) => r.parent === comp.urn)
            .map((r) => {
                const kind = parseChildName(comp.name, r.name)?.kind;
                return { child: r.name, type: r.type, kind, kindType: kind && KINDS[kind].type };
            });
    }

    it("every child of the dev and prod stacks and of args with ingress and the connectivity check parses to a kind of its own type", async () => {
        const rich = baseArgs();
        rich.rules!.web.securityGroupId = "sg-web";
        rich.rules!.web.allowFrom = ["203.0.113.0/24", "198.51.100.7/32"];
        rich.connectivityCheck = { mode: "report" };
        const runs = [await runStack("dev"), await runStack("prod"), await runComponent(rich)];
        const seen = new Set<string>();
        for (const run of runs) {
            const children = childKinds(run.resources);
            expect(children.length).to.be.greaterThan(10);
            for (const c of children) {
                expect({ child: c.child, type: c.kindType }, c.child).to.deep.equal({ child: c.child, type: c.type });
                seen.add(c.kind!);
            }
        }
        // Every kind occurs, so no entry of the registry goes untested.
        expect([...seen].sort()).to.deep.equal(Object.keys(KINDS).sort());
    });
});

describe("SharedBandwidthGateway component", () => {
    it("registers exactly the expected children for the base arguments", async () => {
        const { resources } = await runComponent(baseArgs());
        expect(identities(resources)).to.deep.equal(
            [
                "pulumi:pulumi:Stack project-unit",
                `${T.comp} gw`,
                `${T.rnd} gw-suffix`,
                `${T.nat} gw-nat`,
                `${T.plan} gw-plan`,
                `${T.eip} gw-eip-a`,
                `${T.eip} gw-eip-b`,
                `${T.join} gw-join-a`,
                `${T.join} gw-join-b`,
                `${T.bind} gw-bind-a`,
                `${T.bind} gw-bind-b`,
                `${T.dnat} gw-dnat-api`,
                `${T.dnat} gw-dnat-web`,
            ]
                .map((s) => s.replace("project-unit", "test-unit"))
                .sort(),
        );
    });

    it("sends the provider exactly the values on sale and the normalised rule", async () => {
        const { resources } = await runComponent(baseArgs());
        expect(byName(resources, "gw-nat").inputs).to.deep.include({
            vpcId: "vpc-test",
            vswitchId: "vsw-test",
            natType: "Enhanced",
            networkType: "internet",
            paymentType: "PayAsYouGo",
            internetChargeType: "PayByLcu",
            eipBindMode: "MULTI_BINDED",
            natGatewayName: "gw-x1y2z3",
        });
        expect(byName(resources, "gw-plan").inputs).to.deep.include({ bandwidth: "100", isp: "BGP", internetChargeType: "PayByTraffic" });
        expect(byName(resources, "gw-eip-a").inputs).to.deep.include({
            paymentType: "PayAsYouGo",
            internetChargeType: "PayByTraffic",
            isp: "BGP",
            addressName: "gw-x1y2z3-a",
        });
        expect(byName(resources, "gw-join-a").inputs).to.deep.equal({
            bandwidthPackageId: "gw-plan-id",
            instanceId: "gw-eip-a-id",
            ipType: "EIP",
        });
        expect(byName(resources, "gw-bind-b").inputs).to.deep.equal({
            allocationId: "gw-eip-b-id",
            instanceId: "gw-nat-id",
            instanceType: "Nat",
        });
        const entry = byName(resources, "gw-dnat-api").inputs;
        expect(entry).to.deep.equal({
            forwardTableId: "ftb-gw-nat",
            externalIp: entry.externalIp,
            externalPort: "80",
            internalIp: "192.168.0.11",
            internalPort: "8080",
            ipProtocol: "tcp",
            forwardEntryName: "api",
        });
        expect(entry.externalIp).to.match(/^203\.0\.113\.\d+$/);
    });

    it("parents every child to the component (flat tree)", async () => {
        const { resources } = await runComponent(baseArgs());
        const comp = resources.find((r) => r.type === T.comp)!;
        const children = resources.filter((r) => r !== comp && r.type !== "pulumi:pulumi:Stack");
        expect(children).to.have.length(11);
        expect(children.filter((r) => r.parent !== comp.urn).map((r) => r.name)).to.deep.equal([]);
    });

    it("orders writes: join plan, then bind, then forward entries; joins and entries in one lane each, bindings free (rules §2, §1.6, §1.11)", async () => {
        const { resources } = await runComponent(baseArgs());
        const edges: [string, string][] = [
            ["gw-join-a", "gw-plan"],
            ["gw-join-a", "gw-eip-a"],
            ["gw-bind-a", "gw-join-a"],
            ["gw-bind-a", "gw-nat"],
            ["gw-bind-b", "gw-join-b"],
            ["gw-dnat-web", "gw-bind-a"],
            ["gw-dnat-api", "gw-bind-b"],
            ["gw-dnat-api", "gw-nat"],
            // one lane each: key order a < b, api < web
            ["gw-join-b", "gw-join-a"],
            ["gw-dnat-web", "gw-dnat-api"],
        ];
        for (const [from, to] of edges) {
            expect(dependsTransitively(resources, from, to), `${from} -> ${to}`).to.equal(true);
        }
        // and never the other way round (a cycle would deadlock; a reverse edge would break destroy order)
        for (const [from, to] of edges) {
            expect(dependsTransitively(resources, to, from), `${to} -/-> ${from}`).to.equal(false);
        }
    });

    it("pins the direct dependencies of a binding and an entry", async () => {
        const { resources } = await runComponent(baseArgs());
        const u = urnsByName(resources);
        // No binding lane: the provider does not wait for InUse after a binding, so a chain would only space out calls.
        expect(byName(resources, "gw-bind-b").dependsOn).to.deep.equal([u["gw-eip-b"], u["gw-join-b"], u["gw-nat"]].sort());
        expect(byName(resources, "gw-dnat-web").dependsOn).to.deep.equal(
            [u["gw-bind-a"], u["gw-dnat-api"], u["gw-eip-a"], u["gw-nat"]].sort(),
        );
    });

    it("keeps joins and DNAT entries of one table in one lane whatever maxParallelWrites says, bindings free (components/ordering.ts, rules §9)", async () => {
        const a = baseArgs();
        a.maxParallelWrites = 2;
        const { resources } = await runComponent(a);
        expect(dependsTransitively(resources, "gw-join-b", "gw-join-a")).to.equal(true);
        expect(dependsTransitively(resources, "gw-bind-b", "gw-bind-a")).to.equal(false);
        expect(dependsTransitively(resources, "gw-dnat-web", "gw-dnat-api")).to.equal(true);
    });

    it("protects created EIPs, and only them, unless opted out", async () => {
        const protectedNames = (rs: RecordedResource[]) =>
            rs
                .filter((r) => r.protect)
                .map((r) => r.name)
                .sort();
        expect(protectedNames((await runComponent(baseArgs())).resources)).to.deep.equal(["gw-eip-a", "gw-eip-b"]);
        const a = baseArgs();
        a.protectEips = false;
        expect(protectedNames((await runComponent(a)).resources)).to.deep.equal([]);
    });

    it("replaces joins, bindings and entries delete-first, since each is unique in the cloud", async () => {
        const { resources } = await runComponent(baseArgs());
        expect(
            resources
                .filter((r) => r.deleteBeforeReplace)
                .map((r) => r.name)
                .sort(),
        ).to.deep.equal(["gw-bind-a", "gw-bind-b", "gw-dnat-api", "gw-dnat-web", "gw-join-a", "gw-join-b"]);
    });

    it("accepts Outputs of other resources for the VPC and vSwitch", async () => {
        const a = baseArgs();
        a.vpcId = pulumi.output("vpc-from-another-stack");
        a.natGateway.vswitchId = pulumi.output("vsw-from-another-stack");
        const { resources } = await runComponent(a);
        expect(byName(resources, "gw-nat").inputs).to.deep.include({
            vpcId: "vpc-from-another-stack",
            vswitchId: "vsw-from-another-stack",
        });
    });

    it("reads adopted EIPs and gateways instead of creating them", async () => {
        const a = baseArgs();
        a.natGateway = { mode: "adopt", id: "ngw-existing" };
        a.eips.a = { mode: "adopt", allocationId: "eip-existing" };
        const { resources } = await runComponent(a);
        const read = resources
            .filter((r) => r.read)
            .map((r) => `${r.name}=${r.id}`)
            .sort();
        expect(read).to.deep.equal(["gw-eip-a=eip-existing", "gw-nat=ngw-existing"]);
        expect(byName(resources, "gw-bind-a").inputs).to.deep.equal({
            allocationId: "eip-existing",
            instanceId: "ngw-existing",
            instanceType: "Nat",
        });
    });

    it("exports endpoints keyed by rule and EIPs keyed by key", async () => {
        const a = baseArgs();
        a.eips.c = {};
        a.rules!.all = { eip: "c", protocol: "any", internalIp: "192.168.0.30" };
        const { outputs } = await runComponent(a);
        const eips = outputs.eips as Record<string, { allocationId: string; ipAddress: string }>;
        expect(Object.keys(eips)).to.deep.equal(["a", "b", "c"]);
        expect(eips.b.allocationId).to.equal("gw-eip-b-id");
        expect(outputs.endpoints).to.deep.equal({
            all: { rule: "all", eip: "c", protocol: "any", public: `${eips.c.ipAddress}/any`, private: "192.168.0.30" },
            api: { rule: "api", eip: "b", protocol: "tcp", public: `${eips.b.ipAddress}:80/tcp`, private: "192.168.0.11:8080" },
            web: { rule: "web", eip: "a", protocol: "tcp", public: `${eips.a.ipAddress}:80/tcp`, private: "192.168.0.10:80" },
        });
    });

    it("registers nothing at all when the arguments are invalid", async () => {
        const a = baseArgs();
        a.rules!.web.internalIp = "8.8.8.8";
        let error: Error | undefined;
        let count = -1;
        try {
            const run = await runComponent(a);
            count = run.resources.length;
        } catch (e) {
            error = e as Error;
        }
        expect(count).to.equal(-1);
        expect(error?.message).to.include("rules.web.internalIp");
        expect(error?.message).to.include('"8.8.8.8" is outside the VPC CIDR');
    });

    describe("identity: keys, never positions", () => {
        const run = async (mutate: (a: SharedBandwidthGatewayArgs) => void) => {
            const a = baseArgs();
            a.eips.c = {};
            a.rules!.ssh = { eip: "c", protocol: "tcp", externalPort: "22", internalIp: "192.168.0.50" };
            mutate(a);
            return urnsByName((await runComponent(a)).resources);
        };
        const reversed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).reverse());

        it("reordering rules and EIPs changes no URN", async () => {
            const before = await run(() => undefined);
            const after = await run((a) => {
                a.rules = reversed(a.rules!);
                a.eips = reversed(a.eips);
            });
            expect(after).to.deep.equal(before);
        });

        it("adding a rule and an EIP adds only their resources", async () => {
            const before = await run(() => undefined);
            const after = await run((a) => {
                a.eips.d = {};
                a.rules!.dns = { eip: "d", protocol: "udp", externalPort: "53", internalIp: "192.168.0.53" };
            });
            const added = Object.keys(after)
                .filter((k) => !(k in before))
                .sort();
            expect(added).to.deep.equal(["gw-bind-d", "gw-dnat-dns", "gw-eip-d", "gw-join-d"]);
            for (const [name, urn] of Object.entries(before)) {
                expect(after[name], name).to.equal(urn);
            }
        });

        it("removing the first rule and EIP removes only theirs", async () => {
            const before = await run(() => undefined);
            const after = await run((a) => {
                delete a.rules!.api;
                delete a.eips.b;
            });
            const removed = Object.keys(before)
                .filter((k) => !(k in after))
                .sort();
            expect(removed).to.deep.equal(["gw-bind-b", "gw-dnat-api", "gw-eip-b", "gw-join-b"]);
            for (const [name, urn] of Object.entries(after)) {
                expect(before[name], name).to.equal(urn);
            }
        });
    });
});
