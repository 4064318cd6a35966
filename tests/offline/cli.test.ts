/**
 * The plan command as a newcomer meets it: machine-readable output that is JSON whatever happens, the options npm
 * swallows without `--`, encrypted secrets in the stack file, and a report that shows what a network engineer looks
 * for. A few tests run the command as a process (one of them through npm itself); the rest call it in-process.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { colorWanted, main } from "../../tools/plan";
import { Finished, runScript } from "../support/spawned";
import { tempDir } from "../support/tmp";

const ROOT = path.resolve(__dirname, "../..");
const DEV = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

async function cli(argv: string[], opts: { color?: boolean; env?: Record<string, string> } = {}) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT, ...opts });
    return { code, stdout, stderr };
}

function tempStack(name: string, text: string): string {
    const file = path.join(tempDir("plan-cli-"), `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, text);
    return file;
}

/** Started as this file loads, so they run beside the in-process tests. */
const prodJson = runScript("plan", ["--stack", "prod", "--json"]);
/** Through npm itself: whether npm keeps an option given without `--` is npm's behaviour, not ours. */
const npmWithoutDashes = new Promise<Finished>((resolve) =>
    execFile("npm", ["run", "plan", "--stack", "prod"], { cwd: ROOT, encoding: "utf8" }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    ),
);

