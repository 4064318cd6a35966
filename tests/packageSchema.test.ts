/**
 * The package schema other languages consume (`pulumi package add`): token, inputs, outputs and nested types,
 * and that the committed schema.json is current. Regenerate with `npm run schema` after changing the args.
 */
import { expect } from "chai";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { SharedBandwidthGateway } from "../components";
import { gatewayArgsSchema } from "../components/schema";
import { formatSchema, providerNameOf, SCHEMA_FILE } from "../tools/packageSchema";

interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    plain?: boolean;
    optional?: boolean;
}
interface ObjectSpec {
    properties: Record<string, PropertySpec>;
    required: string[];
}
interface ResourceSpec {
    isComponent: boolean;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
}
interface PackageSchema {
    name: string;
    resources: Record<string, ResourceSpec>;
    types: Record<string, ObjectSpec & { type: string; enum?: { name: string; value: string }[] }>;
}

const PREFIX = "shared-bandwidth-gateway:index:";

/**
 * Everything the generated schema is a function of: the components' sources, the TypeScript settings, the package's
 * name and every dependency's version (package-lock.json), and the generator itself.
 */
function schemaInputsKey(): string {
    const root = path.resolve(__dirname, "..");
    const hash = createHash("sha256");
    const add = (file: string) =>
        hash
            .update(`${path.relative(root, file)}\0`)
            .update(fs.readFileSync(file))
            .update("\0");
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    [
        ...walk(path.join(root, "components")).sort(),
        ...["tsconfig.json", "package.json", "package-lock.json", "tools/packageSchema.ts"].map((f) => path.join(root, f)),
    ].forEach(add);
    return hash.digest("hex");
}

const CACHE = path.resolve(__dirname, "../node_modules/.cache/sbg-schema");

/**
 * The schema generated in a worker thread started as this file loads: the analyzer builds a TypeScript program of
 * the components (seconds of CPU), which then runs beside the other tests instead of before this file's. The result
 * is kept under its inputs' hash, so a later run with the same inputs reads it instead of generating it again.
 */
