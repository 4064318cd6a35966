/**
 * `npm run policy`: the stack's RAM policy, derived from what terraform-provider-alicloud v1.285.0 sends (preflight/policy.ts).
 * The e2e checks it against the real provider's requests; these pin the document's shape, its actions per stack and
 * the conditions that add or drop actions, and the scoping of resources.
 */
import { expect } from "chai";
import * as fs from "fs";
import { policyCommand } from "../../preflight/commands";
import { policyActionNames, type RamPolicy } from "../../preflight/policy";
import { ROOT } from "../support/run";
import { projectWith, runIn } from "./support";

const BASE = [
    "AddCommonBandwidthPackageIp",
    "AllocateEipAddress",
    "AssociateEipAddress",
    "CreateCommonBandwidthPackage",
    "CreateForwardEntry",
    "CreateNatGateway",
    "DeleteCommonBandwidthPackage",
    "DeleteForwardEntry",
    "DeleteNatGateway",
    "DescribeCommonBandwidthPackages",
    "DescribeEipAddresses",
    "DescribeForwardTableEntries",
    "DescribeNatGateways",
    "ListTagResources",
    "ModifyCommonBandwidthPackageSpec",
    "ModifyForwardEntry",
    "RemoveCommonBandwidthPackageIp",
    "TagResources",
    "UnassociateEipAddress",
];

async function policyOf(dir: string, stack: string, extra: { account?: string; preflight?: boolean } = {}) {
    const ran = await runIn(dir, {}, (io) => policyCommand({ stack, ...extra }, io));
    expect(ran.code, ran.stderr).to.equal(0);
    return JSON.parse(ran.stdout) as RamPolicy;
}

describe("npm run policy", () => {
    const dirs: string[] = [];
    afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("prints a RAM policy document with exactly the dev stack's actions (protected EIPs: never released)", async () => {
        const policy = await policyOf(ROOT, "dev");
        expect(policy.Version).to.equal("1");
        expect(policy.Statement.every((s) => s.Effect === "Allow" && s.Action.length > 0 && s.Resource.length > 0)).to.equal(true);
        expect(policyActionNames(policy)).to.deep.equal(BASE);
    });

    it("adds deletion protection and the security group actions for prod, each group named in its region and account", async () => {
        const policy = await policyOf(ROOT, "prod", { account: "1234567890123456" });
        expect(policyActionNames(policy)).to.deep.equal(
            [...BASE, "AuthorizeSecurityGroup", "DeletionProtection", "DescribeSecurityGroupAttribute", "RevokeSecurityGroup"].sort(),
        );
        const revoke = policy.Statement.find((s) => s.Action.includes("ecs:RevokeSecurityGroup"))!;
        expect(revoke.Resource).to.deep.equal([
            "acs:ecs:cn-shanghai:1234567890123456:securitygroup/sg-uf6prodjump0000000",
            "acs:ecs:cn-shanghai:1234567890123456:securitygroup/sg-uf6prodweb00000000",
        ]);
        const create = policy.Statement.find((s) => s.Action.includes("vpc:CreateNatGateway"))!;
        expect(create.Resource).to.deep.equal([
            "acs:vpc:cn-shanghai:1234567890123456:natgateway/*",
            "acs:vpc:cn-shanghai:1234567890123456:vpc/vpc-uf611af8lprod0000000",
            "acs:vpc:cn-shanghai:1234567890123456:vswitch/vsw-uf6prodnat0000000000",
        ]);
        const eips = policy.Statement.find((s) => s.Action.includes("vpc:AllocateEipAddress"))!;
        expect(eips.Resource).to.deep.equal(["acs:vpc:cn-shanghai:1234567890123456:eip/*"]);
    });

    it("follows the config: unprotected EIPs are released, a PayBy95 plan is never deleted, an adopted gateway is only read", async () => {
        const dir = projectWith("t", {
            "alicloud:region": "ap-southeast-1",
            accountSite: "china",
            vpcId: "vpc-t4ntest0000000000",
            vpcCidr: "10.0.0.0/16",
            natGateway: { mode: "adopt", id: "ngw-t4ntest0000000000" },
            eips: { a: { mode: "adopt", allocationId: "eip-t4ntest000000001", bound: true }, b: {} },
            protectEips: false,
            bandwidthPlan: { bandwidthMbps: 200, internetChargeType: "PayBy95", ratio: 20, isp: "BGP" },
            rules: {},
        });
        dirs.push(dir);
        const policy = await policyOf(dir, "t", { account: "42" });
        const names = policyActionNames(policy);
        expect(names).to.include("ReleaseEipAddress");
        expect(names).not.to.include.members([
            "DeleteCommonBandwidthPackage",
            "CreateNatGateway",
            "DeleteNatGateway",
            "CreateForwardEntry",
        ]);
        const read = policy.Statement.find((s) => s.Action.includes("vpc:DescribeNatGateways"))!;
        expect(read.Resource).to.deep.equal(["acs:vpc:ap-southeast-1:42:natgateway/ngw-t4ntest0000000000"]);
    });

    it("prints the read-only policy of inventory and preflight with --preflight", async () => {
        const policy = await policyOf(ROOT, "dev", { preflight: true });
        expect(policyActionNames(policy)).to.deep.equal([
            "DescribeCommonBandwidthPackages",
            "DescribeEipAddresses",
            "DescribeForwardTableEntries",
            "DescribeNatGateways",
            "DescribeSecurityGroupAttribute",
            "DescribeSecurityGroups",
            "DescribeVSwitches",
            "DescribeVpcs",
            "ListEnhanhcedNatGatewayAvailableZones",
        ]);
    });

    it("refuses an account id that is not a number, and an invalid stack config names the key", async () => {
        const bad = await runIn(ROOT, {}, (io) => policyCommand({ stack: "dev", account: "my-account" }, io));
        expect([bad.code, bad.stderr.trim()]).to.deep.equal([2, `policy: --account "my-account" must be the account's numeric id`]);
        const dir = projectWith("t", { "alicloud:region": "cn-shanghai", vpcId: "vpc-x", natGateway: {}, eips: {}, rules: {} });
        dirs.push(dir);
        const invalid = await runIn(dir, {}, (io) => policyCommand({ stack: "t" }, io));
        expect(invalid.code).to.equal(1);
        expect(invalid.stderr).to.match(/^policy: invalid stack configuration/);
        expect(invalid.stderr).to.contain("shared-bandwidth-gateway:bandwidthPlan: is required");
    });
});
