/**
 * Scratch folders for tests: each is made inside one folder per test run, which is removed when the run's process
 * exits, so `npm test` leaves nothing behind in the system's temporary directory.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

let root: string | undefined;

/** A new empty folder named `prefix` and a random suffix, removed with the run's folder when the process exits. */
export function tempDir(prefix: string): string {
    if (root === undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbg-tests-"));
        process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        root = dir;
    }
    return fs.mkdtempSync(path.join(root, prefix));
}
