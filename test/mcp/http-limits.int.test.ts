import { connect } from "node:net";
import { MAX_CONNECTIONS } from "../../src/loopback/limits.js";
import { closedUnanswered, heldConnections } from "../helpers/connections.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterEach, describe, expect, it } from "vitest";
import { serveHttp, type HttpServeOptions, type HttpServing } from "../../src/mcp/http.js";
import { UsageError } from "../../src/errors.js";
import { runCli } from "../helpers/cli.js";
import { clientOn } from "./helpers.js";
import { exampleProject } from "./process.js";

const TOKEN = "0123456789abcdef0123456789abcdef";
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "0" } } };
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

function tinyServer(): McpServer {
  const server = new McpServer({ name: "tiny", version: "0.0.0" });
  server.registerTool("ping", { description: "answers pong" }, () => ({ content: [{ type: "text", text: "pong" }] }));
  return server;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const open: HttpServing[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(options: Partial<HttpServeOptions> = {}): Promise<HttpServing> {
  const serving = await serveHttp(tinyServer, { token: TOKEN, ...options });
  open.push(serving);
  return serving;
}

const initialize = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { ...HEADERS, ...AUTH, ...headers }, body: JSON.stringify(INIT) });

/** A raw HTTP request with a Host header of our choosing (fetch will not forge one); the status code. */
function withHost(url: string, host: string, auth = true): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(INIT);
    const socket = connect({ host: "127.0.0.1", port: Number(port) }, () => {
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: ${host}\r\n${auth ? `Authorization: Bearer ${TOKEN}\r\n` : ""}Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const status = /^HTTP\/1\.1 (\d+)/.exec(text)?.[1];
      // The status line is all we need; an event stream may stay open.
      if (status) {
        socket.destroy();
        resolve(Number(status));
      }
    });
    socket.on("end", () => reject(new Error(`no status line: ${text}`)));
    socket.on("error", reject);
  });
}

describe("MCP over HTTP: sessions expire and are capped", () => {
  it("a session left without a DELETE is closed once idle; its id then answers 404", async () => {
    const closed = deferred<{ id: string; reason: string }>();
    // Long enough that the client's own requests never find their session gone on a busy machine.
    const serving = await serve({ sessionIdleMs: 1500, onSessionClosed: (id, reason) => closed.resolve({ id, reason }) });
    const transport = new StreamableHTTPClientTransport(new URL(serving.url), { requestInit: { headers: AUTH } });
    const client = await clientOn(transport);
    expect((await client.callTool({ name: "ping", arguments: {} })).content).toEqual([{ type: "text", text: "pong" }]);
    const id = transport.sessionId!;
    expect(serving.sessions()).toBe(1);
    // The client goes away without ending its session, as a crashed or careless one does.
    await client.close();
    expect(await closed.promise).toEqual({ id, reason: "idle" });
    expect(serving.sessions()).toBe(0);
    const stale = await fetch(serving.url, { method: "POST", headers: { ...HEADERS, ...AUTH, "mcp-session-id": id }, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) });
    expect(stale.status).toBe(404);
  });

  it("past the cap a new session is answered 503; closing one makes room", async () => {
    const serving = await serve({ maxSessions: 2 });
    const first = await initialize(serving.url);
    const second = await initialize(serving.url);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await initialize(serving.url);
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBeTruthy();
    expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/Too many sessions \(2\)/);
    const id = first.headers.get("mcp-session-id")!;
    const closed = await fetch(serving.url, { method: "DELETE", headers: { ...AUTH, "mcp-session-id": id } });
    expect(closed.status).toBe(200);
    expect(serving.sessions()).toBe(1);
    expect((await initialize(serving.url)).status).toBe(200);
  });

  it("the official client works under the cap, and its DELETE frees the slot", async () => {
    const serving = await serve({ maxSessions: 1 });
    const transport = new StreamableHTTPClientTransport(new URL(serving.url), { requestInit: { headers: AUTH } });
    const client = await clientOn(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["ping"]);
    expect((await initialize(serving.url)).status).toBe(503);
    await transport.terminateSession();
    await client.close();
    expect((await initialize(serving.url)).status).toBe(200);
  });
});

describe("MCP over HTTP: browsers and DNS rebinding", () => {
  it("refuses a browser Origin that is not this machine with 403, before the token", async () => {
    const serving = await serve();
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null", "http://192.168.1.10:8080"]) {
      const res = await initialize(serving.url, { origin });
      expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
    }
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080"]) {
      const res = await initialize(serving.url, { origin });
      expect({ origin, status: res.status }).toEqual({ origin, status: 200 });
    }
    expect((await initialize(serving.url)).status).toBe(200); // no Origin: not a browser
  });

  it("accepts only 127.0.0.1 or localhost with its own port as Host, checked first", async () => {
    const serving = await serve();
    const { port } = new URL(serving.url);
    expect(await withHost(serving.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await withHost(serving.url, `localhost:${port}`)).toBe(200);
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1:${Number(port) + 1}`, "127.0.0.1", `attacker.localhost:${port}`]) {
      expect({ host, status: await withHost(serving.url, host) }).toEqual({ host, status: 403 });
    }
    // Without the token too: a rebinding page learns nothing, not even that a token is wanted.
    expect(await withHost(serving.url, `evil.example:${port}`, false)).toBe(403);
  });
});

describe("MCP over HTTP: the token", () => {
  it("serveHttp refuses a token under 32 characters", async () => {
    await expect(serveHttp(tinyServer, { token: "x".repeat(31) })).rejects.toThrow(UsageError);
    await expect(serveHttp(tinyServer, { token: "x".repeat(31) })).rejects.toThrow(/at least 32 characters, got 31/);
  });

  it("`mcp --http` refuses a short --token or ORCHESTRATE_MCP_TOKEN at start-up: one line, exit 2", () => {
    const project = exampleProject();
    try {
      const flag = runCli(["mcp", "--http", "--project", project.root, "--token", "secret"]);
      expect(flag.code).toBe(2);
      expect(flag.stdout).toBe("");
      expect(flag.stderr).toMatch(/^orchestrate: Expected `--token` to be at least 32 characters, got 6; [^\n]+\n$/);
      const env = runCli(["mcp", "--http", "--project", project.root], { env: { ORCHESTRATE_MCP_TOKEN: "short" } });
      expect(env.code).toBe(2);
      expect(env.stderr).toMatch(/^orchestrate: Expected `ORCHESTRATE_MCP_TOKEN` to be at least 32 characters, got 5; [^\n]+\n$/);
      const idle = runCli(["mcp", "--http", "--project", project.root, "--session-idle", String(2 ** 31)]);
      expect(idle.code).toBe(2);
      expect(idle.stderr).toMatch(/^orchestrate: Expected `--session-idle` to be an integer from 1 to 2147483647/);
    } finally {
      project.remove();
    }
  });
});

describe("MCP over HTTP: what clients can hold", () => {
  it(`keeps at most ${MAX_CONNECTIONS} connections open at once, closing one more at once, and serves again when they go`, async () => {
    const serving = await serve();
    const port = Number(new URL(serving.url).port);
    const held = await heldConnections(port, MAX_CONNECTIONS);
    try {
      // One more: closed by the server without a byte, where Node's default keeps taking them.
      expect(await closedUnanswered(port)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
    }
    await expect.poll(async () => (await initialize(serving.url)).status, { timeout: 10_000 }).toBe(200);
  });
});
