/**
 * The connectivity check inside the gateway: which endpoints it plans (pure) and, under mocks with the dev and prod
 * stack files, that the check is registered after exactly the forward entries and plan attachments it covers.
 */
import { expect } from "chai";
import { planConnectivity } from "../components/connectivity/plan";
import type { SharedBandwidthGatewayArgs } from "../components/types";
import { resolveGatewayArgs } from "../components/validation";
import { RecordedResource } from "../offline/recorder";
import { readStackConfig } from "../offline/stackFile";
import { addressFor } from "./support/mocks";
import { PROJECT, runIndex, stackFiles } from "./support/run";

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

function baseArgs(extra: Partial<SharedBandwidthGatewayArgs> = {}): SharedBandwidthGatewayArgs {
    return {
        vpcId: "vpc-1",
        vpcCidr: "10.0.0.0/16",
        natGateway: { vswitchId: "vsw-1" },
        eips: { a: {}, b: {}, spare: {} },
        rules: {
            range: { eip: "a", protocol: "tcp", externalPort: "8000/8010", internalIp: "10.0.0.5" },
            dns: { eip: "a", protocol: "udp", externalPort: "53", internalIp: "10.0.0.6" },
            off: { eip: "a", protocol: "tcp", externalPort: "22", internalIp: "10.0.0.7", probe: { enabled: false } },
            whole: { eip: "b", protocol: "any", internalIp: "10.0.0.8", probe: { ports: [443, 80, 443], kind: "https", path: "/ok" } },
        },
        bandwidthPlan: { bandwidthMbps: 100 },
        connectivityCheck: { mode: "report", sparePorts: [443, 22] },
        ...extra,
    };
}

describe("connectivity plan", () => {
    it("probes a range on its first port, whole-IP rules on probe.ports (deduplicated), spare EIPs closed", () => {
        const plan = planConnectivity(resolveGatewayArgs("gw", baseArgs()));
        expect(plan.endpoints).to.deep.equal([
            { key: "rule/range:8000", eip: "a", rule: "range", port: 8000, kind: "tcp", expect: "open" },
            { key: "rule/whole:80", eip: "b", rule: "whole", port: 80, kind: "https", path: "/ok", expect: "open" },
            { key: "rule/whole:443", eip: "b", rule: "whole", port: 443, kind: "https", path: "/ok", expect: "open" },
            { key: "spare/spare:22", eip: "spare", port: 22, kind: "tcp", expect: "closed" },
            { key: "spare/spare:443", eip: "spare", port: 443, kind: "tcp", expect: "closed" },
        ]);
        expect(plan.rules).to.deep.equal(["range", "whole"]);
        expect(plan.eips).to.deep.equal(["a", "b", "spare"]);
        expect(plan.spareEips).to.deep.equal(["spare"]);
    });

    it("says which rules it leaves out and why: disabled, UDP, whole-IP without probe.ports", () => {
        const args = baseArgs();
        delete args.rules!.whole.probe;
        const plan = planConnectivity(resolveGatewayArgs("gw", args));
        expect(plan.skipped).to.deep.equal([
            { propertyPath: "rules.dns.probe", reason: "not probed by the connectivity check: UDP has no connect or request to test" },
            { propertyPath: "rules.off.probe", reason: "not probed by the connectivity check: probe.enabled is false" },
            {
                propertyPath: "rules.whole.probe",
                reason: "not probed by the connectivity check: a whole-IP rule needs probe.ports to choose ports",
            },
        ]);
        expect(plan.rules).to.deep.equal(["range"]);
        expect(plan.eips).to.deep.equal(["a", "spare"]);
    });

    it("plans nothing when the mode is off (the default)", () => {
        const plan = planConnectivity(resolveGatewayArgs("gw", baseArgs({ connectivityCheck: undefined })));
        expect(plan).to.deep.equal({ endpoints: [], rules: [], eips: [], spareEips: [], skipped: [] });
    });
});

function runStack(stack: string, edit: (config: Record<string, string>) => void = () => undefined) {
    const config = readStackConfig(stackFiles()[stack], PROJECT);
    edit(config);
    return runIndex(stack, config);
}

function urnOf(resources: RecordedResource[], name: string): string {
    const r = resources.find((x) => x.name === name);
    expect(r, name).to.not.equal(undefined);
    return r!.urn;
}

