/**
 * Seeded random requests for the emulator's fuzz run (tests/emulator/fuzz.test.ts), drawn with fast-check from a
 * seed so that a failing run can be repeated: well-formed steps of the seed's lifecycle (gateway, EIPs, plan, joins,
 * bindings, DNAT entries, security group rules, and their teardown) on the resources made so far, any action with a
 * random choice of its documented parameters and edge values, unknown actions, malformed and huge bodies, odd
 * methods, paths and content types. Requests go to the emulator's loopback address only.
 */
import fc from "fast-check";
import { ACTIONS, MAX_BODY_BYTES } from "../../emulator/server";
import { VPC, VSW } from "./emulator";

/** A request before its placeholders (`{eip}`, `{nat}`...) are filled from the resources made so far. */
export interface FuzzRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    /** Form or JSON parameters (filled, then encoded by `encoding`), or a raw body sent as is. */
    params?: Record<string, string>;
    encoding?: "form" | "json" | "query";
    raw?: string;
    /** Which of several resources of a kind a placeholder picks. */
    pick: number;
}

export const SECURITY_GROUP = "sg-uf6fuzz0000000000";

/** Values that probe the edges of each parameter's spec: empty, signs, overflows, wrong case, control characters. */
const EDGE = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "5",
    "20",
    "80",
    "80/90",
    "90/80",
    "65536",
    "any",
    "Any",
    "TCP",
    "udp",
    "icmp",
    "true",
    "false",
    "TRUE",
    "abc",
    "1e3",
    "99999999999999999999",
    "192.168.0.10",
    "10.0.0.1",
    "127.0.0.1",
    "300.1.1.1",
    "cn-shanghai",
    "cn-beijing",
    "xx-nowhere-1",
    "PayByTraffic",
    "PayByBandwidth",
    "PayBy95",
    "BGP",
    "Nat",
    "NatGateway",
    "EIP",
    "NATGATEWAY",
    "\u0000",
    "名字",
    "http://x",
    "__proto__",
    "constructor",
    "a".repeat(300),
];

/** Placeholders filled at send time from what the emulator has answered so far. */
export const PLACEHOLDERS = ["{eip}", "{eipIp}", "{nat}", "{table}", "{plan}", "{entry}", "{group}", "{vpc}", "{vsw}"];

const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...EDGE) },
    { weight: 4, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 70000 }).map(String) },
);

const region = fc.oneof(
    { weight: 12, arbitrary: fc.constant("cn-shanghai") },
    { weight: 1, arbitrary: fc.constantFrom("cn-beijing", "xx-nowhere-1", "", "CN-SHANGHAI") },
);

/** A documented parameter name of `action`, `.N` replaced by an index (sometimes out of range). */
function paramName(action: string): fc.Arbitrary<string> {
    const names = Object.keys(ACTIONS.get(action)!.params);
    return fc.tuple(fc.constantFrom(...names), fc.constantFrom(1, 1, 2, 0, 101)).map(([n, i]) => n.replace(".N", `.${i}`));
}

/** Any action with a random choice of its parameters and values. */
const anyAction = fc.constantFrom(...ACTIONS.keys()).chain((action) =>
    fc.record({
        action: fc.constant(action),
        params: fc.dictionary(paramName(action), value, { maxKeys: 8 }),
        region,
    }),
);

/** Well-formed steps of the seed's lifecycle, on resources picked at send time. */
const LIFECYCLE: [string, Record<string, string>][] = [
    ["CreateNatGateway", { VpcId: "{vpc}", VSwitchId: "{vsw}", NatType: "Enhanced" }],
    ["AllocateEipAddress", { InternetChargeType: "PayByTraffic" }],
    ["AllocateEipAddress", { ClientToken: "fuzz-token", InternetChargeType: "PayByTraffic" }],
    ["CreateCommonBandwidthPackage", { Bandwidth: "200", InternetChargeType: "PayByBandwidth" }],
    ["AddCommonBandwidthPackageIp", { BandwidthPackageId: "{plan}", IpInstanceId: "{eip}" }],
    ["AssociateEipAddress", { AllocationId: "{eip}", InstanceId: "{nat}", InstanceType: "Nat" }],
    [
        "CreateForwardEntry",
        {
            ForwardTableId: "{table}",
            ExternalIp: "{eipIp}",
            ExternalPort: "{port}",
            InternalIp: "192.168.0.{port8}",
            InternalPort: "{port}",
            IpProtocol: "TCP",
        },
    ],
    [
        "CreateForwardEntry",
        {
            ForwardTableId: "{table}",
            ExternalIp: "{eipIp}",
            ExternalPort: "any",
            InternalIp: "192.168.1.{port8}",
            InternalPort: "any",
            IpProtocol: "Any",
        },
    ],
    ["ModifyForwardEntry", { ForwardTableId: "{table}", ForwardEntryId: "{entry}", ExternalPort: "{port}", InternalPort: "{port}" }],
    ["DeleteForwardEntry", { ForwardTableId: "{table}", ForwardEntryId: "{entry}" }],
    ["UnassociateEipAddress", { AllocationId: "{eip}", InstanceId: "{nat}", InstanceType: "Nat" }],
    ["RemoveCommonBandwidthPackageIp", { BandwidthPackageId: "{plan}", IpInstanceId: "{eip}" }],
    ["DeleteCommonBandwidthPackage", { BandwidthPackageId: "{plan}" }],
    ["DeleteNatGateway", { NatGatewayId: "{nat}" }],
    ["ReleaseEipAddress", { AllocationId: "{eip}" }],
    ["TagResources", { ResourceType: "EIP", "ResourceId.1": "{eip}", "Tag.1.Key": "team", "Tag.1.Value": "edge" }],
    [
        "AuthorizeSecurityGroup",
        {
            SecurityGroupId: "{group}",
            "Permissions.1.IpProtocol": "tcp",
            "Permissions.1.PortRange": "{port}/{port}",
            "Permissions.1.SourceCidrIp": "203.0.113.0/24",
        },
    ],
    [
        "RevokeSecurityGroup",
        {
            SecurityGroupId: "{group}",
            IpProtocol: "tcp",
            PortRange: "{port}/{port}",
            SourceCidrIp: "203.0.113.0/24",
            Policy: "accept",
            NicType: "intranet",
        },
    ],
    ["DescribeEipAddresses", { PageSize: "100" }],
    ["DescribeForwardTableEntries", { ForwardTableId: "{table}" }],
];

