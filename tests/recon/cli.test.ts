/** `npm run reconcile` against the emulator, in-process (tools/reconcile.ts `main`): what it finds, releases and refuses. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseInventory } from "../../cloud/inventory";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { main } from "../../tools/reconcile";
import { call, VPC, VSW } from "../support/emulator";
import { ROOT } from "../support/run";
import { tempDir } from "../support/tmp";

/** Runs the command; the environment has no AccessKey (the emulator needs none) unless `env` gives one. */
async function reconcile(args: string[], env: Record<string, string | undefined> = process.env) {
    let out = "";
    let err = "";
    const code = await main(args, {
        cwd: ROOT,
        env: { ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" },
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
    });
    return { code, out, err };
}

describe("npm run reconcile (the command, against the emulator)", () => {
    let emu: RunningEmulator;
    let dir: string;
    before(async () => {
        emu = await startEmulator(
            parseInventory({ account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }] }, "test"),
        );
        dir = tempDir("sbg-reconcile-test-");
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
        const args = (...extra: string[]) => ["--stack", "dev", "--state", stateFile, "--endpoint", emu.url, "--json", ...extra];
        const listed = await reconcile(args("--release"));
        expect(listed.code, listed.err).to.equal(1);
        const doc = JSON.parse(listed.out) as { orphans: { role: string; id: string; matchedBy: string }[]; remaining: number };
        expect(doc.orphans.map((o) => [o.role, o.id, o.matchedBy])).to.deep.equal([["eip", planted, "tag"]]);
        expect(doc.remaining).to.equal(1);
        expect(emu.state().eips.map((e) => e.AllocationId)).to.deep.equal([planted]);
        const released = await reconcile(args("--release", "--release-eips"));
        expect(released.code, released.err).to.equal(0);
        expect(emu.state().eips).to.deep.equal([]);
    });

    it("without a pulumi CLI on PATH (and no --state): says what is missing and how to do without it, exit 2", async () => {
        const r = await reconcile(["--stack", "dev", "--endpoint", emu.url], { ...process.env, PATH: dir });
        expect(r.code).to.equal(2);
        expect(r.err).to.contain("reconcile: the pulumi CLI is not on PATH").and.contain("--state FILE").and.not.contain("ENOENT");
        expect(r.out).to.equal("");
    });

    it("a stack without a stack file: says so, exit 2", async () => {
        const r = await reconcile(["--stack", "qa", "--state", path.join(dir, "none.json")]);
        expect(r.code).to.equal(2);
        expect(r.err).to.equal("reconcile: no stack file Pulumi.qa.yaml (give --stack NAME for Pulumi.NAME.yaml, or --config FILE)\n");
    });
});
