/** The e2e comparisons (e2e/compare.ts): offline plan versus preview and engine state, the emulator's request log, stack configs. */
import { expect } from "chai";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
    eipOrdering,
    planVersusPreview,
    planVersusState,
    previewOperations,
    refusalCounts,
    refusals,
    StateResource,
} from "../../e2e/compare";
import { e2eConfig, readConfigFile } from "../../e2e/stack";
import { updatedConfig } from "../../e2e/lifecycle";
import type { LogEntry } from "../../emulator/emulator";
import type { PlanDocument } from "../../offline/plan";

const URN = (t: string, n: string) =>
    `urn:pulumi:dev::shared-bandwidth-gateway::shared-bandwidth-gateway:index:SharedBandwidthGateway$${t}::${n}`;
const EIP = URN("alicloud:ecs/eipAddress:EipAddress", "gateway-eip-app1");
const JOIN = URN("alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", "gateway-join-app1");

function plan(resources: Partial<PlanDocument["resources"][number]>[]): PlanDocument {
    return { resources: resources.map((r) => ({ dependsOn: [], protect: false, ...r })) } as unknown as PlanDocument;
}

let seq = 0;
function req(action: string, params: Record<string, string>, status = 200, code?: string): LogEntry {
    return { seq: ++seq, at: "", action, params, status, code };
}

/** A preview's step event for `urn`. */
const step = (urn: string, op: string, diffs?: string[]) =>
    ({
        sequence: 0,
        timestamp: 0,
        resourcePreEvent: { metadata: { op, urn, type: urn.split("::")[2].split("$").pop()!, diffs } },
    }) as unknown as EngineEvent;

describe("e2e comparisons: the offline plan of an update against the preview", () => {
    const PLAN = URN("alicloud:vpc/commonBandwithPackage:CommonBandwithPackage", "gateway-plan");
    it("agree on operations and changes; a replacement's three steps are one replace; providers are left out", () => {
        const events = [
            step("urn:pulumi:dev::shared-bandwidth-gateway::pulumi:providers:alicloud::default", "same"),
            step(EIP, "create-replacement", ["isp"]),
            step(EIP, "replace", ["isp"]),
            step(PLAN, "update", ["bandwidth", "tags.env"]),
            step(EIP, "delete-replaced"),
        ];
        const p = plan([
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress", operation: "replace", changes: ["isp"] },
            {
                urn: PLAN,
                type: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
                operation: "update",
                changes: ["bandwidth", "tags"],
            },
        ]);
        expect(previewOperations(events).get(EIP)).to.deep.equal({ op: "replace", diffs: ["isp"] });
        expect(planVersusPreview(p, previewOperations(events))).to.deep.equal([]);
    });
    it("name each resource whose operation or changed inputs differ, and resources only one side has", () => {
        const CHECK = URN("pulumi-nodejs:dynamic:Resource", "gateway-connectivity");
        // The dynamic provider reports no changed keys (seen in the e2e): only the operation is compared.
        const events = [
            step(EIP, "update", ["addressName"]),
            step(PLAN, "update", ["bandwidth"]),
            step(JOIN, "create"),
            step(CHECK, "update", []),
        ];
        const p = plan([
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress", operation: "same" },
            {
                urn: PLAN,
                type: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
                operation: "update",
                changes: ["bandwidth", "deletionProtection"],
            },
            { urn: CHECK, type: "pulumi-nodejs:dynamic:Resource", operation: "update", changes: ["endpoints"] },
        ]);
        expect(planVersusPreview(p, previewOperations(events))).to.deep.equal([
            "gateway-eip-app1: the offline plan says same, the preview update",
            "gateway-plan: the offline plan updates bandwidth, deletionProtection, the preview bandwidth",
            "gateway-join-app1: the preview says create, the offline plan does not know it",
        ]);
    });
});

