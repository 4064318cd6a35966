/**
 * Emulator variants: where the API reference is silent, each other plausible answer of the cloud is a named, small,
 * declarative set of choices layered on the default realism (emulator/realism.ts): answers of the cloud model
 * (cloud/answers.ts) and durations of transitional states (cloud/transitions.ts). `npm run e2e`, `npm run emulator`
 * and `npm run bench:deploy` take `--variant NAME` (`NAME+NAME` combines them; `all` runs each in turn), so the
 * product's ordering decisions are measured against every answer, not one guess. docs/alicloud-rules.md §9 lists
 * each with its sources.
 */
import type { SilentAnswers } from "../cloud/answers";
import type { TransitionTimes } from "../cloud/transitions";
import { DEFAULT_REALISM, Realism } from "./realism";

/** A kind of write whose lanes a variant bears on (components/ordering.ts). */
export const LANE_KINDS = ["entries", "joins", "bindings"] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export interface Variant {
    name: string;
    /** The silent spot and this variant's answer, in one line (`--help`). */
    summary: string;
    answers?: Partial<SilentAnswers>;
    times?: Partial<TransitionTimes>;
    /** The kinds of write whose lane decision this answer can prove wrong: `bench:deploy --lanes` widens these. */
    lanes: LaneKind[];
    /**
     * Set when no program survives the answer with provider v1.285.0, whatever its ordering: the e2e then passes when
     * the update fails at `step` with a message matching `pattern`, and says why.
     */
    providerFails?: { step: string; pattern: RegExp; why: string };
}

const S = 1000;

/** Every variant; `default` is the emulator's own answers. */
export const VARIANTS: readonly Variant[] = [
    {
        name: "default",
        summary:
            "the emulator's default answers (IncorretForwardEntryStatus, TaskConflict, plan Available, gateway shown while Associating)",
        lanes: ["entries", "joins", "bindings"],
    },
    {
        name: "dnat-operation-conflict",
        summary:
            "a DNAT table write while another entry is Pending gets OperationConflict (HTTP 409), as terraform-provider-alicloud#5600 shows",
        answers: { tableBusyCode: "OperationConflict" },
        lanes: ["entries"],
    },
    {
        name: "deleting-blocks-table",
        summary: "a Deleting DNAT entry blocks creates and deletes on its table as a Pending one does (IncorretForwardEntryStatus)",
        answers: { deletingBlocksTable: true },
        lanes: [],
    },
    {
        name: "plan-reports-binding",
        summary: "the bandwidth plan's own Status is BINDING while an EIP joins (the provider then waits for Available)",
        answers: { planReportsBinding: true },
        lanes: ["joins"],
    },
    {
        name: "plan-lock-distlock",
        summary: "a write on a plan while an EIP is BINDING gets OperationFailed.DistibuteLock, which the provider does not retry",
        answers: { planBusyCode: "OperationFailed.DistibuteLock" },
        lanes: ["joins"],
    },
    {
        name: "gateway-one-binding",
        summary: "a NAT gateway takes one binding or unbinding at a time (TaskConflict while another EIP of it is in transition)",
        answers: { gatewayOneBindingAtATime: true },
        lanes: ["bindings"],
    },
    {
        name: "leave-needs-unbind",
        summary: "an EIP still bound to a NAT gateway cannot leave its plan (EIP_BIND_NATGATEWAY, not retried)",
        answers: { leaveWhileBound: false },
        lanes: [],
    },
    {
        name: "eip-bound-after-inuse",
        summary: "DescribeEipAddresses names the gateway as InstanceId only once the EIP is InUse, not while Associating",
        answers: { instanceWhileAssociating: false },
        lanes: [],
        providerFails: {
            step: "up",
            // As the e2e saw it: "resource_alicloud_eip_association.go:138: … service_alicloud_eip_v2.go:327: ResourceNotfound!!!
            // … The specified Association eip-…:ngw-… is not found."
            pattern: /resource_alicloud_eip_association\.go:\d+:[\s\S]*ResourceNotfound[\s\S]*The specified Association \S+ is not found/,
            why:
                "the provider reads the binding right after AssociateEipAddress and takes a missing InstanceId as NotFound, which " +
                "fails a new resource (resource_alicloud_eip_association.go Read, service_alicloud_eip_v2.go DescribeEipAssociation)",
        },
    },
    {
        name: "slow",
        summary:
            "transitional states at the long end: NAT Creating 180 s, EIP Associating/Unassociating, entry Pending/Deleting and BINDING 12 s",
        times: {
            natCreatingMs: 180 * S,
            eipAssociatingMs: 12 * S,
            eipUnassociatingMs: 12 * S,
            entryPendingMs: 12 * S,
            entryDeletingMs: 12 * S,
            planBindingMs: 12 * S,
        },
        lanes: ["joins"],
    },
    {
        name: "instant",
        summary: "every transitional state ends before anyone can see it (as unit tests run the emulator)",
        times: { natCreatingMs: 0, eipAssociatingMs: 0, eipUnassociatingMs: 0, entryPendingMs: 0, entryDeletingMs: 0, planBindingMs: 0 },
        lanes: [],
    },
];

/** `base` with `variant`'s answers and times over it. Pure. */
export function applyVariant(base: Realism, variant: Variant): Realism {
    return { ...base, times: { ...base.times, ...variant.times }, answers: { ...base.answers, ...variant.answers } };
}

/** A variant or a combination (`slow+plan-lock-distlock`) to run, with the realism it gives. */
export interface VariantRun {
    name: string;
    parts: Variant[];
    realism: Realism;
}

function byName(name: string): Variant {
    const v = VARIANTS.find((x) => x.name === name);
    if (!v) {
        throw new Error(
            `--variant ${JSON.stringify(name)} is not a variant; use one of ${VARIANTS.map((x) => x.name).join(", ")} (or all)`,
        );
    }
    return v;
}

/**
 * The runs `--variant` asks for, over `base` (default: the emulator's default realism): none given means `default`;
 * `all` means every variant in turn (only where `allowAll`); `a+b` layers b over a. Throws an Error naming the option.
 */
export function variantRuns(arg: string | undefined, allowAll: boolean, base: Realism = DEFAULT_REALISM): VariantRun[] {
    const text = (arg ?? "default").trim();
    if (text === "all") {
        if (!allowAll) {
            throw new Error(`--variant all runs each variant in turn; this command takes one (${VARIANTS.map((x) => x.name).join(", ")})`);
        }
        return VARIANTS.map((v) => ({ name: v.name, parts: [v], realism: applyVariant(base, v) }));
    }
    const parts = text.split("+").map((n) => byName(n.trim()));
    return [{ name: parts.map((p) => p.name).join("+"), parts, realism: parts.reduce(applyVariant, base) }];
}

/** Where no program survives the run with provider v1.285.0 (a part with `providerFails`). */
export function providerFailure(run: VariantRun): Variant["providerFails"] {
    return run.parts.find((p) => p.providerFails)?.providerFails;
}

/** The usage lines listing the variants. */
export function variantUsage(allowAll: boolean): string {
    const width = Math.max(...VARIANTS.map((v) => v.name.length));
    return [
        `variants (emulator/variants.ts, docs/alicloud-rules.md §9): --variant NAME, NAME+NAME layers them${
            allowAll ? "; --variant all runs each in turn, several --variant each given one" : ""
        }`,
        ...VARIANTS.map((v) => `      ${v.name.padEnd(width)}  ${v.summary}`),
    ].join("\n");
}
