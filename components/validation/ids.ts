/**
 * The form of the resource ids the arguments name: a prefix of the resource kind, then lowercase letters and digits
 * (`vpc-uf68wppzf839896z7dev0`). An id of the wrong kind (a VPC id pasted where the vSwitch id goes) or a name
 * instead of an id is refused before the cloud is asked. Pure.
 */
import { show } from "./common";
import type { Problem } from "./types";

export const ID_KINDS = {
    vpc: { prefix: "vpc-", what: "VPC", example: "vpc-uf68wppzf839896z7dev0" },
    vswitch: { prefix: "vsw-", what: "vSwitch", example: "vsw-uf6gnat6e5tk0gnbmdev0" },
    securityGroup: { prefix: "sg-", what: "security group", example: "sg-uf6prodweb00000000" },
    natGateway: { prefix: "ngw-", what: "NAT gateway", example: "ngw-uf6htj15rgyp8ivix" },
    eip: { prefix: "eip-", what: "EIP allocation", example: "eip-uf6pvlaprugu1azc8" },
} as const;
export type IdKind = keyof typeof ID_KINDS;

/** Why `value` is not an id of `kind`, or undefined when it has the form. */
export function idReason(value: string, kind: IdKind): string | undefined {
    const { prefix, what, example } = ID_KINDS[kind];
    if (new RegExp(`^${prefix}[a-z0-9]+$`).test(value)) {
        return undefined;
    }
    const other = Object.values(ID_KINDS).find((k) => k.prefix !== prefix && value.startsWith(k.prefix));
    if (other) {
        return `${show(value)} is a ${other.what} id (${other.prefix}...); this takes the ${what} id (${prefix}...), such as ${show(example)}`;
    }
    const hint = value.toLowerCase() !== value && value.toLowerCase().startsWith(prefix) ? "; ids are lowercase" : "";
    return `${show(value)} is not a ${what} id: "${prefix}" followed by lowercase letters and digits, such as ${show(example)}${hint}`;
}

/** Adds a problem at `path` when `value` (a plain string; an Output is checked by the cloud) is not an id of `kind`. */
export function checkId(problems: Problem[], path: string, value: unknown, kind: IdKind): boolean {
    const reason = typeof value === "string" ? idReason(value, kind) : undefined;
    if (reason !== undefined) {
        problems.push({ propertyPath: path, reason });
    }
    return reason === undefined;
}
