/**
 * Adopting what exists (rules §1.4, §1.5, §1.11): an EIP already bound to the adopted gateway has its binding adopted,
 * not re-created; an EIP in another plan or used by SNAT is refused when adopted, naming its key; the provider's
 * case-sensitive ip_protocol.
 */
import * as vpc from "@pulumi/alicloud/vpc";
import * as ecs from "@pulumi/alicloud/ecs";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { validateGatewayArgs } from "../../components";
import { parseInventory } from "../../cloud/inventory";
import { buildPlan } from "../../offline/plan";
import { parsePriorState } from "../../offline/priorState";
import { baseArgs } from "../support/run";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const NS = "shared-bandwidth-gateway:";

function stack(bound: boolean): string {
    const dir = tempDir("plan-adopt-");
    const file = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(
        file,
        `config:
  ${NS}accountSite: china
  ${NS}vpcId: vpc-a
  ${NS}vpcCidr: 192.168.0.0/16
  ${NS}natGateway: { mode: adopt, id: ngw-existing1 }
  ${NS}eips:
    web: { mode: adopt, allocationId: eip-existing1${bound ? ", bound: true" : ""} }
  ${NS}rules:
    web-http: { eip: web, protocol: tcp, externalPort: 80, internalIp: 192.168.0.10 }
  ${NS}bandwidthPlan: { bandwidthMbps: 100 }
`,
    );
    return file;
}

const inventory = (eip: object = {}, nat: object = {}) =>
    parseInventory(
        {
            account: { site: "china" },
            vpcs: [{ id: "vpc-a", cidr: "192.168.0.0/16" }],
            natGateways: [{ id: "ngw-existing1", vpcId: "vpc-a", ...nat }],
            bandwidthPlans: [{ id: "cbwp-other1" }],
            eips: [{ allocationId: "eip-existing1", ipAddress: "198.51.100.9", ...eip }],
        },
        "test",
    );

describe("offline plan: adopting existing EIPs and bindings", () => {
    it("an EIP already bound to the adopted gateway, with bound: true: the binding is imported, not bound again", async () => {
        const doc = await buildPlan({ projectDir: ROOT, configFile: stack(true), inventory: inventory({ boundTo: "ngw-existing1" }) });
        expect(doc.errors).to.deep.equal([]);
        const bind = doc.resources.find((r) => r.name === "gateway-bind-web")!;
        expect([bind.operation, bind.id]).to.deep.equal(["import", "eip-existing1:ngw-existing1"]);
        // The binding existed before the stack: destroy leaves it (retainOnDelete), so only the [L] warning remains.
        expect(doc.warnings.map((w) => w.message).filter((m) => m.includes("InvalidIpStatus"))).to.deep.equal([]);
    });

    it("planned against its own plan: the imported binding is then same, the adopted gateway and EIP read, nothing deleted", async () => {
        const inv = inventory({ boundTo: "ngw-existing1" });
        const first = await buildPlan({ projectDir: ROOT, configFile: stack(true), inventory: inv });
        expect(first.resources.find((r) => r.name === "gateway-bind-web")).to.deep.include({ operation: "import", retainOnDelete: true });
        const again = await buildPlan({
            projectDir: ROOT,
            configFile: stack(true),
            inventory: inv,
            state: parsePriorState(first, "first.json"),
        });
        expect(again.errors).to.deep.equal([]);
        const ops = Object.fromEntries(again.resources.map((r) => [r.name, r.operation]));
        expect(ops).to.include({ "gateway-bind-web": "same", "gateway-nat": "read", "gateway-eip-web": "read" });
        expect(Object.values(ops)).to.not.include("delete");
    });

    it("the same EIP without bound: one error, InvalidAssociation.Duplicated on eips.web, saying to set bound: true", async () => {
        const doc = await buildPlan({ projectDir: ROOT, configFile: stack(false), inventory: inventory({ boundTo: "ngw-existing1" }) });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}eips.web`, "InvalidAssociation.Duplicated"]]);
        expect(doc.errors[0].message).to.contain("set eips.web.bound: true to adopt the binding");
    });

    it("bound: true for an EIP that is not bound: the import is refused, naming eips.web", async () => {
        const doc = await buildPlan({ projectDir: ROOT, configFile: stack(true), inventory: inventory() });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}eips.web`, "(engine)"]]);
        expect(doc.errors[0].message).to.contain(
            "the binding eip-existing1:ngw-existing1 to adopt does not exist (eip-existing1 is not bound)",
        );
    });

    it("an EIP already in another plan is refused at adoption, naming eips.web and the plan", async () => {
        const doc = await buildPlan({
            projectDir: ROOT,
            configFile: stack(false),
            inventory: inventory({ bandwidthPlanId: "cbwp-other1" }),
        });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}eips.web`, "IpInstanceId.AlreadyInBandwidthPackage"]]);
        expect(doc.errors[0].message).to.contain("already in bandwidth plan cbwp-other1");
    });

    it("an EIP used by an SNAT entry is refused at adoption, naming eips.web and the gateway", async () => {
        const doc = await buildPlan({
            projectDir: ROOT,
            configFile: stack(false),
            inventory: inventory({}, { snatIps: ["198.51.100.9"] }),
        });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([[`${NS}eips.web`, "InvalidIpStatus.HasBeenUsedBySnatTable"]]);
        expect(doc.errors[0].message).to.contain("used by an SNAT entry of ngw-existing1");
    });

    it("validation: bound: true needs an adopted EIP and an adopted gateway", () => {
        const a = baseArgs();
        a.eips.a.bound = true;
        const p = validateGatewayArgs("gw", a).problems.filter((x) => x.propertyPath === "eips.a.bound");
        expect(p).to.have.length(1);
        expect(p[0].reason).to.contain('needs eips.a.mode "adopt" and natGateway.mode "adopt" (got "create" and "create")');
    });

    it("a DNAT entry with ipProtocol TCP: the provider's case-sensitive validation refuses it (lowercase only)", async () => {
        const program = () => {
            const nat = new vpc.NatGateway("nat", { vpcId: "vpc-a", vswitchId: "vsw-a", natType: "Enhanced", networkType: "internet" });
            const eip = new ecs.EipAddress("eip", { paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", isp: "BGP" });
            const bind = new ecs.EipAssociation("bind", { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" });
            const fields = {
                forwardTableId: nat.forwardTableIds,
                externalIp: eip.ipAddress,
                internalIp: "192.168.0.10",
                ipProtocol: "TCP",
            };
            new vpc.ForwardEntry("dnat", { ...fields, externalPort: "80", internalPort: "80" }, { dependsOn: [bind] });
            return {};
        };
        const doc = await buildPlan({ projectDir: ROOT, stack: "dev", program });
        expect(doc.errors.map((e) => [e.path, e.code])).to.deep.equal([["dnat", "(provider)"]]);
        expect(doc.errors[0].message).to.contain('ipProtocol "TCP" is refused by the provider\'s validation').and.contain("lowercase only");
    });
});
