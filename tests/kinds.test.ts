/** The kinds of child (components/kinds.ts): names built and read back, types, config paths, cloud-side names. */
import { expect } from "chai";
import { childName, cloudName, cloudNamePattern, configPathOf, kindOfType, KINDS, parseChildName } from "../components/kinds";

describe("kinds of child", () => {
    it("builds the child names the stacks' URNs hold (gw-nat, gw-eip-app1, gw-ingress-web-203.0.113.0-24)", () => {
        expect(childName("gw", "nat")).to.equal("gw-nat");
        expect(childName("gw", "plan")).to.equal("gw-plan");
        expect(childName("gw", "suffix")).to.equal("gw-suffix");
        expect(childName("gw", "connectivity")).to.equal("gw-connectivity");
        expect(childName("gw", "eip", "app1")).to.equal("gw-eip-app1");
        expect(childName("gw", "join", "app1")).to.equal("gw-join-app1");
        expect(childName("gw", "bind", "app1")).to.equal("gw-bind-app1");
        expect(childName("gw", "dnat", "web-80")).to.equal("gw-dnat-web-80");
        expect(childName("gw", "ingress", "web", "203.0.113.0/24")).to.equal("gw-ingress-web-203.0.113.0-24");
    });

    it("refuses a keyed child without its key, naming the kind", () => {
        expect(() => childName("gw", "eip")).to.throw("a eip child is named by its key");
        expect(() => childName("gw", "ingress", "web")).to.throw("a ingress child is named by its rule key and source");
    });

    it("reads every kind's name back to its kind and key", () => {
        for (const k of Object.values(KINDS)) {
            const name = childName("my-gw", k.name, "a-b", "10.0.0.0/8");
            const expected =
                k.keyOf === "none"
                    ? { kind: k.name }
                    : k.keyOf === "ruleSource"
                      ? { kind: k.name, key: "a-b", source: "10.0.0.0-8" }
                      : { kind: k.name, key: "a-b" };
            expect(parseChildName("my-gw", name), name).to.deep.equal(expected);
        }
        expect(parseChildName("gw", "other-eip-app1")).to.equal(undefined);
        expect(parseChildName("gw", "gw-eip-")).to.equal(undefined);
        expect(parseChildName("gw", "gw-ingress-web-not-a-cidr")).to.equal(undefined);
        expect(parseChildName("gw", "gw-unknown")).to.equal(undefined);
    });

    it("names the config key a child comes from, as messages do; the resource name when no key sets it", () => {
        expect(configPathOf("gw-eip-app1", "gw", "p")).to.equal("p:eips.app1");
        expect(configPathOf("gw-join-app1", "gw", "p")).to.equal("p:eips.app1");
        expect(configPathOf("gw-bind-app1", "gw", "p")).to.equal("p:eips.app1");
        expect(configPathOf("gw-dnat-web", "gw", "p")).to.equal("p:rules.web");
        expect(configPathOf("gw-ingress-web-203.0.113.0-24", "gw", "p")).to.equal("p:rules.web.allowFrom");
        expect(configPathOf("gw-nat", "gw", "p")).to.equal("p:natGateway");
        expect(configPathOf("gw-plan", "gw", "p")).to.equal("p:bandwidthPlan");
        expect(configPathOf("gw-suffix", "gw", "p")).to.equal("gw-suffix");
        expect(configPathOf("gw-connectivity", "gw", "p")).to.equal("gw-connectivity");
        expect(configPathOf("elsewhere", "gw", "p")).to.equal("elsewhere");
    });

    it("knows each kind by its Pulumi type, and no type twice", () => {
        expect(kindOfType("alicloud:vpc/forwardEntry:ForwardEntry")).to.equal("dnat");
        expect(kindOfType("alicloud:ecs/eipAssociation:EipAssociation")).to.equal("bind");
        expect(kindOfType("alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment")).to.equal("join");
        expect(kindOfType("alicloud:vpc/vpc:Vpc")).to.equal(undefined);
        const types = Object.values(KINDS).map((k) => k.type);
        expect(new Set(types).size).to.equal(types.length);
    });

    it("gives cloud-side names <prefix>-<suffix>[-<part>] and recognises them (reconcile's match by name)", () => {
        expect(cloudName("sbg-dev", "a1b2c3")).to.equal("sbg-dev-a1b2c3");
        expect(cloudName("sbg-dev", "a1b2c3", "app1")).to.equal("sbg-dev-a1b2c3-app1");
        const p = cloudNamePattern("sbg.dev");
        expect(p.test("sbg.dev-a1b2c3-app1")).to.equal(true);
        expect(p.test("sbg.dev-a1b2c3")).to.equal(true);
        expect(p.test("sbgxdev-a1b2c3")).to.equal(false);
        expect(p.test("sbg.dev-A1B2C3")).to.equal(false);
    });
});
