/**
 * A stack as the account commands see it: its file read the way the engine hands it to the program
 * (offline/stackFile.ts), then read and validated by the program's own code (program/stackConfig.ts) under the mock
 * runtime, which holds the config. Nothing is registered. The result is the component's resolved arguments, the
 * region, and the project name the config keys carry.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedGateway, validateGatewayArgs } from "../components";
import { listStacks } from "../offline/plan";
import { readProjectName, readStackConfig, REDACTED_VPC_ID, StackFileError } from "../offline/stackFile";
import { readStackGateway } from "../program/stackConfig";

export interface AccountStack {
    project: string;
    stack: string;
    file: string;
    /** `alicloud:region`, or undefined when the stack file does not set it. */
    region: string | undefined;
    gateway: ResolvedGateway;
    /** The stack's `vpcId` when it is a plain string (not an encrypted secret, which cannot be read offline). */
    vpcId: string | undefined;
    /** `vpcId` is an encrypted secret. */
    vpcIdSecret: boolean;
    /** The stack's `natGateway.vswitchId` when the gateway is created and the id is a plain string. */
    vswitchId: string | undefined;
}

/** The stack file of `stack` in `dir`, or a {@link StackFileError} naming the stacks there. */
export function stackFileOf(dir: string, stack: string): string {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const stacks = listStacks(dir);
        throw new StackFileError(
            `no stack file ${path.basename(file)} in ${dir}; stacks found: ${stacks.length > 0 ? stacks.join(", ") : "(none)"}`,
        );
    }
    return file;
}

/**
 * Reads and validates stack `stack` of the project in `dir` (`Pulumi.<stack>.yaml`, or `file`). Throws
 * {@link StackFileError} for a file it cannot read, and the program's `StackConfigError` listing every problem by key.
 */
export async function readAccountStack(dir: string, stack: string, file = stackFileOf(dir, stack)): Promise<AccountStack> {
    const project = readProjectName(dir);
    const config = readStackConfig(file, project);
    await pulumi.runtime.setMocks({ newResource: () => ({ id: undefined, state: {} }), call: () => ({}) }, project, stack, false);
    pulumi.runtime.setAllConfig(config, []);
    const sg = readStackGateway(project, "gateway");
    const gateway = validateGatewayArgs(sg.name, sg.args).gateway!;
    const vswitch = gateway.nat.mode === "create" ? gateway.nat.vswitchId : undefined;
    return {
        project,
        stack,
        file,
        region: config["alicloud:region"],
        gateway,
        vpcId: typeof gateway.vpcId === "string" && gateway.vpcId !== REDACTED_VPC_ID ? gateway.vpcId : undefined,
        vpcIdSecret: gateway.vpcId === REDACTED_VPC_ID,
        vswitchId: typeof vswitch === "string" ? vswitch : undefined,
    };
}
