/**
 * Provider credentials in the clear. The stack file is committed with the code, so an AccessKey written there in plain
 * text is published with it: the program refuses one and says how to store it encrypted. Pure.
 */
import type { Problem } from "../components";

/** Provider config keys that hold credentials (the provider's access_key, secret_key and security_token). */
const CREDENTIAL_KEYS: Record<string, string> = {
    "alicloud:accessKey": "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "alicloud:secretKey": "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "alicloud:securityToken": "ALIBABA_CLOUD_SECURITY_TOKEN",
};

/** A problem for each credential key set without `--secret`; `isSecret` tells whether the engine holds a key encrypted. */
export function plaintextCredentials(config: Record<string, unknown>, isSecret: (key: string) => boolean): Problem[] {
    return Object.entries(CREDENTIAL_KEYS)
        .filter(([key]) => config[key] !== undefined && !isSecret(key))
        .map(([key, env]) => ({
            propertyPath: key,
            reason:
                `is in plain text in the stack file, which is committed and shared: store it encrypted instead with ` +
                `\`pulumi config set --secret ${key} <value>\` (it replaces the plain value), or remove it and export ${env}`,
        }));
}
