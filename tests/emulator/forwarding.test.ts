/** The emulator's TCP forwarding behind the DNAT table (emulator/forwarding.ts): routes, whole-IP entries and its limits. */
import { expect } from "chai";
import * as net from "net";
import { parseInventory } from "../../cloud/inventory";
import { assertLoopback, Forwarder, MAX_PORTS_PER_ENTRY, routesOf } from "../../emulator/forwarding";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { call, VPC, VSW } from "../support/emulator";

const BACKEND = "127.0.31.1";
const WHOLE = "127.0.31.2";

/** A gateway and one EIP bound to it. */
async function boundEip(emu: RunningEmulator) {
    const nat = (await call(emu, "CreateNatGateway", { VpcId: VPC, VSwitchId: VSW, NatType: "Enhanced", InstanceChargeType: "PostPaid" }))
        .body;
    const eip = (await call(emu, "AllocateEipAddress", { InternetChargeType: "PayByTraffic", ISP: "BGP" })).body;
    await call(emu, "AssociateEipAddress", { InstanceType: "Nat" }, { AllocationId: eip.AllocationId, InstanceId: nat.NatGatewayId });
    return { table: nat.ForwardTableIds.ForwardTableId[0] as string, ip: eip.EipAddress as string };
}

/** The text a connection to host:port receives, or the connect error's code. */
function ask(host: string, port: number): Promise<string> {
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        const s = net.connect({ host, port });
        s.on("data", (c: Buffer) => chunks.push(c));
        s.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
}

/** Backends that greet with their address and port. */
async function greeters(host: string, ports: number[]): Promise<net.Server[]> {
    return Promise.all(
        ports.map(
            (port) =>
                new Promise<net.Server>((resolve, reject) => {
                    const server = net.createServer((s) => s.end(`${host}:${port}`));
                    server.once("error", reject);
                    server.listen(port, host, () => resolve(server));
                }),
        ),
    );
}

describe("emulator: TCP forwarding behind the DNAT table", () => {
    let emu: RunningEmulator;
    let servers: net.Server[];
    beforeEach(async () => {
        servers = [...(await greeters(BACKEND, [18080, 19000, 19001, 19002])), ...(await greeters(WHOLE, [18081, 18082]))];
        const inventory = parseInventory(
            { account: { site: "china" }, vpcs: [{ id: VPC, cidr: "192.168.0.0/16", vswitchIds: [VSW] }] },
            "test",
        );
        emu = await startEmulator(inventory, 0, {
            backends: { "192.168.0.10": { host: BACKEND, ports: [] }, "192.168.0.20": { host: WHOLE, ports: [18081, 18082] } },
        });
    });
    afterEach(async () => {
        await emu.close();
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    });

    const entry = (table: string, ip: string, ext: string, internalIp: string, int: string, protocol: string) => ({
        ForwardTableId: table,
        ExternalIp: ip,
        ExternalPort: ext,
        InternalIp: internalIp,
        InternalPort: int,
        IpProtocol: protocol,
    });

    it("forwards EIP:port to the backend while the entry exists, follows a modify, and refuses after the delete", async () => {
        const { table, ip } = await boundEip(emu);
        const created = await call(emu, "CreateForwardEntry", entry(table, ip, "18080", "192.168.0.10", "18080", "tcp"));
        expect(created.status).to.equal(200);
        expect(await ask(ip, 18080)).to.equal(`${BACKEND}:18080`);
        const id = created.body.ForwardEntryId as string;
        await call(emu, "ModifyForwardEntry", { ForwardEntryId: id, ...entry(table, ip, "18080", "192.168.0.10", "19000", "tcp") });
        expect(await ask(ip, 18080)).to.equal(`${BACKEND}:19000`);
        await call(emu, "DeleteForwardEntry", { ForwardTableId: table, ForwardEntryId: id });
        expect(await ask(ip, 18080)).to.equal("ECONNREFUSED");
    });

    it("forwards a whole-IP entry on each port the backend table lists, and nothing else", async () => {
        const { table, ip } = await boundEip(emu);
        await call(emu, "CreateForwardEntry", entry(table, ip, "any", "192.168.0.20", "any", "any"));
        expect(await ask(ip, 18081)).to.equal(`${WHOLE}:18081`);
        expect(await ask(ip, 18082)).to.equal(`${WHOLE}:18082`);
        expect(await ask(ip, 18083)).to.equal("ECONNREFUSED");
    });

    it("forwards every port of a range to the same offset in the private range", async () => {
        const { table, ip } = await boundEip(emu);
        await call(emu, "CreateForwardEntry", entry(table, ip, "18100/18102", "192.168.0.10", "19000/19002", "tcp"));
        expect(await Promise.all([18100, 18101, 18102].map((p) => ask(ip, p)))).to.deep.equal(
            [19000, 19001, 19002].map((p) => `${BACKEND}:${p}`),
        );
        expect(emu.forwarder!.bound()).to.have.length(3);
    });

    it("does not forward UDP entries or private IPs missing from the table; releases every listener on close", async () => {
        const { table, ip } = await boundEip(emu);
        await call(emu, "CreateForwardEntry", entry(table, ip, "18080", "192.168.0.10", "18080", "udp"));
        await call(emu, "CreateForwardEntry", entry(table, ip, "18090", "192.168.0.99", "18090", "tcp"));
        expect(emu.forwarder!.bound()).to.deep.equal([]);
        await call(emu, "CreateForwardEntry", entry(table, ip, "18080", "192.168.0.10", "18080", "tcp"));
        expect(emu.forwarder!.bound()).to.deep.equal([`${ip}:18080`]);
        await emu.forwarder!.close();
        expect(await ask(ip, 18080)).to.equal("ECONNREFUSED");
    });
});

describe("emulator: forwarding limits", () => {
    const base = { id: "fwd-x", tableId: "ftb-x", externalIp: "127.0.10.1", internalIp: "192.168.0.10", protocol: "tcp" as const };
    const backends = { "192.168.0.10": { host: "127.0.31.1", ports: [80] } };

    it(`caps a range at ${MAX_PORTS_PER_ENTRY} ports`, () => {
        const routes = routesOf(
            {
                ...base,
                externalPort: { kind: "range", start: 10000, end: 10999 },
                internalPort: { kind: "range", start: 20000, end: 20999 },
            },
            backends,
        );
        expect(routes).to.have.length(MAX_PORTS_PER_ENTRY);
        expect(routes[63]).to.include({ listenPort: 10063, targetPort: 20063 });
    });

    it("refuses to bind or connect outside 127.0.0.0/8", () => {
        expect(() => assertLoopback("192.168.0.10")).to.throw(/not a loopback address/);
        expect(() => new Forwarder({ "192.168.0.10": { host: "10.0.0.1", ports: [80] } })).to.throw(/not a loopback address/);
        const f = new Forwarder({ "192.168.0.10": { host: "127.0.31.1", ports: [80] } });
        const stray = { ...base, externalIp: "192.0.2.1", externalPort: { kind: "range", start: 80, end: 80 } } as const;
        expect(() => f.sync([{ ...stray, internalPort: { kind: "range", start: 80, end: 80 } }])).to.throw(
            /192\.0\.2\.1 is not a loopback/,
        );
    });
});
