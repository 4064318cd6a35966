/**
 * The DNAT (forward) entries of a SharedBandwidthGateway, one per rule (`<name>-dnat-<rule key>`), in one lane on
 * the gateway's table, each after its EIP's binding.
 */
import type * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import { childName } from "../kinds";
import { serialLanes } from "../ordering";
import type { ResolvedRule } from "../validation";
import { aliasesOf, ChildContext } from "./context";
import type { Nat } from "./nat";

/** Creates the entry of every rule, by rule key. */
export function createEntries(
    ctx: ChildContext,
    nat: Nat,
    eips: Map<string, ecs.EipAddress>,
    binds: Map<string, ecs.EipAssociation>,
): Map<string, vpc.ForwardEntry> {
    // One lane whatever maxParallelWrites says: a second one fails the update (components/ordering.ts).
    const ruleLanes = serialLanes(
        ctx.gw.rules.map((r) => r.key),
        1,
    );
    const entries = new Map<string, vpc.ForwardEntry>();
    for (const r of ctx.gw.rules) {
        const prev = ruleLanes.get(r.key);
        const after = [binds.get(r.eip)!, ...(prev ? [entries.get(prev)!] : [])];
        entries.set(r.key, createEntry(ctx, r, nat, eips.get(r.eip)!, after));
    }
    return entries;
}

function createEntry(
    ctx: ChildContext,
    r: ResolvedRule,
    nat: Nat,
    eip: ecs.EipAddress,
    after: (ecs.EipAssociation | vpc.ForwardEntry)[],
): vpc.ForwardEntry {
    // rules §2 step 5: externalIp comes from the EIP, not the binding, so the binding is an explicit
    // dependency (InvalidIp.NotInNatgw otherwise). Entries on one table are serialised (step 6).
    return new vpc.ForwardEntry(
        childName(ctx.name, "dnat", r.key),
        {
            forwardTableId: nat.forwardTableId,
            externalIp: eip.ipAddress,
            externalPort: r.externalPort,
            internalIp: r.internalIp,
            internalPort: r.internalPort,
            ipProtocol: r.protocol,
            forwardEntryName: r.name,
            portBreak: r.portBreak || undefined,
        },
        // A change of port, IP or protocol is an in-place ModifyForwardEntry; only a new DNAT table replaces the
        // entry (forward_table_id is its one ForceNew argument, resource_alicloud_forward_entry.go v1.285.0). As
        // (ExternalIp, ExternalPort, IpProtocol) is unique in a table (rules §1.6), that replacement deletes first.
        {
            parent: ctx.parent,
            dependsOn: [nat.resource, ...after],
            deleteBeforeReplace: true,
            aliases: aliasesOf(ctx, "dnat", ctx.gw.renames.rules[r.key]),
            // The gateway's forced deletion deletes it (components/teardown.ts); alone, it is deleted on its own.
            deletedWith: ctx.teardown.forceGateway ? nat.resource : undefined,
        },
    );
}
