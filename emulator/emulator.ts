/**
 * The emulator's core: the cloud model (cloud/model.ts, the same one the offline plan replays against) behind the
 * VPC API's actions and the ECS security group actions. The model decides what the cloud accepts and refuses; this layer only translates the wire
 * parameters into model operations and keeps what the model does not need but the API reports back (names,
 * descriptions, tags, timestamps), so the provider reads every field it expects.
 *
 * How fast resources leave their transitional states (`Creating`, `Associating`, `Pending`, `BINDING`...), and which
 * writes are refused with an injected throttling or transient fault, come from the {@link Realism} knobs
 * (emulator/realism.ts); with {@link INSTANT_REALISM} every resource reaches its final state at once. Every request
 * is logged, injected refusals marked as such.
 */
import { CloudError, CloudModel } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { LoopbackPool } from "./addresses";
import { FaultInjector, INSTANT_REALISM, Realism } from "./realism";
import { RpcAnswer, RpcRequest, WireError } from "./wire";

/** What the API reports about a NAT gateway beyond the model's state. */
export interface NatRecord {
    regionId: string;
    name: string;
    description: string;
    natType: string;
    networkType: string;
    internetChargeType: string;
    instanceChargeType: string;
    eipBindMode: string;
    spec: string;
    vswitchId: string;
    icmpReplyEnabled: boolean;
    privateLinkEnabled: boolean;
    creationTime: string;
}

export interface EipRecord {
    regionId: string;
    name: string;
    description: string;
    bandwidth: string;
    netmode: string;
    instanceChargeType: string;
    deletionProtection: boolean;
    allocationTime: string;
    resourceGroupId: string;
}

export interface PlanRecord {
    regionId: string;
    name: string;
    description: string;
    ratio: number;
    creationTime: string;
    resourceGroupId: string;
}

export interface EntryRecord {
    name: string;
    /** As sent, so that reads echo the caller's spelling (`80`, `8000/8010`, `any`). */
    externalPort: string;
    internalPort: string;
    ipProtocol: string;
}

/** What the API reports about a security group rule beyond the model's state. */
export interface GroupRuleRecord {
    createTime: string;
    description: string;
}

/** One logged request. */
export interface LogEntry {
    seq: number;
    at: string;
    action: string;
    /** Parameters without the signature and other common parameters. */
    params: Record<string, string>;
    status: number;
    code?: string;
    /** The refusal's message (the provider matches retried codes inside it too, emulator/providerRetries.ts). */
    message?: string;
    /** `https` when the request came over TLS (emulator/tls.ts). */
    scheme?: "http" | "https";
    /** Set when the refusal was injected (throttling, transient fault), not a rule of the cloud. */
    injected?: boolean;
}

/** An action handler: the request's parameters in, the response body (without `RequestId`) out. */
export type Handler = (emu: Emulator, params: Record<string, string>) => Record<string, unknown>;

const COMMON_PARAMS = new Set([
    "Action",
    "Version",
    "Format",
    "Timestamp",
    "SignatureNonce",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureType",
    "Signature",
    "AccessKeyId",
    "SecurityToken",
    "ClientToken",
]);

/** The emulated account: model state, the records beside it, tags and the request log. */
export class Emulator {
    readonly model: CloudModel;
    readonly addresses = new LoopbackPool();
    readonly nats = new Map<string, NatRecord>();
    readonly eips = new Map<string, EipRecord>();
    readonly plans = new Map<string, PlanRecord>();
    readonly entries = new Map<string, EntryRecord>();
    readonly groupRules = new Map<string, GroupRuleRecord>();
    /** Tags by resource id. */
    readonly tags = new Map<string, Record<string, string>>();
    readonly log: LogEntry[] = [];
    private readonly faults: FaultInjector;

    constructor(
        inventory: Inventory,
        private readonly handlers: ReadonlyMap<string, Handler>,
        readonly realism: Realism = INSTANT_REALISM,
    ) {
        for (const e of inventory.eips) {
            this.addresses.reserve(e.ipAddress);
        }
        this.model = new CloudModel(inventory, { times: realism.times, answers: realism.answers });
        this.faults = new FaultInjector(realism);
    }

    /** Ends the transitions whose time has come, and forgets the records of entries that are gone. */
    settle(): void {
        this.model.settle();
        for (const id of this.entries.keys()) {
            if (!this.model.entries.has(id)) {
                this.entries.delete(id);
            }
        }
    }

    /** Answers one request; refusals become the API's error answer. Never throws. */
    handle(req: RpcRequest, scheme: "http" | "https" = "http"): RpcAnswer {
        const params = Object.fromEntries(Object.entries(req.params).filter(([k]) => !COMMON_PARAMS.has(k)));
        this.settle();
        const fault = this.handlers.has(req.action) ? this.faults.draw(req.action) : undefined;
        const answer = fault ? errorAnswer(fault.status, fault.code, fault.message) : this.answer(req, params);
        this.log.push({
            seq: this.log.length + 1,
            at: new Date().toISOString(),
            action: req.action,
            params,
            status: answer.status,
            code: typeof answer.body.Code === "string" ? answer.body.Code : undefined,
            ...(answer.status >= 400 && typeof answer.body.Message === "string" ? { message: answer.body.Message } : {}),
            scheme,
            ...(fault ? { injected: true } : {}),
        });
        return answer;
    }

    private answer(req: RpcRequest, params: Record<string, string>): RpcAnswer {
        const handler = this.handlers.get(req.action);
        if (!handler) {
            return errorAnswer(400, "InvalidAction.NotFound", `The emulator does not implement the action ${JSON.stringify(req.action)}.`);
        }
        try {
            return { status: 200, body: handler(this, params) };
        } catch (e) {
            if (e instanceof CloudError) {
                // The model's message starts with its code; the API's Message does not.
                return errorAnswer(errorStatus(e.code), e.code, e.message.slice(e.code.length + 2));
            }
            if (e instanceof WireError) {
                return errorAnswer(e.status, e.code, e.message);
            }
            return errorAnswer(500, "InternalError", `The emulator failed: ${(e as Error).message}`);
        }
    }
}

/** The HTTP status the API answers a refusal with: 404 for not-found codes, 409 for `OperationConflict` (rules §1.15), else 400. */
export function errorStatus(code: string): number {
    return /NotFound$/.test(code) ? 404 : code === "OperationConflict" ? 409 : 400;
}

/** An error answer as the API sends it (the server adds `RequestId`). */
export function errorAnswer(status: number, code: string, message: string): RpcAnswer {
    return { status, body: { Code: code, Message: message } };
}

/** The current time as the API writes it (`2026-12-01T07:30:00Z`). */
export function apiTime(): string {
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A Describe answer: one page holding every match, as `{TotalCount, PageNumber, PageSize, <outer>: {<inner>: [...]}}`. */
export function listAnswer(outer: string, inner: string, items: Record<string, unknown>[]): Record<string, unknown> {
    return { TotalCount: items.length, PageNumber: 1, PageSize: Math.max(items.length, 10), [outer]: { [inner]: items } };
}

/** Tags of a resource in the `Tags.Tag[]` shape of Describe answers. */
export function tagList(emu: Emulator, id: string): { Tag: { Key: string; Value: string }[] } {
    return { Tag: Object.entries(emu.tags.get(id) ?? {}).map(([Key, Value]) => ({ Key, Value })) };
}
