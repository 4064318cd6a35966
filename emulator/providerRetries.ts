/**
 * Which refusals the real provider retries, per API action, as terraform-provider-alicloud v1.285.0 decides it (the
 * `IsExpectedErrors(err, [...]) || NeedRetry(err)` list around each call in `alicloud/resource_alicloud_<x>.go`, the
 * matching in `alicloud/errors.go`; docs/alicloud-rules.md §5). The e2e uses it under a variant to tell a refusal the
 * provider rides out from one that fails the update; the fault injector to pick the writes that know
 * `OperationConflict`.
 */

/** The list the EIP resource's writes start with (resource_alicloud_eip_address.go). */
const EIP = ["OperationConflict", "LastTokenProcessing", "IncorrectStatus", "SystemBusy", "ServiceUnavailable"];
/** The list of every bandwidth plan write (resource_alicloud_common_bandwidth_package*.go). */
const CBWP = [
    "BandwidthPackageOperation.conflict",
    "OperationConflict",
    "LastTokenProcessing",
    "IncorrectStatus",
    "SystemBusy",
    "ServiceUnavailable",
];

/** The retry list of each write the component's resources send (resource file in the comment). */
export const PROVIDER_RETRIES: Readonly<Record<string, readonly string[]>> = {
    // resource_alicloud_nat_gateway.go
    CreateNatGateway: ["TaskConflict", "VswitchStatusError", "IncorrectStatus.VSWITCH", "OperationConflict"],
    ModifyNatGatewayAttribute: ["IncorrectStatus.NATGW"],
    DeleteNatGateway: ["DependencyViolation.BandwidthPackages", "DependencyViolation.EIPS", "OperationConflict"],
    // resource_alicloud_eip_address.go
    AllocateEipAddress: [...EIP, "FrequentPurchase.EIP"],
    ModifyEipAddressAttribute: [...EIP, "IncorrectEipStatus", "IncorrectStatus.ResourceStatus", "VPC_TASK_CONFLICT"],
    ReleaseEipAddress: [...EIP, "IncorrectEipStatus", "TaskConflict.AssociateGlobalAccelerationInstance"],
    // resource_alicloud_eip_association.go
    AssociateEipAddress: [
        "TaskConflict",
        "OperationConflict",
        "IncorrectStatus",
        "ServiceUnavailable",
        "SystemBusy",
        "LastTokenProcessing",
        "IncorrectEipStatus",
        "InvalidBindingStatus",
        "IncorrectInstanceStatus",
        "IncorrectStatus.NatGateway",
        "InvalidStatus.EcsStatusNotSupport",
        "InvalidStatus.InstanceHasBandWidth",
        "InvalidStatus.EniStatusNotSupport",
        "OperationFailed.EcsMigrating",
    ],
    UnassociateEipAddress: [
        "OperationConflict",
        "IncorrectStatus",
        "ServiceUnavailable",
        "SystemBusy",
        "LastTokenProcessing",
        "OperationFailed.LastTokenProcessing",
        "IncorrectEipStatus",
        "InvalidBindingStatus",
        "IncorrectInstanceStatus",
        "IncorrectHaVipStatus",
        "TaskConflict",
        "InvalidIpStatus.HasBeenUsedBySnatTable",
        "InvalidIpStatus.HasBeenUsedByForwardEntry",
        "InvalidStatus.EniStatusNotSupport",
        "InvalidStatus.EcsStatusNotSupport",
        "InvalidStatus.NotAllow",
        "InvalidStatus.SnatOrDnat",
    ],
    // resource_alicloud_forward_entry.go
    CreateForwardEntry: [
        "OperationConflict",
        "TaskConflict",
        "OperationUnsupported.EipInBinding",
        "IncorrectStatus",
        "InvalidIp.NotInNatgw",
    ],
    ModifyForwardEntry: ["OperationUnsupported.EipInBinding", "IncorretForwardEntryStatus"],
    DeleteForwardEntry: ["IncorrectStatus.NATGW", "OperationConflict", "UnknownError"],
    // resource_alicloud_common_bandwidth_package.go
    CreateCommonBandwidthPackage: CBWP,
    ModifyCommonBandwidthPackageSpec: CBWP,
    DeleteCommonBandwidthPackage: CBWP,
    // resource_alicloud_common_bandwidth_package_attachment.go
    AddCommonBandwidthPackageIp: [...CBWP, "TaskConflict", "EipOperation.TooFrequently", "IncorrectStatus.Eip"],
    RemoveCommonBandwidthPackageIp: [...CBWP, "TaskConflict"],
    ModifyCommonBandwidthPackageIpBandwidth: CBWP,
    CancelCommonBandwidthPackageIpBandwidth: CBWP,
    // service_alicloud_nat_gateway_v2.go DescribeNatGatewayForwardEntry
    DescribeForwardTableEntries: ["TaskConflict"],
};

/** Refusals the provider counts as success (the resource is gone, or was never there). */
const PROVIDER_SUCCESS: Readonly<Record<string, readonly string[]>> = {
    // resource_alicloud_nat_gateway.go Delete
    DeleteNatGateway: ["INSTANCE_NOT_EXISTS", "IncorrectStatus.NatGateway", "InvalidNatGatewayId.NotFound", "InvalidRegionId.NotFound"],
    // resource_alicloud_common_bandwidth_package_attachment.go Delete
    RemoveCommonBandwidthPackageIp: ["OperationUnsupported.IpNotInCbwp"],
};

/** Deletes that take a not-found answer (NotFoundError: HTTP 404) as done. */
const NOT_FOUND_IS_DONE: ReadonlySet<string> = new Set([
    "DeleteForwardEntry", // resource_alicloud_forward_entry.go
    "DeleteCommonBandwidthPackage", // resource_alicloud_common_bandwidth_package.go
]);

/** A refused answer as the emulator logged it. */
export interface Refusal {
    action: string;
    status: number;
    code?: string;
    message?: string;
}

/**
 * IsExpectedErrors for the tea SDK (errors.go): the code equals a list entry, or a list entry starts with the code, or
 * the raw answer (code and message) contains a list entry.
 */
function expected(r: Refusal, list: readonly string[]): boolean {
    const code = r.code ?? "";
    const data = `${code} ${r.message ?? ""}`;
    return list.some((entry) => entry === code || (code !== "" && entry.startsWith(code)) || data.includes(entry));
}

/** NeedRetry (errors.go): throttling codes, `ServiceUnavailable`, and any HTTP 5xx (the SDK's message starts `code: 5xx`). */
function needRetry(r: Refusal): boolean {
    const code = r.code ?? "";
    return code === "ServiceUnavailable" || code.includes("Throttling") || r.status >= 500;
}

/** What the provider does with a refusal: ride it out (retry it, or take it as success), or fail the update. Pure. */
export function providerOutcome(r: Refusal): "retried" | "success" | "fails" {
    if (expected(r, PROVIDER_SUCCESS[r.action] ?? [])) {
        return "success";
    }
    if (NOT_FOUND_IS_DONE.has(r.action) && r.status === 404) {
        return "success";
    }
    return needRetry(r) || expected(r, PROVIDER_RETRIES[r.action] ?? []) ? "retried" : "fails";
}

/** The writes whose retry list names `OperationConflict`: where an injected conflict is one the provider knows. */
export const RETRIES_OPERATION_CONFLICT: ReadonlySet<string> = new Set(
    Object.entries(PROVIDER_RETRIES)
        .filter(([action, list]) => !/^Describe/.test(action) && expected({ action, status: 409, code: "OperationConflict" }, list))
        .map(([action]) => action),
);
