import { existsSync, readFileSync } from "node:fs";
import { symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { connectMcpServers } from "../../src/agents/mcp-client.js";
import { withDefaults } from "../../src/config/options.js";
import { agentFor as projectAgent } from "../../src/run/project.js";
import type { McpServerConfig } from "../../src/agents/types.js";
import { cleanup, isGone, makeContext, makeTask, tempDir, waitForPids } from "./helpers.js";
import { agentFor, APIS, deferred, serve, toolNames, toolResults } from "./model-helpers.js";
import { notesMcpServer } from "./notes-mcp-http.js";

const httpServers: Server[] = [];

afterEach(async () => {
  await cleanup();
  for (const http of httpServers.splice(0)) {
    http.closeAllConnections();
    http.close();
  }
});

const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A real stdio MCP server with one tool, `remember`, that appends its fact to $MEMORY_FILE. */
const REMEMBER_SERVER = `
import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

appendFileSync(process.env.MEMORY_FILE + ".pid", process.pid + "\\n");
const server = new McpServer({ name: "mem", version: "1.0.0" });
server.registerTool(
  "remember",
  { description: "Store a fact in project memory", inputSchema: { fact: z.string() } },
  async ({ fact }) => {
    appendFileSync(process.env.MEMORY_FILE, fact + "\\n");
    return { content: [{ type: "text", text: "remembered: " + fact }] };
  },
);
await server.connect(new StdioServerTransport());
`;

/** The server script in its own folder, which sees our node_modules through a link. */
async function rememberServer(memoryFile: string): Promise<McpServerConfig> {
  const dir = await tempDir();
  await symlink(NODE_MODULES, join(dir, "node_modules"));
  const script = join(dir, "remember.mjs");
  await writeFile(script, REMEMBER_SERVER);
  return { command: process.execPath, args: [script], env: { MEMORY_FILE: memoryFile } };
}

describe.each(APIS)("%s agent with MCP servers", (api) => {
  it("calls a tool of a configured stdio server and sends its result back to the model", async () => {
    const cwd = await tempDir();
    const memory = join(await tempDir(), "memory.txt");
    const server = await serve((req) => {
      if (req.turn === 0) return { toolCalls: [{ id: "m1", name: "mcp__mem__remember", input: { fact: "orders are immutable" } }] };
      return { text: `stored (${toolResults(req)[0]?.content})` };
    });
    const task = makeTask(cwd, { mcpServers: { mem: await rememberServer(memory) } });
    const { ctx, events } = makeContext();
    const result = await agentFor(api, server.url).run(task, ctx);

    expect(result).toMatchObject({ ok: true, summary: "stored (remembered: orders are immutable)" });
    expect(readFileSync(memory, "utf8")).toBe("orders are immutable\n");
    expect(toolNames(server.requests[0]!)).toContain("mcp__mem__remember");
    const schema = JSON.stringify(server.requests[0]!.body.tools);
    expect(schema).toContain('"fact"'); // the server's input schema reached the model
    expect(toolResults(server.requests[1]!)).toEqual([{ id: "m1", content: "remembered: orders are immutable", isError: false }]);
    expect(events).toContainEqual({ type: "tool", name: "mcp__mem__remember", input: { fact: "orders are immutable" } });
    const [pid] = await waitForPids(`${memory}.pid`, 1);
    expect(isGone(pid!)).toBe(true); // closed with the attempt
  });

  it("reports a tool error of the server to the model", async () => {
    const memory = join(await tempDir(), "memory.txt");
    const server = await serve((req) =>
      req.turn === 0 ? { toolCalls: [{ id: "m1", name: "mcp__mem__remember", input: { fact: 42 } }] } : { text: "ok" },
    );
    const task = makeTask(await tempDir(), { mcpServers: { mem: await rememberServer(memory) } });
    const result = await agentFor(api, server.url).run(task, makeContext().ctx);

    expect(result.ok).toBe(true);
    expect(toolResults(server.requests[1]!)[0]).toMatchObject({ isError: true });
    expect(existsSync(memory)).toBe(false);
  });
});

describe("an MCP server that fails to connect", () => {
  it("fails the attempt naming the server, with its stderr, before any model request", async () => {
    const server = await serve(() => ({ text: "never" }));
    const crashing: McpServerConfig = { command: process.execPath, args: ["-e", "console.error('boom: MEM_TOKEN is not set'); process.exit(1)"] };
    const task = makeTask(await tempDir(), { mcpServers: { mem: crashing } });
    const result = await agentFor("anthropic", server.url).run(task, makeContext().ctx);

    expect(result.ok).toBe(false);
    // Its first line, all the live view and `status` show, says why: the server's last stderr line.
    expect(result.error!.split("\n")[0]).toMatch(/^anthropic: MCP server `mem` failed to connect: `\S+node -e .*` exited before it answered: boom: MEM_TOKEN is not set$/);
    expect(server.requests).toHaveLength(0);
  });

  it("names a server whose command does not exist", async () => {
    const server = await serve(() => ({ text: "never" }));
    const task = makeTask(await tempDir(), { mcpServers: { ghost: { command: "/nonexistent/mcp-server" } } });
    const result = await agentFor("openai", server.url).run(task, makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^openai: MCP server `ghost` failed to connect: .*ENOENT/) });
  });
});

