/**
 * Security-group ingress of DNAT targets (components/validation/ingress.ts, components/ingress.ts; rules §7): sources,
 * the web-port default, explicit sources for administrative ports and whole-IP rules, uniqueness, the quota.
 */
import { expect } from "chai";
import {
    ingressNames,
    parseSource,
    permissionProblem,
    resolveGatewayArgs,
    SharedBandwidthGatewayArgs,
    validateGatewayArgs,
} from "../components";
import { baseArgs } from "./support/run";

type Mutate = (a: SharedBandwidthGatewayArgs) => void;

function run(mutate: Mutate) {
    const a = baseArgs();
    a.rules!.ssh = { eip: "b", protocol: "tcp", externalPort: "2222", internalIp: "192.168.0.12", internalPort: "22" };
    mutate(a);
    return validateGatewayArgs("gw", a);
}

/** Asserts exactly one problem at `path` whose reason contains every fragment. */
function expectProblem(mutate: Mutate, path: string, ...fragments: string[]) {
    const found = run(mutate).problems.filter((p) => p.propertyPath === path);
    expect(found, `problems at ${path}: ${JSON.stringify(run(mutate).problems)}`).to.have.length(1);
    for (const f of fragments) {
        expect(found[0].reason).to.include(f);
    }
}

describe("ingress: security group rules for DNAT targets (rules §7)", () => {
    it("lets the web ports in from anywhere by default and SSH only from the listed sources, on the private port", () => {
        const r = run((a) => {
            a.rules!.web.securityGroupId = "sg-web";
            a.rules!.ssh.securityGroupId = "sg-jump";
            a.rules!.ssh.allowFrom = ["203.0.113.0/24", "198.51.100.7/32"];
        });
        expect(r.problems).to.deep.equal([]);
        const byKey = Object.fromEntries(r.gateway!.rules.map((x) => [x.key, x.ingress]));
        expect(byKey.web).to.deep.equal({
            securityGroupId: "sg-web",
            ipProtocol: "tcp",
            portRange: "80/80",
            allowFrom: ["0.0.0.0/0"],
            defaulted: true,
        });
        expect(byKey.ssh).to.deep.equal({
            securityGroupId: "sg-jump",
            ipProtocol: "tcp",
            portRange: "22/22",
            allowFrom: ["203.0.113.0/24", "198.51.100.7/32"],
            defaulted: false,
        });
        expect(byKey.api).to.equal(undefined);
        // Restricted SSH is not reported as exposed to the Internet.
        expect(r.warnings.map((w) => w.propertyPath)).to.not.include("rules.ssh");
    });

    it("refuses an administrative port without allowFrom, naming the key and the port", () => {
        expectProblem(
            (a) => (a.rules!.ssh.securityGroupId = "sg-jump"),
            "rules.ssh.allowFrom",
            "is required",
            "port 22 (SSH) is administrative",
        );
    });

    it("refuses a database port, a whole-IP rule and a non-web port without allowFrom", () => {
        expectProblem(
            (a) => Object.assign(a.rules!.api, { internalPort: "3306", securityGroupId: "sg-db" }),
            "rules.api.allowFrom",
            "3306 (MySQL)",
        );
        expectProblem(
            (a) => (a.rules!.web = { eip: "a", protocol: "any", internalIp: "192.168.0.10", securityGroupId: "sg-web" }),
            "rules.web.allowFrom",
            "whole-IP rule opens every port",
        );
        expectProblem((a) => (a.rules!.api.securityGroupId = "sg-api"), "rules.api.allowFrom", "only the web ports 80 and 443");
    });

    it("lets a whole-IP rule in as protocol all, ports -1/-1", () => {
        const g = resolveGatewayArgs("gw", {
            ...baseArgs(),
            rules: {
                all: { eip: "a", protocol: "any", internalIp: "192.168.0.10", securityGroupId: "sg-web", allowFrom: ["10.1.0.0/16"] },
            },
        });
        expect(g.rules[0].ingress).to.include({ ipProtocol: "all", portRange: "-1/-1" });
    });

    it("refuses bad CIDRs with the key and the value", () => {
        const mutate = (list: string[]) => (a: SharedBandwidthGatewayArgs) =>
            Object.assign(a.rules!.ssh, { securityGroupId: "sg-jump", allowFrom: list });
        expectProblem(mutate(["203.0.113.0/33"]), "rules.ssh.allowFrom.0", '"203.0.113.0/33" is not an IPv4 CIDR');
        expectProblem(mutate(["office"]), "rules.ssh.allowFrom.0", '"office" is not an IPv4 CIDR');
        expectProblem(mutate(["10.0.0.0/8", "203.0.113.9"]), "rules.ssh.allowFrom.1", '"203.0.113.9" is not an IPv4 CIDR');
        expectProblem(mutate(["2001:db8::/32"]), "rules.ssh.allowFrom.0", "is not an IPv4 CIDR");
        expectProblem(mutate(["203.0.113.5/24"]), "rules.ssh.allowFrom.0", "host bits set", "203.0.113.0/24");
        expectProblem(mutate(["10.0.0.0/8", "10.0.0.0/8"]), "rules.ssh.allowFrom.1", "listed twice");
        expectProblem(mutate([]), "rules.ssh.allowFrom", "lets nobody in");
    });

    it("refuses allowFrom without a security group, and a malformed group id", () => {
        expectProblem((a) => (a.rules!.ssh.allowFrom = ["10.0.0.0/8"]), "rules.ssh.allowFrom", "needs securityGroupId");
        expectProblem(
            (a) => (a.rules!.web.securityGroupId = "web-servers"),
            "rules.web.securityGroupId",
            '"web-servers" is not a security group id',
        );
    });

    it("refuses two rules that would own the same cloud rule (group, protocol, port, source)", () => {
        expectProblem(
            (a) => {
                a.rules!.web.securityGroupId = "sg-web";
                a.rules!.other = {
                    eip: "b",
                    protocol: "tcp",
                    externalPort: "8081",
                    internalIp: "192.168.0.10",
                    internalPort: "80",
                    securityGroupId: "sg-web",
                };
            },
            "rules.web.securityGroupId",
            '"0.0.0.0/0" on tcp 80/80 in sg-web is already let in by rule "other"',
        );
    });

    it("refuses more ingress rules in one group than its quota (200 by default), unless the quota is raised", () => {
        const sources = Array.from({ length: 201 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
        const many = (a: SharedBandwidthGatewayArgs) => Object.assign(a.rules!.ssh, { securityGroupId: "sg-jump", allowFrom: sources });
        expectProblem(many, "rules", "201 ingress rules in security group sg-jump exceed the quota of 200");
        expect(run((a) => (many(a), (a.quotas = { rulesPerSecurityGroup: 300 }))).problems).to.deep.equal([]);
    });

    it("warns loudly when an administrative port is opened to the whole Internet on purpose", () => {
        const r = run((a) => Object.assign(a.rules!.ssh, { securityGroupId: "sg-jump", allowFrom: ["0.0.0.0/0"] }));
        expect(r.problems).to.deep.equal([]);
        const w = r.warnings.filter((x) => x.propertyPath === "rules.ssh.allowFrom");
        expect(w).to.have.length(1);
        expect(w[0].reason).to.match(/^OPEN TO THE WHOLE INTERNET: port 22 \(SSH\)/);
    });

    it("knows which protocol and port combinations ECS accepts", () => {
        expect(permissionProblem("tcp", "22/22")).to.equal(undefined);
        expect(permissionProblem("all", "-1/-1")).to.equal(undefined);
        expect(permissionProblem("icmp", "-1/-1")).to.equal(undefined);
        expect(permissionProblem("tcp", "-1/-1")).to.include("needs a port range start/end within 1-65535");
        expect(permissionProblem("udp", "0/10")).to.include("within 1-65535");
        expect(permissionProblem("all", "22/22")).to.include("takes only the port range -1/-1");
        expect(permissionProblem("sctp", "1/1")).to.include("is not one of");
    });

    it("parses sources with ipaddr.js into network CIDRs", () => {
        expect(parseSource("203.0.113.0/24")).to.deep.equal({ ok: true, cidr: "203.0.113.0/24", prefix: 24 });
        expect(parseSource("0.0.0.0/0")).to.deep.equal({ ok: true, cidr: "0.0.0.0/0", prefix: 0 });
        expect(parseSource(" 10.0.0.0/8 ")).to.deep.include({ ok: true, cidr: "10.0.0.0/8" });
        expect(parseSource(42)).to.deep.include({ ok: false });
    });

    it("names each ingress child by rule key and source, so adding a source keeps the others' names", () => {
        const g = (allowFrom: string[]) =>
            resolveGatewayArgs("gw", {
                ...baseArgs(),
                rules: {
                    ssh: { eip: "a", protocol: "tcp", externalPort: "22", internalIp: "192.168.0.12", securityGroupId: "sg-j", allowFrom },
                },
            });
        const before = ingressNames("gw", g(["203.0.113.0/24"]).rules[0]);
        const after = ingressNames("gw", g(["203.0.113.0/24", "198.51.100.0/24"]).rules[0]);
        expect([...before.values()]).to.deep.equal(["gw-ingress-ssh-203.0.113.0-24"]);
        expect([...after.values()]).to.deep.equal(["gw-ingress-ssh-203.0.113.0-24", "gw-ingress-ssh-198.51.100.0-24"]);
    });
});
