/**
 * Who may call what: refusals the emulator gives when told to, to test a client against an account whose RAM policy
 * lacks actions, whose AccessKey is not accepted, or that is throttled. None of them is a rule of the cloud model; each
 * answers with the code and HTTP status the reference gives (docs/alicloud-rules.md §8.10):
 * - an action the caller's RAM policy does not allow: `Forbidden.RAM`, HTTP 403, "User not authorized to operate on
 *   the specified resource, or this API doesn't support RAM." (answer quoted in https://developer.aliyun.com/ask/23161 ;
 *   403 `Forbidden.RAM` in the error table https://help.aliyun.com/zh/polardb/api-drds-2019-01-23-errorcodes ; ECS
 *   Describe actions answer 403 too since 2025-12-20, https://www.alibabacloud.com/help/en/ecs/announcement-of-changes-to-the-authentication-mechanism-for-alibaba-cloud-ecs-query-type-apis );
 * - an AccessKey the cloud does not know: `InvalidAccessKeyId.NotFound`, HTTP 404, "Specified access key is not found."
 *   (the public error codes, docs/alicloud-rules.md §8 COMMON); an expired STS token: `InvalidSecurityToken.Expired`
 *   (seen in clients' handling; its HTTP status is not documented [?], the emulator answers 400);
 * - throttling: `Throttling.User`, HTTP 400, "Request was denied due to user flow control." (rules §1.15), for the
 *   next N requests of an action.
 */
import type { Fault } from "./realism";

export interface AccessRules {
    /** Actions the caller's RAM policy does not allow (`DescribeEipAddresses`...): refused with `Forbidden.RAM`. */
    denied?: readonly string[];
    /** Actions whose next N requests are refused with `Throttling.User`, then answered. */
    throttled?: Readonly<Record<string, number>>;
    /** AccessKey ids not accepted: `unknown` (deleted or never issued) or `expired` (an STS key whose token expired). */
    refusedKeys?: Readonly<Record<string, "unknown" | "expired">>;
}

/** Decides, per request, the access refusal the rules ask for. Keeps the count of throttled requests left. */
export class AccessGate {
    private readonly throttleLeft: Map<string, number>;
    private readonly denied: ReadonlySet<string>;

    constructor(private readonly rules: AccessRules = {}) {
        this.denied = new Set(rules.denied ?? []);
        this.throttleLeft = new Map(Object.entries(rules.throttled ?? {}));
    }

    /** The refusal of a request for `action` signed with `accessKeyId`, or undefined when it may go on. */
    check(action: string, accessKeyId: string | undefined): Fault | undefined {
        const key = accessKeyId === undefined ? undefined : this.rules.refusedKeys?.[accessKeyId];
        if (key === "unknown") {
            return { status: 404, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found." };
        }
        if (key === "expired") {
            return { status: 400, code: "InvalidSecurityToken.Expired", message: "Specified SecurityToken is expired." };
        }
        if (this.denied.has(action)) {
            return {
                status: 403,
                code: "Forbidden.RAM",
                message: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
            };
        }
        const left = this.throttleLeft.get(action) ?? 0;
        if (left > 0) {
            this.throttleLeft.set(action, left - 1);
            return { status: 400, code: "Throttling.User", message: "Request was denied due to user flow control." };
        }
        return undefined;
    }
}
