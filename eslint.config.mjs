// ESLint flat config: typescript-eslint's recommended rules plus the Pulumi plugin, whose rules catch an
// Output used in a plain template literal (it prints "Calling [toString] on an [Output<T>]...", not the value).
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
    globalIgnores(["**/node_modules/", "dist/", "bin/", "examples/*/dist/", "examples/*/bin/"]),
    {
        files: ["**/*.ts"],
        extends: [js.configs.recommended, tseslint.configs.recommended],
        languageOptions: {
            // The Pulumi rules need type information; each file is checked with its nearest tsconfig.json.
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            // The plugin exports no preset; these are all of its rules.
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // `_`-prefixed names mark deliberately unused parameters.
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // The recorder overrides MockMonitor methods whose gRPC request objects the SDK itself types as `any`.
        files: ["offline/recorder.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        // The dynamic provider is serialised into state: it loads node modules inside the functions that use them,
        // so the serialised code captures no module objects. Program tests and the e2e re-require index.ts for a fresh run.
        files: ["components/connectivity/*.ts", "tests/**/*.ts", "offline/**/*.ts", "e2e/stack.ts"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The emulator's tests read JSON answers field by field, as the provider does.
        files: ["tests/emulator/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
]);
