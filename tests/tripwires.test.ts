/**
 * Input a newcomer gets wrong that used to pass or to hide other problems: ids of the wrong kind, a misspelt region,
 * credentials in plain text, a probe path without "/", and "every problem at once" with a typo, a refused charge type
 * or an empty entry in the way. Checked on the component's validation and through the offline plan of a stack file.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { SharedBandwidthGatewayArgs, validateGatewayArgs } from "../components";
import { idReason } from "../components/validation/ids";
import { main } from "../tools/plan";
import { yamlErrorText } from "../offline/stackFile";
import { PROVIDER_REGIONS } from "../components/regions";
import { checkRegion } from "../program/regions";
import { baseArgs, ROOT } from "./support/run";
import { tempDir } from "./support/tmp";

const P = "shared-bandwidth-gateway";
const DEV = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

/** Every problem as `path: reason`. */
function problemsOf(mutate: (a: SharedBandwidthGatewayArgs & Record<string, unknown>) => void): string[] {
    const a = baseArgs() as SharedBandwidthGatewayArgs & Record<string, unknown>;
    mutate(a);
    return validateGatewayArgs("gw", a).problems.map((p) => `${p.propertyPath}: ${p.reason}`);
}

/** The offline plan (--json) of the dev stack file edited by `edit`. */
async function planOf(edit: (text: string) => string): Promise<{ code: number; errors: string[]; warnings: string[]; stderr: string }> {
    const file = path.join(tempDir("tripwires-"), "Pulumi.dev.yaml");
    fs.writeFileSync(file, edit(DEV));
    let stdout = "";
    let stderr = "";
    const code = await main(["--config", file, "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
    const doc = JSON.parse(stdout) as { errors: { path: string; message: string }[]; warnings: { path: string; message: string }[] };
    const line = (f: { path: string; message: string }) => `${f.path}: ${f.message}`;
    return { code, errors: doc.errors.map(line), warnings: doc.warnings.map(line), stderr };
}

describe("input that passes and should not", () => {
    describe("ids have the form of their kind", () => {
        it("a name instead of a VPC id is refused, naming the key, the value and the form", () => {
            expect(problemsOf((a) => (a.vpcId = "my-vpc"))).to.deep.equal([
                'vpcId: "my-vpc" is not a VPC id: "vpc-" followed by lowercase letters and digits, such as "vpc-uf68wppzf839896z7dev0"',
            ]);
        });

        it("a VPC id pasted into vswitchId is refused as a VPC id", () => {
            expect(problemsOf((a) => (a.natGateway.vswitchId = "vpc-uf68wppzf839896z7dev0"))).to.deep.equal([
                'natGateway.vswitchId: "vpc-uf68wppzf839896z7dev0" is a VPC id (vpc-...); this takes the vSwitch id (vsw-...), such as "vsw-uf6gnat6e5tk0gnbmdev0"',
            ]);
        });

        it("every id the arguments take is checked: gateway, EIP allocation, security group", () => {
            const found = problemsOf((a) => {
                a.natGateway = { mode: "adopt", id: "gateway-1" };
                a.eips.b = { mode: "adopt", allocationId: "sg-uf6x" };
                a.rules!.web.securityGroupId = "webgroup";
            });
            expect(found).to.include(
                'natGateway.id: "gateway-1" is not a NAT gateway id: "ngw-" followed by lowercase letters and digits, such as "ngw-uf6htj15rgyp8ivix"',
            );
            expect(found).to.include(
                'eips.b.allocationId: "sg-uf6x" is a security group id (sg-...); this takes the EIP allocation id (eip-...), such as "eip-uf6pvlaprugu1azc8"',
            );
            expect(found).to.include(
                'rules.web.securityGroupId: "webgroup" is not a security group id: "sg-" followed by lowercase letters and digits, such as "sg-uf6prodweb00000000"',
            );
        });

        it("accepts each kind's own form and says ids are lowercase", () => {
            expect(idReason("vsw-uf6gnat6e5tk0gnbmdev0", "vswitch")).to.equal(undefined);
            expect(idReason("eip-0", "eip")).to.equal(undefined);
            expect(idReason("VPC-ABC", "vpc")).to.match(/; ids are lowercase$/);
            expect(idReason("vpc-", "vpc")).to.match(/is not a VPC id/);
        });

        it("through the plan of a stack file: vpcId: my-vpc is REJECTED with its config key", async () => {
            const r = await planOf((t) => t.replace(/vpcId: .*/, "vpcId: my-vpc"));
            expect(r.code).to.equal(1);
            expect(r.errors).to.deep.equal([
                `${P}:vpcId: "my-vpc" is not a VPC id: "vpc-" followed by lowercase letters and digits, such as "vpc-uf68wppzf839896z7dev0"`,
            ]);
        });
    });

    describe("alicloud:region against the provider's regions (terraform-provider-alicloud v1.285.0 regions.go)", () => {
        it("a near miss is an error with the region meant", () => {
            expect(checkRegion("cn-shangai", false).problem?.reason).to.match(
                /^"cn-shangai" is not a region; did you mean "cn-shanghai"\?/,
            );
            expect(checkRegion("CN-SHANGHAI", false).problem?.reason).to.match(/did you mean "cn-shanghai"\?/);
        });

        it("a region not near any known one, or a newer sibling of one, is a warning: it may be newer than the list", () => {
            for (const region of ["ap-southeast-9", "sa-east-1"]) {
                const r = checkRegion(region, false);
                expect(r.problem, region).to.equal(undefined);
                expect(r.warning?.reason).to.contain("unless alicloud:skipRegionValidation is true");
            }
            expect(checkRegion("sa-east-1", true).warning?.reason).to.contain("alicloud:skipRegionValidation is already true");
        });

        it("every region of the list, and none at all, pass silently", () => {
            expect(PROVIDER_REGIONS).to.have.length(44).and.include("cn-shanghai").and.include("ap-southeast-1");
            for (const region of [...PROVIDER_REGIONS, undefined]) {
                expect(checkRegion(region, false), String(region)).to.deep.equal({});
            }
        });

        it("through the plan: a typo is REJECTED at alicloud:region, an unknown region is a warning in the report", async () => {
            const typo = await planOf((t) => t.replace("alicloud:region: cn-shanghai", "alicloud:region: cn-shangai"));
            expect(typo.code).to.equal(1);
            expect(typo.errors).to.have.length(1);
            expect(typo.errors[0]).to.match(/^alicloud:region: "cn-shangai" is not a region; did you mean "cn-shanghai"\?/);
            const unknown = await planOf((t) => t.replace("alicloud:region: cn-shanghai", "alicloud:region: sa-east-1"));
            expect(unknown.code).to.equal(0);
            expect(unknown.warnings.filter((w) => w.startsWith("alicloud:region:"))).to.have.length(1);
        });
    });

    describe("credentials in plain text in a stack file", () => {
        for (const key of ["alicloud:secretKey", "alicloud:accessKey"]) {
            it(`a plain ${key} is REJECTED, naming the key and the command that stores it encrypted`, async () => {
                const r = await planOf((t) => t.replace("config:\n", `config:\n  ${key}: LTAIexample000000\n`));
                expect(r.code).to.equal(1);
                expect(r.errors).to.have.length(1);
                expect(r.errors[0]).to.match(new RegExp(`^${key}: is in plain text in the stack file`));
                expect(r.errors[0]).to.contain(`\`pulumi config set --secret ${key} <value>\``).and.not.contain("LTAIexample");
            });
        }
    });

    it("a probe path without a leading slash is refused with the path meant", () => {
        expect(
            problemsOf((a) => (a.rules!.web.probe = { kind: "http", path: "health" })).filter((p) => p.startsWith("rules.web.probe")),
        ).to.deep.equal(['rules.web.probe.path: "health" must start with "/": it is the path of the probe\'s request, e.g. "/health"']);
    });
});

describe("every problem at once", () => {
    it("a misspelt key does not hide another rule's problem", () => {
        const found = problemsOf((a) => {
            (a.rules!.web as unknown as Record<string, unknown>).internlPort = "80";
            a.rules!.api.eip = "zz";
        });
        expect(found).to.deep.equal([
            'rules.web.internlPort: unknown property "internlPort"; did you mean "internalPort"?',
            'rules.api.eip: "zz" is not a key of eips; known EIPs: a, b',
        ]);
    });

    it("a charge type the site does not sell does not hide a bandwidth no charge type of the site allows", () => {
        const found = problemsOf((a) => (a.bandwidthPlan = { bandwidthMbps: 5000, internetChargeType: "PayByBandwidth" }));
        expect(found).to.deep.equal([
            'bandwidthPlan.internetChargeType: "PayByBandwidth" is not sold on the international site; use one of PayByTraffic',
            "bandwidthPlan.bandwidthMbps: 5000 Mbit/s is outside what any charge type sold on the international site allows (PayByTraffic 1-1000) (InvalidParameter.Bandwidth)",
        ]);
    });

    it("a malformed entry is reported once, not again through what refers to it", () => {
        const found = problemsOf((a) => {
            (a.eips as Record<string, unknown>).a = null;
            (a.rules as Record<string, unknown>).api = null;
        });
        expect(found).to.deep.equal([
            "eips.a: is empty (an empty YAML entry is null): must be the EIP's properties, or {} for a created EIP with every default, e.g. eips: { web: {} }",
            "rules.api: is empty (an empty YAML entry is null): must be the rule's properties, e.g. { eip: web, protocol: tcp, externalPort: 443, internalIp: 10.0.0.5 }",
        ]);
    });

    it("a misspelt top-level key gets the key meant, beside what its absence causes", async () => {
        const r = await planOf((t) => t.replace(`${P}:bandwidthPlan:`, `${P}:bandwidthPlna:`));
        expect(r.errors).to.include(`${P}:bandwidthPlna: unknown config key; did you mean ${P}:bandwidthPlan?`);
        expect(r.errors.some((e) => e.startsWith(`${P}:bandwidthPlan: is required:`))).to.equal(true);
    });
});

describe("messages in the project's words, never the schema library's", () => {
    it("a fractional port names what a port may be", () => {
        expect(problemsOf((a) => ((a.rules!.web as unknown as Record<string, unknown>).externalPort = 80.5))).to.deep.equal([
            "rules.web.externalPort: must be a port (1-65535), a range such as 8000/8010, or any (got 80.5)",
        ]);
    });

    it("an empty stack file names each required key with an example, no schema type names", async () => {
        const r = await planOf(() => "config:\n  alicloud:region: cn-shanghai\n");
        expect(r.code).to.equal(1);
        expect(r.errors).to.include(`${P}:eips: is required: a map keyed by EIP name, e.g. eips: { web: {}, api: {} }`);
        expect(r.errors.join("\n")).to.not.match(/\((record|object)\)|expected \w+, received|Invalid input/);
    });

    it("a rule key that cannot be the entry's name is refused at the key the user wrote", () => {
        const found = problemsOf((a) => (a.rules!.x = { eip: "a", protocol: "tcp", externalPort: "81", internalIp: "192.168.0.12" }));
        expect(found).to.deep.equal([
            'rules.x: key "x" is also the DNAT entry\'s default name, which needs 2-128 characters starting with a letter: use such a key, or give the rule a name',
        ]);
    });

    it("a YAML error quotes the offending lines with a caret under the place", async () => {
        const r = await planOf((t) => t.replace("config:\n", "config:\n  alicloud:region: [cn-shanghai\n"));
        expect(r.code).to.equal(1);
        const [message] = r.errors;
        expect(message).to.match(/at line \d+, column \d+:\n {4}\| .*cn-shanghai/);
        expect(message).to.match(/\n {4}\| +\^/);
        expect(yamlErrorText(new Error("Bad thing at line 1, column 2:\n\n  a: b\n   ^\n"))).to.equal(
            "Bad thing at line 1, column 2:\n    |   a: b\n    |    ^",
        );
    });
});
