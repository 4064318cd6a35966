/** The account site, cloud-side names, the VPC CIDR and the NAT gateway (rules §1.1, §6). */
import { ACCOUNT_SITES, EIP_BIND_MODES } from "../limits";
import type { NatGatewaySpec, SharedBandwidthGatewayArgs } from "../types";
import { checkDescription, checkName, oneOf, parseCidr, show } from "./common";
import { checkId } from "./ids";
import type { Cidr, Problem, ResolvedGateway, SiteInfo } from "./types";

/** The account site. Billing checks depend on it; with an unknown site they would only add noise. */
export function checkSite(problems: Problem[], a: SharedBandwidthGatewayArgs): SiteInfo {
    const before = problems.length;
    const site = oneOf(problems, "accountSite", a.accountSite, ACCOUNT_SITES, "international", { caseInsensitive: true });
    return { site, known: problems.length === before };
}

export function checkNamePrefix(problems: Problem[], a: SharedBandwidthGatewayArgs, componentName: string): string {
    const namePrefix = a.namePrefix ?? componentName;
    if (!/^[A-Za-z][\w.-]{0,59}[A-Za-z0-9]$/.test(namePrefix)) {
        problems.push({
            propertyPath: "namePrefix",
            reason: `${show(namePrefix)} cannot start cloud-side names: 2-61 characters, starting with a letter, ending with a letter or digit${
                a.namePrefix === undefined ? " (it defaults to the component name; set namePrefix)" : ""
            }`,
        });
    }
    return namePrefix;
}

/** The VPC: its id's form and its CIDR. */
export function checkVpcCidr(problems: Problem[], a: SharedBandwidthGatewayArgs): Cidr | undefined {
    if (a.vpcId !== undefined && a.vpcId !== "") {
        checkId(problems, "vpcId", a.vpcId, "vpc");
    }
    if (a.vpcCidr === undefined) {
        return undefined;
    }
    const cidr = parseCidr(a.vpcCidr);
    if (!cidr) {
        problems.push({ propertyPath: "vpcCidr", reason: `${show(a.vpcCidr)} is not an IPv4 CIDR such as 192.168.0.0/16` });
    }
    return cidr;
}

/** NAT gateway: enhanced, Internet, PayAsYouGo, PayByLcu are the only values on sale (rules §1.1, §6). */
export function checkNatGateway(problems: Problem[], a: SharedBandwidthGatewayArgs): ResolvedGateway["nat"] {
    const n = a.natGateway;
    const natMode = oneOf(problems, "natGateway.mode", n.mode, ["create", "adopt"] as const, "create");
    checkNatBilling(problems, n);
    const eipBindMode = oneOf(problems, "natGateway.eipBindMode", n.eipBindMode, EIP_BIND_MODES, "MULTI_BINDED");
    if (natMode === "adopt") {
        return checkAdoptedNat(problems, n);
    }
    checkCreatedNat(problems, a);
    return {
        mode: "create",
        vswitchId: n.vswitchId ?? "",
        name: n.name,
        description: n.description,
        deletionProtection: n.deletionProtection ?? false,
        eipBindMode,
    };
}

function checkNatBilling(problems: Problem[], n: NatGatewaySpec): void {
    if (n.paymentType !== undefined && n.paymentType !== "PayAsYouGo") {
        problems.push({
            propertyPath: "natGateway.paymentType",
            reason: `${show(n.paymentType)} is no longer sold: subscription (PrePaid) Internet NAT gateways are no longer available; use "PayAsYouGo" or leave it out`,
        });
    }
    if (n.internetChargeType !== undefined && n.internetChargeType !== "PayByLcu") {
        problems.push({
            propertyPath: "natGateway.internetChargeType",
            reason: `${show(n.internetChargeType)} is no longer sold: PayBySpec cannot be set since provider 1.137.0; use "PayByLcu" or leave it out`,
        });
    }
    if (n.specification !== undefined) {
        problems.push({
            propertyPath: "natGateway.specification",
            reason: `${show(n.specification)}: Spec (Small/Middle/Large/XLarge.1) belongs to pay-by-spec gateways, which are no longer sold; remove it (PayByLcu scales by itself)`,
        });
    }
}

function checkAdoptedNat(problems: Problem[], n: NatGatewaySpec): ResolvedGateway["nat"] {
    if (!n.id) {
        problems.push({
            propertyPath: "natGateway.id",
            reason: `${show(n.id ?? null)}: adopt needs the existing gateway id, such as "ngw-uf6htj15rgyp8ivix"`,
        });
    } else {
        checkId(problems, "natGateway.id", n.id, "natGateway");
    }
    for (const k of ["vswitchId", "name", "description", "deletionProtection", "eipBindMode"] as const) {
        if (n[k] !== undefined) {
            problems.push({
                propertyPath: `natGateway.${k}`,
                reason: `only applies when mode is "create"; an adopted gateway is never modified`,
            });
        }
    }
    return { mode: "adopt", id: n.id ?? "" };
}

function checkCreatedNat(problems: Problem[], a: SharedBandwidthGatewayArgs): void {
    const n = a.natGateway;
    if (n.id !== undefined) {
        problems.push({
            propertyPath: "natGateway.id",
            reason: `${show(n.id)} is only for mode "adopt"; set mode: adopt to use an existing gateway`,
        });
    }
    if (n.vswitchId === undefined || n.vswitchId === "") {
        problems.push({
            propertyPath: "natGateway.vswitchId",
            reason: "required to create an enhanced NAT gateway (docs/alicloud-rules.md §1.1: the vSwitch must be given)",
        });
    } else {
        checkId(problems, "natGateway.vswitchId", n.vswitchId, "vswitch");
    }
    if (a.vpcId === undefined || a.vpcId === "") {
        problems.push({ propertyPath: "vpcId", reason: "required to create the NAT gateway" });
    }
    checkName(problems, "natGateway.name", n.name, 2, 128);
    checkDescription(problems, "natGateway.description", n.description);
}

export function checkMaxParallelWrites(problems: Problem[], warnings: Problem[], a: SharedBandwidthGatewayArgs): number {
    const maxParallelWrites = a.maxParallelWrites ?? 1;
    if (!(maxParallelWrites >= 1)) {
        problems.push({ propertyPath: "maxParallelWrites", reason: `${show(a.maxParallelWrites)} must be at least 1` });
    } else if (maxParallelWrites > 1) {
        // components/ordering.ts: no kind of write can take a second lane under every answer of the cloud.
        warnings.push({
            propertyPath: "maxParallelWrites",
            reason:
                `${show(a.maxParallelWrites)} has no effect: joins to the plan and DNAT entries of one table run one at a time, since the cloud ` +
                `may refuse a second one with a code the provider does not retry (OperationFailed.DistibuteLock, IncorretForwardEntryStatus; ` +
                `docs/alicloud-rules.md §9); remove the key`,
        });
    }
    return maxParallelWrites;
}