describe("plan command: what a newcomer trips over", function () {
    this.timeout(60000);

    describe("--json prints one JSON document, whatever happens", () => {
        it("spawned as `npm run -s plan -- --json` runs it: stdout is only JSON", async () => {
            const r = await prodJson;
            expect(r.code, r.stderr).to.equal(0);
            const doc = JSON.parse(r.stdout);
            expect(doc).to.include({ stack: "prod", valid: true });
        });

        it("a YAML syntax error: errors names the file, exit 1", async () => {
            const file = tempStack("broken", "config:\n  shared-bandwidth-gateway:eips: [unclosed\n");
            const r = await cli(["--config", file, "--json"]);
            expect(r.code).to.equal(1);
            const doc = JSON.parse(r.stdout);
            expect(doc).to.include({ schemaVersion: 1, valid: false });
            expect(doc.errors).to.have.length(1);
            expect(doc.errors[0].path).to.equal("(input)");
            expect(doc.errors[0].message).to.contain(file);
        });

        it("a missing stack file: errors lists the stacks there are, exit 1", async () => {
            const r = await cli(["--stack", "qa", "--json"]);
            expect(r.code).to.equal(1);
            expect(JSON.parse(r.stdout).errors).to.deep.equal([
                { path: "(input)", message: `no stack file Pulumi.qa.yaml in ${ROOT}; stacks found: dev, prod` },
            ]);
        });

        it("a usage error: errors says what was wrong, exit 2", async () => {
            const r = await cli(["--json", "--bogus"]);
            expect(r.code).to.equal(2);
            const [error] = JSON.parse(r.stdout).errors;
            expect(error.path).to.equal("(usage)");
            expect(error.message).to.equal("unknown option --bogus");
        });
    });

    describe("options", () => {
        it("spawned: npm run plan --stack prod (no --) says where the option belongs", async () => {
            const r = await npmWithoutDashes;
            expect(r.code).to.equal(2);
            expect(r.stderr).to.contain('npm took --stack for itself: put options after "--", e.g. npm run plan -- --stack <value>');
        });

        it("the help lists the short options and the JSON form", async () => {
            const r = await cli(["--help"]);
            expect(r.stdout).to.contain("-s, --stack <name>").and.contain("-c, --config <file>").and.contain("npm run -s plan -- --json");
        });
    });

    describe("encrypted secrets in the stack file", () => {
        const secure = (key: string) => `  ${key}:\n    secure: v1:c2VjcmV0:Zm9vYmFy\n`;

        it("provider credentials are not needed offline: the plan goes ahead", async () => {
            const r = await cli(["--config", tempStack("secret", DEV + secure("alicloud:secretKey")), "--json"]);
            expect(r.code, r.stderr).to.equal(0);
            expect(JSON.parse(r.stdout).valid).to.equal(true);
        });

        it("a secret VPC id is planned as a redacted stand-in of the id's form", async () => {
            const text = DEV.replace(/ {2}shared-bandwidth-gateway:vpcId: .*\n/, secure("shared-bandwidth-gateway:vpcId"));
            const r = await cli(["--config", tempStack("secret", text), "--json"]);
            expect(r.code, r.stdout).to.equal(0);
            const nat = JSON.parse(r.stdout).resources.find((x: { name: string }) => x.name === "gateway-nat");
            expect(nat.inputs.vpcId).to.equal("vpc-redacted");
        });

        it("a secret the plan needs is refused, naming the key", async () => {
            const text = DEV.replace(/ {2}shared-bandwidth-gateway:vpcCidr: .*\n/, secure("shared-bandwidth-gateway:vpcCidr"));
            const r = await cli(["--config", tempStack("secret", text), "--json"]);
            expect(r.code).to.equal(1);
            expect(JSON.parse(r.stdout).errors[0].message).to.contain(
                "shared-bandwidth-gateway:vpcCidr is an encrypted secret and the plan needs its value",
            );
        });
    });

    describe("the report", () => {
        it("starts with a summary line and what will be bought", async () => {
            const r = await cli(["--stack", "dev"]);
            const lines = r.stdout.split("\n");
            expect(lines[1]).to.equal("Summary: 14 resources (14 create); 2 EIPs, 2 DNAT entries, plan 1500 Mbit/s");
            expect(r.stdout).to.match(/Region\s+│ cn-shanghai/);
            expect(r.stdout).to.match(/NAT gateway\s+│ Enhanced internet NAT gateway, PayAsYouGo, billed PayByLcu/);
            expect(r.stdout).to.match(/EIP bandwidth plan\s+│ 1500 Mbit\/s shared, PayByBandwidth, line BGP/);
            expect(r.stdout).to.match(/2 EIPs\s+│ PayAsYouGo, PayByTraffic, line BGP/);
        });

        it("lists resources in creation order with a protected column, and what the connectivity check probes", async () => {
            const r = await cli(["--stack", "prod"]);
            const rows = r.stdout.split("\n").filter((l) => /^│ \d+\s+│ gateway-/.test(l));
            const waves = rows.map((l) => Number(l.split("│")[1]));
            expect(waves).to.deep.equal([...waves].sort((a, b) => a - b));
            expect(rows.find((l) => l.includes("gateway-eip-ip1"))).to.match(/│ yes\s+│/);
            expect(rows.find((l) => l.includes("gateway-nat "))).to.not.contain("yes");
            expect(r.stdout).to.match(/rule\/ip3-https:443 │ https:\/\/[\d.]+:443\/\s+│ it answers below HTTP 500/);
            expect(r.stdout).to.match(/spare\/ip5:22\s+│ tcp [\d.]+:22\s+│ nothing answers/);
        });

        it("shows the shortfall, not a saving, when the plan is below the coincident peak", async () => {
            const text = DEV.replace("autoSize: true", "bandwidthMbps: 1000");
            const r = await cli(["--config", tempStack("small", text)]);
            expect(r.stdout)
                .to.contain("Shortfall")
                .and.contain("500 Mbit/s below the coincident peak: traffic above the plan is throttled");
            expect(r.stdout).to.not.contain("Saving");
        });

        it("writes port ranges as 8000-8010/tcp", async () => {
            const text = DEV.replace(
                "externalPort: 80\n      internalIp: 192.168.0.101\n      internalPort: 80",
                "externalPort: 8000/8010\n      internalIp: 192.168.0.101\n      internalPort: 9000/9010",
            );
            const r = await cli(["--config", tempStack("range", text), "--json"]);
            const ep = JSON.parse(r.stdout).endpoints.find((e: { rule: string }) => e.rule === "app2-http");
            expect(ep.public).to.match(/:8000-8010\/tcp$/);
            expect(ep.private).to.equal("192.168.0.101:9000-9010");
        });

        it("colours only when asked (the command asks for a terminal without NO_COLOR)", async () => {
            expect((await cli(["--stack", "dev"], { color: true })).stdout).to.contain("\u001b[");
            expect((await cli(["--stack", "dev"])).stdout).to.not.contain("\u001b[");
            // A process whose stdout is not a terminal: see plan.test.ts, "spawned: a bad config exits 1 ...".
        });

        it("the command colours a terminal only, and never with NO_COLOR or TERM=dumb", () => {
            expect(colorWanted(true, {})).to.equal(true);
            expect(colorWanted(true, { NO_COLOR: "1" })).to.equal(false);
            expect(colorWanted(true, { NO_COLOR: "" })).to.equal(true);
            expect(colorWanted(true, { TERM: "dumb" })).to.equal(false);
            expect(colorWanted(false, {})).to.equal(false);
            expect(colorWanted(undefined, {})).to.equal(false);
        });

        it("cites sections of docs/alicloud-rules.md that exist", async () => {
            const doc = JSON.parse((await cli(["--stack", "prod", "--json"])).stdout);
            const text = JSON.stringify([...doc.warnings, ...doc.errors]);
            const cited = [...text.matchAll(/docs\/alicloud-rules\.md §(\d+(?:\.\d+)?)/g)].map((m) => m[1]);
            expect(cited.length).to.be.greaterThan(0);
            const headings = fs.readFileSync(path.join(ROOT, "docs/alicloud-rules.md"), "utf8");
            for (const s of cited) {
                expect(headings, `§${s}`).to.match(new RegExp(`^#{2,3} ${s.replace(".", "\\.")}[. ]`, "m"));
            }
            expect(text).to.not.match(/\(rules §/);
        });
    });
});
