/**
 * Paging and filtering of the Describe and List actions (docs/alicloud-rules.md §8.4, §8.5):
 * - numbered pages: `PageNumber` (default 1) and `PageSize` (default 10, at most the action's documented maximum),
 *   answered with `TotalCount`, `PageNumber`, `PageSize` and the page's items; a page past the end is empty;
 * - token pages (ListTagResources, DescribeSecurityGroupAttribute): `MaxResults` and `NextToken`, answered with the
 *   token of the next page, or an empty token after the last;
 * - filters: exact matches, comma-separated lists of ids, and tags (every `Tag.N.Key` the resource carries, with the
 *   `Tag.N.Value` given).
 * The parameters' format (whole numbers, their ranges) is checked by the action's spec (emulator/params.ts) before these run.
 */
import { flatTags, WireError } from "./wire";

/** One page of a numbered listing. */
export interface Page<T> {
    items: T[];
    total: number;
    pageNumber: number;
    pageSize: number;
}

/** Page `PageNumber` of `items`, `PageSize` per page (defaults 1 and 10). */
export function numberedPage<T>(items: readonly T[], p: Readonly<Record<string, string>>): Page<T> {
    const pageNumber = p.PageNumber === undefined || p.PageNumber === "" ? 1 : Number(p.PageNumber);
    const pageSize = p.PageSize === undefined || p.PageSize === "" ? 10 : Number(p.PageSize);
    const start = (pageNumber - 1) * pageSize;
    return { items: items.slice(start, start + pageSize), total: items.length, pageNumber, pageSize };
}

/** A Describe answer of one page: `{TotalCount, PageNumber, PageSize, <outer>: {<inner>: [...]}}`. */
export function pageAnswer<T>(
    outer: string,
    inner: string,
    page: Page<T>,
    render: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
    return {
        TotalCount: page.total,
        PageNumber: page.pageNumber,
        PageSize: page.pageSize,
        [outer]: { [inner]: page.items.map(render) },
    };
}

/** The token of the page that starts at `offset` (the API's tokens are opaque; these are too). */
function token(offset: number): string {
    return Buffer.from(`offset:${offset}`).toString("base64url");
}

/**
 * The page of `items` a `NextToken`/`MaxResults` request asks for, and the token of the next page ("" after the last).
 * An unknown token is `InvalidNextToken` (docs/alicloud-rules.md §8.4: the code is not documented [?]).
 */
export function tokenPage<T>(items: readonly T[], nextToken: string | undefined, maxResults: number): { items: T[]; nextToken: string } {
    let offset = 0;
    if (nextToken !== undefined && nextToken !== "") {
        const m = /^offset:(\d+)$/.exec(Buffer.from(nextToken, "base64url").toString("utf8"));
        if (!m || token(Number(m[1])) !== nextToken) {
            throw new WireError(
                400,
                "InvalidNextToken",
                `The specified parameter "NextToken" is not valid: not a token this API returned (got ${JSON.stringify(nextToken.slice(0, 64))}).`,
            );
        }
        offset = Number(m[1]);
    }
    const end = offset + maxResults;
    return { items: items.slice(offset, end), nextToken: end < items.length ? token(end) : "" };
}

/** The values of a comma-separated filter (`eip-a,eip-b`), or undefined when it is not given. Pure. */
export function commaValues(value: string | undefined): Set<string> | undefined {
    return value === undefined || value === "" ? undefined : new Set(value.split(",").map((v) => v.trim()));
}

/** Whether `actual` passes an exact-match filter (`undefined` and "" filter nothing). Pure. */
export function matches(filter: string | undefined, actual: string | undefined): boolean {
    return filter === undefined || filter === "" || filter === actual;
}

/** Whether a resource with `tags` carries every tag the request's `Tag.N.Key`/`Tag.N.Value` filter names. Pure. */
export function hasTags(p: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>> | undefined): boolean {
    const wanted = flatTags(p);
    return Object.entries(wanted).every(
        ([k, v]) => tags !== undefined && Object.prototype.hasOwnProperty.call(tags, k) && (v === "" || tags[k] === v),
    );
}
