/**
 * Contract: the official VPC client's paging loops end, its filters select, its ClientToken retries are idempotent
 * and its region decides what it sees (docs/alicloud-rules.md §8.2-§8.5). Loopback only.
 */
import * as $Vpc from "@alicloud/vpc20160428";
import type Vpc from "@alicloud/vpc20160428";
import { expect } from "chai";
import type { RunningEmulator } from "../../emulator/server";
import { emulatorPerTest } from "../support/emulator";
import { refusal, vpcClient } from "./sdk";

const REGION = "cn-shanghai";

async function allocate(vpc: Vpc, over: Partial<$Vpc.AllocateEipAddressRequest> = {}): Promise<string> {
    const eip = await vpc.allocateEipAddress(
        new $Vpc.AllocateEipAddressRequest({ regionId: REGION, internetChargeType: "PayByTraffic", ...over }),
    );
    return eip.body!.allocationId!;
}

/** A client's paging loop: pages until it holds TotalCount items, or a page comes back empty. Returns the pages' sizes. */
async function pageAll(vpc: Vpc, pageSize?: number): Promise<{ ids: string[]; pages: number[] }> {
    const ids: string[] = [];
    const pages: number[] = [];
    for (let pageNumber = 1; pageNumber <= 1000; pageNumber++) {
        const body = (await vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, pageNumber, pageSize })))
            .body!;
        const got = body.eipAddresses!.eipAddress!.map((e) => e.allocationId!);
        ids.push(...got);
        pages.push(got.length);
        if (got.length === 0 || ids.length >= body.totalCount!) {
            return { ids, pages };
        }
    }
    throw new Error("the paging loop did not end after 1000 pages");
}

describe("contract: the official VPC client's paging, filters, idempotency and regions", () => {
    let emu: RunningEmulator;
    let vpc: Vpc;
    emulatorPerTest((e) => ([emu, vpc] = [e, vpcClient(e)]));

    it("ends a paging loop over 105 EIPs: 2 pages of at most 100, or 11 of the default 10, each EIP once", async () => {
        const all = [];
        for (let i = 0; i < 105; i++) {
            all.push(await allocate(vpc));
        }
        const big = await pageAll(vpc, 100);
        expect(big.pages).to.deep.equal([100, 5]);
        expect(big.ids).to.deep.equal(all);
        const small = await pageAll(vpc);
        expect(small.pages).to.deep.equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
        const tooBig = await refusal(vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, pageSize: 101 })));
        expect([tooBig.code, tooBig.status]).to.deep.equal(["InvalidParameter", 400]);
        expect(tooBig.message).to.contain("PageSize");
    });

    it("filters EIPs by a comma-separated AllocationId list, Status and tag, as the SDK sends them", async () => {
        const [a, b] = [await allocate(vpc), await allocate(vpc)];
        const tagged = await allocate(vpc, { tag: [new $Vpc.AllocateEipAddressRequestTag({ key: "app", value: "app1" })] });
        const ids = async (req: Partial<$Vpc.DescribeEipAddressesRequest>) =>
            (
                await vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, ...req }))
            ).body!.eipAddresses!.eipAddress!.map((e) => e.allocationId);
        expect(await ids({ allocationId: `${a},${tagged}` })).to.deep.equal([a, tagged]);
        expect(await ids({ status: "Available" })).to.deep.equal([a, b, tagged]);
        expect(await ids({ status: "InUse" })).to.deep.equal([]);
        expect(await ids({ tag: [new $Vpc.DescribeEipAddressesRequestTag({ key: "app", value: "app1" })] })).to.deep.equal([tagged]);
    });

    it("answers a repeated create with its ClientToken with the same resource, and refuses the token with other parameters", async () => {
        const first = await allocate(vpc, { clientToken: "contract-eip-1" });
        expect(await allocate(vpc, { clientToken: "contract-eip-1" })).to.equal(first);
        const mismatch = await refusal(
            vpc.allocateEipAddress(
                new $Vpc.AllocateEipAddressRequest({ regionId: REGION, clientToken: "contract-eip-1", bandwidth: "10" }),
            ),
        );
        expect(mismatch.code).to.equal("IdempotentParameterMismatch");
        const plan = (token: string) =>
            vpc.createCommonBandwidthPackage(
                new $Vpc.CreateCommonBandwidthPackageRequest({
                    regionId: REGION,
                    bandwidth: 200,
                    internetChargeType: "PayByBandwidth",
                    clientToken: token,
                }),
            );
        const p1 = (await plan("contract-plan")).body!.bandwidthPackageId;
        expect((await plan("contract-plan")).body!.bandwidthPackageId).to.equal(p1);
        expect(emu.state().eips).to.have.length(1);
        expect(emu.state().bandwidthPlans).to.have.length(1);
    });

    it("scopes resources to the client's region and refuses a region that does not exist with InvalidRegionId.NotFound", async () => {
        const id = await allocate(vpc);
        const beijing = vpcClient(emu, "cn-beijing");
        const listed = (await beijing.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: "cn-beijing" }))).body!;
        expect([listed.totalCount, listed.eipAddresses!.eipAddress]).to.deep.equal([0, []]);
        const release = await refusal(
            beijing.releaseEipAddress(new $Vpc.ReleaseEipAddressRequest({ regionId: "cn-beijing", allocationId: id })),
        );
        expect([release.code, release.status]).to.deep.equal(["InvalidAllocationId.NotFound", 404]);
        expect(emu.state().eips.map((e) => e.AllocationId)).to.deep.equal([id]);
        const nowhere = await refusal(vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: "cn-nowhere" })));
        expect([nowhere.code, nowhere.status]).to.deep.equal(["InvalidRegionId.NotFound", 404]);
    });
});
