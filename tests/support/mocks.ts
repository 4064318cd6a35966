/**
 * Deterministic mocks for unit tests: ids are `<name>-id`, tables and addresses derive from the name,
 * so cross-references can be asserted exactly. (The offline plan uses the fuller cloud model instead.)
 */
import { Mocks } from "@pulumi/pulumi/runtime/mocks";

/** A stable documentation-range address (203.0.113.0/24) for a resource name. */
export function addressFor(name: string): string {
    let h = 0;
    for (const c of name) {
        h = (h * 31 + c.charCodeAt(0)) % 251;
    }
    return `203.0.113.${h + 1}`;
}

export const simpleMocks: Mocks = {
    newResource(args) {
        const id = args.id || `${args.name}-id`;
        const state: Record<string, unknown> = { ...args.inputs };
        switch (args.type) {
            case "alicloud:vpc/natGateway:NatGateway":
                state.forwardTableIds = `ftb-${args.name}`;
                state.snatTableIds = `stb-${args.name}`;
                break;
            case "alicloud:ecs/eipAddress:EipAddress":
                state.ipAddress = addressFor(args.name);
                break;
            case "random:index/randomString:RandomString":
                state.result = "x1y2z3";
                break;
            case "pulumi-nodejs:dynamic:Resource":
                // Dynamic resources (the connectivity check): the inputs are the state. The provider never runs
                // under mocks, so unit tests never probe anything.
                break;
        }
        return { id, state };
    },
    call(args) {
        throw new Error(`Mock not implemented: ${args.token}`);
    },
};
