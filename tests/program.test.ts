/** The program (index.ts, program/*) against every stack file: the children it builds, their identities and edges, config errors. */
import { expect } from "chai";
import { StackConfigError } from "../program/stackConfig";
import { readStackConfig } from "../offline/stackFile";
import { byName, dependsTransitively, identities, PROJECT, runIndex, runStack, stackFiles } from "./support/run";

const P = PROJECT;

describe("the program (index.ts) against every stack file", () => {
    it("finds the dev and prod stacks", () => {
        expect(Object.keys(stackFiles()).sort()).to.include.members(["dev", "prod"]);
    });

    for (const stack of Object.keys(stackFiles())) {
        it(`evaluates Pulumi.${stack}.yaml: every child parented, every entry after its binding, every binding after its join`, async () => {
            const { resources } = await runStack(stack);
            const comp = resources.find((r) => r.type === "shared-bandwidth-gateway:index:SharedBandwidthGateway")!;
            const children = resources.filter((r) => r !== comp && r.type !== "pulumi:pulumi:Stack");
            expect(children.filter((r) => r.parent !== comp.urn)).to.deep.equal([]);
            const entries = children.filter((r) => r.type === "alicloud:vpc/forwardEntry:ForwardEntry");
            const binds = children.filter((r) => r.type === "alicloud:ecs/eipAssociation:EipAssociation");
            for (const e of entries) {
                // The EIP an entry forwards is among its direct (input) dependencies; its binding must come first.
                const eip = resources.find((r) => r.type === "alicloud:ecs/eipAddress:EipAddress" && e.dependsOn.includes(r.urn))!;
                const key = eip.name.replace(/^gateway-eip-/, "");
                expect(dependsTransitively(resources, e.name, `gateway-bind-${key}`), `${e.name} after its binding`).to.equal(true);
            }
            for (const b of binds) {
                const key = b.name.replace(/^gateway-bind-/, "");
                expect(dependsTransitively(resources, b.name, `gateway-join-${key}`), `${b.name} after join`).to.equal(true);
                expect(dependsTransitively(resources, b.name, "gateway-nat"), `${b.name} after nat`).to.equal(true);
            }
            expect(entries.length).to.be.greaterThan(0);
        });
    }

    it("dev (seed 000): exact resources, 1500 Mbit/s plan sized from demand vs 2000 separately", async () => {
        const { resources, outputs, warnings } = await runStack("dev");
        // Nothing to warn about in the dev stack (under mocks the connectivity check never probes).
        expect(warnings).to.deep.equal([]);
        expect(identities(resources)).to.deep.equal(
            [
                "alicloud:ecs/eipAddress:EipAddress gateway-eip-app1",
                "alicloud:ecs/eipAddress:EipAddress gateway-eip-app2",
                "alicloud:ecs/eipAssociation:EipAssociation gateway-bind-app1",
                "alicloud:ecs/eipAssociation:EipAssociation gateway-bind-app2",
                "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage gateway-plan",
                "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment gateway-join-app1",
                "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment gateway-join-app2",
                "alicloud:vpc/forwardEntry:ForwardEntry gateway-dnat-app1-http",
                "alicloud:vpc/forwardEntry:ForwardEntry gateway-dnat-app2-http",
                "alicloud:vpc/natGateway:NatGateway gateway-nat",
                `pulumi:pulumi:Stack ${P}-dev`,
                "pulumi-nodejs:dynamic:Resource gateway-connectivity",
                "random:index/randomString:RandomString gateway-suffix",
                "shared-bandwidth-gateway:index:SharedBandwidthGateway gateway",
            ].sort(),
        );
        expect(byName(resources, "gateway-plan").inputs).to.deep.include({
            bandwidth: "1500",
            internetChargeType: "PayByBandwidth",
            isp: "BGP",
        });
        expect(outputs.bandwidthPlanMbps).to.equal(1500);
        expect(outputs.bandwidthEconomics).to.deep.include({
            coincidentPeakMbps: 1500,
            sumOfPeaksMbps: 2000,
            planMbps: 1500,
            savingMbps: 500,
        });
        const endpoints = outputs.endpoints as Record<string, { public: string; private: string }>;
        expect(Object.values(endpoints).map((e) => [e.public.replace(/^[\d.]+/, "EIP"), e.private])).to.deep.equal([
            ["EIP:80/tcp", "192.168.0.100:80"],
            ["EIP:80/tcp", "192.168.0.101:80"],
        ]);
        expect(byName(resources, "gateway-nat").inputs).to.deep.include({ natGatewayName: "sbg-dev-x1y2z3" });
    });

    it("prod (seed 002): five EIPs, the five rules, spare ip5, 150 Mbit/s, deletion protection", async () => {
        const { resources, outputs, warnings: logged } = await runStack("prod");
        // The component logs what deserves a look before deploy: the spare EIP and whole-IP exposure. SSH is let in only
        // from the office range through the jump host's security group, so it is no longer exposed.
        expect(logged).to.include.members([
            "eips.ip5: spare EIP: bound to the NAT gateway and in the plan, but no rule forwards it",
            "rules.ip1-all: whole-IP mapping exposes every port of 192.168.1.1 to the Internet; restrict it with security group rules",
        ]);
        expect(logged.filter((w) => w.startsWith("rules.ip4-ssh"))).to.deep.equal([]);
        expect(logged.filter((w) => w.startsWith("Undefined value"))).to.deep.equal([]);
        const keys = ["ip1", "ip2", "ip3", "ip4", "ip5"];
        const rules = ["ip1-all", "ip2-all", "ip3-http", "ip3-https", "ip4-ssh"];
        expect(identities(resources)).to.deep.equal(
            [
                `pulumi:pulumi:Stack ${P}-prod`,
                "shared-bandwidth-gateway:index:SharedBandwidthGateway gateway",
                "random:index/randomString:RandomString gateway-suffix",
                "alicloud:vpc/natGateway:NatGateway gateway-nat",
                "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage gateway-plan",
                ...keys.map((k) => `alicloud:ecs/eipAddress:EipAddress gateway-eip-${k}`),
                ...keys.map((k) => `alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment gateway-join-${k}`),
                ...keys.map((k) => `alicloud:ecs/eipAssociation:EipAssociation gateway-bind-${k}`),
                ...rules.map((k) => `alicloud:vpc/forwardEntry:ForwardEntry gateway-dnat-${k}`),
                "alicloud:ecs/securityGroupRule:SecurityGroupRule gateway-ingress-ip3-http-0.0.0.0-0",
                "alicloud:ecs/securityGroupRule:SecurityGroupRule gateway-ingress-ip3-https-0.0.0.0-0",
                "alicloud:ecs/securityGroupRule:SecurityGroupRule gateway-ingress-ip4-ssh-203.0.113.0-24",
                "pulumi-nodejs:dynamic:Resource gateway-connectivity",
            ].sort(),
        );
        // SSH from the office range only, as one inbound rule on the private port, in the first wave (no dependencies).
        const ssh = byName(resources, "gateway-ingress-ip4-ssh-203.0.113.0-24");
        expect(ssh.inputs).to.deep.include({
            securityGroupId: "sg-uf6prodjump0000000",
            type: "ingress",
            ipProtocol: "tcp",
            portRange: "22/22",
            cidrIp: "203.0.113.0/24",
            policy: "accept",
            nicType: "intranet",
        });
        expect(ssh.dependsOn).to.deep.equal([]);
        expect((outputs.endpoints as Record<string, { allowFrom?: string[] }>)["ip4-ssh"].allowFrom).to.deep.equal(["203.0.113.0/24"]);
        const names = (type: string) =>
            resources
                .filter((r) => r.type === type)
                .map((r) => r.name)
                .sort();
        expect(names("alicloud:ecs/eipAddress:EipAddress")).to.deep.equal(
            ["ip1", "ip2", "ip3", "ip4", "ip5"].map((k) => `gateway-eip-${k}`),
        );
        expect(names("alicloud:ecs/eipAssociation:EipAssociation")).to.deep.equal(
            ["ip1", "ip2", "ip3", "ip4", "ip5"].map((k) => `gateway-bind-${k}`),
        );
        expect(names("alicloud:vpc/forwardEntry:ForwardEntry")).to.deep.equal(
            ["ip1-all", "ip2-all", "ip3-http", "ip3-https", "ip4-ssh"].map((k) => `gateway-dnat-${k}`),
        );
        const entry = (k: string) => byName(resources, `gateway-dnat-${k}`).inputs;
        expect(entry("ip1-all")).to.deep.include({
            externalPort: "any",
            internalPort: "any",
            ipProtocol: "any",
            internalIp: "192.168.1.1",
        });
        expect(entry("ip3-http")).to.deep.include({ externalPort: "80", internalIp: "192.168.1.3", ipProtocol: "tcp" });
        expect(entry("ip3-https")).to.deep.include({ externalPort: "443", internalIp: "192.168.1.4", ipProtocol: "tcp" });
        expect(entry("ip3-http").externalIp).to.equal(entry("ip3-https").externalIp);
        expect(entry("ip4-ssh")).to.deep.include({ externalPort: "22", internalIp: "192.168.1.5" });
        expect(byName(resources, "gateway-plan").inputs).to.deep.include({ bandwidth: "150", deletionProtection: true });
        expect(byName(resources, "gateway-nat").inputs).to.deep.include({ deletionProtection: true });
        const warnings = (outputs.warnings as { propertyPath: string }[]).map((w) => w.propertyPath);
        expect(warnings).to.include.members(["eips.ip5", "rules.ip1-all", "rules.ip2-all"]);
        expect(warnings).to.not.include("rules.ip4-ssh");
    });

    it("rejects a bad stack config with every problem at once, named by config key, before creating anything", async () => {
        const config = readStackConfig(stackFiles().dev, P);
        const rules = JSON.parse(config[`${P}:rules`]);
        rules["app1-http"].externalPort = 99999;
        config[`${P}:rules`] = JSON.stringify(rules);
        config[`${P}:accountSite`] = "mars";
        config[`${P}:exposedPorts`] = "[]";
        let error: unknown;
        try {
            await runIndex("dev", config);
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(StackConfigError);
        // An unknown key does not hide the other problems.
        const problems = (error as StackConfigError).problems.map((p) => p.propertyPath).sort();
        expect(problems).to.deep.equal([`${P}:accountSite`, `${P}:exposedPorts`, `${P}:rules.app1-http.externalPort`]);
        const msg = (error as Error).message;
        expect(msg).to.include(`${P}:accountSite: "mars" is not allowed`);
        expect(msg).to.include(`${P}:rules.app1-http.externalPort: 99999: port 99999 is outside 1-65535`);
        expect(msg).to.match(/\(3 problems\)/);
        expect(msg).to.not.match(/\n\s+at /);
    });

    it("refuses a bad source and SSH without allowFrom by config key, before creating anything", async () => {
        const config = readStackConfig(stackFiles().prod, P);
        const rules = JSON.parse(config[`${P}:rules`]);
        delete rules["ip4-ssh"].allowFrom;
        rules["ip3-http"].allowFrom = ["203.0.113.5/24"];
        config[`${P}:rules`] = JSON.stringify(rules);
        let error: unknown;
        try {
            await runIndex("prod", config);
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(StackConfigError);
        const msg = (error as Error).message;
        expect(msg).to.include(
            `${P}:rules.ip3-http.allowFrom.0: "203.0.113.5/24" has host bits set; write the network address 203.0.113.0/24`,
        );
        expect(msg).to.include(`${P}:rules.ip4-ssh.allowFrom: is required with securityGroupId: port 22 (SSH) is administrative`);
        expect(msg).to.match(/\(2 problems\)/);
    });
});
