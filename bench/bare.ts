/**
 * The bare anchor of `npm run bench:plan`: the cloud resources of a plan (NAT gateway, bandwidth plan, EIPs, joins,
 * bindings, DNAT entries) registered again with the same inputs and the same `dependsOn` sets under the SDK's
 * `setMocks`, with no component, validation, cloud model or graph check; the mock runtime's cost grows linearly
 * with the resource count. Measured twice: with the SDK's defaults, and with the runtime settings the plan uses
 * (no promise stack traces), which shows what the plan's own work costs on top.
 */
import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import * as pulumi from "@pulumi/pulumi";
import { KINDS } from "../components/kinds";
import type { PlanDocument, PlanResource } from "../offline/plan";
import { lightenRuntime } from "../offline/runtimeCosts";

type Constructor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const CONSTRUCTORS: Record<string, Constructor> = {
    [KINDS.nat.type]: vpc.NatGateway,
    [KINDS.plan.type]: vpc.CommonBandwithPackage,
    [KINDS.eip.type]: ecs.EipAddress,
    [KINDS.join.type]: vpc.CommonBandwithPackageAttachment,
    [KINDS.bind.type]: ecs.EipAssociation,
    [KINDS.dnat.type]: vpc.ForwardEntry,
};

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
};

/** The resources of `doc` the anchor registers, in the plan's order. */
export function anchorResources(doc: PlanDocument): PlanResource[] {
    return doc.resources.filter((r) => r.operation === "create" && CONSTRUCTORS[r.type] !== undefined);
}

function settled<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/**
 * Registers the anchor resources of `doc` and resolves when every registration has completed. `light`: with the
 * runtime settings the plan uses (offline/runtimeCosts.ts), else with the SDK's defaults.
 */
export async function runBare(doc: PlanDocument, light: boolean): Promise<number> {
    const restore = light ? lightenRuntime({ serialiseDynamicProviders: false }) : () => undefined;
    try {
        pulumi.runtime.setMocks(mocks, doc.project, doc.stack, false);
        const byUrn = new Map<string, pulumi.CustomResource>();
        for (const r of anchorResources(doc)) {
            const dependsOn = r.dependsOn.map((u) => byUrn.get(u)).filter((d): d is pulumi.CustomResource => d !== undefined);
            byUrn.set(r.urn, new CONSTRUCTORS[r.type](r.name, r.inputs as never, { dependsOn }));
        }
        await Promise.all([...byUrn.values()].map((res) => settled(res.id)));
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        return byUrn.size;
    } finally {
        restore();
    }
}
