/**
 * The official Alibaba Cloud TypeScript clients (`@alicloud/vpc20160428`, `@alicloud/ecs20140526`) pointed at a running
 * emulator on its loopback address, over plain HTTP. They sign every request (ACS3-HMAC-SHA256) with a fixed, fake
 * AccessKey the emulator ignores, and speak the newer request style: the action in the `x-acs-action` header.
 */
import Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Vpc from "@alicloud/vpc20160428";
import type { RunningEmulator } from "../../emulator/server";

function config(emu: RunningEmulator, regionId: string) {
    return new $OpenApiUtil.Config({
        accessKeyId: "contract-test-key",
        accessKeySecret: "contract-test-secret",
        endpoint: emu.endpoint,
        protocol: "http",
        regionId,
    });
}

/** A VPC API client for `emu`. */
export function vpcClient(emu: RunningEmulator, regionId = "cn-shanghai"): Vpc {
    return new Vpc(config(emu, regionId));
}

/** An ECS API client for `emu`. */
export function ecsClient(emu: RunningEmulator, regionId = "cn-shanghai"): Ecs {
    return new Ecs(config(emu, regionId));
}

/** The code and HTTP status of the error the SDK throws for a refused call; fails when the call succeeds. */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
    try {
        await call;
    } catch (e) {
        const err = e as { code?: string; statusCode?: number; message?: string };
        if (typeof err.code !== "string" || typeof err.statusCode !== "number") {
            throw e;
        }
        return { code: err.code, status: err.statusCode, message: err.message ?? "" };
    }
    throw new Error("expected the call to be refused");
}
