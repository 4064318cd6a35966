/**
 * The README is a front page one screen deep, and what it and the docs/ pages say stays true: links and anchors
 * resolve, every `npm run` command exists with the options they give it, the TypeScript examples run, and the lines
 * `npm run emulator` prints are the ones docs/emulator.md shows.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { transform } from "sucrase";
import { createRequire } from "module";
import { buildPlan } from "../offline/plan";
import { runProgram } from "../offline/recorder";
import { pointStackLines } from "../tools/emulator";
import { simpleMocks } from "./support/mocks";
import { ROOT } from "./support/run";
import { helpOf, projectCommands, scripts } from "./support/spawned";
import { tempDir } from "./support/tmp";

/** The documentation pages the project agreed on (others are added by their own work). */
const PAGES = [
    "configuration",
    "offline-plan",
    "deploying",
    "multi-language",
    "e2e",
    "emulator",
    "recovery",
    "troubleshooting",
    "development",
];
const FILES = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) => f.endsWith(".md"));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

function anchorsOf(file: string): Set<string> {
    return new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
}

/** `npm run <script> -- <args>` commands in a text: in code blocks and inline code. */
function npmCommands(text: string): { script: string; options: string[]; line: string }[] {
    const found: { script: string; options: string[]; line: string }[] = [];
    for (const m of text.matchAll(/npm run (?:-s )?([\w:-]+)([^\n`#|]*)/g)) {
        const rest = m[2];
        const args = rest.includes(" -- ") || rest.startsWith(" --") ? rest.slice(rest.indexOf("--") + 2) : "";
        const options = [...args.matchAll(/(?:^|\s)(--[a-z][\w-]*|-[a-z])\b/g)].map((o) => o[1]);
        found.push({ script: m[1], options, line: m[0].trim() });
    }
    return found;
}

/** Runs a TypeScript example (imports of "shared-bandwidth-gateway" resolved to this repository) under Pulumi's mocks. */
async function runExample(code: string) {
    const js = transform(code.replace(/from "shared-bandwidth-gateway"/g, `from ${JSON.stringify(path.join(ROOT, "components"))}`), {
        transforms: ["typescript", "imports"],
    }).code;
    const requireHere = createRequire(path.join(ROOT, "index.ts"));
    return runProgram(
        () => {
            const module = { exports: {} as Record<string, unknown> };
            new Function("require", "module", "exports", js)(requireHere, module, module.exports);
            return module.exports;
        },
        { project: "example", stack: "docs", config: {}, mocks: simpleMocks },
    );
}

const typescriptBlocks = (file: string) => [...read(file).matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("the README and the docs pages", function () {
    this.timeout(60000);
    const commands = FILES.flatMap((f) => npmCommands(read(f)).map((c) => ({ ...c, file: f })));
    // Started as this file loads, beside the other tests.
    new Set(commands.map((c) => c.script)).forEach((s) => projectCommands().includes(s) && helpOf(s));

    it("the README is a front page: under 250 lines, with a table of contents of its sections", () => {
        const readme = read("README.md");
        expect(readme.split("\n").length).to.be.below(250);
        const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => anchor(m[1]));
        const contents = /\*\*Contents:\*\*[\s\S]*?\n\n/.exec(readme)![0];
        for (const s of sections) {
            expect(contents, `contents link to #${s}`).to.contain(`(#${s})`);
        }
    });

    it("the agreed docs pages exist and the README links each of them", () => {
        const readme = read("README.md");
        for (const page of PAGES) {
            expect(fs.existsSync(path.join(ROOT, "docs", `${page}.md`)), page).to.equal(true);
            expect(readme, page).to.contain(`](docs/${page}.md)`);
        }
    });

    it("every relative link resolves, anchors included", () => {
        for (const file of FILES) {
            for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
                const target = m[1];
                if (/^[a-z]+:/.test(target)) {
                    continue;
                }
                const [rel, hash] = target.split("#");
                const resolved = rel === "" ? file : path.normalize(path.join(path.dirname(file), rel));
                expect(fs.existsSync(path.join(ROOT, resolved)), `${file}: ${target}`).to.equal(true);
                if (hash !== undefined && resolved.endsWith(".md")) {
                    expect([...anchorsOf(resolved)], `${file}: ${target}`).to.include(hash);
                }
            }
        }
    });

    it("every npm run command they give exists, with options its --help lists", async () => {
        expect(commands.length).to.be.greaterThan(20);
        for (const c of commands) {
            expect(Object.keys(scripts()), `${c.file}: ${c.line}`).to.include(c.script);
            if (c.options.length === 0 || !projectCommands().includes(c.script)) {
                continue;
            }
            const help = (await helpOf(c.script)).stdout;
            for (const o of c.options) {
                expect(help, `${c.file}: ${c.line}: ${o}`).to.match(new RegExp(`(^|[\\s,])${o}([\\s,=]|$)`, "m"));
            }
        }
    });

    it("the TypeScript examples run as written: the README's and the multi-language page's", async () => {
        const examples = [...typescriptBlocks("README.md"), ...typescriptBlocks("docs/multi-language.md")];
        expect(examples).to.have.length(2);
        for (const code of examples) {
            const run = await runExample(code);
            const entries = run.resources.filter((r) => r.type === "alicloud:vpc/forwardEntry:ForwardEntry");
            expect(entries.map((r) => r.name)).to.include("edge-dnat-web-https");
            expect(Object.keys(run.outputs)).to.deep.equal(["endpoints"]);
        }
    });

    it("the README's stack file at a glance plans as valid", async () => {
        const text = /```yaml\n(config:[\s\S]*?)```/.exec(read("README.md"))![1];
        const file = path.join(tempDir("docs-"), "Pulumi.glance.yaml");
        fs.writeFileSync(file, text);
        const doc = await buildPlan({ projectDir: ROOT, configFile: file });
        expect(doc.errors).to.deep.equal([]);
        expect(doc.endpoints.map((e) => e.rule)).to.deep.equal(["web-https"]);
    });

    it("docs/emulator.md shows the lines npm run emulator prints to point a stack at it", () => {
        const shown = /```sh\n(pulumi config set alicloud:protocol[\s\S]*?)```/.exec(read("docs/emulator.md"))![1];
        const printed = pointStackLines("127.0.0.1:<port>", "<the certificate file it prints>");
        expect(shown.trimEnd().split("\n")).to.deep.equal(printed);
        expect(printed.some((l) => l.startsWith("export ALIBABA_CLOUD_ACCESS_KEY_ID="))).to.equal(true);
    });
});
