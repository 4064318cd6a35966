/** `npm run schema`: regenerates schema.json (the package schema other languages' SDKs are generated from). */
import * as path from "path";
import { commandArgs, runMain } from "./args";

const USAGE = `Usage: npm run schema -- [options]

Regenerates schema.json, the package schema \`pulumi package add\` reads to generate an SDK in another language
(docs/multi-language.md), from the component's argument and output types. Run it after changing them; npm test fails
while schema.json is stale. Takes seconds: it builds a TypeScript program of the package.

Options:
  -h, --help   show this help

Exit codes: 0 written, 1 generation failed, 2 usage error.`;

async function main(): Promise<number> {
    const args = commandArgs({}, USAGE);
    if (typeof args === "number") {
        return args;
    }
    const [fs, { formatSchema, generatePackageSchema, SCHEMA_FILE }] = await Promise.all([import("fs"), import("./packageSchema")]);
    try {
        fs.writeFileSync(SCHEMA_FILE, formatSchema(await generatePackageSchema()));
    } catch (err) {
        process.stderr.write(`schema: generation failed: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
    }
    process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
    return 0;
}

runMain("schema", main);
