/**
 * The model holds its own copy of the documented limits and parses API values itself (cloud/limits.ts, cloud/ports.ts,
 * cloud/permissions.ts), so that it checks the library instead of agreeing with it: these tests compare the two, and a
 * wrong value on either side fails here.
 */
import { expect } from "chai";
import * as libLimits from "../../components/limits";
import * as libPorts from "../../components/ports";
import * as libIngress from "../../components/validation/ingress";
import * as model from "../../cloud/limits";
import * as modelPorts from "../../cloud/ports";
import * as modelPermissions from "../../cloud/permissions";

const PORT_VALUES: unknown[] = [
    "80",
    " 80 ",
    80,
    "0080",
    "8000/8010",
    "8010/8000",
    "1/65535",
    "0",
    "65536",
    "1/70000",
    "any",
    "ANY",
    "Any",
    "",
    "80/",
    "/80",
    "80/90/100",
    "-1",
    "8o",
    80.5,
    NaN,
    undefined,
    null,
    {},
];

describe("the model's limits agree with the library's (docs/alicloud-rules.md §1.6, §1.10, §1.14, §4, §7)", () => {
    it("has the same account sites, line types (rules §1.10, §1.14) and PayBy95 ratio (rules §1.10)", () => {
        expect([...model.ACCOUNT_SITES]).to.deep.equal([...libLimits.ACCOUNT_SITES]);
        expect([...model.ISP_VALUES].sort()).to.deep.equal([...libLimits.ISPS].sort());
        expect(model.CBWP_RATIO).to.deep.equal({ value: libLimits.PAYBY95_RATIO, requiredWith: "PayBy95" });
    });

    it("has the same default quotas under the inventory keys that raise them, and only the plans per region besides (rules §4, §7.4)", () => {
        const quotas = Object.values(model.QUOTAS);
        const shared = quotas.filter((q) => q.inventoryKey in libLimits.DEFAULT_QUOTAS);
        expect(Object.fromEntries(shared.map((q) => [q.inventoryKey, q.default]))).to.deep.equal(libLimits.DEFAULT_QUOTAS);
        expect(quotas.filter((q) => !shared.includes(q)).map((q) => q.inventoryKey)).to.deep.equal(["bandwidthPlansPerRegion"]);
        expect(model.QUOTA_DEFAULTS).to.deep.equal(Object.fromEntries(quotas.map((q) => [q.inventoryKey, q.default])));
    });

    it("has the same plan bandwidth range for every site and charge type, and the same charge types (rules §1.10)", () => {
        const row = (site: string, charge: string, range: readonly number[]) => `${site} ${charge} ${range.join("-")}`;
        const lib = Object.entries(libLimits.PLAN_BANDWIDTH_RANGES).flatMap(([site, ranges]) =>
            Object.entries(ranges).map(([charge, range]) => row(site, charge, range)),
        );
        expect(model.CBWP_BANDWIDTH.map((r) => row(r.site, r.internetChargeType, [r.min, r.max])).sort()).to.deep.equal(lib.sort());
        for (const site of libLimits.ACCOUNT_SITES) {
            expect(model.chargeTypesSold(site), site).to.deep.equal(Object.keys(libLimits.PLAN_BANDWIDTH_RANGES[site]));
            for (const charge of libLimits.PLAN_CHARGE_TYPES) {
                expect(model.bandwidthRange(site, charge), `${site} ${charge}`).to.deep.equal(
                    libLimits.PLAN_BANDWIDTH_RANGES[site][charge],
                );
            }
        }
        expect([...new Set(model.CBWP_BANDWIDTH.map((r) => r.internetChargeType))].sort()).to.deep.equal(
            [...libLimits.PLAN_CHARGE_TYPES].sort(),
        );
    });

    it("parses every port value as the library does, with the same reason for a refused one (rules §1.6)", () => {
        for (const v of PORT_VALUES) {
            expect(modelPorts.parsePort(v), JSON.stringify(v) ?? String(v)).to.deep.equal(libPorts.parsePort(v));
        }
    });

    it("formats, counts and overlaps ports as the library does", () => {
        const specs = ["80", "8000/8010", "8005/8020", "any", "1/65535"].map(
            (v) => (libPorts.parsePort(v) as { port: libPorts.PortSpec }).port,
        );
        for (const a of specs) {
            expect([modelPorts.formatPort(a), modelPorts.portCount(a)]).to.deep.equal([libPorts.formatPort(a), libPorts.portCount(a)]);
            for (const b of specs) {
                expect(modelPorts.portsOverlap(a, b), `${libPorts.formatPort(a)} ~ ${libPorts.formatPort(b)}`).to.equal(
                    libPorts.portsOverlap(a, b),
                );
            }
        }
    });

    it("refuses the same security group permissions and sources, with the same reasons (rules §7.1, §7.6)", () => {
        const permissions: [string, string][] = [
            ["tcp", "22/22"],
            ["UDP", "1/65535"],
            ["tcp", "0/22"],
            ["tcp", "22/70000"],
            ["tcp", "30/20"],
            ["tcp", "22"],
            ["icmp", "-1/-1"],
            ["gre", "1/2"],
            ["all", "-1/-1"],
            ["sctp", "1/2"],
        ];
        for (const [p, r] of permissions) {
            expect(modelPermissions.permissionProblem(p, r), `${p} ${r}`).to.equal(libIngress.permissionProblem(p, r));
        }
        for (const s of [
            "203.0.113.0/24",
            " 10.0.0.0/8 ",
            "203.0.113.5/24",
            "0.0.0.0/0",
            "300.1.1.1/8",
            "10.0.0.0/33",
            "10.0.0.0",
            5,
            "::/0",
        ]) {
            expect(modelPermissions.parseSource(s), String(s)).to.deep.equal(libIngress.parseSource(s));
        }
    });
});
