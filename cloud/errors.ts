/**
 * The refusals the cloud model throws, as values: the API's error code, the HTTP status it comes with, the Message a
 * client reads, the model's own note after it (retry advice, what the reference leaves undocumented) and the rules
 * section that says so, each its own field. The emulator answers with `httpStatus`, `code` and `apiMessage`; the
 * offline plan prints `message`, which joins them as the model has always worded a refusal:
 * `<code>: <API message><note> (docs/alicloud-rules.md §x)`.
 */
import type { Need } from "./state";

/** The project's copy of the API rules, which every refusal cites. */
export const RULES_DOC = "docs/alicloud-rules.md";

/** A refusal's wording: the API's Message, and the model's fuller text (the Message with the model's note in it). */
export interface Wording {
    api: string;
    text: string;
}

/** The API's Message followed by a note only the model's readers see (`note` starts with its own separator). */
export function noted(api: string, note: string): Wording {
    return { api, text: `${api}${note}` };
}

/** Codes whose HTTP status is neither 404 (a `...NotFound` code) nor 400. */
const HTTP_STATUS: Readonly<Record<string, number>> = {
    // rules §1.15: a conflicting concurrent operation is answered with 409.
    OperationConflict: 409,
};

/** The HTTP status the API answers `code` with: 404 for not-found codes, 409 for `OperationConflict` (rules §1.15), else 400. */
export function httpStatusOf(code: string): number {
    return HTTP_STATUS[code] ?? (/NotFound$/.test(code) ? 404 : 400);
}

/** An API refusal: the code and message the cloud answers with, and the rules section that says so. */
export class CloudError extends Error {
    /** The HTTP status the API answers with. */
    readonly httpStatus: number;
    /** The Message the API answers with: no note, no citation. */
    readonly apiMessage: string;
    /** The model's wording: the API's Message with the model's note in it. */
    readonly detail: string;
    /** Where the rule is written, e.g. "docs/alicloud-rules.md §1.6". */
    readonly citation: string;

    constructor(
        readonly code: string,
        message: string | Wording,
        /** Section of alicloud-rules.md, e.g. "§1.6". */
        readonly rule: string,
        /** Set when the refusal is a missing precondition another operation would establish. */
        readonly need?: Need,
        /** URNs of the resources whose objects block the operation: a deletion, or a DNAT entry by a clashing one (undefined entries: pre-existing). */
        readonly blockers: (string | undefined)[] = [],
    ) {
        const wording = typeof message === "string" ? { api: message, text: message } : message;
        const citation = `${RULES_DOC} ${rule}`;
        super(`${code}: ${wording.text} (${citation})`);
        this.name = "CloudError";
        this.httpStatus = httpStatusOf(code);
        this.apiMessage = wording.api;
        this.detail = wording.text;
        this.citation = citation;
    }
}

/** `value`, or the not-found refusal `refusal` builds when there is none. */
export function found<T>(value: T | undefined, refusal: () => CloudError): T {
    if (value === undefined) {
        throw refusal();
    }
    return value;
}

/** The object of `map` that `need` names, or the refusal `code`, "The <what> <id> does not exist.", carrying `need` (rule `rule`). */
export function existing<T>(map: ReadonlyMap<string, T>, need: Extract<Need, { id: string }>, code: string, what: string, rule: string): T {
    return found(map.get(need.id), () => new CloudError(code, `The ${what} ${need.id} does not exist.`, rule, need));
}

/** rules §4: refuses with `code` when `used` has reached `quota`; `message` words the refusal from both counts. */
export function checkQuota(
    used: number,
    quota: number,
    code: string,
    message: (used: number, quota: number) => string,
    rule: string,
): void {
    if (used >= quota) {
        throw new CloudError(code, message(used, quota), rule);
    }
}

/** rules §1.2, §1.13, §1.14: a resource with deletion protection on refuses deletion. */
export function deletionProtected(id: string, rule: string): CloudError {
    return new CloudError("InvalidOperation.DeletionProtection", `Deletion protection is on for ${id}.`, rule);
}