describe("e2e comparisons: the offline plan against the engine's state", () => {
    it("agree when URNs, types, dependencies and protection match (provider resources are the engine's own)", () => {
        const p = plan([
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress", protect: true },
            { urn: JOIN, type: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", dependsOn: [EIP] },
        ]);
        const state: StateResource[] = [
            {
                urn: "urn:pulumi:dev::shared-bandwidth-gateway::pulumi:providers:alicloud::default_3_108_0",
                type: "pulumi:providers:alicloud",
            },
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress", protect: true },
            { urn: JOIN, type: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", dependencies: [EIP] },
        ];
        expect(planVersusState(p, state)).to.deep.equal([]);
    });

    it("names a dependency edge the engine did not record, and protection that differs", () => {
        const p = plan([
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress", protect: true },
            { urn: JOIN, type: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", dependsOn: [EIP] },
        ]);
        const state: StateResource[] = [
            { urn: EIP, type: "alicloud:ecs/eipAddress:EipAddress" },
            { urn: JOIN, type: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment", dependencies: [] },
        ];
        expect(planVersusState(p, state)).to.deep.equal([
            "gateway-eip-app1: protect true planned, false deployed",
            "gateway-join-app1: dependencies differ (planned only: gateway-eip-app1; deployed only: -)",
        ]);
    });

    it("names a deletedWith the engine did not record, or recorded differently", () => {
        const PLAN = URN("alicloud:vpc/commonBandwithPackage:CommonBandwithPackage", "gateway-plan");
        const join = { urn: JOIN, type: "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment" };
        const p = plan([
            { urn: PLAN, type: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage" },
            { ...join, deletedWith: PLAN },
        ]);
        const state: StateResource[] = [{ urn: PLAN, type: "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage" }, join];
        expect(planVersusState(p, state)).to.deep.equal(["gateway-join-app1: deletedWith gateway-plan planned, none deployed"]);
        expect(planVersusState(p, [state[0], { ...join, deletedWith: PLAN }])).to.deep.equal([]);
    });

    it("names URNs only one side has (the mocks once put the root stack in child URNs)", () => {
        const mocked =
            "urn:pulumi:dev::shared-bandwidth-gateway::pulumi:pulumi:Stack$shared-bandwidth-gateway:index:SharedBandwidthGateway::gateway";
        const real = "urn:pulumi:dev::shared-bandwidth-gateway::shared-bandwidth-gateway:index:SharedBandwidthGateway::gateway";
        const problems = planVersusState(plan([{ urn: mocked, type: "shared-bandwidth-gateway:index:SharedBandwidthGateway" }]), [
            { urn: real, type: "shared-bandwidth-gateway:index:SharedBandwidthGateway" },
        ]);
        expect(problems).to.deep.equal([`planned but not deployed: ${mocked}`, `deployed but not planned: ${real}`]);
    });
});

describe("e2e comparisons: the emulator's request log", () => {
    it("reports every refusal, with its code, as a retried request", () => {
        const log = [req("DescribeNatGateways", {}), req("CreateForwardEntry", { ExternalIp: "127.0.10.1" }, 400, "InvalidIp.NotInNatgw")];
        expect(refusals(log)).to.deep.equal([
            'the emulator refused CreateForwardEntry (InvalidIp.NotInNatgw) with {"ExternalIp":"127.0.10.1"}; the provider retried it',
        ]);
    });

    it("under a variant, reports only the refusals the provider does not ride out, and counts them all by what the provider did", () => {
        const log = [
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-2" }, 400, "TaskConflict"),
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-3" }, 400, "OperationFailed.DistibuteLock"),
            req("RemoveCommonBandwidthPackageIp", { IpInstanceId: "eip-3" }, 400, "OperationUnsupported.IpNotInCbwp"),
            { ...req("CreateForwardEntry", {}, 400, "Throttling.User"), injected: true },
        ];
        expect(refusals(log, true)).to.deep.equal([
            'the emulator refused AddCommonBandwidthPackageIp (OperationFailed.DistibuteLock) with {"IpInstanceId":"eip-3"}; the provider does not retry that',
        ]);
        expect(refusals(log)).to.have.length(3);
        expect(refusalCounts(log)).to.deep.equal({
            "AddCommonBandwidthPackageIp TaskConflict (retried)": 1,
            "AddCommonBandwidthPackageIp OperationFailed.DistibuteLock (fails)": 1,
            "RemoveCommonBandwidthPackageIp OperationUnsupported.IpNotInCbwp (success)": 1,
        });
    });

    it("accepts join, then bind, then on destroy unbind, then leave", () => {
        const log = [
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-1" }),
            req("AssociateEipAddress", { AllocationId: "eip-1" }),
            req("UnassociateEipAddress", { AllocationId: "eip-1" }),
            req("RemoveCommonBandwidthPackageIp", { IpInstanceId: "eip-1" }),
        ];
        expect(eipOrdering(log)).to.deep.equal([]);
    });

    it("accepts a forced teardown: the gateway's forced deletion unbinds, the plan's removes, then the release", () => {
        const log = [
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-1", BandwidthPackageId: "cbwp-1" }),
            req("AssociateEipAddress", { AllocationId: "eip-1", InstanceId: "ngw-1" }),
            req("DeleteNatGateway", { NatGatewayId: "ngw-1", Force: "true" }),
            req("DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1", Force: "true" }),
            req("ReleaseEipAddress", { AllocationId: "eip-1" }),
        ];
        expect(eipOrdering(log)).to.deep.equal([]);
    });

    it("flags the plan's forced deletion before the gateway's, and a release before the EIP left its plan (delete steps 3, 6)", () => {
        const log = [
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-1", BandwidthPackageId: "cbwp-1" }),
            req("AssociateEipAddress", { AllocationId: "eip-1", InstanceId: "ngw-1" }),
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-2", BandwidthPackageId: "cbwp-2" }),
            req("DeleteCommonBandwidthPackage", { BandwidthPackageId: "cbwp-1", Force: "true" }),
            req("DeleteNatGateway", { NatGatewayId: "ngw-1", Force: "false" }),
            req("ReleaseEipAddress", { AllocationId: "eip-2" }),
        ];
        expect(eipOrdering(log)).to.deep.equal([
            "eip-1 left the plan (the plan's forced deletion) while still bound to the gateway (rules §2 delete step 3)",
            "eip-2 was released while still in plan cbwp-2 (rules §2 delete step 6)",
        ]);
    });

    it("flags a bind before the join (rules §2 step 4) and leaving the plan while bound (delete step 3)", () => {
        const log = [
            req("AssociateEipAddress", { AllocationId: "eip-1" }),
            req("AddCommonBandwidthPackageIp", { IpInstanceId: "eip-1" }),
            req("RemoveCommonBandwidthPackageIp", { IpInstanceId: "eip-1" }),
            req("UnassociateEipAddress", { AllocationId: "eip-1" }),
        ];
        expect(eipOrdering(log)).to.deep.equal([
            "eip-1 was bound to the gateway before it joined the plan (rules §2 step 4)",
            "eip-1 left the plan while still bound to the gateway (rules §2 delete step 3)",
        ]);
    });
});

describe("e2e stack configs", () => {
    const NS = "shared-bandwidth-gateway:";
    const prod = readConfigFile(path.join(__dirname, "..", "..", "Pulumi.prod.yaml"));

    it("deploys without EIP protection and with an enforcing connectivity check, nothing else changed", () => {
        const c = e2eConfig(prod);
        expect(c[`${NS}protectEips`]).to.equal(false);
        expect(c[`${NS}connectivityCheck`]).to.deep.include({ mode: "enforce", sparePorts: [22, 80, 443] });
        expect(c[`${NS}rules`]).to.deep.equal(prod[`${NS}rules`]);
    });

    it("updates by adding an EIP and a rule, removing the last rule and the spare ip5, resizing the plan and lifting deletion protection", () => {
        const u = updatedConfig(prod);
        // ip4 loses its rule and stays as a spare the check probes; ip5 had no rule and goes (Unassociate, Remove, Release).
        expect(Object.keys(u[`${NS}eips`] as object)).to.deep.equal(["ip1", "ip2", "ip3", "ip4", "e2eadded"]);
        expect(Object.keys(u[`${NS}rules`] as object)).to.deep.equal(["ip1-all", "ip2-all", "ip3-http", "ip3-https", "e2eadded-tcp"]);
        expect((u[`${NS}rules`] as Record<string, { internalIp: string }>)["e2eadded-tcp"].internalIp).to.equal("192.168.0.250");
        expect(u[`${NS}bandwidthPlan`]).to.deep.include({ bandwidthMbps: 160, deletionProtection: false });
        expect(u[`${NS}natGateway`]).to.deep.include({ deletionProtection: false });
    });

    it("removes the dev stack's app2 with its rule (no spare ports are probed there), and no EIP when EIPs are protected", () => {
        const dev = e2eConfig(readConfigFile(path.join(__dirname, "..", "..", "Pulumi.dev.yaml")));
        expect(Object.keys(updatedConfig(dev)[`${NS}eips`] as object)).to.deep.equal(["app1", "e2eadded"]);
        expect(Object.keys(updatedConfig({ ...dev, [`${NS}protectEips`]: true })[`${NS}eips`] as object)).to.deep.equal([
            "app1",
            "app2",
            "e2eadded",
        ]);
    });

    it("renames the first rule's DNAT entry, so the update also modifies an entry in place (ModifyForwardEntry)", () => {
        const rules = updatedConfig(prod)[`${NS}rules`] as Record<string, Record<string, unknown>>;
        expect(Object.entries(rules).filter(([, r]) => r.name !== undefined)).to.deep.equal([
            ["ip1-all", { ...(prod[`${NS}rules`] as Record<string, object>)["ip1-all"], name: "ip1-all-renamed" }],
        ]);
    });
});
