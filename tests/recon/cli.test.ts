import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { parseInventory } from "../../cloud/inventory";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, VPC, VSW } from "../support/emulator";
import { ROOT } from "../support/run";

const run = promisify(execFile);

describe("npm run reconcile (the command, against the emulator)", () => {
    let emu: RunningEmulator;
    let dir: string;
    before(async () => {
        emu = await startEmulator(
            parseInventory({ account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }] }, "test"),
        );
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-reconcile-test-"));
    });
    after(async () => {
        await emu.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("finds an EIP planted with the dev stack's tag, exits 1, and releases it only with --release-eips", async () => {
        // As the provider does: allocate, then tag with TagResources.
        const planted = (await call(emu, "AllocateEipAddress", { ISP: "BGP" })).body.AllocationId as string;
        await call(emu, "TagResources", {
            ResourceType: "EIP",
            "ResourceId.1": planted,
            "Tag.1.Key": "sbg-stack",
            "Tag.1.Value": "shared-bandwidth-gateway/dev",
        });
        const stateFile = path.join(dir, "state.json");
        fs.writeFileSync(stateFile, JSON.stringify({ version: 3, deployment: { resources: [] } }));
        const reconcile = (...extra: string[]) =>
            run(
                process.execPath,
                [
                    "-r",
                    "ts-node/register/transpile-only",
                    "tools/reconcile.ts",
                    "--stack",
                    "dev",
                    "--state",
                    stateFile,
                    "--endpoint",
                    emu.url,
                    "--json",
                    ...extra,
                ],
                {
                    cwd: ROOT,
                    env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" },
                },
            ).then(
                (r) => ({ code: 0, out: r.stdout }),
                (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
            );
        const listed = await reconcile("--release");
        expect(listed.code).to.equal(1);
        const doc = JSON.parse(listed.out) as { orphans: { role: string; id: string; matchedBy: string }[]; remaining: number };
        expect(doc.orphans.map((o) => [o.role, o.id, o.matchedBy])).to.deep.equal([["eip", planted, "tag"]]);
        expect(doc.remaining).to.equal(1);
        expect(emu.state().eips.map((e) => e.AllocationId)).to.deep.equal([planted]);
        const released = await reconcile("--release", "--release-eips");
        expect(released.code).to.equal(0);
        expect(emu.state().eips).to.deep.equal([]);
    }).timeout(30000);
});
