/**
 * The program run of the offline plan: the account it runs against (the inventory given, or one synthesised from
 * the validated stack config), the mocks (fresh, or against the deployed state), and the run itself with the SDK's
 * own console log lines held back (the plan reports the component's messages itself).
 */
import * as path from "path";
import { Inventory, synthesiseInventory } from "../cloud/inventory";
import { validateGatewayArgs } from "../components";
import { readStackGateway } from "../program/stackConfig";
import { CloudMocks } from "./cloudMocks";
import { AddressPool } from "./mockIds";
import type { PlanInputs } from "./planInputs";
import { deployedAddresses } from "./planUpdate";
import { PriorStateMocks } from "./priorMocks";
import { ProgramRun, runProgram } from "./recorder";

/** The account the program runs against: the inventory given, or the one synthesised when the program starts. */
export interface Account {
    inventory: Inventory | undefined;
}

/** The inventory of an account nothing was said about. */
export function synthesiseEmpty(): Inventory {
    return {
        source: "synthesised",
        site: "international",
        quotas: { eipsPerNatGateway: 20, dnatEntriesPerTable: 100, eipsPerBandwidthPlan: 100, bandwidthPlansPerRegion: 5 },
        natGateways: [],
        eips: [],
        bandwidthPlans: [],
        notes: ["no inventory: an empty international account with default quotas"],
    };
}

/** The mocks of the run: against the deployed state with `--state`, else fresh; no address of the account is handed out. */
export function planMocks(input: PlanInputs, account: Account): { mocks: CloudMocks; pool: AddressPool } {
    const taken = [...(input.inventory ? input.inventory.eips.map((e) => e.ipAddress) : []), ...deployedAddresses(input.prior)];
    const pool = new AddressPool(taken);
    const inventory = () => account.inventory ?? synthesiseEmpty();
    const mocks = input.prior ? new PriorStateMocks(inventory, pool, input.prior) : new CloudMocks(inventory, pool);
    return { mocks, pool };
}

/** The stack's program (`<dir>/index.ts`, loaded afresh), after synthesising an account for it when none was given. */
export function stackProgram(input: PlanInputs, account: Account, pool: AddressPool): () => unknown {
    const indexPath = path.join(input.dir, "index.ts");
    return () => {
        if (!account.inventory) {
            // Validate first (StackConfigError lists every problem), then make an account consistent with the stack.
            const sg = readStackGateway(input.project, input.componentName);
            const gw = validateGatewayArgs(sg.name, sg.args).gateway!;
            const vswitch = sg.args.natGateway.vswitchId;
            account.inventory = synthesiseInventory(
                gw,
                typeof sg.args.vpcId === "string" ? sg.args.vpcId : undefined,
                typeof vswitch === "string" ? vswitch : undefined,
                (key) => pool.addressFor(`adopted-eip-${key}`),
            );
        }
        delete require.cache[require.resolve(indexPath)];

        return require(indexPath);
    };
}

/**
 * Runs `run` with the SDK's runtime log lines held back: without an engine the SDK prints the component's log
 * messages to the console, and the plan reports them itself.
 */
async function withoutRuntimeLogs<T>(run: () => Promise<T>): Promise<T> {
    const consoleWarn = console.warn;
    const consoleLog = console.log;
    console.warn = (...a: unknown[]) => (/^(warning|error): \[runtime\]/.test(String(a[0])) ? undefined : consoleWarn(...a));
    console.log = (...a: unknown[]) => (/^(info|debug): \[runtime\]/.test(String(a[0])) ? undefined : consoleLog(...a));
    try {
        return await run();
    } finally {
        console.warn = consoleWarn;
        console.log = consoleLog;
    }
}

/** Runs the program under the mocks. runProgram drains the runtime's RPC queue itself, so a later run starts clean. */
export function runPlanProgram(program: () => unknown, input: PlanInputs, mocks: CloudMocks): Promise<ProgramRun> {
    return withoutRuntimeLogs(() =>
        runProgram(program, {
            project: input.project,
            stack: input.stack,
            config: input.config,
            mocks,
            serialiseDynamicProviders: false,
            onRegister: mocks instanceof PriorStateMocks ? mocks.onRegister : undefined,
        }),
    );
}
