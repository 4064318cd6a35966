/** Security groups in the cloud model (cloud/securityGroup.ts): one accept and one refuse case per rule of rules §7. */
import { expect } from "chai";
import { parseInventory } from "../../cloud/inventory";
import { CloudError, CloudModel, UNDOCUMENTED_CODE } from "../../cloud/model";
import { revokeSecurityGroupRules, rulesOf } from "../../cloud/securityGroup";

const SSH = { groupId: "sg-jump", ipProtocol: "tcp", portRange: "22/22", sourceCidrIp: "203.0.113.0/24", nicType: "intranet" };

function model(quota?: number): CloudModel {
    return new CloudModel(
        parseInventory(
            {
                account: quota ? { quotas: { rulesPerSecurityGroup: quota } } : undefined,
                securityGroups: [
                    { id: "sg-jump", vpcId: "vpc-a", rules: [{ ipProtocol: "TCP", portRange: "22/22", sourceCidrIp: "192.0.2.0/24" }] },
                ],
            },
            "test",
        ),
    );
}

function refusal(f: () => unknown): CloudError {
    try {
        f();
    } catch (e) {
        if (e instanceof CloudError) {
            return e;
        }
        throw e;
    }
    throw new Error("expected a refusal");
}

describe("cloud model: security group ingress (rules §7)", () => {
    it("authorises an inbound rule beside the group's existing ones (rules §7.1)", () => {
        const m = model();
        expect(m.authorizeSecurityGroup("urn:ssh", { id: "sgr-1", ...SSH })).to.deep.equal([]);
        expect(rulesOf(m, "sg-jump").map((r) => [r.sourceCidrIp, r.policy, r.priority, r.createdBy])).to.deep.equal([
            ["192.0.2.0/24", "accept", 1, undefined],
            ["203.0.113.0/24", "accept", 1, "urn:ssh"],
        ]);
    });

    it("refuses a group that does not exist with InvalidSecurityGroupId.NotFound (rules §7.1)", () => {
        expect(refusal(() => model().authorizeSecurityGroup("x", { id: "sgr-1", ...SSH, groupId: "sg-none" })).code).to.equal(
            "InvalidSecurityGroupId.NotFound",
        );
    });

    it("refuses tcp without ports and all with ports; the code is undocumented (rules §7.1)", () => {
        const e = refusal(() => model().authorizeSecurityGroup("x", { id: "sgr-1", ...SSH, portRange: "-1/-1" }));
        expect(e.code).to.equal(UNDOCUMENTED_CODE);
        expect(e.message).to.include("needs a port range");
        expect(refusal(() => model().authorizeSecurityGroup("x", { id: "sgr-1", ...SSH, ipProtocol: "all" })).message).to.include("-1/-1");
    });

    it("creates nothing for an identical rule and says the stack would take over a rule it did not create (rules §7.1)", () => {
        const m = model();
        const advice = m.authorizeSecurityGroup("urn:ssh", { id: "sgr-1", ...SSH, sourceCidrIp: "192.0.2.0/24" });
        expect(advice).to.have.length(1);
        expect(advice[0]).to.include("created outside this stack").and.include("deleting this resource would revoke that rule");
        expect(rulesOf(m, "sg-jump")).to.have.length(1);
    });

    it("refuses a rule beyond the group's quota, counting the rules it already holds (rules §7.4)", () => {
        const m = model(2);
        m.authorizeSecurityGroup("a", { id: "sgr-1", ...SSH });
        const e = refusal(() => m.authorizeSecurityGroup("b", { id: "sgr-2", ...SSH, sourceCidrIp: "198.51.100.0/24" }));
        expect(e.message).to.include("already holds 2 rules, the quota of 2");
    });

    it("revokes only the matching rule; no match revokes nothing and succeeds (rules §7.2)", () => {
        const m = model();
        m.authorizeSecurityGroup("urn:ssh", { id: "sgr-1", ...SSH });
        expect(m.revokeSecurityGroup({ ...SSH, sourceCidrIp: "198.51.100.0/24" })).to.deep.equal([]);
        expect(m.revokeSecurityGroup({ ...SSH, policy: "accept" })).to.deep.equal(["sgr-1"]);
        expect(rulesOf(m, "sg-jump").map((r) => r.sourceCidrIp)).to.deep.equal(["192.0.2.0/24"]);
    });

    it("refuses revoking an unknown rule id with InvalidSecurityGroupRule.RuleNotExist (rules §7.2)", () => {
        expect(refusal(() => revokeSecurityGroupRules(model(), "sg-jump", ["sgr-nope"])).code).to.equal(
            "InvalidSecurityGroupRule.RuleNotExist",
        );
    });

    it("copies its rules with the model", () => {
        const m = model();
        const c = m.clone();
        c.authorizeSecurityGroup("x", { id: "sgr-1", ...SSH });
        expect(rulesOf(m, "sg-jump")).to.have.length(1);
        expect(rulesOf(c, "sg-jump")).to.have.length(2);
    });
});