describe("an MCP server that never answers", () => {
  it("says how long it waited, not only `Request timed out`, and stops the server at once", async () => {
    const dir = await tempDir();
    const pidFile = join(dir, "pid");
    // A server that ignores its stdin closing: the SDK's own SIGTERM would come 2 s after the failure, on timers that let a process exit first.
    const silent: McpServerConfig = { command: process.execPath, args: ["-e", "require('fs').appendFileSync(process.argv[1], process.pid + '\\n'); setInterval(() => {}, 1000)", pidFile] };
    // Long enough for the server's node to start and write its pid under load (300 ms was not, at a load of 8).
    const error = await connectMcpServers({ slow: silent }, { cwd: dir, signal: new AbortController().signal, connectTimeoutMs: 3000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );

    expect(error?.message).toMatch(/^MCP server `slow` failed to connect: no answer: timed out after 3 s \(mcpConnectTimeoutMs in orchestrate\.config\.yaml\)/);
    const [pid] = await waitForPids(pidFile, 1);
    const deadline = Date.now() + 1000;
    while (!isGone(pid!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isGone(pid!)).toBe(true);
  });

  it.each(APIS)("%s: waits as long as the config's mcpConnectTimeoutMs says, and the error names it", async (api) => {
    const server = await serve(() => ({ text: "never" }));
    const silent: McpServerConfig = { command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"] };
    const config = { agent: api, mcpConnectTimeoutMs: 400, [api]: { model: "m", apiKey: "test-key", maxRetries: 0, baseURL: api === "anthropic" ? server.url : `${server.url}/v1` } };
    const agent = projectAgent(withDefaults(config as never), config as never);
    const started = Date.now();
    const result = await agent.run(makeTask(await tempDir(), { mcpServers: { slow: silent } }), makeContext().ctx);

    expect(result.error).toBe(`${api}: MCP server \`slow\` failed to connect: no answer: timed out after 400 ms (mcpConnectTimeoutMs in orchestrate.config.yaml)`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(0);
  });
});

describe("an MCP server over HTTP that is down", () => {
  it("names the server, its URL and why the connection failed", async () => {
    const server = await serve(() => ({ text: "never" }));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/mcp`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const task = makeTask(await tempDir(), { mcpServers: { docs: { type: "http", url } } });
    const result = await agentFor("anthropic", server.url).run(task, makeContext().ctx);

    expect(result.error).toMatch(new RegExp(`^anthropic: MCP server \`docs\` failed to connect: .*ECONNREFUSED.*\\(${url.replace(/[.]/g, "\\.")}\\)$`));
    expect(server.requests).toHaveLength(0);
  });
});

describe("MCP servers over HTTP and on cancellation", () => {
  it("calls a tool of a Streamable HTTP server, sending the configured headers", async () => {
    const authorizations: string[] = [];
    const url = await notesMcpServer(httpServers, (req) => authorizations.push(String(req.headers.authorization)));
    const server = await serve((req) =>
      req.turn === 0 ? { toolCalls: [{ id: "n1", name: "mcp__notes__note", input: { text: "hello" } }] } : { text: toolResults(req)[0]!.content },
    );
    const task = makeTask(await tempDir(), { mcpServers: { notes: { type: "http", url, headers: { Authorization: "Bearer t0k" } } } });
    const result = await agentFor("openai", server.url).run(task, makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "noted: hello" });
    expect(authorizations.length).toBeGreaterThan(1);
    expect(new Set(authorizations)).toEqual(new Set(["Bearer t0k"]));
  });

  it("stops the stdio servers when the attempt is cancelled", async () => {
    const memory = join(await tempDir(), "memory.txt");
    const arrived = deferred();
    const server = await serve(() => {
      arrived.resolve();
      return { hang: true };
    });
    const controller = new AbortController();
    const task = makeTask(await tempDir(), { mcpServers: { mem: await rememberServer(memory) } });
    const running = agentFor("anthropic", server.url).run(task, makeContext(controller.signal).ctx);
    await arrived.promise;
    const [pid] = await waitForPids(`${memory}.pid`, 1);
    controller.abort();

    expect(await running).toMatchObject({ ok: false, cancelled: true });
    expect(isGone(pid!)).toBe(true);
  });
});
