/** The component's argument validation (components/validation/*): every rule, its property path and message, and warnings. */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { GatewayValidationError, limits, resolveGatewayArgs, SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";
import { baseArgs } from "./support/run";

type Mutate = (a: SharedBandwidthGatewayArgs) => void;

function problems(mutate: Mutate) {
    const a = baseArgs();
    mutate(a);
    return validateGatewayArgs("gw", a).problems;
}

/** Asserts exactly one problem at `path` whose reason contains every fragment. */
function expectProblem(mutate: Mutate, path: string, ...fragments: string[]) {
    const found = problems(mutate).filter((p) => p.propertyPath === path);
    expect(found, `problems at ${path}`).to.have.length(1);
    for (const f of fragments) {
        expect(found[0].reason).to.include(f);
    }
}

describe("validation", () => {
    it("accepts the base arguments and normalises them", () => {
        const r = validateGatewayArgs("gw", baseArgs());
        expect(r.problems).to.deep.equal([]);
        expect(r.gateway!.rules.map((x) => [x.key, x.protocol, x.externalPort, x.internalPort])).to.deep.equal([
            ["api", "tcp", "80", "8080"],
            ["web", "tcp", "80", "80"],
        ]);
        expect(r.gateway!.plan).to.include({ bandwidthMbps: 100, internetChargeType: "PayByTraffic", isp: "BGP", sizedBy: "configured" });
    });

    describe("ports and protocols (rules §1.6, §3)", () => {
        it("accepts any case for the protocol and sends lowercase", () => {
            const a = baseArgs();
            a.rules!.web.protocol = "TCP";
            a.rules!.api.protocol = "Udp";
            const g = resolveGatewayArgs("gw", a);
            expect(g.rules.map((r) => r.protocol)).to.deep.equal(["udp", "tcp"]);
        });
        it("rejects an unknown protocol", () =>
            expectProblem((a) => (a.rules!.web.protocol = "icmp"), "rules.web.protocol", '"icmp"', "tcp, udp, any"));
        it("rejects a port above 65535", () =>
            expectProblem((a) => (a.rules!.web.externalPort = "70000"), "rules.web.externalPort", '"70000"', "outside 1-65535"));
        it("rejects port 0", () =>
            expectProblem((a) => (a.rules!.web.internalPort = "0"), "rules.web.internalPort", '"0"', "outside 1-65535"));
        it("rejects a malformed port", () =>
            expectProblem((a) => (a.rules!.web.externalPort = "80-90"), "rules.web.externalPort", '"80-90"', "start/end"));
        it("rejects a reversed range", () =>
            expectProblem((a) => (a.rules!.web.externalPort = "90/80"), "rules.web.externalPort", "start 90 is above its end 80"));
        it("accepts equal-length ranges", () => {
            const a = baseArgs();
            Object.assign(a.rules!.web, { externalPort: "8000/8010", internalPort: "9000/9010" });
            expect(resolveGatewayArgs("gw", a).rules[1]).to.include({ externalPort: "8000/8010", internalPort: "9000/9010" });
        });
        it("rejects ranges of different length", () =>
            expectProblem(
                (a) => Object.assign(a.rules!.web, { externalPort: "8000/8010", internalPort: "9000/9005" }),
                "rules.web.internalPort",
                "covers 6 port(s)",
                "covers 11",
            ));
        it("rejects protocol any with numeric ports", () =>
            expectProblem(
                (a) => (a.rules!.web.protocol = "any"),
                "rules.web.externalPort",
                'protocol "any" is whole-IP mapping',
                "80 -> 80",
            ));
        it("rejects any ports with tcp", () =>
            expectProblem(
                (a) => (a.rules!.web.externalPort = "any"),
                "rules.web.externalPort",
                'port "any" is only for whole-IP',
                '"tcp"',
            ));
        it("defaults whole-IP ports to any", () => {
            const a = baseArgs();
            a.rules!.web = { eip: "a", protocol: "Any", internalIp: "192.168.0.10" };
            expect(resolveGatewayArgs("gw", a).rules[1]).to.include({
                protocol: "any",
                externalPort: "any",
                internalPort: "any",
                wholeIp: true,
            });
        });
    });

    describe("uniqueness (rules §1.6, §3)", () => {
        it("rejects the same EIP, port and protocol twice", () =>
            expectProblem((a) => (a.rules!.web.eip = "b"), "rules.web.externalPort", '80/tcp on EIP "b" overlaps rule "api"'));
        it("rejects overlapping ranges on one EIP", () =>
            expectProblem(
                (a) => {
                    a.rules!.web.eip = "b";
                    Object.assign(a.rules!.web, { externalPort: "75/85", internalPort: "75/85" });
                },
                "rules.web.externalPort",
                "75/85/tcp",
                'overlaps rule "api"',
            ));
        it("allows tcp and udp on the same EIP and port", () => {
            const a = baseArgs();
            a.rules!.dns = { eip: "a", protocol: "udp", externalPort: "80", internalIp: "192.168.0.12", internalPort: "80" };
            expect(validateGatewayArgs("gw", a).problems).to.deep.equal([]);
        });
        it("rejects the same private IP, port and protocol twice", () =>
            expectProblem(
                (a) => Object.assign(a.rules!.web, { internalIp: "192.168.0.11", internalPort: "8080" }),
                "rules.web.internalPort",
                '192.168.0.11:8080/tcp is already the target of rule "api"',
            ));
        it("rejects other rules on a whole-IP EIP", () =>
            expectProblem(
                (a) => (a.rules!.all = { eip: "a", protocol: "any", internalIp: "192.168.0.20" }),
                "rules.web.eip",
                'EIP "a" is mapped whole to 192.168.0.20 by rule "all"',
            ));
        it("rejects a rule naming an unknown EIP", () =>
            expectProblem((a) => (a.rules!.web.eip = "zz"), "rules.web.eip", '"zz" is not a key of eips', "a, b"));
    });

    describe("addresses", () => {
        it("rejects an internal IP outside the VPC CIDR", () =>
            expectProblem(
                (a) => (a.rules!.web.internalIp = "10.0.0.5"),
                "rules.web.internalIp",
                '"10.0.0.5" is outside the VPC CIDR 192.168.0.0/16',
            ));
        it("rejects a public internal IP when no CIDR is given", () =>
            expectProblem(
                (a) => {
                    delete a.vpcCidr;
                    a.rules!.web.internalIp = "8.8.8.8";
                },
                "rules.web.internalIp",
                '"8.8.8.8" is not a private address',
            ));
        it("rejects a malformed internal IP", () =>
            expectProblem((a) => (a.rules!.web.internalIp = "192.168.0"), "rules.web.internalIp", '"192.168.0" is not an IPv4 address'));
        it("rejects a malformed VPC CIDR", () => expectProblem((a) => (a.vpcCidr = "192.168.0.0/33"), "vpcCidr", '"192.168.0.0/33"'));
    });

    describe("keys and names", () => {
        it("rejects an EIP key that cannot name a resource", () =>
            expectProblem((a) => (a.eips["Bad Key"] = {}), "eips.Bad Key", 'key "Bad Key"'));
        it("rejects a rule key that is not a valid entry name unless a name is given", () => {
            expectProblem(
                (a) => (a.rules!["1x"] = { eip: "b", protocol: "udp", externalPort: "53", internalIp: "192.168.0.9" }),
                "rules.1x",
                'key "1x" is also the DNAT entry\'s default name, which needs 2-128 characters starting with a letter',
            );
            const a = baseArgs();
            a.rules!["1x"] = { eip: "b", protocol: "udp", externalPort: "53", internalIp: "192.168.0.9", name: "dns" };
            expect(validateGatewayArgs("gw", a).problems).to.deep.equal([]);
        });
        it("rejects a misspelt property with its path", () =>
            expectProblem(
                (a) => ((a.rules!.web as unknown as Record<string, unknown>).exernalPort = "80"),
                "rules.web.exernalPort",
                'unknown property "exernalPort"',
            ));
        it("rejects a wrong type with the value", () =>
            expectProblem(
                (a) => ((a.bandwidthPlan as unknown as Record<string, unknown>).deletionProtection = "yes"),
                "bandwidthPlan.deletionProtection",
                "must be true or false",
                '"yes"',
            ));
        it("rejects a description starting with a URL", () =>
            expectProblem((a) => (a.natGateway.description = "https://example.com"), "natGateway.description", "not starting with http"));
        it("rejects a name prefix that cannot start a cloud name", () =>
            expectProblem((a) => (a.namePrefix = "9lives"), "namePrefix", '"9lives"'));
    });

    describe("previous keys (renames)", () => {
        it("resolves previousKeys of EIPs and rules", () => {
            const a = baseArgs();
            a.eips.a.previousKeys = ["front"];
            a.rules!.web.previousKeys = ["www", "http"];
            expect(resolveGatewayArgs("gw", a).renames).to.deep.equal({ eips: { a: ["front"] }, rules: { web: ["www", "http"] } });
        });
        it("rejects a previous key that is still a current key", () =>
            expectProblem((a) => (a.rules!.web.previousKeys = ["api"]), "rules.web.previousKeys.0", '"api" is a current key of rules'));
        it("rejects one old key claimed by two EIPs", () =>
            expectProblem(
                (a) => {
                    a.eips.a.previousKeys = ["old"];
                    a.eips.b.previousKeys = ["old"];
                },
                "eips.b.previousKeys.0",
                '"old" is already a previous key of eips.a',
            ));
        it("rejects a previous key that cannot have named a resource", () =>
            expectProblem((a) => (a.eips.a.previousKeys = ["Old Key"]), "eips.a.previousKeys.0", 'key "Old Key"'));
    });

    describe("stack tag (Tag.Value: 1-128 characters, not acs:, no URL)", () => {
        it("adds sbg-stack to the caller's tags", () => {
            const a = baseArgs();
            a.tags = { team: "edge" };
            a.stackTag = "proj/prod";
            expect(validateGatewayArgs("gw", a).gateway!.tags).to.deep.equal({ team: "edge", "sbg-stack": "proj/prod" });
        });
        it("rejects a value the API would refuse", () => expectProblem((a) => (a.stackTag = "acs:prod"), "stackTag", '"acs:prod"', "128"));
        it("rejects a caller's sbg-stack tag that names another stack", () =>
            expectProblem(
                (a) => ((a.tags = { "sbg-stack": "other/dev" }), (a.stackTag = "proj/prod")),
                "tags.sbg-stack",
                '"other/dev"',
                '"proj/prod"',
            ));
    });

    describe("NAT gateway", () => {
        it("rejects subscription billing with what to use instead", () =>
            expectProblem(
                (a) => (a.natGateway.paymentType = "PrePaid"),
                "natGateway.paymentType",
                '"PrePaid" is no longer sold',
                '"PayAsYouGo"',
            ));
        it("rejects PayBySpec with what to use instead", () =>
            expectProblem(
                (a) => (a.natGateway.internetChargeType = "PayBySpec"),
                "natGateway.internetChargeType",
                '"PayBySpec" is no longer sold',
                '"PayByLcu"',
            ));
        it("rejects a spec such as Small", () =>
            expectProblem((a) => (a.natGateway.specification = "Small"), "natGateway.specification", '"Small"', "no longer sold"));
        it("requires a vSwitch to create", () => expectProblem((a) => delete a.natGateway.vswitchId, "natGateway.vswitchId", "required"));
        it("requires a VPC to create", () => expectProblem((a) => delete a.vpcId, "vpcId", "required"));
        it("adopts by id and refuses create-only fields", () => {
            expectProblem(
                (a) => (a.natGateway = { mode: "adopt", id: "ngw-abc", vswitchId: "vsw-x" }),
                "natGateway.vswitchId",
                'only applies when mode is "create"',
            );
            expectProblem((a) => (a.natGateway = { mode: "adopt" }), "natGateway.id", "adopt needs the existing gateway id");
            const a = baseArgs();
            a.natGateway = { mode: "adopt", id: "ngw-abc" };
            expect(resolveGatewayArgs("gw", a).nat).to.deep.equal({ mode: "adopt", id: "ngw-abc" });
        });
        it("rejects an unknown EIP bind mode", () =>
            expectProblem((a) => (a.natGateway.eipBindMode = "BINDED"), "natGateway.eipBindMode", '"BINDED"', "MULTI_BINDED, NAT"));
    });

    describe("EIPs", () => {
        it("rejects subscription EIPs, which cannot join a plan", () =>
            expectProblem(
                (a) => (a.eips.a.paymentType = "Subscription"),
                "eips.a.paymentType",
                '"Subscription"',
                "IpInstanceId.ChargeType.NotSupport",
            ));
        it("rejects PayByBandwidth EIPs on the international site", () =>
            expectProblem(
                (a) => (a.eips.a.internetChargeType = "PayByBandwidth"),
                "eips.a.internetChargeType",
                "COMMODITY.INVALID_COMPONENT",
                '"PayByTraffic"',
            ));
        it("adopts by allocation id, once", () => {
            expectProblem(
                (a) => {
                    a.eips.a = { mode: "adopt", allocationId: "eip-one" };
                    a.eips.b = { mode: "adopt", allocationId: "eip-one" };
                },
                "eips.b.allocationId",
                '"eip-one" is already adopted as EIP "a"',
            );
            expectProblem((a) => (a.eips.a = { mode: "adopt" }), "eips.a.allocationId", "adopt needs the EIP's allocation id");
        });
        it("requires at least one EIP", () => expectProblem((a) => ((a.eips = {}), (a.rules = {})), "eips", "at least one EIP"));
    });

    describe("quotas (rules §4)", () => {
        const manyEips = (n: number) => (a: SharedBandwidthGatewayArgs) => {
            for (let i = 0; i < n; i++) {
                a.eips[`e${i}`] = {};
            }
        };
        it("rejects more than 20 EIPs per NAT gateway", () =>
            expectProblem(manyEips(19), "eips", "21 EIPs exceed the quota of 20 per NAT gateway"));
        it("accepts more EIPs when the quota is raised", () => {
            const a = baseArgs();
            manyEips(19)(a);
            a.quotas = { eipsPerNatGateway: 30 };
            expect(validateGatewayArgs("gw", a).problems).to.deep.equal([]);
        });
        it("rejects more than 100 EIPs per plan even with a raised NAT quota", () => {
            const found = problems((a) => {
                manyEips(99)(a);
                a.quotas = { eipsPerNatGateway: 200 };
            }).map((p) => p.reason);
            expect(found).to.deep.equal([
                "101 EIPs exceed the quota of 100 per EIP bandwidth plan (IpInstanceId.QuotaExceeded); raise it in Quota Center and set quotas.eipsPerBandwidthPlan",
            ]);
        });
        it("rejects more than 100 DNAT entries per table", () =>
            expectProblem(
                (a) => {
                    for (let i = 0; i < 99; i++) {
                        a.rules![`r${i}`] = { eip: "a", protocol: "udp", externalPort: String(1000 + i), internalIp: "192.168.0.10" };
                    }
                },
                "rules",
                "101 rules exceed the quota of 100 DNAT entries",
            ));
        it("rejects a quota below 1", () =>
            expectProblem((a) => (a.quotas = { dnatEntriesPerTable: 0 }), "quotas.dnatEntriesPerTable", "0 must be a whole number"));
    });

    describe("bandwidth plan (rules §1.10)", () => {
        it("rejects a bandwidth outside the site's range", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.bandwidthMbps = 1500),
                "bandwidthPlan.bandwidthMbps",
                "1500 Mbit/s is outside 1-1000 for PayByTraffic on the international site",
            ));
        it("accepts 1500 on the China site with PayByBandwidth", () => {
            const a = baseArgs();
            a.accountSite = "china";
            a.bandwidthPlan = { bandwidthMbps: 1500, internetChargeType: "PayByBandwidth" };
            expect(resolveGatewayArgs("gw", a).plan.bandwidthMbps).to.equal(1500);
        });
        it("rejects a charge type not sold on the site", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.internetChargeType = "PayBy95"),
                "bandwidthPlan.internetChargeType",
                '"PayBy95" is not sold on the international site',
            ));
        it("requires ratio 20 with PayBy95", () =>
            expectProblem(
                (a) => {
                    a.accountSite = "china";
                    a.bandwidthPlan = { bandwidthMbps: 300, internetChargeType: "PayBy95", ratio: 100 };
                },
                "bandwidthPlan.ratio",
                "100: PayBy95 requires ratio 20",
            ));
        it("rejects a bandwidth that is not a whole number", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.bandwidthMbps = 12.5),
                "bandwidthPlan.bandwidthMbps",
                "12.5 must be a whole number of Mbit/s",
            ));
        it("rejects 0 Mbit/s, naming the allowed range", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.bandwidthMbps = 0),
                "bandwidthPlan.bandwidthMbps",
                "0 Mbit/s is outside 1-1000 for PayByTraffic on the international site",
            ));
        it("rejects a negative bandwidth", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.bandwidthMbps = -5),
                "bandwidthPlan.bandwidthMbps",
                "-5 Mbit/s is outside 1-1000 for PayByTraffic on the international site",
            ));
        it("rejects 0 given as a string", () =>
            expectProblem(
                (a) => ((a.bandwidthPlan as Record<string, unknown>).bandwidthMbps = "0"),
                "bandwidthPlan.bandwidthMbps",
                "0 Mbit/s is outside 1-1000",
            ));
        it("rejects a plan sized to 0 from demand", () =>
            expectProblem(
                (a) => {
                    a.applications = { idle: { baselineMbps: 0 } };
                    a.bandwidthPlan = { autoSize: true };
                },
                "bandwidthPlan.bandwidthMbps",
                "0 Mbit/s (sized from demand) is outside 1-1000",
            ));
        it("names the allowed range when the bandwidth is not a whole number", () =>
            expectProblem(
                (a) => (a.bandwidthPlan.bandwidthMbps = 12.5),
                "bandwidthPlan.bandwidthMbps",
                "12.5 must be a whole number of Mbit/s within 1-1000 for PayByTraffic on the international site",
            ));
        it("enforces the range of every site and charge type, bounds included", () => {
            for (const [site, ranges] of Object.entries(limits.PLAN_BANDWIDTH_RANGES)) {
                for (const [charge, [min, max]] of Object.entries(ranges)) {
                    const plan = (mbps: number) => (a: SharedBandwidthGatewayArgs) => {
                        a.accountSite = site;
                        a.bandwidthPlan = {
                            bandwidthMbps: mbps,
                            internetChargeType: charge,
                            ...(charge === "PayBy95" ? { ratio: 20 } : {}),
                        };
                    };
                    for (const ok of [min, max]) {
                        expect(problems(plan(ok)), `${ok} ${charge} ${site}`).to.deep.equal([]);
                    }
                    for (const bad of new Set([0, -1, min - 1, max + 1])) {
                        expectProblem(
                            plan(bad),
                            "bandwidthPlan.bandwidthMbps",
                            `${bad} Mbit/s is outside ${min}-${max} for ${charge} on the ${site} site`,
                        );
                    }
                }
            }
        });
        it("rejects autoSize without demand profiles", () =>
            expectProblem(
                (a) => (a.bandwidthPlan = { autoSize: true }),
                "bandwidthPlan.autoSize",
                "true needs demand profiles in applications",
            ));
        it("rejects an unknown line type", () =>
            expectProblem((a) => (a.bandwidthPlan.isp = "BGP_FAST"), "bandwidthPlan.isp", '"BGP_FAST" is not allowed'));

        const demand = (a: SharedBandwidthGatewayArgs) => {
            a.applications = {
                x: { baselineMbps: 20, peaks: [{ start: "10:00", end: "12:00", mbps: 80 }] },
                y: { baselineMbps: 20, peaks: [{ start: "11:00", end: "13:00", mbps: 60 }] },
            };
        };
        it("sizes auto from demand", () => {
            const a = baseArgs();
            demand(a);
            a.bandwidthPlan = { autoSize: true, headroomPercent: 25 };
            const g = resolveGatewayArgs("gw", a);
            expect(g.plan.bandwidthMbps).to.equal(175);
            expect(g.economics).to.deep.include({ coincidentPeakMbps: 140, sumOfPeaksMbps: 140, planMbps: 175, savingMbps: -35 });
        });
        it("warns when the plan is below the coincident peak, naming the hours it is short and by how much", () => {
            const a = baseArgs();
            demand(a);
            const r = validateGatewayArgs("gw", a);
            expect(r.problems).to.deep.equal([]);
            expect(r.warnings.filter((w) => w.propertyPath === "bandwidthPlan.bandwidthMbps").map((w) => w.reason)).to.deep.equal([
                "100 Mbit/s is below the coincident peak of 140 Mbit/s at 11:00; applications will be throttled in 11:00-12:00 by up to 40 Mbit/s",
            ]);
        });
        it("makes that an error in strict mode", () =>
            expectProblem(
                (a) => {
                    demand(a);
                    a.bandwidthPlan.strict = true;
                },
                "bandwidthPlan.bandwidthMbps",
                "below the coincident peak of 140",
            ));
        it("rejects a malformed peak window", () =>
            expectProblem(
                (a) => (a.applications = { x: { baselineMbps: 1, peaks: [{ start: "25:00", end: "12:00", mbps: 5 }] } }),
                "applications.x.peaks.0.start",
                '"25:00" is not a time',
            ));
        it("rejects a peak below its baseline", () =>
            expectProblem(
                (a) => (a.applications = { x: { baselineMbps: 10, peaks: [{ start: "01:00", end: "02:00", mbps: 5 }] } }),
                "applications.x.peaks.0.mbps",
                "5 is below the baseline 10",
            ));
        it("rejects a rule naming an unknown application", () =>
            expectProblem((a) => (a.rules!.web.application = "shop"), "rules.web.application", '"shop" is not a key of applications'));
    });

    describe("warnings", () => {
        it("reports spare EIPs, whole-IP exposure and admin ports", () => {
            const a = baseArgs();
            a.eips.spare = {};
            a.eips.c = {};
            a.rules!.all = { eip: "c", protocol: "any", internalIp: "192.168.0.30" };
            a.rules!.ssh = { eip: "a", protocol: "tcp", externalPort: "22", internalIp: "192.168.0.40" };
            const w = validateGatewayArgs("gw", a).warnings.map((x) => `${x.propertyPath}: ${x.reason.split(";")[0].split(" (")[0]}`);
            expect(w).to.deep.equal([
                "eips.spare: spare EIP: bound to the NAT gateway and in the plan, but no rule forwards it",
                "rules.all: whole-IP mapping exposes every port of 192.168.0.30 to the Internet",
                "rules.ssh: admin port 22",
            ]);
        });
    });

    it("collects every problem and throws once, listing them", () => {
        const a = baseArgs();
        a.rules!.web.externalPort = "0";
        a.natGateway.paymentType = "PrePaid";
        a.bandwidthPlan.isp = "nope";
        let err: unknown;
        try {
            resolveGatewayArgs("gw", a);
        } catch (e) {
            err = e;
        }
        expect(err).to.be.instanceOf(GatewayValidationError);
        const e = err as GatewayValidationError;
        expect(e.problems.map((p) => p.propertyPath).sort()).to.deep.equal([
            "bandwidthPlan.isp",
            "natGateway.paymentType",
            "rules.web.externalPort",
        ]);
        expect(e.message).to.match(/^gw: invalid arguments \(3 problems\):/);
        // Printed without a stack trace by a TypeScript program, and as property errors by a component provider.
        expect(pulumi.RunError.isInstance(e)).to.equal(true);
        expect(pulumi.InputPropertiesError.isInstance(e)).to.equal(true);
    });
});
