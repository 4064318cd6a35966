/** The error thrown for invalid arguments: every problem listed, printed by the engine without a stack trace. */
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "./types";

/** Thrown when the arguments are invalid; lists every problem. The Pulumi engine prints it without a stack trace. */
export class GatewayValidationError extends pulumi.InputPropertiesError {
    constructor(
        readonly componentName: string,
        readonly problems: Problem[],
    ) {
        super({
            message: `${componentName}: invalid arguments (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
                .map((p) => `  - ${p.propertyPath}: ${p.reason}`)
                .join("\n")}`,
            errors: problems,
        });
        this.name = "GatewayValidationError";
        // Also a RunError to the Node.js language host (it checks this brand), so a TypeScript program prints the
        // list of problems without a stack trace; a multi-language provider reports it as InputPropertiesError.
        (this as unknown as { __pulumiRunError: boolean }).__pulumiRunError = true;
    }
}
