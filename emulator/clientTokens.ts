/**
 * `ClientToken` idempotency (docs/alicloud-rules.md §8.3, the VPC API's "Ensure idempotence" page
 * https://www.alibabacloud.com/help/doc-detail/36569.htm, and the ECS one
 * https://alibabacloud.com/help/en/ecs/developer-reference/how-to-ensure-idempotence): a request that carries the
 * token of an earlier successful request of the same action, with the same parameters, gets that request's answer
 * again and changes nothing; with other parameters it is refused with `IdempotentParameterMismatch`. A refused request
 * is not remembered, so its retry runs again. How long the cloud remembers a token is not documented [?]: the emulator
 * remembers the last {@link TOKEN_CAPACITY} per region.
 */
import { WireError } from "./wire";

/** Tokens remembered per region; the oldest is forgotten beyond this. */
export const TOKEN_CAPACITY = 10_000;

interface Remembered {
    fingerprint: string;
    body: Record<string, unknown>;
}

/** The parameters that make two requests "the same": every one but the token, in name order. Pure. */
export function fingerprint(params: Readonly<Record<string, string>>): string {
    return JSON.stringify(
        Object.keys(params)
            .filter((k) => k !== "ClientToken")
            .sort()
            .map((k) => [k, params[k]]),
    );
}

/** The answers of successful requests by action and token. */
export class ClientTokens {
    private readonly seen = new Map<string, Remembered>();

    constructor(private readonly capacity = TOKEN_CAPACITY) {}

    /**
     * The remembered answer of `action` with `token` when `params` are the same, undefined when the token is new;
     * throws `IdempotentParameterMismatch` when the token was used with other parameters.
     */
    replay(action: string, token: string, params: Readonly<Record<string, string>>): Record<string, unknown> | undefined {
        const known = this.seen.get(`${action}\n${token}`);
        if (known === undefined) {
            return undefined;
        }
        if (known.fingerprint !== fingerprint(params)) {
            throw new WireError(
                400,
                "IdempotentParameterMismatch",
                `The request is retried with updated parameters: ClientToken ${JSON.stringify(token)} was used by an earlier ${action} with other parameters.`,
            );
        }
        return known.body;
    }

    /** Remembers the answer of a successful request. */
    remember(action: string, token: string, params: Readonly<Record<string, string>>, body: Record<string, unknown>): void {
        const key = `${action}\n${token}`;
        this.seen.delete(key);
        this.seen.set(key, { fingerprint: fingerprint(params), body });
        if (this.seen.size > this.capacity) {
            this.seen.delete(this.seen.keys().next().value as string);
        }
    }

    get size(): number {
        return this.seen.size;
    }
}
