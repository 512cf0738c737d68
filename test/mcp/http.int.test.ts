import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clientOn } from "./helpers.js";
import { exampleProject, httpServer, type HttpChild } from "./process.js";

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Tokens must be 32 characters or more. */
const SECRET = "secret-secret-secret-secret-secret";
const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "0" } } };
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(INIT) });

describe("orchestrate mcp --http", () => {
  let project: ReturnType<typeof exampleProject>;
  let server: HttpChild;

  beforeAll(async () => {
    project = exampleProject();
    server = await httpServer(project.root, ["--port", "0", "--token", SECRET]);
  });
  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.exited;
    project?.remove();
  });

  it("serves the SDK client that sends the token", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await clientOn(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${SECRET}` } } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["plan", "run", "status", "resume", "cancel", "report", "write_memory"]));
      expect((await call(client, "plan", { request: "implement system" })).structured?.modules).toHaveLength(10);
      await call(client, "write_memory", { key: "over/http", content: "yes" });
      expect((await call(client, "read_memory", { key: "over/http" })).structured).toMatchObject({ content: "yes" });
    } finally {
      await client.close();
    }
  });

  it("answers 401 without the token, or with a wrong one, before reading the request", async () => {
    const refused: Record<string, string>[] = [{}, { Authorization: "Bearer wrong" }, { Authorization: SECRET }, { Authorization: `Bearer ${SECRET}x` }];
    for (const headers of refused) {
      const res = await post(server.url, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect((await fetch(server.url, { headers: { Authorization: `Bearer ${SECRET}` } })).status).not.toBe(401);
    const ok = await post(server.url, { Authorization: `Bearer ${SECRET}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("mcp-session-id")).toBeTruthy();
  });

  it("takes the scheme's name in any case and spaces after it (RFC 9110), and its 401 says which of no token, another scheme or a wrong token it got", async () => {
    for (const authorization of [`bearer ${SECRET}`, `BEARER  ${SECRET}`, `Bearer ${SECRET} `]) expect((await post(server.url, { Authorization: authorization })).status, authorization).toBe(200);
    const said = async (headers: Record<string, string>) => {
      const res = await post(server.url, headers);
      expect(res.status).toBe(401);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };
    expect(await said({})).toBe("Unauthorized: expected `Authorization: Bearer <token>`, got no Authorization header");
    expect(await said({ Authorization: "Basic dTpw" })).toBe("Unauthorized: expected `Authorization: Bearer <token>`, got the `Basic` scheme");
    expect(await said({ Authorization: SECRET })).toBe("Unauthorized: expected `Authorization: Bearer <token>`, got a value with no scheme (a bare token?)");
    expect(await said({ Authorization: "Bearer" })).toBe("Unauthorized: expected `Authorization: Bearer <token>`, got the Bearer scheme with no token");
    expect(await said({ Authorization: `Bearer ${SECRET}x` })).toBe(
      "Unauthorized: the bearer token is not this server's: expected the one `orchestrate mcp --http` printed as it started (or its `--token`, `ORCHESTRATE_MCP_TOKEN`)",
    );
  });

  it("refuses another Host header (DNS rebinding) even with the token", async () => {
    const port = new URL(server.url).port;
    // fetch will not forge Host; a raw request does.
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port: Number(port) }, () => {
        const body = JSON.stringify(INIT);
        socket.write(`POST /mcp HTTP/1.1\r\nHost: evil.example:${port}\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
  });

  it("listens on 127.0.0.1 only", async () => {
    const port = Number(new URL(server.url).port);
    expect(await accepts("127.0.0.1", port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === "IPv4")
      .map((a) => a!.address);
    for (const address of [...others, "::1"]) expect(await accepts(address, port)).toBe(false);
  });

  it("stops on SIGTERM with exit code 0", async () => {
    const other = await httpServer(project.root, ["--token", "t2".repeat(16)]);
    other.child.kill("SIGTERM");
    expect(await other.exited).toBe(0);
  });
});

const FROM_ENV = "from-env-from-env-from-env-from-env";

describe("orchestrate mcp --http token", () => {
  it("takes the token from ORCHESTRATE_MCP_TOKEN, else generates one and prints it once to stderr", async () => {
    const project = exampleProject();
    const fromEnv = await httpServer(project.root, [], { ORCHESTRATE_MCP_TOKEN: FROM_ENV });
    const generated = await httpServer(project.root, [], { ORCHESTRATE_MCP_TOKEN: "" });
    try {
      expect((await post(fromEnv.url, { Authorization: `Bearer ${FROM_ENV}` })).status).toBe(200);
      expect(fromEnv.stderr()).toBe("");

      const token = /token.*: (\S+)\n/.exec(generated.stderr())?.[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect((await post(generated.url, { Authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await post(generated.url, { Authorization: `Bearer ${FROM_ENV}` })).status).toBe(401);
    } finally {
      for (const s of [fromEnv, generated]) s.child.kill("SIGTERM");
      await Promise.all([fromEnv.exited, generated.exited]);
      project.remove();
    }
  });
});
