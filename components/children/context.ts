/**
 * What every child builder of a SharedBandwidthGateway shares: the component's name and parent, the validated
 * arguments, how destroy takes the gateway and the plan down, the tags, the cloud-side names and the aliases a
 * renamed key leaves. Child and cloud-side names come from components/kinds.ts, nowhere else.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName, cloudName, KindName } from "../kinds";
import { planTeardown, Teardown } from "../teardown";
import type { ResolvedGateway } from "../validation";

/** The shared inputs of the child builders. */
export interface ChildContext {
    /** The component's name: every child's name starts with it. */
    readonly name: string;
    readonly gw: ResolvedGateway;
    /** The component: every child's parent (a flat tree). */
    readonly parent: pulumi.Resource;
    /** How destroy takes the gateway and the plan down (components/teardown.ts). */
    readonly teardown: Teardown;
    /** The tags of the created resources; undefined when there are none. */
    readonly tags: Record<string, string> | undefined;
    /** The cloud-side name of a created resource, with the stack's suffix; `part` is an EIP's key. */
    cloudName(part?: string): pulumi.Output<string>;
}

/**
 * The context of the component `parent` named `name`. Creates the one child every cloud-side name needs: a stable
 * per-stack suffix keeps those names unique across stacks; names are cosmetic, never identity.
 */
export function childContext(name: string, gw: ResolvedGateway, parent: pulumi.Resource): ChildContext {
    const suffix = new random.RandomString(
        childName(name, "suffix"),
        { length: 6, special: false, upper: false, numeric: true },
        { parent },
    );
    return {
        name,
        gw,
        parent,
        teardown: planTeardown(gw),
        tags: Object.keys(gw.tags).length > 0 ? gw.tags : undefined,
        cloudName: (part) => suffix.result.apply((s) => cloudName(gw.namePrefix, s, part)),
    };
}

/** A renamed key keeps its resources: the child names of its previous keys (previousKeys) become aliases. */
export function aliasesOf(ctx: ChildContext, kind: KindName, previous: string[] | undefined): { name: string }[] | undefined {
    return previous && previous.length > 0 ? previous.map((k) => ({ name: childName(ctx.name, kind, k) })) : undefined;
}
