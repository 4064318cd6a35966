/**
 * Unit test of the consumer under Pulumi mocks: the component's children exist and are wired to this project's
 * network; bad arguments get the component's own message naming the property.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { GatewayValidationError, SharedBandwidthGateway, SharedBandwidthGatewayArgs } from "shared-bandwidth-gateway";

const registrations = new Map<string, MockResourceArgs>();
const waiting = new Map<string, (args: MockResourceArgs) => void>();

/** Resolves with a resource's registration once the program has registered it. */
function registered(name: string): Promise<MockResourceArgs> {
    const seen = registrations.get(name);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.set(name, resolve));
}

/** A documentation-range address (203.0.113.0/24) per EIP name. */
function addressOf(name: string): string {
    return `203.0.113.${[...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 250, 0) + 1}`;
}

const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
        registrations.set(args.name, args);
        waiting.get(args.name)?.(args);
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "alicloud:vpc/natGateway:NatGateway") {
            state.forwardTableIds = `ftb-${args.name}`;
            state.snatTableIds = `stb-${args.name}`;
        } else if (args.type === "alicloud:ecs/eipAddress:EipAddress") {
            state.ipAddress = addressOf(args.name);
        } else if (args.type === "random:index/randomString:RandomString") {
            state.result = "abc123";
        }
        return { id: `${args.name}-id`, state };
    },
    call(args) {
        throw new Error(`Mock not implemented: ${args.token}`);
    },
};

describe("consumer project", () => {
    let program: typeof import("../index");

    before(async () => {
        await pulumi.runtime.setMocks(mocks, "sbg-consumer", "test", false);
        pulumi.runtime.setConfig("sbg-consumer:vpcId", "vpc-app");
        pulumi.runtime.setConfig("sbg-consumer:vpcCidr", "10.20.0.0/16");
        pulumi.runtime.setConfig("sbg-consumer:vswitchId", "vsw-nat");
        program = await import("../index");
    });

    it("registers the component under its package token", async () => {
        const component = await registered("edge");
        assert.equal(component.type, "shared-bandwidth-gateway:index:SharedBandwidthGateway");
    });

    it("creates the NAT gateway in the configured VPC and vSwitch", async () => {
        const nat = await registered("edge-nat");
        assert.equal(nat.type, "alicloud:vpc/natGateway:NatGateway");
        assert.equal(nat.inputs.vpcId, "vpc-app");
        assert.equal(nat.inputs.vswitchId, "vsw-nat");
        assert.equal(nat.inputs.natType, "Enhanced");
    });

    it("forwards 443 on the web EIP to 10.20.1.10:8443 through the gateway's DNAT table", async () => {
        const entry = await registered("edge-dnat-web-https");
        assert.equal(entry.type, "alicloud:vpc/forwardEntry:ForwardEntry");
        assert.deepEqual(
            {
                forwardTableId: entry.inputs.forwardTableId,
                externalIp: entry.inputs.externalIp,
                externalPort: entry.inputs.externalPort,
                internalIp: entry.inputs.internalIp,
                internalPort: entry.inputs.internalPort,
                ipProtocol: entry.inputs.ipProtocol,
            },
            {
                forwardTableId: "ftb-edge-nat",
                externalIp: addressOf("edge-eip-web"),
                externalPort: "443",
                internalIp: "10.20.1.10",
                internalPort: "8443",
                ipProtocol: "tcp",
            },
        );
    });

    it("puts both EIPs in the 200 Mbit/s plan and binds them to the gateway", async () => {
        const plan = await registered("edge-plan");
        assert.equal(plan.inputs.bandwidth, "200");
        for (const key of ["web", "api"]) {
            const join = await registered(`edge-join-${key}`);
            assert.deepEqual(join.inputs, { bandwidthPackageId: "edge-plan-id", instanceId: `edge-eip-${key}-id`, ipType: "EIP" });
            const bind = await registered(`edge-bind-${key}`);
            assert.deepEqual(bind.inputs, { allocationId: `edge-eip-${key}-id`, instanceId: "edge-nat-id", instanceType: "Nat" });
        }
    });

    it("exports each rule's public endpoint", async () => {
        const endpoints = await new Promise<Record<string, { public: string; private: string }>>((resolve) =>
            program.endpoints.apply(resolve),
        );
        assert.deepEqual(Object.fromEntries(Object.entries(endpoints).map(([k, e]) => [k, `${e.public} -> ${e.private}`])), {
            "web-https": `${addressOf("edge-eip-web")}:443/tcp -> 10.20.1.10:8443`,
            "api-https": `${addressOf("edge-eip-api")}:443/tcp -> 10.20.1.20:443`,
        });
    });
});

describe("bad arguments", () => {
    const valid: SharedBandwidthGatewayArgs = {
        vpcId: "vpc-app",
        vpcCidr: "10.20.0.0/16",
        natGateway: { vswitchId: "vsw-nat" },
        eips: { web: {} },
        rules: { "web-https": { eip: "web", protocol: "tcp", externalPort: "443", internalIp: "10.20.1.10" } },
        bandwidthPlan: { bandwidthMbps: 200 },
    };

    /** The component's refusal of `args` (what a TypeScript program bypassing its types, or JSON config, passes). */
    function refusal(args: unknown): GatewayValidationError {
        try {
            new SharedBandwidthGateway("bad", args as SharedBandwidthGatewayArgs);
        } catch (e) {
            assert.ok(e instanceof GatewayValidationError, `expected the component's validation error, got ${String(e)}`);
            return e;
        }
        assert.fail("the component accepted the arguments");
    }

    it("names a property of the wrong type, with the value received", () => {
        const e = refusal({ ...valid, eips: { web: "yes" } });
        assert.equal(
            e.message,
            "bad: invalid arguments (1 problem):\n" +
                '  - eips.web: must be the EIP\'s properties, or {} for a created EIP with every default, e.g. eips: { web: {} } (got "yes")',
        );
    });

    it("names a missing required property", () => {
        const e = refusal({ ...valid, natGateway: undefined });
        assert.deepEqual(
            e.problems.map((p) => `${p.propertyPath}: ${p.reason}`),
            ['natGateway: is required: the NAT gateway\'s properties, e.g. natGateway: { vswitchId: "vsw-..." }'],
        );
    });

    it("names a missing required property of a rule by its key", () => {
        const e = refusal({ ...valid, rules: { "web-https": { eip: "web", protocol: "tcp", externalPort: "443" } } });
        assert.deepEqual(
            e.problems.map((p) => p.propertyPath),
            ["rules.web-https.internalIp"],
        );
    });
});