function generateInWorker(): Promise<PackageSchema> {
    const key = schemaInputsKey();
    const cached = path.join(CACHE, `${key}.json`);
    if (fs.existsSync(cached)) {
        return Promise.resolve(JSON.parse(fs.readFileSync(cached, "utf8")) as PackageSchema);
    }
    const script = `
        require(${JSON.stringify(path.resolve(__dirname, "../tools/register.js"))});
        const { parentPort } = require("worker_threads");
        require(${JSON.stringify(path.resolve(__dirname, "../tools/packageSchema.ts"))})
            .generatePackageSchema({ componentsOnly: true })
            .then((schema) => parentPort.postMessage(schema));`;
    return new Promise<PackageSchema>((resolve, reject) => {
        const worker = new Worker(script, { eval: true });
        worker.once("message", (schema: PackageSchema) => resolve(schema));
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the schema worker exited with code ${code} and no schema`)));
    }).then((schema) => {
        fs.mkdirSync(CACHE, { recursive: true });
        fs.writeFileSync(`${cached}.${process.pid}.tmp`, JSON.stringify(schema));
        fs.renameSync(`${cached}.${process.pid}.tmp`, cached);
        return schema;
    });
}
const generated = generateInWorker();
generated.catch(() => undefined);

/** `string`, `number`, `ref:EipSpec`, `map<ref:EipSpec>`, `array<number>`; `input:` when the value may be an Output. */
function typeOf(p: PropertySpec): string {
    const inner = (q: PropertySpec): string =>
        q.$ref
            ? `ref:${q.$ref.replace(`#/types/${PREFIX}`, "")}`
            : q.type === "array"
              ? `array<${inner(q.items!)}>`
              : q.type === "object" && q.additionalProperties
                ? `map<${inner(q.additionalProperties)}>`
                : q.type!;
    return `${p.plain ? "" : "input:"}${inner(p)}`;
}

/** name -> "type" for required properties, "type?" for optional ones. */
function summary(props: Record<string, PropertySpec>, required: string[]): Record<string, string> {
    return Object.fromEntries(Object.entries(props).map(([k, p]) => [k, `${typeOf(p)}${required.includes(k) ? "" : "?"}`]));
}

/** Keys of a zod object schema (possibly wrapped in optional()). */
function zodKeys(s: unknown): string[] {
    let t = s as { shape?: Record<string, unknown>; unwrap?: () => unknown };
    while (!t.shape && t.unwrap) {
        t = t.unwrap() as typeof t;
    }
    return Object.keys(t.shape ?? {}).sort();
}

describe("package schema (pulumi package add)", function () {
    this.timeout(60000);
    let schema: PackageSchema;
    let gateway: ResourceSpec;

    before(async () => {
        schema = await generated;
        gateway = schema.resources[SharedBandwidthGateway.TYPE];
    });

    it("derives the component token from package.json name and matches SharedBandwidthGateway.TYPE", () => {
        expect(schema.name).to.equal("shared-bandwidth-gateway");
        expect(Object.keys(schema.resources)).to.deep.equal(["shared-bandwidth-gateway:index:SharedBandwidthGateway"]);
        expect(SharedBandwidthGateway.TYPE).to.equal("shared-bandwidth-gateway:index:SharedBandwidthGateway");
        expect(gateway.isComponent).to.equal(true);
    });

    it("declares every input with its type and required-ness", () => {
        expect(summary(gateway.inputProperties, gateway.requiredInputs)).to.deep.equal({
            vpcId: "input:string?",
            vpcCidr: "string?",
            accountSite: "string?",
            namePrefix: "string?",
            tags: "map<string>?",
            stackTag: "string?",
            natGateway: "ref:NatGatewaySpec",
            eips: "map<ref:EipSpec>",
            rules: "map<ref:ForwardRuleSpec>?",
            bandwidthPlan: "ref:BandwidthPlanSpec",
            applications: "map<ref:DemandProfile>?",
            quotas: "ref:QuotaSpec?",
            protectEips: "boolean?",
            maxParallelWrites: "number?",
            connectivityCheck: "ref:ConnectivityCheckSpec?",
            prices: "ref:PriceSheet?",
        });
        expect(gateway.requiredInputs).to.deep.equal(["bandwidthPlan", "eips", "natGateway"]);
    });

    it("declares every output", () => {
        // Outputs are never plain, hence the input: prefix on every one.
        expect(summary(gateway.properties, gateway.required)).to.deep.equal({
            natGatewayId: "input:string",
            forwardTableId: "input:string",
            snatTableId: "input:string",
            bandwidthPlanId: "input:string",
            bandwidthPlanMbps: "input:number",
            eips: "input:map<ref:GatewayEip>",
            endpoints: "input:map<ref:GatewayEndpoint>",
            bandwidthEconomics: "input:ref:BandwidthEconomics?",
            warnings: "input:array<ref:Problem>",
            connectivity: "input:ref:GatewayConnectivity?",
        });
    });

    it("describes a DNAT rule, an EIP, the NAT gateway and the bandwidth plan as nested types", () => {
        const t = (name: string) => schema.types[`${PREFIX}${name}`];
        expect(summary(t("ForwardRuleSpec").properties, t("ForwardRuleSpec").required)).to.deep.equal({
            eip: "string",
            protocol: "string",
            externalPort: "string?",
            internalIp: "string",
            internalPort: "string?",
            name: "string?",
            portBreak: "boolean?",
            application: "string?",
            probe: "ref:RuleProbeSpec?",
            securityGroupId: "string?",
            allowFrom: "array<string>?",
            previousKeys: "array<string>?",
        });
        expect(summary(t("EipSpec").properties, t("EipSpec").required)).to.deep.equal({
            mode: "ref:ResourceMode?",
            allocationId: "string?",
            name: "string?",
            description: "string?",
            internetChargeType: "string?",
            paymentType: "string?",
            previousKeys: "array<string>?",
            bound: "boolean?",
        });
        expect(t("NatGatewaySpec").properties.mode.$ref).to.equal(`#/types/${PREFIX}ResourceMode`);
        expect(typeOf(t("NatGatewaySpec").properties.vswitchId)).to.equal("input:string");
        expect(t("ResourceMode").enum!.map((e) => [e.name, e.value])).to.deep.equal([
            ["Create", "create"],
            ["Adopt", "adopt"],
        ]);
        const plan = t("BandwidthPlanSpec");
        expect(summary(plan.properties, plan.required)).to.include({
            bandwidthMbps: "number?",
            autoSize: "boolean?",
            headroomPercent: "number?",
        });
        expect(plan.required).to.deep.equal([]);
        expect(summary(t("GatewayEndpoint").properties, t("GatewayEndpoint").required)).to.deep.equal({
            rule: "input:string",
            eip: "input:string",
            protocol: "input:string",
            public: "input:string",
            private: "input:string",
            securityGroupId: "input:string?",
            allowFrom: "input:array<string>?",
        });
    });

    it("describes the price sheet (an input) and the monthly estimate (in bandwidthEconomics.costs)", () => {
        const t = (name: string) => schema.types[`${PREFIX}${name}`];
        expect(summary(t("PriceSheet").properties, t("PriceSheet").required)).to.deep.equal({
            site: "string",
            region: "string",
            currency: "string",
            isp: "string",
            prices: "map<ref:SheetPrice>",
        });
        expect(summary(t("BandwidthEconomics").properties, t("BandwidthEconomics").required)).to.include({
            costs: "input:ref:CostEstimate?",
        });
        expect(summary(t("CostEstimate").properties, t("CostEstimate").required)).to.include({
            shared: "input:array<ref:MethodCost>",
            separate: "input:array<ref:MethodCost>",
            common: "input:array<ref:MethodCost>",
            cheapest: "input:ref:CheapestMethod?",
            prices: "input:array<ref:PriceUsed>",
            assumptions: "input:array<string>",
        });
    });

    it("accepts exactly the properties the runtime argument schema accepts, at every level", () => {
        const shape = gatewayArgsSchema.shape;
        const pairs: [string, string[], unknown][] = [
            ["(root)", Object.keys(gateway.inputProperties).sort(), gatewayArgsSchema],
            ["natGateway", Object.keys(schema.types[`${PREFIX}NatGatewaySpec`].properties).sort(), shape.natGateway],
            ["eips.*", Object.keys(schema.types[`${PREFIX}EipSpec`].properties).sort(), shape.eips.valueType],
            ["rules.*", Object.keys(schema.types[`${PREFIX}ForwardRuleSpec`].properties).sort(), shape.rules.unwrap().valueType],
            ["bandwidthPlan", Object.keys(schema.types[`${PREFIX}BandwidthPlanSpec`].properties).sort(), shape.bandwidthPlan],
            ["quotas", Object.keys(schema.types[`${PREFIX}QuotaSpec`].properties).sort(), shape.quotas],
            ["connectivityCheck", Object.keys(schema.types[`${PREFIX}ConnectivityCheckSpec`].properties).sort(), shape.connectivityCheck],
            ["prices", Object.keys(schema.types[`${PREFIX}PriceSheet`].properties).sort(), shape.prices],
            [
                "prices.prices.*",
                Object.keys(schema.types[`${PREFIX}SheetPrice`].properties).sort(),
                shape.prices.unwrap().shape.prices.valueType,
            ],
        ];
        for (const [where, fromSchema, zod] of pairs) {
            expect(fromSchema, where).to.deep.equal(zodKeys(zod));
        }
    });

    it("matches the committed schema.json (regenerate with `npm run schema`)", () => {
        const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "(missing)";
        expect(
            committed === formatSchema(schema as unknown as Record<string, unknown>),
            "schema.json is stale: run `npm run schema` and commit it",
        ).to.equal(true);
    });
});

describe("provider name from package.json name", () => {
    it("uses the unscoped name as is", () => {
        expect(providerNameOf("shared-bandwidth-gateway")).to.deep.equal({ name: "shared-bandwidth-gateway", namespace: undefined });
    });

    it("turns an npm scope into the namespace and replaces characters a token cannot hold", () => {
        expect(providerNameOf("@acme/shared.bandwidth")).to.deep.equal({ name: "shared-bandwidth", namespace: "acme" });
    });
});
