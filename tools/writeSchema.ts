/** `npm run schema`: regenerates schema.json (the package schema other languages' SDKs are generated from). */
import * as fs from "fs";
import * as path from "path";
import { formatSchema, generatePackageSchema, SCHEMA_FILE } from "./packageSchema";

generatePackageSchema().then(
    (schema) => {
        fs.writeFileSync(SCHEMA_FILE, formatSchema(schema));
        console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    },
    (err: unknown) => {
        console.error(`schema generation failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
    },
);
