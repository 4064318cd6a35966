/** Helpers for tests that talk to the emulator over HTTP, as the provider does. */
import type { RunningEmulator } from "../../emulator/server";

/** The VPC and vSwitch of the test account. */
export const VPC = "vpc-uf6e2etest000000000";
export const VSW = "vsw-uf6e2etest000000000";

/** Calls an action the way the provider's RPC client does: Action and Version in the query, the rest form-encoded. */
export async function call(emu: RunningEmulator, action: string, params: Record<string, string>, query: Record<string, string> = {}) {
    const q = new URLSearchParams({ Action: action, Version: "2016-04-28", Format: "json", ...query });
    const res = await fetch(`${emu.url}?${q}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ RegionId: "cn-shanghai", ...params }).toString(),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
    return { status: res.status, body: (await res.json()) as Record<string, any> };
}
