/**
 * The emulator's ECS security group actions, called as the provider calls them: AuthorizeSecurityGroup with
 * `Permissions.N.*` over HTTP, RevokeSecurityGroup with the older top-level parameters over HTTPS on the same port
 * (resource_alicloud_security_group_rule.go hard-codes the scheme of delete), DescribeSecurityGroupAttribute to read.
 */
import { expect } from "chai";
import * as https from "https";
import { parseInventory } from "../../cloud/inventory";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { loopbackCertificate } from "../../emulator/tls";
import { call } from "../support/emulator";

const GROUP = "sg-uf6e2etest00000000";

/** A GET over TLS that trusts only the emulator's certificate. */
function callTls(emu: RunningEmulator, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const q = new URLSearchParams({ Version: "2014-05-26", Format: "JSON", RegionId: "cn-shanghai", ...params });
    return new Promise((resolve, reject) => {
        https
            .get(`https://${emu.endpoint}/?${q}`, { ca: emu.certificate }, (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
            })
            .on("error", reject);
    });
}

describe("emulator: ECS security group rules, over HTTP and HTTPS on one port", () => {
    let emu: RunningEmulator;
    before(async () => {
        const account = parseInventory(
            {
                securityGroups: [
                    { id: GROUP, vpcId: "vpc-a", rules: [{ ipProtocol: "tcp", portRange: "22/22", sourceCidrIp: "192.0.2.0/24" }] },
                ],
            },
            "test",
        );
        emu = await startEmulator(account, 0, { tls: loopbackCertificate() });
    });
    after(() => emu.close());

    const ssh = { "Permissions.1.IpProtocol": "tcp", "Permissions.1.PortRange": "22/22", "Permissions.1.SourceCidrIp": "203.0.113.0/24" };

    it("authorises a rule and lists it as the provider reads it (lowercased protocol, string priority)", async () => {
        const r = await call(emu, "AuthorizeSecurityGroup", {
            SecurityGroupId: GROUP,
            ...ssh,
            "Permissions.1.Policy": "accept",
            "Permissions.1.Priority": "1",
            "Permissions.1.NicType": "intranet",
        });
        expect(r.status).to.equal(200);
        const { body } = await call(emu, "DescribeSecurityGroupAttribute", {
            SecurityGroupId: GROUP,
            Direction: "ingress",
            NicType: "intranet",
        });
        expect(body.SecurityGroupId).to.equal(GROUP);
        expect(body.VpcId).to.equal("vpc-a");
        const rules = body.Permissions.Permission as Record<string, unknown>[];
        expect(rules.map((p) => [p.IpProtocol, p.PortRange, p.SourceCidrIp, p.Policy, p.Priority, p.NicType])).to.deep.equal([
            ["TCP", "22/22", "192.0.2.0/24", "Accept", "1", "intranet"],
            ["TCP", "22/22", "203.0.113.0/24", "Accept", "1", "intranet"],
        ]);
        expect(rules[1].SecurityGroupRuleId).to.match(/^sgr-[a-z0-9]+$/);
    });

    it("answers an unknown group with InvalidSecurityGroupId.NotFound and HTTP 404", async () => {
        const r = await call(emu, "DescribeSecurityGroupAttribute", { SecurityGroupId: "sg-none" });
        expect([r.status, r.body.Code]).to.deep.equal([404, "InvalidSecurityGroupId.NotFound"]);
    });

    it("revokes over TLS with the top-level parameters, only the matching rule", async () => {
        const revoke = {
            Action: "RevokeSecurityGroup",
            SecurityGroupId: GROUP,
            IpProtocol: "tcp",
            PortRange: "22/22",
            Policy: "accept",
            NicType: "intranet",
        };
        expect((await callTls(emu, { ...revoke, SourceCidrIp: "203.0.113.0/24" })).status).to.equal(200);
        // rules §7.2: nothing matching is a success that removes nothing.
        expect((await callTls(emu, { ...revoke, SourceCidrIp: "198.51.100.0/24" })).status).to.equal(200);
        const { body } = await callTls(emu, { Action: "DescribeSecurityGroupAttribute", SecurityGroupId: GROUP });
        const rules = (body.Permissions as { Permission: Record<string, unknown>[] }).Permission;
        expect(rules.map((p) => p.SourceCidrIp)).to.deep.equal(["192.0.2.0/24"]);
        expect(
            emu
                .log()
                .filter((l) => l.action === "RevokeSecurityGroup")
                .map((l) => l.scheme),
        ).to.deep.equal(["https", "https"]);
        expect(emu.log().find((l) => l.action === "AuthorizeSecurityGroup")?.scheme).to.equal("http");
    });

    it("refuses revoking an unknown rule id with InvalidSecurityGroupRule.RuleNotExist", async () => {
        const r = await call(emu, "RevokeSecurityGroup", { SecurityGroupId: GROUP, "SecurityGroupRuleId.1": "sgr-nope" });
        expect([r.status, r.body.Code]).to.deep.equal([400, "InvalidSecurityGroupRule.RuleNotExist"]);
    });

    it("shows the groups in its state view", () => {
        expect(emu.state().securityGroups.map((g) => g.SecurityGroupId)).to.deep.equal([GROUP]);
    });
});
