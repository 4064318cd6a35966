/**
 * Each kind's offline behaviour (offline/kinds/<kind>.ts), by the kind's name in components/kinds.ts: the operation
 * files (mocks, model replays, diff, protection, report) look a resource's kind up here instead of switching over
 * types. A type the gateway does not create has no entry, and no behaviour.
 */
import { KindName, kindOfType } from "../../components/kinds";
import { bind } from "./bind";
import { connectivity } from "./connectivity";
import { dnat } from "./dnat";
import { eip } from "./eip";
import { ingress } from "./ingress";
import type { OfflineKind } from "./kind";
import { join } from "./join";
import { nat } from "./nat";
import { plan } from "./plan";
import { suffix } from "./suffix";

export type { CreateContext, OfflineKind, ReadAnswer, WriteConflict } from "./kind";
export { conflictMessage } from "./kind";

/** Every kind's offline behaviour. */
export const OFFLINE_KINDS: Record<KindName, OfflineKind> = { suffix, eip, plan, nat, join, bind, dnat, ingress, connectivity };

/** The offline behaviour of a Pulumi type; undefined for a type the gateway does not create. */
export function offlineKind(type: string): OfflineKind | undefined {
    const kind = kindOfType(type);
    return kind === undefined ? undefined : OFFLINE_KINDS[kind];
}
