/**
 * Declarative parameter specs of the emulated actions: for each parameter the reference documents, whether it is
 * required and the zod schema its wire value (always a string) must pass, with the error code the reference names for
 * a bad value (`InvalidParameter` when it names none). A request is checked against its action's spec before the
 * action runs, so a refused request changes nothing. Parameters the spec does not name are ignored, as the API ignores
 * them (the provider and the SDKs send common ones such as `OwnerId`).
 *
 * Names with `.N` stand for the API's flattened lists (`Tag.N.Key`, `ResourceId.N`): N is 1 to `maxItems`.
 * Sources of each spec: the official SDK's request models (alibabacloud-go/vpc-20160428 and ecs-20140526, the field
 * comments the API pages are generated from), cited in docs/alicloud-rules.md §8.
 */
import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { WireError } from "./wire";

/** One documented parameter. */
export interface Field {
    schema: z.ZodType<unknown, string>;
    required?: boolean;
    /** The code of a refused value (default `InvalidParameter`). */
    code?: string;
    /** For a `.N` name: the largest N. */
    maxItems?: number;
}

/** The parameters of one action. */
export type ParamSpec = Readonly<Record<string, Field>>;

/** A required parameter. */
export function required(schema: z.ZodType<unknown, string>, code?: string): Field {
    return { schema, required: true, code };
}

/** An optional parameter. */
export function optional(schema: z.ZodType<unknown, string>, code?: string): Field {
    return { schema, code };
}

/** A flattened list `X.N` (or `X.N.Y`) of at most `maxItems`. */
export function list(schema: z.ZodType<unknown, string>, maxItems: number, options: { required?: boolean; code?: string } = {}): Field {
    return { schema, maxItems, ...options };
}

// ------------------------------------------------------------------------------------------- value schemas

