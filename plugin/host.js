// Serves the component package over Pulumi's provider protocol, as the Node.js host's RunPlugin does for
// PulumiPlugin.yaml in current Pulumi releases (@pulumi/pulumi cmd/run-plugin): the package's exported
// components, the provider name derived from package.json "name", and the schema from the SDK's analyzer
// of the package's TypeScript sources (the same schema `npm run schema` writes to schema.json).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
if (!fs.existsSync(path.join(root, "dist", "index.js"))) {
    process.stderr.write(`${manifest.name}: ${path.join(root, "dist")} is missing: run \`npm ci\` in ${root}\n`);
    process.exit(1);
}
const { componentProviderHost, getPulumiComponents } = require(require.resolve("@pulumi/pulumi/provider/experimental", { paths: [root] }));

componentProviderHost({
    name: manifest.name.replace(/^@.*?\//, "").replace(/[^-a-zA-Z0-9_]/g, "-"),
    dirname: root,
    components: getPulumiComponents(require(root)),
}).catch((err) => {
    process.stderr.write(`${manifest.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
