/**
 * The account's APIs as the official clients speak them (`@alicloud/vpc20160428`, `@alicloud/ecs20140526`, which sign
 * every request): the region's VPC API (VPC, vSwitches, NAT gateways, EIPs, bandwidth plans, DNAT entries, zones) and
 * ECS API (security groups). Only reads are ever sent from here (preflight/reader.ts).
 *
 * Throttling (`Throttling.User` and every code containing `Throttling`, which the client raises as a ThrottlingError)
 * is retried by the client itself with exponential backoff and jitter: up to 5 retries, waits of about 8 ms, 64 ms,
 * 0.5 s, 4 s, then 10 s at most, as the provider retries any code containing `Throttling` (docs/alicloud-rules.md §1.15).
 * Any other refusal becomes an {@link ApiRefusal} naming the RAM action (`vpc:DescribeEipAddresses`).
 */
import Ecs from "@alicloud/ecs20140526";
import type Credential from "@alicloud/credentials";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Vpc from "@alicloud/vpc20160428";
import * as $dara from "@darabonba/typescript";

/** Which region to read, and where: the region's public endpoints, or one endpoint for both APIs (the emulator). */
export interface ApiTarget {
    region: string;
    /** `host:port` answering both APIs (e.g. the emulator's `127.0.0.1:PORT`); default: the SDKs' regional endpoints. */
    endpoint?: string;
    /** Default `https`; the emulator is reached over `http`. */
    protocol?: "http" | "https";
}

/** A refusal of the API: the RAM action called, the code and HTTP status of the answer. */
export class ApiRefusal extends Error {
    constructor(
        readonly ramAction: string,
        readonly code: string,
        readonly status: number | undefined,
        message: string,
    ) {
        super(`${ramAction}: ${code}${status ? ` (HTTP ${status})` : ""}: ${message}`);
        this.name = "ApiRefusal";
    }

    /** The caller's RAM policy does not allow the action (docs/alicloud-rules.md §8.10). */
    get forbidden(): boolean {
        return this.code === "Forbidden.RAM" || this.code === "NoPermission" || this.status === 403;
    }

    /** The AccessKey itself is not accepted (unknown, disabled, expired token, bad secret). */
    get badCredentials(): boolean {
        return /^(InvalidAccessKeyId|InvalidSecurityToken|SignatureDoesNotMatch|IncompleteSignature|Forbidden\.AccessKeyDisabled)/.test(
            this.code,
        );
    }
}

/** Retries of throttled requests by the official client (its RetryOptions), with exponential backoff and jitter. */
const RETRY = new $dara.RetryOptions({
    retryable: true,
    retryCondition: [
        {
            exception: ["ThrottlingError"],
            errorCode: ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling"],
            maxAttempts: 5,
            backoff: { policy: "ExponentialWithEqualJitter", period: 3, cap: 10_000 },
            maxDelay: 10_000,
        },
    ],
    noRetryCondition: [],
});

/** The message of an SDK error without its `code: 403, ` prefix and request id. */
function cleanMessage(message: string): string {
    return message
        .replace(/^code: \d+, /, "")
        .replace(/ request id: \S+$/, "")
        .trim();
}

/** The VPC and ECS clients of one region, and the call wrapper that turns refusals into {@link ApiRefusal}. */
export class AccountApi {
    readonly vpc: Vpc;
    readonly ecs: Ecs;

    constructor(
        readonly target: ApiTarget,
        credential: Credential,
    ) {
        const config = () =>
            new $OpenApiUtil.Config({
                credential,
                regionId: target.region,
                endpoint: target.endpoint,
                protocol: target.protocol ?? "https",
                retryOptions: RETRY,
                readTimeout: 30_000,
                connectTimeout: 10_000,
            });
        this.vpc = new Vpc(config());
        this.ecs = new Ecs(config());
    }

    /** Runs one call of `ramAction` (`vpc:DescribeVpcs`); a refusal is thrown as {@link ApiRefusal}. */
    async call<T>(ramAction: string, run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } catch (e) {
            const err = e as { code?: unknown; statusCode?: unknown; message?: unknown };
            const message = cleanMessage(String(err.message ?? e));
            throw new ApiRefusal(
                ramAction,
                typeof err.code === "string" ? err.code : "RequestFailed",
                typeof err.statusCode === "number" ? err.statusCode : undefined,
                message,
            );
        }
    }
}
