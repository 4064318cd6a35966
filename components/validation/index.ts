/**
 * Validation and normalisation of {@link SharedBandwidthGatewayArgs}, before any resource exists.
 * Pure: collects every problem, then either returns the resolved gateway or throws one error listing them all.
 * Each check cites the section of the project's Alibaba Cloud rules reference (alicloud-rules.md) it implements.
 */
import type { SharedBandwidthGatewayArgs } from "../types";
import { checkConnectivity } from "./connectivity";
import { checkDemand } from "./demand";
import { checkEips, spareEipWarnings } from "./eips";
import { GatewayValidationError } from "./error";
import { checkIngress } from "./ingress";
import { checkMaxParallelWrites, checkNamePrefix, checkNatGateway, checkSite, checkVpcCidr } from "./gateway";
import { resolveTags } from "./tags";
import { checkEconomics, checkPlanBilling, checkPlanExtras, checkPlanRange, resolvePlan, sizePlan } from "./plan";
import { checkPrices, withCosts } from "./prices";
import { checkQuotas, resolveQuotas } from "./quotas";
import { checkBoundEips } from "./adoption";
import { checkRenames } from "./renames";
import { checkRuleConflicts, checkRules, resolveRules, ruleWarnings } from "./rules";
import { beyondShape, checkShapeFirst } from "./shape";
import type { Problem, ResolvedGateway } from "./types";

export { GatewayValidationError } from "./error";
export { STACK_TAG_KEY } from "./tags";
export type {
    BandwidthEconomics,
    Problem,
    ResolvedBandwidthPlan,
    ResolvedEip,
    ResolvedGateway,
    ResolvedIngress,
    ResolvedRule,
} from "./types";

/**
 * Validates and resolves the arguments. Never throws; returns problems and, when there are none, the resolved gateway.
 * Every problem at once: a malformed part is reported and left out, and the rest is still checked (shape.ts).
 */
export function validateGatewayArgs(
    componentName: string,
    args: SharedBandwidthGatewayArgs,
): { gateway?: ResolvedGateway; problems: Problem[]; warnings: Problem[] } {
    const shape = checkShapeFirst(args);
    if (!shape.usable) {
        return { problems: shape.problems, warnings: [] };
    }
    const problems: Problem[] = [];
    const warnings: Problem[] = [];
    const a = shape.usable;
    const checked = checkGateway(problems, warnings, a, componentName);
    // Warnings the plan report also shows.
    spareEipWarnings(warnings, checked.eips);
    ruleWarnings(warnings, checked.parsedRules, new Set(checked.ingress.keys()));
    if (shape.problems.length > 0 || problems.length > 0) {
        return { problems: [...shape.problems, ...beyondShape(shape.problems, problems)], warnings };
    }
    return { gateway: resolvedGateway(a, checked, warnings), problems, warnings };
}

/** Every check past the shape, in the order their problems are listed; what each resolved. */
function checkGateway(problems: Problem[], warnings: Problem[], a: SharedBandwidthGatewayArgs, componentName: string) {
    const site = checkSite(problems, a);
    const namePrefix = checkNamePrefix(problems, a, componentName);
    const cidr = checkVpcCidr(problems, a);
    const nat = checkNatGateway(problems, a);
    const eips = checkEips(problems, a, site);
    const parsedRules = checkRules(problems, a, cidr);
    checkRuleConflicts(problems, parsedRules);
    const renames = checkRenames(problems, a);
    const boundEips = checkBoundEips(problems, a);
    const quotas = resolveQuotas(problems, a);
    checkQuotas(problems, warnings, a, quotas, nat, eips);
    const ingress = checkIngress(problems, warnings, a, parsedRules, quotas);
    const plan = checkBandwidthPlan(problems, warnings, a, site);
    checkPrices(problems, a, site.site);
    const connectivity = checkConnectivity(problems, a);
    const maxParallelWrites = checkMaxParallelWrites(problems, warnings, a);
    const tags = resolveTags(problems, a);
    return {
        site,
        namePrefix,
        nat,
        eips,
        parsedRules,
        renames,
        boundEips,
        quotas,
        ingress,
        ...plan,
        connectivity,
        maxParallelWrites,
        tags,
    };
}

/** The bandwidth plan's checks: billing, extras, the applications' demand, its size and range, the economics. */
function checkBandwidthPlan(problems: Problem[], warnings: Problem[], a: SharedBandwidthGatewayArgs, site: ReturnType<typeof checkSite>) {
    const p = a.bandwidthPlan;
    const billing = checkPlanBilling(problems, p, site);
    const headroom = checkPlanExtras(problems, p);
    const apps = a.applications ?? {};
    const figures = checkDemand(problems, apps, headroom);
    const size = sizePlan(problems, p, Object.keys(apps).length > 0, figures, billing);
    checkPlanRange(problems, size, billing);
    const economics = checkEconomics(problems, warnings, p, figures, size.mbps ?? 0, apps);
    return { billing, size, economics };
}

/** The resolved gateway from arguments that passed every check. */
function resolvedGateway(a: SharedBandwidthGatewayArgs, c: ReturnType<typeof checkGateway>, warnings: Problem[]): ResolvedGateway {
    const plan = resolvePlan(a.bandwidthPlan, c.size, c.billing);
    return {
        site: c.site.site,
        namePrefix: c.namePrefix,
        vpcId: a.vpcId,
        vpcCidr: a.vpcCidr,
        tags: c.tags,
        nat: c.nat,
        eips: c.eips,
        rules: resolveRules(a, c.parsedRules, c.ingress),
        plan,
        economics: withCosts(c.economics, a, c.site.site, plan, c.eips.length),
        quotas: c.quotas,
        protectEips: a.protectEips ?? true,
        renames: c.renames,
        boundEips: c.boundEips,
        maxParallelWrites: c.maxParallelWrites,
        connectivity: c.connectivity,
        warnings,
    };
}

/** Validates and resolves, throwing {@link GatewayValidationError} with every problem when the arguments are invalid. */
export function resolveGatewayArgs(componentName: string, args: SharedBandwidthGatewayArgs): ResolvedGateway {
    const { gateway, problems } = validateGatewayArgs(componentName, args);
    if (!gateway) {
        throw new GatewayValidationError(componentName, problems);
    }
    return gateway;
}
