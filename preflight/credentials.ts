/**
 * Where the account commands (`npm run inventory`, `npm run preflight`) find their AccessKey: the usual Alibaba Cloud
 * chain of `@alicloud/credentials`, never a file of this repository. In order: the environment
 * (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, optionally `ALIBABA_CLOUD_SECURITY_TOKEN`), the
 * `aliyun` CLI's profile (`~/.aliyun/config.json`, `ALIBABA_CLOUD_PROFILE`), the shared credentials file
 * (`~/.alibabacloud/credentials`, `ALIBABA_CLOUD_CREDENTIALS_FILE`), and the ECS instance's RAM role when
 * `ALIBABA_CLOUD_ECS_METADATA` names it. The library's default chain also asks the instance metadata service when
 * nothing else answers; this one does so only when told to, so that a machine without credentials gets a clear error
 * instead of a request to an address that is not there.
 *
 * Secrets never leave this module in a message: a failure is reported by the names of the places looked at.
 */
import Credential, {
    CLIProfileCredentialsProvider,
    CredentialsProvider,
    ECSRAMRoleCredentialsProvider,
    EnvironmentVariableCredentialsProvider,
    ProfileCredentialsProvider,
} from "@alicloud/credentials";

/** Thrown when no place of the chain holds credentials. Its message names the places, never a value. */
export class CredentialsMissing extends Error {
    constructor() {
        super(
            "no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile (aliyun configure, ALIBABA_CLOUD_PROFILE)",
        );
        this.name = "CredentialsMissing";
    }
}

/** The providers that apply in this environment, in the chain's order. */
function providers(env: NodeJS.ProcessEnv): CredentialsProvider[] {
    const out: CredentialsProvider[] = [];
    const attempts: (() => CredentialsProvider)[] = [
        () => EnvironmentVariableCredentialsProvider.builder().build(),
        () => CLIProfileCredentialsProvider.builder().build(),
        () => ProfileCredentialsProvider.builder().build(),
    ];
    const role = env.ALIBABA_CLOUD_ECS_METADATA;
    if (role) {
        attempts.push(() => ECSRAMRoleCredentialsProvider.builder().withRoleName(role).build());
    }
    for (const attempt of attempts) {
        try {
            out.push(attempt());
        } catch {
            // A provider that is switched off (ALIBABA_CLOUD_CLI_PROFILE_DISABLED...) is left out.
        }
    }
    return out;
}

/** A chain that answers with the first provider that has credentials, and keeps using it. */
class Chain implements CredentialsProvider {
    private chosen?: CredentialsProvider;

    constructor(private readonly list: CredentialsProvider[]) {}

    async getCredentials() {
        if (this.chosen) {
            return this.chosen.getCredentials();
        }
        for (const p of this.list) {
            try {
                const c = await p.getCredentials();
                this.chosen = p;
                return c;
            } catch {
                // The library's messages may quote a profile file; the caller reports the chain as a whole.
            }
        }
        throw new CredentialsMissing();
    }

    getProviderName() {
        return `chain/${this.chosen?.getProviderName() ?? "none"}`;
    }
}

/** The credential for the official clients, checked now: throws {@link CredentialsMissing} when there is none. */
export async function accountCredential(env: NodeJS.ProcessEnv = process.env): Promise<Credential> {
    const credential = new Credential(null, new Chain(providers(env)));
    try {
        await credential.getCredential();
    } catch {
        throw new CredentialsMissing();
    }
    return credential;
}