const lifecycle = fc
    .record({
        step: fc.constantFrom(...LIFECYCLE),
        port: fc.integer({ min: 1, max: 30 }),
    })
    .map(({ step: [action, params], port }) => ({
        action,
        params: Object.fromEntries(
            Object.entries(params).map(([k, v]) => [k, v.replace("{port8}", String(port)).replace(/\{port\}/g, String(8000 + port))]),
        ),
        region: "cn-shanghai",
    }));

/** An action request, in the provider's style (Action in the query) or the SDK's (x-acs-action header). */
function actionRequest(a: { action: string; params: Record<string, string>; region: string }): fc.Arbitrary<Omit<FuzzRequest, "pick">> {
    const encodings: ("form" | "json" | "query")[] = ["form", "json", "query"];
    return fc.record({ headerStyle: fc.boolean(), encoding: fc.constantFrom(...encodings) }).map(({ headerStyle, encoding }) => {
        const query: Record<string, string> = headerStyle ? {} : { Action: a.action, Version: "2016-04-28" };
        const headers: Record<string, string> = headerStyle ? { "x-acs-action": a.action, "x-acs-version": "2016-04-28" } : {};
        return {
            method: "POST",
            path: "/",
            query,
            headers,
            params: a.region === "" ? a.params : { RegionId: a.region, ...a.params },
            encoding,
        };
    });
}

const CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/xml",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
];
const BODIES = [
    "{",
    "null",
    "[]",
    "123",
    '"text"',
    '{"RegionId": {"a": [1, {"b": null}]}}',
    "%%%",
    "a=1&a=2&&=",
    "\u0000\u0001",
    '{"Action": 5}',
];

const malformed = fc
    .record({ type: fc.constantFrom(...CONTENT_TYPES), raw: fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 200 })) })
    .map(({ type, raw }) => ({
        method: "POST",
        path: "/",
        query: { Action: "DescribeEipAddresses", Version: "2016-04-28", RegionId: "cn-shanghai" },
        headers: { "content-type": type },
        raw,
    }));

const oddPath = fc
    .record({
        method: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "POST"),
        path: fc.constantFrom("/", "/_emulator/log", "/_emulator/state", "/_emulator/log?since=-5", "/x/../y", "/%zz"),
    })
    .map(({ method, path }) => ({ method, path, query: {}, headers: {} }));

const junkAction = fc
    .record({ action: fc.string({ maxLength: 30 }), params: fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 6 }), region })
    .chain(actionRequest);

const huge = fc.constant({
    method: "POST",
    path: "/",
    query: { Action: "AllocateEipAddress", Version: "2016-04-28" },
    headers: { "content-type": "application/x-www-form-urlencoded" },
    raw: `Name=${"x".repeat(MAX_BODY_BYTES)}`,
});

/** One random request. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
    .tuple(
        fc.oneof(
            { weight: 8, arbitrary: lifecycle.chain(actionRequest) },
            { weight: 8, arbitrary: anyAction.chain(actionRequest) },
            { weight: 1, arbitrary: junkAction },
            { weight: 1, arbitrary: malformed },
            { weight: 1, arbitrary: oddPath },
            { weight: 1, arbitrary: fc.oneof({ weight: 1, arbitrary: huge }, { weight: 20, arbitrary: malformed }) },
        ),
        fc.nat(1000),
    )
    .map(([r, pick]) => ({ ...r, pick }));

/** The resources a fuzz run has made so far, by placeholder. */
export class Pools {
    private readonly pools = new Map<string, string[]>([
        ["{vpc}", [VPC]],
        ["{vsw}", [VSW]],
        ["{group}", [SECURITY_GROUP]],
    ]);

    /** Fills `{eip}`, `{nat}`... in `text` with the `pick`-th known resource of that kind (or leaves it as sent). */
    fill(text: string, pick: number): string {
        return text.replace(/\{(eip|eipIp|nat|table|plan|entry|group|vpc|vsw)\}/g, (p) => {
            const pool = this.pools.get(p) ?? [];
            return pool.length === 0 ? p : pool[pick % pool.length];
        });
    }

    /** Learns the ids an answer hands out. */
    learn(body: Record<string, unknown>): void {
        const add = (p: string, v: unknown) => typeof v === "string" && v && (this.pools.get(p) ?? this.pools.set(p, []).get(p)!).push(v);
        add("{eip}", body.AllocationId);
        add("{eipIp}", body.EipAddress);
        add("{nat}", body.NatGatewayId);
        add("{plan}", body.BandwidthPackageId);
        add("{entry}", body.ForwardEntryId);
        add("{table}", (body.ForwardTableIds as { ForwardTableId?: string[] } | undefined)?.ForwardTableId?.[0]);
    }
}
