/**
 * The TypeScript loader of every npm script and of the tests: `node -r ./tools/register.js file.ts`.
 *
 * sucrase strips the types (no type check: `npm run typecheck` does that) and turns imports into `require`, keeping
 * every line where it was, so stack traces point at the source lines without a source map. Each transpiled file is
 * kept in node_modules/.cache/sbg-sucrase, one entry per source path, reused while the source and the sucrase version
 * are unchanged: a command then loads the repository's code without starting sucrase at all.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { addHook } = require("pirates");

const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "sbg-sucrase");
const TRANSFORMS = ["imports", "typescript"];

let sucrase;
let salt;

function sha1(text) {
    return crypto.createHash("sha1").update(text).digest("hex");
}

function transpile(code, filePath) {
    salt ??= `${require("sucrase/package.json").version} ${TRANSFORMS.join(",")}\n`;
    const entry = path.join(CACHE, `${sha1(filePath)}.js`);
    const header = `// ${sha1(salt + code)}\n`;
    try {
        const cached = fs.readFileSync(entry, "utf8");
        if (cached.startsWith(header)) {
            return cached.slice(header.length);
        }
    } catch {
        // not cached yet
    }
    sucrase ??= require("sucrase");
    const out = sucrase.transform(code, { transforms: TRANSFORMS, filePath }).code;
    try {
        // Written under a temporary name, then renamed: processes loading the same file at once never read half of it.
        fs.mkdirSync(CACHE, { recursive: true });
        const tmp = `${entry}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, header + out);
        fs.renameSync(tmp, entry);
    } catch {
        // a read-only tree: transpile every time
    }
    return out;
}

addHook(transpile, { exts: [".ts"] });
