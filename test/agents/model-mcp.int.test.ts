import { existsSync, readFileSync } from "node:fs";
import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../src/agents/types.js";
import { cleanup, isGone, makeContext, makeTask, tempDir, waitForPids } from "./helpers.js";
import { agentFor, APIS, serve, toolNames, toolResults } from "./model-helpers.js";

afterEach(cleanup);

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
    expect(result.error).toMatch(/^anthropic: MCP server `mem` failed to connect: /);
    expect(result.error).toContain("boom: MEM_TOKEN is not set");
    expect(server.requests).toHaveLength(0);
  });

  it("names a server whose command does not exist", async () => {
    const server = await serve(() => ({ text: "never" }));
    const task = makeTask(await tempDir(), { mcpServers: { ghost: { command: "/nonexistent/mcp-server" } } });
    const result = await agentFor("openai", server.url).run(task, makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^openai: MCP server `ghost` failed to connect: .*ENOENT/) });
  });
});
