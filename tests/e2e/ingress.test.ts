/** The e2e's security-group checks (e2e/ingress.ts), on hand-made outputs, states and logs: each can fail. */
import { expect } from "chai";
import { parseInventory } from "../../cloud/inventory";
import type { LogEntry } from "../../emulator/emulator";
import type { EmulatorState } from "../../emulator/server";
import { FOREIGN_RULES, ingressChurn, ingressOf, ingressProblems, withForeignRules } from "../../e2e/ingress";
import type { DeployedOutputs } from "../../e2e/verify";

const G = "sg-jump";

function outputs(allowFrom: string[]): DeployedOutputs {
    const ssh = {
        rule: "ssh",
        eip: "a",
        protocol: "tcp",
        public: "127.0.10.1:22/tcp",
        private: "192.168.1.5:22",
        securityGroupId: G,
        allowFrom,
    };
    const web = { rule: "web", eip: "a", protocol: "tcp", public: "127.0.10.1:80/tcp", private: "192.168.1.6:80" };
    return { endpoints: { ssh, web } } as unknown as DeployedOutputs;
}

function state(sources: string[], foreign = FOREIGN_RULES.map((f) => ({ ...f }))): EmulatorState {
    const rules = [...foreign, ...sources.map((s) => ({ ipProtocol: "tcp", portRange: "22/22", sourceCidrIp: s }))];
    const Permission = rules.map((r) => ({ IpProtocol: r.ipProtocol.toUpperCase(), PortRange: r.portRange, SourceCidrIp: r.sourceCidrIp }));
    return { securityGroups: [{ SecurityGroupId: G, Permissions: { Permission } }] } as unknown as EmulatorState;
}

let seq = 0;
function write(action: string, source: string, scheme: "http" | "https"): LogEntry {
    const params: Record<string, string> =
        action === "AuthorizeSecurityGroup"
            ? {
                  SecurityGroupId: G,
                  "Permissions.1.IpProtocol": "tcp",
                  "Permissions.1.PortRange": "22/22",
                  "Permissions.1.SourceCidrIp": source,
              }
            : { SecurityGroupId: G, IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: source };
    return { seq: ++seq, at: "", action, params, status: 200, scheme };
}

describe("e2e security-group checks", () => {
    it("reads the promised rules from the endpoints: private port, one per source, none without a group", () => {
        expect([...ingressOf(outputs(["203.0.113.0/24", "198.51.100.0/24"]))]).to.deep.equal([
            `${G} tcp 22/22 203.0.113.0/24`,
            `${G} tcp 22/22 198.51.100.0/24`,
        ]);
    });

    it("puts the foreign rules into every group of the account", () => {
        const inv = withForeignRules(parseInventory({ securityGroups: [{ id: G }] }, "t"));
        expect(inv.securityGroups![0].rules.map((r) => r.sourceCidrIp)).to.deep.equal(FOREIGN_RULES.map((f) => f.sourceCidrIp));
    });

    it("passes when the group holds the foreign rules and exactly the stack's", () => {
        expect(ingressProblems(outputs(["203.0.113.0/24"]), state(["203.0.113.0/24"]))).to.deep.equal([]);
        expect(ingressProblems(undefined, state([]))).to.deep.equal([]);
    });

    it("fails when a foreign rule is gone, a rule is missing, or one nobody asked for is left", () => {
        const problems = ingressProblems(
            outputs(["203.0.113.0/24"]),
            state(
                ["198.51.100.0/24"],
                FOREIGN_RULES.slice(1).map((f) => ({ ...f })),
            ),
        );
        expect(problems).to.have.length(3);
        expect(problems[0]).to.include("the rule it held before the stack (tcp 22/22 from 192.0.2.0/24) is gone");
        expect(problems[1]).to.include("0 rules for sg-jump tcp 22/22 203.0.113.0/24");
        expect(problems[2]).to.include("a rule nobody asked for: sg-jump tcp 22/22 198.51.100.0/24");
    });

    it("accepts an added source as one authorisation and nothing revoked; refuses any other write", () => {
        const [before, after] = [outputs(["203.0.113.0/24"]), outputs(["203.0.113.0/24", "198.51.100.0/24"])];
        expect(ingressChurn(before, after, [write("AuthorizeSecurityGroup", "198.51.100.0/24", "http")])).to.deep.equal([]);
        const churn = ingressChurn(before, after, [
            write("RevokeSecurityGroup", "203.0.113.0/24", "https"),
            write("AuthorizeSecurityGroup", "203.0.113.0/24", "http"),
            write("AuthorizeSecurityGroup", "198.51.100.0/24", "http"),
        ]);
        expect(churn).to.have.length(2);
        expect(churn[0]).to.match(/^security group rules authorized: .*203\.0\.113\.0\/24/);
        expect(churn[1]).to.match(/^security group rules revoked: /);
    });

    it("expects destroy to revoke the stack's rules over HTTPS", () => {
        expect(
            ingressChurn(outputs(["203.0.113.0/24"]), undefined, [write("RevokeSecurityGroup", "203.0.113.0/24", "https")]),
        ).to.deep.equal([]);
        expect(
            ingressChurn(outputs(["203.0.113.0/24"]), undefined, [write("RevokeSecurityGroup", "203.0.113.0/24", "http")])[0],
        ).to.include("sends it over HTTPS only");
    });
});