/** Any string of `min` to `max` characters. */
export const text = (min = 0, max = 256) =>
    z.string().min(min, `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);

/** A name or description: `min`-`max` characters, not starting with `http://` or `https://`; `letterFirst`: starts with a letter. */
export function label(min: number, max: number, letterFirst = false) {
    return text(min, max)
        .refine((s) => !/^https?:\/\//i.test(s), "must not start with http:// or https://")
        .refine((s) => !letterFirst || /^\p{L}/u.test(s), "must start with a letter or Chinese character");
}

/** A whole number from `min` to `max`, written in decimal. */
export const integer = (min: number, max: number) =>
    z
        .string()
        .regex(/^-?\d{1,15}$/, "must be a whole number")
        .refine((s) => Number(s) >= min && Number(s) <= max, `must be from ${min} to ${max}`);

/** `true` or `false` (any case, as the SDKs and the provider write them). */
export const boolean = z.string().regex(/^(true|false)$/i, "must be true or false");

/** One of `values` (exactly, or in any case when `ignoreCase`). */
export function oneOf(values: readonly string[], ignoreCase = false) {
    const allowed = new Set(values.map((v) => (ignoreCase ? v.toLowerCase() : v)));
    return z.string().refine((s) => allowed.has(ignoreCase ? s.toLowerCase() : s), `must be one of ${values.join(", ")}`);
}

/** An IPv4 address in dotted decimal. */
export const ipv4 = z.string().refine((s) => ipaddr.IPv4.isValidFourPartDecimal(s), "must be an IPv4 address");

/** A comma-separated list of at most `max` non-empty items, each passing `item`. */
export function commaList(max: number, item: z.ZodType<unknown, string> = text(1, 128)) {
    return z
        .string()
        .refine((s) => s.split(",").length <= max, `must list at most ${max} values`)
        .refine((s) => s.split(",").every((v) => item.safeParse(v.trim()).success), "must be comma-separated values");
}

/** A region id as the API writes them (`cn-shanghai`, `ap-southeast-1`); whether it exists is checked apart. */
export const regionId = z.string().regex(/^[a-z]{2,4}(-[a-z0-9]+){1,5}$/, "must be a region id such as cn-shanghai");

/** A client token: up to 64 ASCII characters (docs/alicloud-rules.md §8.3). */
export const clientToken = z.string().regex(/^[\x20-\x7e]{1,64}$/, "must be 1 to 64 ASCII characters");

/** A tag key or value: up to 128 characters, not starting with `aliyun` or `acs:`, without `http://` or `https://`. */
export function tagText(min: number) {
    return text(min, 128)
        .refine((s) => !/^(aliyun|acs:)/i.test(s), "must not start with aliyun or acs:")
        .refine((s) => !/https?:\/\//i.test(s), "must not contain http:// or https://");
}

// ------------------------------------------------------------------------------------------- checking

/** `Tag.N.Key` as a pattern matching `Tag.1.Key`, `Tag.20.Key`..., capturing N. */
function pattern(name: string): RegExp {
    return new RegExp(`^${name.replace(/\./g, "\\.").replace("\\.N", "\\.(\\d+)")}$`);
}

function missing(name: string): WireError {
    return new WireError(
        400,
        "MissingParameter",
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
}

function invalid(field: Field, name: string, value: string, reason: string): WireError {
    const shown = value.length > 64 ? `${JSON.stringify(value.slice(0, 64))}…` : JSON.stringify(value);
    return new WireError(
        400,
        field.code ?? "InvalidParameter",
        `The specified parameter "${name}" is not valid: ${reason} (got ${shown}).`,
    );
}

function check(field: Field, name: string, value: string): void {
    const parsed = field.schema.safeParse(value);
    if (!parsed.success) {
        throw invalid(field, name, value, parsed.error.issues[0]?.message ?? "malformed");
    }
}

/**
 * Checks `params` against `spec`: the first missing required parameter is `MissingParameter` naming it, the first bad
 * value is the field's code naming the parameter, the reason and the value. Throws {@link WireError}.
 */
export function checkParams(spec: ParamSpec, params: Readonly<Record<string, string>>): void {
    for (const [name, field] of Object.entries(spec)) {
        if (!name.includes(".N")) {
            const value = params[name];
            if (value === undefined || value === "") {
                if (field.required) {
                    throw missing(name);
                }
                continue;
            }
            check(field, name, value);
            continue;
        }
        const re = pattern(name);
        let seen = 0;
        for (const [key, value] of Object.entries(params)) {
            const m = re.exec(key);
            // An empty item counts as absent, as an empty single parameter does (the provider sends empty descriptions).
            if (!m || value === "") {
                continue;
            }
            seen++;
            const n = Number(m[1]);
            if (n < 1 || n > (field.maxItems ?? 1)) {
                throw invalid(field, key, value, `N must be from 1 to ${field.maxItems ?? 1}`);
            }
            check(field, key, value);
        }
        if (field.required && seen === 0) {
            throw missing(name.replace(".N", ".1"));
        }
    }
}

// ------------------------------------------------------------------------------------------- shared fields

/** A whole number of any size, in decimal (the action's own rule gives the range). */
export const wholeNumber = z.string().regex(/^\d{1,9}$/, "must be a whole number");

/** `RegionId` where the reference marks it required. */
export const REGION = required(regionId);
/** `RegionId` where it is optional: a request without it is answered in the emulator's own region. */
export const REGION_OPTIONAL = optional(regionId);
/** An instance id (`AllocationId`, `NatGatewayId`, `ForwardTableId`, `ResourceGroupId`...): 1 to 64 characters. */
export const ID = required(text(1, 64));
/** An instance id where the reference marks it optional (a filter, or a parameter with a default). */
export const ID_OPTIONAL = optional(text(1, 64));
export const CLIENT_TOKEN = optional(clientToken);
export const DRY_RUN = optional(boolean);
/** `Tag.N.Key`/`Tag.N.Value` of a create or a filter: up to 20, keys never empty. */
export const TAGS: ParamSpec = { "Tag.N.Key": list(tagText(1), 20), "Tag.N.Value": list(tagText(0), 20) };
/** `PageNumber` and `PageSize` of a numbered listing whose page holds at most `max` items. */
export const paging = (max: number): ParamSpec => ({ PageNumber: optional(integer(1, 1_000_000)), PageSize: optional(integer(1, max)) });
