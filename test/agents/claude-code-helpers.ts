import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { createClaudeCodeAgent, type ClaudeCodeOptions } from "../../src/agents/claude-code.js";
import type { McpServerConfig } from "../../src/agents/types.js";
import { claudeEnv, startClaudeFake, type ClaudeFake, type FakeRequest, type FakeScript } from "../helpers/claude-fake.js";
import { cleanup, tempDir } from "./helpers.js";

const MODEL = "claude-sonnet-4-5";
const fakes: ClaudeFake[] = [];

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  await cleanup();
});

/** A fake Messages API and a claude-code agent pointed at it, with its own HOME (`home`); closed after the test. */
export async function setup(script: FakeScript, options: ClaudeCodeOptions = {}) {
  const fake = await startClaudeFake(script);
  fakes.push(fake);
  const home = await tempDir();
  const agent = createClaudeCodeAgent({ model: MODEL, ...options, env: { ...claudeEnv(fake.url, home), ...options.env } });
  return { fake, agent, home, cwd: await tempDir() };
}

/** The tool_result blocks of the request's last message, as text. */
export function toolResults(req: FakeRequest): string[] {
  const last = req.body.messages.at(-1) as { content: unknown };
  if (!Array.isArray(last.content)) return [];
  return last.content.filter((b: { type: string }) => b.type === "tool_result").map((b: { content: unknown }) => JSON.stringify(b.content));
}

export const toolNames = (req: FakeRequest): string[] => (req.body.tools as Array<{ name: string }>).map((t) => t.name);

const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A real stdio MCP server with one tool, `remember`, that appends its fact to $MEMORY_FILE. */
const REMEMBER_SERVER = `
import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "mem", version: "1.0.0" });
server.registerTool("remember", { description: "Store a fact", inputSchema: { fact: z.string() } }, async ({ fact }) => {
  appendFileSync(process.env.MEMORY_FILE, fact + "\\n");
  return { content: [{ type: "text", text: "remembered: " + fact }] };
});
await server.connect(new StdioServerTransport());
`;

/** The server script in its own folder, which sees our node_modules through a link. */
export async function rememberServer(memoryFile: string): Promise<McpServerConfig> {
  const dir = await tempDir();
  await symlink(NODE_MODULES, join(dir, "node_modules"));
  const script = join(dir, "remember.mjs");
  await writeFile(script, REMEMBER_SERVER);
  return { command: process.execPath, args: [script], env: { MEMORY_FILE: memoryFile } };
}
