/**
 * The emulator's core: the cloud model (cloud/model.ts, the same one the offline plan replays against) behind the
 * VPC API's actions and the ECS security group actions, one model per region. The model decides what the cloud
 * accepts and refuses; this layer only checks each request against its action's parameter spec (emulator/params.ts),
 * picks the request's region, replays `ClientToken` retries, answers `DryRun` and translates the wire parameters into
 * model operations; what the API reports back (names, descriptions, tags, timestamps) is kept by the model too.
 *
 * A request is answered in this order (docs/alicloud-rules.md §8): unknown action; injected fault (emulator/realism.ts);
 * parameters (`MissingParameter`, the field's code for a bad value); region (`InvalidRegionId.NotFound`); a
 * `ClientToken` seen before; `DryRun`; the action itself. Every step before the action leaves the state as it was.
 *
 * How fast resources leave their transitional states, and which writes are refused with an injected throttling or
 * transient fault, come from the {@link Realism} knobs; with {@link INSTANT_REALISM} every resource reaches its final
 * state at once. Every request is logged in a bounded log (emulator/requestLog.ts), injected refusals marked as such.
 */
import { CloudError, type EipState, type Tags } from "../cloud/model";
import type { Inventory } from "../cloud/inventory";
import { AccessGate, AccessRules } from "./access";
import { LoopbackPool } from "./addresses";
import { checkParams, ParamSpec } from "./params";
import { FaultInjector, INSTANT_REALISM, Realism } from "./realism";
import { checkRegion, DEFAULT_REGION } from "./regions";
import { Region } from "./region";
import { RequestLog } from "./requestLog";
import { RpcAnswer, RpcRequest, WireError } from "./wire";

export { Region } from "./region";
export type { LogEntry } from "./requestLog";

/** An action handler: the request's parameters in, the response body (without `RequestId`) out. */
export type Handler = (region: Region, params: Record<string, string>) => Record<string, unknown>;

/** One emulated action: its documented parameters and what it does. */
export interface Action {
    params: ParamSpec;
    /** Rules between parameters (one of two required, one needing another), checked with the spec. Throws WireError. */
    check?: (params: Readonly<Record<string, string>>) => void;
    handler: Handler;
    /** The API takes a `ClientToken`: a repeat with the same token and parameters gets the first answer. */
    idempotent?: boolean;
    /** The API takes `DryRun`: `true` checks the request and answers `DryRunOperation` without doing it. */
    dryRun?: boolean;
}

/** Parameters every request may carry that say nothing about the action (signature, format...). */
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
]);

/** The emulated account: one region state per region, the addresses they share, the request log. */
export class Emulator {
    /** Shared by every region (an address is unique in the account); replaceable (e2e/crash.ts). */
    addresses = new LoopbackPool();
    readonly regions = new Map<string, Region>();
    /** The region the emulator's endpoint stands for: it holds the inventory, and answers requests naming no region. */
    readonly home: Region;
    readonly log = new RequestLog();
    private readonly faults: FaultInjector;
    private readonly access: AccessGate;

    constructor(
        private readonly inventory: Inventory,
        private readonly actions: ReadonlyMap<string, Action>,
        readonly realism: Realism = INSTANT_REALISM,
        homeRegion = DEFAULT_REGION,
        access: AccessRules = {},
    ) {
        checkRegion(homeRegion);
        for (const e of inventory.eips) {
            this.addresses.reserve(e.ipAddress);
        }
        this.home = new Region(homeRegion, inventory, this);
        this.regions.set(homeRegion, this.home);
        this.faults = new FaultInjector(realism);
        this.access = new AccessGate(access);
    }

    /** The home region's model (the account the inventory describes). */
    get model() {
        return this.home.model;
    }

    /** The state of `id` (a known region), created empty on first use: the inventory's resources are all in the home region. */
    region(id: string): Region {
        let r = this.regions.get(id);
        if (!r) {
            checkRegion(id);
            const i = this.inventory;
            const empty: Inventory = { ...i, natGateways: [], eips: [], bandwidthPlans: [], securityGroups: [], vpcs: i.vpcs && [] };
            r = new Region(id, empty, this);
            this.regions.set(id, r);
        }
        return r;
    }

    /** Ends the transitions whose time has come, in every region. */
    settle(): void {
        this.regions.forEach((r) => r.settle());
    }