describe("connectivity check in the gateway (mocks)", () => {
    it("dev: one check after both forward entries and plan attachments, probing HTTP on each EIP's address", async () => {
        const { resources, outputs } = await runStack("dev");
        const checks = resources.filter((r) => r.type === DYNAMIC);
        expect(checks.map((r) => r.name)).to.deep.equal(["gateway-connectivity"]);
        const check = checks[0];
        expect(check.parent).to.equal(urnOf(resources, "gateway"));
        const expected = [
            "gateway-dnat-app1-http",
            "gateway-dnat-app2-http",
            "gateway-join-app1",
            "gateway-join-app2",
            // The addresses come from the EIPs, which makes them dependencies too.
            "gateway-eip-app1",
            "gateway-eip-app2",
        ].map((n) => urnOf(resources, n));
        expect(check.dependsOn).to.deep.equal([...expected].sort());
        expect(check.inputs.mode).to.equal("report");
        expect(check.inputs.trigger).to.equal("");
        expect(check.inputs.options).to.deep.equal({});
        expect(check.inputs.endpoints).to.deep.equal([
            { key: "rule/app1-http:80", host: addressFor("gateway-eip-app1"), port: 80, kind: "http", path: "/", expect: "open" },
            { key: "rule/app2-http:80", host: addressFor("gateway-eip-app2"), port: 80, kind: "http", path: "/", expect: "open" },
        ]);
        expect(check.inputs.__provider).to.be.a("string").and.include("exports.handler");
        expect(outputs.connectivity).to.have.property("mode", "report");
    });

    it("prod: enforce; every rule and the spare ip5 covered; spare depends on its binding as well", async () => {
        const { resources } = await runStack("prod");
        const check = resources.find((r) => r.type === DYNAMIC)!;
        expect(check.name).to.equal("gateway-connectivity");
        expect(check.inputs.mode).to.equal("enforce");
        const expected = [
            ...["ip1-all", "ip2-all", "ip3-http", "ip3-https", "ip4-ssh"].map((k) => `gateway-dnat-${k}`),
            ...["ip1", "ip2", "ip3", "ip4", "ip5"].map((k) => `gateway-join-${k}`),
            ...["ip1", "ip2", "ip3", "ip4", "ip5"].map((k) => `gateway-eip-${k}`),
            "gateway-bind-ip5",
        ].map((n) => urnOf(resources, n));
        expect(check.dependsOn).to.deep.equal([...expected].sort());
        const endpoints = check.inputs.endpoints as { key: string; host: string; kind: string; expect: string }[];
        expect(endpoints.map((e) => `${e.key} ${e.kind} ${e.expect}`)).to.deep.equal([
            "rule/ip1-all:80 tcp open",
            "rule/ip2-all:80 tcp open",
            "rule/ip3-http:80 http open",
            "rule/ip3-https:443 https open",
            "rule/ip4-ssh:22 tcp open",
            "spare/ip5:22 tcp closed",
            "spare/ip5:80 tcp closed",
            "spare/ip5:443 tcp closed",
        ]);
        expect(endpoints.find((e) => e.key === "spare/ip5:22")!.host).to.equal(addressFor("gateway-eip-ip5"));
    });

    it("only the rules it probes: a disabled rule's entry is not a dependency", async () => {
        const { resources } = await runStack("prod", (config) => {
            const rules = JSON.parse(config[`${PROJECT}:rules`]);
            rules["ip4-ssh"].probe = { enabled: false };
            config[`${PROJECT}:rules`] = JSON.stringify(rules);
        });
        const check = resources.find((r) => r.type === DYNAMIC)!;
        expect(check.dependsOn).to.not.include(urnOf(resources, "gateway-dnat-ip4-ssh"));
        expect(check.dependsOn).to.not.include(urnOf(resources, "gateway-join-ip4"));
        expect(check.dependsOn).to.include(urnOf(resources, "gateway-dnat-ip3-http"));
        expect((check.inputs.endpoints as { key: string }[]).map((e) => e.key)).to.not.include("rule/ip4-ssh:22");
    });

    it("mode off: no check, and the connectivity output is null (an undefined output would be dropped with a warning)", async () => {
        const { resources, outputs } = await runStack("dev", (config) => {
            config[`${PROJECT}:connectivityCheck`] = JSON.stringify({ mode: "off" });
        });
        expect(resources.filter((r) => r.type === DYNAMIC)).to.deep.equal([]);
        expect(resources.filter((r) => r.type === "alicloud:vpc/forwardEntry:ForwardEntry")).to.have.length(2);
        expect(outputs.connectivity).to.equal(null);
    });
});
