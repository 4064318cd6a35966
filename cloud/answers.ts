/**
 * Where the API reference is silent, which answer the cloud model gives. The defaults are the model's long-standing
 * guesses; each other answer is a named emulator variant (emulator/variants.ts, docs/alicloud-rules.md §9), so that the
 * product's ordering decisions are measured against every plausible cloud, not one guess. The offline plan always
 * runs with {@link DEFAULT_ANSWERS}.
 */

/** One answer per silent spot. */
export interface SilentAnswers {
    /**
     * The code of a write on a DNAT table (create, modify, delete) while another entry of the table is in transition
     * (rules §1.6 "no adds while any entry in the table is Pending", §1.8): `IncorretForwardEntryStatus`, the code the
     * reference lists for it, or `OperationConflict` (HTTP 409), which the one public report of parallel creates shows
     * (aliyun/terraform-provider-alicloud#5600).
     */
    tableBusyCode: "IncorretForwardEntryStatus" | "OperationConflict";
    /** Whether an entry that is `Deleting` blocks the other writes on its table as a `Pending` one does (rules §1.8 is silent). */
    deletingBlocksTable: boolean;
    /**
     * The code of a write on a bandwidth plan while one of its EIPs is `BINDING` (rules §1.11 says only queries are
     * allowed, and lists both `TaskConflict` and `OperationFailed.DistibuteLock` without saying which applies).
     */
    planBusyCode: "TaskConflict" | "OperationFailed.DistibuteLock";
    /** Whether DescribeCommonBandwidthPackages reports the plan's own `Status` as `BINDING` while an EIP joins (else `Available`). */
    planReportsBinding: boolean;
    /** Whether DescribeEipAddresses names the gateway as `InstanceId` while the EIP is still `Associating` (else only once `InUse`). */
    instanceWhileAssociating: boolean;
    /**
     * Whether a NAT gateway takes one binding or unbinding at a time: `TaskConflict` ("The eip operate too frequent",
     * rules §1.4, §1.5) while another EIP of the gateway is `Associating` or `Unassociating` (rules §1.4 serialises only
     * the calls on one EIP).
     */
    gatewayOneBindingAtATime: boolean;
    /** Whether an EIP still bound to a NAT gateway may leave its plan (else `EIP_BIND_NATGATEWAY`, rules §1.12 [L]). */
    leaveWhileBound: boolean;
}

/** The model's answers unless a variant says otherwise. */
export const DEFAULT_ANSWERS: SilentAnswers = {
    tableBusyCode: "IncorretForwardEntryStatus",
    deletingBlocksTable: false,
    planBusyCode: "TaskConflict",
    planReportsBinding: false,
    instanceWhileAssociating: true,
    gatewayOneBindingAtATime: false,
    leaveWhileBound: true,
};
