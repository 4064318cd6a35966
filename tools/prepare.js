// `prepare` (run by `npm ci` and `npm install`, and by npm when another project installs this repository from a
// directory, e.g. examples/consumer-ts or `npm install --install-links <path to a clone>`): builds dist/. In that last
// case npm runs only this script, in a clone where nothing may be installed yet; the build tools then come first,
// from this repository's lockfile, as npm itself does for git dependencies.
"use strict";
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const run = (command) => execSync(command, { cwd: root, stdio: "inherit" });
if (!fs.existsSync(path.join(root, "node_modules", "typescript", "package.json"))) {
    run("npm ci --ignore-scripts --no-audit --no-fund");
}
run("npm run build");
