/**
 * Preloaded into a spawned command (`node -r tests/support/moduleReport.js ...`): when it exits, prints on stderr how
 * many modules it loaded and whether the Pulumi SDK was among them, as `[modules] {...}` on the last line.
 */
"use strict";
process.on("exit", () => {
    const files = Object.keys(require.cache);
    const pulumiSdk = files.some((f) => f.includes(`${require("path").sep}@pulumi${require("path").sep}pulumi${require("path").sep}`));
    process.stderr.write(`\n[modules] ${JSON.stringify({ count: files.length, pulumiSdk })}\n`);
});