    /** Answers one request; refusals become the API's error answer. Never throws. */
    handle(req: RpcRequest, scheme: "http" | "https" = "http"): RpcAnswer {
        const params = Object.fromEntries(Object.entries(req.params).filter(([k]) => !COMMON_PARAMS.has(k)));
        const action = this.actions.get(req.action);
        // Access refusals (emulator/access.ts) come first, as the API authenticates before it reads a request.
        const fault = action ? (this.access.check(req.action, req.accessKeyId) ?? this.faults.draw(req.action)) : undefined;
        let region: string | undefined;
        const answer = fault
            ? errorAnswer(fault.status, fault.code, fault.message)
            : guarded(() => {
                  if (!action) {
                      throw new WireError(
                          400,
                          "InvalidAction.NotFound",
                          `The emulator does not implement the action ${JSON.stringify(req.action.slice(0, 64))}.`,
                      );
                  }
                  checkParams(action.params, params);
                  action.check?.(params);
                  const r = this.region(params.RegionId || this.home.id);
                  region = r.id;
                  this.settle();
                  return this.run(req.action, action, r, params);
              });
        this.record(req.action, params, answer, scheme, region, fault !== undefined);
        return answer;
    }

    /** Logs one answered request (also those refused before they could be read, with no parameters). */
    record(
        action: string,
        params: Record<string, string>,
        answer: RpcAnswer,
        scheme: "http" | "https",
        region?: string,
        injected = false,
    ): void {
        this.log.push({
            at: new Date().toISOString(),
            action: action.slice(0, 128),
            params,
            status: answer.status,
            code: typeof answer.body.Code === "string" ? answer.body.Code : undefined,
            ...(answer.status >= 400 && typeof answer.body.Message === "string" ? { message: answer.body.Message } : {}),
            region,
            scheme,
            ...(injected ? { injected: true } : {}),
        });
    }

    /** A valid request in its region: a replayed token, a dry run, or the action. */
    private run(name: string, action: Action, r: Region, params: Record<string, string>): RpcAnswer {
        const token = action.idempotent ? params.ClientToken : undefined;
        const replayed = token ? r.tokens.replay(name, token, params) : undefined;
        if (replayed) {
            return { status: 200, body: replayed };
        }
        if (action.dryRun && params.DryRun?.toLowerCase() === "true") {
            action.handler(r.scratch(), params);
            // rules §8.6: a request that passes the checks of a dry run is answered with this code.
            throw new WireError(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.");
        }
        const body = action.handler(r, params);
        if (token) {
            r.tokens.remember(name, token, params, body);
        }
        return { status: 200, body };
    }
}

/** Runs `fn`, turning a refusal into the API's error answer and anything else into `InternalError`. */
function guarded(fn: () => RpcAnswer): RpcAnswer {
    try {
        return fn();
    } catch (e) {
        if (e instanceof CloudError) {
            return errorAnswer(e.httpStatus, e.code, e.apiMessage);
        }
        if (e instanceof WireError) {
            return errorAnswer(e.status, e.code, e.message);
        }
        return errorAnswer(500, "InternalError", `The emulator failed: ${(e as Error)?.message ?? String(e)}`);
    }
}

/** An error answer as the API sends it (the server adds `RequestId`). */
export function errorAnswer(status: number, code: string, message: string): RpcAnswer {
    return { status, body: { Code: code, Message: message } };
}

/** The current time as the API writes it (`2026-12-01T07:30:00Z`). */
export function apiTime(): string {
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The object `id` of `map` (it exists: a listing found it), its attributes, and the region's EIPs `holds` picks for it. */
export function describing<S extends { attributes: unknown }>(
    r: Region,
    map: ReadonlyMap<string, S>,
    id: string,
    holds: (e: EipState) => boolean,
) {
    const state = map.get(id)!;
    return { state, rec: state.attributes as S["attributes"], eips: [...r.model.eips.values()].filter(holds) };
}

/** One object of a Describe answer: its id under `idField` and its region, the fields every listing starts with, then `fields`. */
export function described(r: Region, idField: string, id: string, fields: Record<string, unknown>): Record<string, unknown> {
    return { [idField]: id, RegionId: r.id, ...fields };
}

/** Tags of a resource in the `Tags.Tag[]` shape of Describe answers. */
export function tagList(tags: Tags): { Tag: { Key: string; Value: string }[] } {
    return { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}
