/**
 * Bad arguments from another language: for each consumer, a variant of its program passing a value of the wrong type
 * and one leaving out a required property. Whichever layer refuses it first (the language's own type check, the
 * generated SDK, or the component's validation in the plugin) must name the property.
 */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import type { ConsumerName } from "./consumerNames";

export interface ConsumerBadInput {
    label: string;
    /** Texts the refusal must contain. */
    expected: string[];
    /** Writes the variant into the project folder; returns what puts the original back. */
    write(projectDir: string): () => void;
}

/** Replaces `file` (relative to the project) with `text`; returns the restore. */
function replaceFile(projectDir: string, file: string, text: string): () => void {
    const target = path.join(projectDir, file);
    const original = fs.readFileSync(target, "utf8");
    fs.writeFileSync(target, text);
    return () => fs.writeFileSync(target, original);
}

/** A Python program creating the component with `args` (Python keyword arguments, one per line). */
function pythonProgram(args: string[]): string {
    return [
        "import pulumi",
        "import pulumi_shared_bandwidth_gateway as sbg",
        "",
        "config = pulumi.Config()",
        "sbg.SharedBandwidthGateway(",
        '    "edge",',
        ...args.map((a) => `    ${a},`),
        ")",
        "",
    ].join("\n");
}

const PYTHON_VALID = [
    'vpc_id=config.require("vpcId")',
    'vpc_cidr=config.require("vpcCidr")',
    'nat_gateway=sbg.NatGatewaySpecArgs(vswitch_id=config.require("vswitchId"))',
    'eips={"web": sbg.EipSpecArgs()}',
    "bandwidth_plan=sbg.BandwidthPlanSpecArgs(bandwidth_mbps=200)",
];

/** The YAML program with the component's properties changed by `edit`. */
function yamlVariant(edit: (properties: Record<string, unknown>) => void): (projectDir: string) => () => void {
    return (projectDir) => {
        const file = path.join(projectDir, "Pulumi.yaml");
        const doc = parse(fs.readFileSync(file, "utf8")) as { resources: Record<string, { properties: Record<string, unknown> }> };
        edit(doc.resources.edge.properties);
        return replaceFile(projectDir, "Pulumi.yaml", stringify(doc));
    };
}

/** The bad arguments each consumer's run must see refused. */
export function badInputs(name: ConsumerName): ConsumerBadInput[] {
    switch (name) {
        case "ts":
            // The TypeScript compiler refuses both before anything runs; the component's own messages for a program
            // that bypasses its types are tested under mocks in examples/consumer-ts/test.
            return [];
        case "python":
            return pythonBadInputs();
        case "yaml":
            return yamlBadInputs();
    }
}

function pythonBadInputs(): ConsumerBadInput[] {
    return [
        {
            label: "an EIP given as a string",
            // The component's validation, through the plugin: Python passes the value as it is.
            expected: ["eips.web: must be the EIP's properties", '(got "yes")'],
            write: (dir) =>
                replaceFile(
                    dir,
                    "__main__.py",
                    pythonProgram([...PYTHON_VALID.filter((a) => !a.startsWith("eips=")), 'eips={"web": "yes"}']),
                ),
        },
        {
            label: "no nat_gateway",
            // The generated SDK checks required arguments itself, by their Python names.
            expected: ["Missing required property 'nat_gateway'"],
            write: (dir) => replaceFile(dir, "__main__.py", pythonProgram(PYTHON_VALID.filter((a) => !a.startsWith("nat_gateway=")))),
        },
        {
            label: "a rule without internalIp",
            // A rule given as a plain dict reaches the component, which names the rule's key and the property.
            expected: ["rules.web-https.internalIp: is required"],
            write: (dir) =>
                replaceFile(
                    dir,
                    "__main__.py",
                    pythonProgram([...PYTHON_VALID, 'rules={"web-https": {"eip": "web", "protocol": "tcp", "external_port": "443"}}']),
                ),
        },
    ];
}

function yamlBadInputs(): ConsumerBadInput[] {
    return [
        // The YAML host type-checks the program against the schema the plugin serves, before anything runs.
        {
            label: "an EIP given as a string",
            expected: ["eips: Cannot assign", "web: Cannot assign type 'string' to type 'shared-bandwidth-gateway:index:EipSpec'"],
            write: yamlVariant((p) => (p.eips = { web: "yes", api: {} })),
        },
        {
            label: "no natGateway",
            expected: ["natGateway: Missing required property 'natGateway'"],
            write: yamlVariant((p) => delete p.natGateway),
        },
    ];
}
