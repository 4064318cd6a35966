/** Tags on the created NAT gateway, EIPs and plan, with the stack tag that `npm run reconcile` looks for. */
import type { SharedBandwidthGatewayArgs } from "../types";
import { show } from "./common";
import type { Problem } from "./types";

/** Tag key naming the stack that owns a resource (the component's `stackTag` argument is its value). */
export const STACK_TAG_KEY = "sbg-stack";

/**
 * The tags to set: the caller's plus `sbg-stack` when `stackTag` is given. A tag value is at most 128 characters,
 * does not start with `acs:` and contains no `http://` or `https://` (Alibaba Cloud API reference, Tag.Value).
 */
export function resolveTags(problems: Problem[], a: SharedBandwidthGatewayArgs): Record<string, string> {
    const tags = { ...(a.tags ?? {}) };
    if (a.stackTag === undefined) {
        return tags;
    }
    if (a.stackTag.length === 0 || a.stackTag.length > 128 || /^acs:/i.test(a.stackTag) || /https?:\/\//i.test(a.stackTag)) {
        problems.push({
            propertyPath: "stackTag",
            reason: `${show(a.stackTag)} cannot be a tag value: 1-128 characters, not starting with acs:, without http:// or https://`,
        });
    }
    const own = tags[STACK_TAG_KEY];
    if (own !== undefined && own !== a.stackTag) {
        problems.push({
            propertyPath: `tags.${STACK_TAG_KEY}`,
            reason: `${show(own)} conflicts with stackTag ${show(a.stackTag)}: the ${STACK_TAG_KEY} tag names the owning stack; leave it out of tags`,
        });
    }
    tags[STACK_TAG_KEY] = a.stackTag;
    return tags;
}
