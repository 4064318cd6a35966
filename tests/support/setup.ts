/**
 * Loaded by mocha before the test files (.mocharc.json): the SDK modules that only serialise a dynamic provider's
 * code are loaded on first use, as `npm run plan` does (tools/deferModules.ts); the tests that serialise load them.
 */
import { deferSdkSerialisation } from "../../tools/deferModules";

deferSdkSerialisation();
