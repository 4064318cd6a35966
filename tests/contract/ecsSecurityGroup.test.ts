/**
 * Contract: Alibaba Cloud's official ECS client (`@alicloud/ecs20140526`) adds, reads, pages and revokes inbound rules
 * of a security group the account holds, with the codes the reference gives (docs/alicloud-rules.md §7). Loopback only.
 */
import * as $Ecs from "@alicloud/ecs20140526";
import type Ecs from "@alicloud/ecs20140526";
import { expect } from "chai";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { testAccount } from "../support/emulator";
import { ecsClient, refusal } from "./sdk";

const REGION = "cn-shanghai";
const GROUP = "sg-uf6contract0000000";

const permission = (port: number, source = "203.0.113.0/24") =>
    new $Ecs.AuthorizeSecurityGroupRequestPermissions({
        ipProtocol: "tcp",
        portRange: `${port}/${port}`,
        sourceCidrIp: source,
        policy: "accept",
        priority: "1",
        nicType: "intranet",
    });

describe("contract: the official ECS client and security group rules", () => {
    let emu: RunningEmulator;
    let ecs: Ecs;
    beforeEach(async () => {
        emu = await startEmulator(testAccount([{ id: GROUP }]));
        ecs = ecsClient(emu);
    });
    afterEach(() => emu.close());

    it("authorises rules, reads them back paged by MaxResults and NextToken, and revokes one by its parameters", async () => {
        const ports = Array.from({ length: 12 }, (_, i) => 8000 + i);
        await ecs.authorizeSecurityGroup(
            new $Ecs.AuthorizeSecurityGroupRequest({
                regionId: REGION,
                securityGroupId: GROUP,
                permissions: ports.map((p) => permission(p)),
            }),
        );
        const seen: string[] = [];
        let nextToken: string | undefined;
        for (let page = 0; page < 10; page++) {
            const body = (
                await ecs.describeSecurityGroupAttribute(
                    new $Ecs.DescribeSecurityGroupAttributeRequest({
                        regionId: REGION,
                        securityGroupId: GROUP,
                        direction: "ingress",
                        maxResults: 10,
                        nextToken,
                    }),
                )
            ).body!;
            seen.push(...body.permissions!.permission!.map((p) => p.portRange!));
            nextToken = body.nextToken;
            if (!nextToken) {
                break;
            }
        }
        expect(seen).to.deep.equal(ports.map((p) => `${p}/${p}`));
        await ecs.revokeSecurityGroup(
            new $Ecs.RevokeSecurityGroupRequest({
                regionId: REGION,
                securityGroupId: GROUP,
                permissions: [
                    new $Ecs.RevokeSecurityGroupRequestPermissions({
                        ipProtocol: "tcp",
                        portRange: "8000/8000",
                        sourceCidrIp: "203.0.113.0/24",
                        policy: "accept",
                        nicType: "intranet",
                    }),
                ],
            }),
        );
        const after = (
            await ecs.describeSecurityGroupAttribute(
                new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: GROUP }),
            )
        ).body!;
        expect(after.permissions!.permission!.map((p) => p.portRange))
            .to.have.length(11)
            .and.not.include("8000/8000");
    });

    it("answers a repeated authorisation with its ClientToken once, and an identical rule without creating a second", async () => {
        const req = () =>
            new $Ecs.AuthorizeSecurityGroupRequest({
                regionId: REGION,
                securityGroupId: GROUP,
                permissions: [permission(22)],
                clientToken: "contract-sg",
            });
        await ecs.authorizeSecurityGroup(req());
        await ecs.authorizeSecurityGroup(req());
        await ecs.authorizeSecurityGroup(
            new $Ecs.AuthorizeSecurityGroupRequest({ regionId: REGION, securityGroupId: GROUP, permissions: [permission(22)] }),
        );
        const rules = (
            await ecs.describeSecurityGroupAttribute(
                new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: GROUP }),
            )
        ).body!;
        expect(rules.permissions!.permission!.map((p) => [p.ipProtocol, p.portRange, p.sourceCidrIp, p.policy, p.priority])).to.deep.equal([
            ["TCP", "22/22", "203.0.113.0/24", "Accept", "1"],
        ]);
    });

    it("refuses an unknown group, an unknown rule id, a MaxResults below 10 and another region's group with their codes", async () => {
        const unknown = await refusal(
            ecs.describeSecurityGroupAttribute(
                new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: "sg-uf6none" }),
            ),
        );
        expect([unknown.code, unknown.status]).to.deep.equal(["InvalidSecurityGroupId.NotFound", 404]);
        const rule = await refusal(
            ecs.revokeSecurityGroup(
                new $Ecs.RevokeSecurityGroupRequest({ regionId: REGION, securityGroupId: GROUP, securityGroupRuleId: ["sgr-uf6none"] }),
            ),
        );
        expect(rule.code).to.equal("InvalidSecurityGroupRule.RuleNotExist");
        const small = await refusal(
            ecs.describeSecurityGroupAttribute(
                new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: GROUP, maxResults: 5 }),
            ),
        );
        expect(small.message).to.contain("MaxResults");
        const elsewhere = await refusal(
            ecsClient(emu, "cn-beijing").describeSecurityGroupAttribute(
                new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: "cn-beijing", securityGroupId: GROUP }),
            ),
        );
        expect(elsewhere.code).to.equal("InvalidSecurityGroupId.NotFound");
    });
});
