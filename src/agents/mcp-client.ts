import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { isSecretName } from "../sandbox/env.js";
import { DEFAULT_MCP_CONNECT_TIMEOUT_MS, MCP_CONNECT_TIMEOUT_SETTING, timedOutAfter } from "../timer.js";
import { causesOf } from "./error-causes.js";
import { tailLines } from "./result.js";
import type { ToolDefinition, ToolOutcome, ToolSet } from "./tools.js";
import type { McpServerConfig } from "./types.js";

/** An MCP server that could not be started, connected or listed; the attempt fails with it. */
export class McpServerError extends Error {
  override name = "McpServerError" as const;
  readonly code = "MCP_CONNECT";
  constructor(
    readonly server: string,
    message: string,
  ) {
    super(`MCP server \`${server}\` failed to connect: ${message}`);
  }
}

export interface McpTools extends ToolSet {
  /** Closes every connection (stdio servers are stopped); safe to call twice. */
  close(): Promise<void>;
}

export interface McpConnectOptions {
  /** Working folder of stdio servers (the project root). */
  cwd: string;
  signal: AbortSignal;
  /** Limit for connecting and listing, per server (config `mcpConnectTimeoutMs`). @default 30000 */
  connectTimeoutMs?: number;
  /** Limit for one tool call. @default 300000 */
  callTimeoutMs?: number;
}

interface Connected {
  server: string;
  client: Client;
  stderr: () => string;
}

const STDERR_KEEP = 8192;

/** `mcp__<server>__<tool>`, squeezed into the `[a-zA-Z0-9_-]{1,64}` both APIs accept. */
export function mcpToolName(server: string, tool: string): string {
  const clean = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, "_");
  return `mcp__${clean(server)}__${clean(tool)}`.slice(0, 64);
}

/** The name under which orchestrate hands every agent its own server (agent-mcp), run by this Node. */
const OWN_SERVER = "orchestrate";

/**
 * A stdio server's environment: ours, as in Claude Code, but without the variables named like
 * secrets (`*_KEY`, `*_TOKEN`, ...): a server gets a key only when its `env` names it
 * (`"env": { "BRAVE_API_KEY": "\${BRAVE_API_KEY}" }`). Orchestrate's own server keeps them,
 * since it redacts what agents store by their values.
 */
function stdioServerEnv(server: string, config: { command: string; env?: Record<string, string> }, from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const own = server === OWN_SERVER && config.command === process.execPath;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(from)) if (value !== undefined && (own || !isSecretName(name))) env[name] = value;
  return { ...env, ...config.env };
}

// The SDK is imported on first use: it costs ~200 ms, and most runs configure no MCP server.
async function transportFor(server: string, config: McpServerConfig, cwd: string): Promise<{ transport: Transport; stderr: () => string }> {
  if ("url" in config) {
    const init = { requestInit: { headers: config.headers ?? {} } };
    const url = new URL(config.url);
    const transport =
      config.type === "http"
        ? new (await import("@modelcontextprotocol/sdk/client/streamableHttp.js")).StreamableHTTPClientTransport(url, init)
        : new (await import("@modelcontextprotocol/sdk/client/sse.js")).SSEClientTransport(url, init);
    return { transport, stderr: () => "" };
  }
  const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
  const env = stdioServerEnv(server, config);
  const transport = new StdioClientTransport({ command: config.command, args: config.args ?? [], env, cwd, stderr: "pipe" });
  let tail = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-STDERR_KEEP);
  });
  return { transport, stderr: () => tail };
}

async function connectOne(server: string, config: McpServerConfig, options: McpConnectOptions): Promise<Connected> {
  let stderr = () => "";
  let client: Client | undefined;
  let started: { pid?: number | null } | undefined;
  const timeout = options.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS;
  try {
    const made = await transportFor(server, config, options.cwd);
    stderr = made.stderr;
    const { Client: McpClient } = await import("@modelcontextprotocol/sdk/client/index.js");
    client = new McpClient({ name: "orchestrate", version: "0.1.0" });
    const start = made.transport.start.bind(made.transport);
    made.transport.start = async () => {
      await start();
      started = { pid: (made.transport as { pid?: number | null }).pid };
    };
    await client.connect(made.transport, { signal: options.signal, timeout });
    return { server, client, stderr };
  } catch (error) {
    await client?.close().catch(() => {});
    // The SDK's close of a failed connection ends the server's stdin and sends SIGTERM only 2 s
    // later, on timers that do not keep a process alive: one that ignores stdin outlived us.
    if (started?.pid) killQuietly(started.pid);
    const detail = tailLines(stderr(), 20);
    const where = "url" in config ? ` (${config.url})` : "";
    // -32000 "Connection closed" from a stdio server: it stopped. Its last stderr line usually says why; the first line is what a user sees.
    const closed = (error as { code?: unknown }).code === -32000 && "command" in config;
    const last = detail.split("\n").filter((l) => l.trim()).at(-1)?.trim();
    const why = isTimeout(error) ? slow(timeout)
      : closed ? `\`${shorten([config.command, ...(config.args ?? [])].join(" "))}\` exited before it answered${last ? `: ${last}` : " (it printed nothing on stderr)"}`
      : causesOf(error);
    const rest = closed && detail.includes("\n") ? detail : closed ? "" : detail;
    throw new McpServerError(server, `${why}${where}${rest ? `\n${rest}` : ""}`);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // Gone already.
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The SDK's request timeout (-32001), which says neither how long it waited nor where to change that. */
function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown }).code === -32001;
}

function slow(timeout: number): string {
  return `no answer: ${timedOutAfter(timeout, MCP_CONNECT_TIMEOUT_SETTING)}`;
}

function outcomeOf(result: Record<string, unknown>): ToolOutcome {
  const content = Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [];
  const parts = content.map((part) => {
    if (part.type === "text") return String(part.text);
    if (part.type === "resource") return JSON.stringify(part.resource);
    if (part.type === "resource_link") return `[resource ${String(part.uri)}]`;
    return `[${String(part.type)} content, ${String(part.mimeType ?? "unknown type")}]`;
  });
  if (parts.length === 0 && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent));
  if (parts.length === 0 && "toolResult" in result) parts.push(JSON.stringify(result.toolResult));
  return { content: parts.join("\n"), isError: result.isError === true };
}

/**
 * Connects to every configured MCP server at once and lists their tools, exposed as
 * `mcp__<server>__<tool>`. One server that fails makes the whole call fail with
 * `McpServerError` naming it (after closing the others): a module whose spec relies on a
 * tool should not run silently without it.
 */
export async function connectMcpServers(servers: Record<string, McpServerConfig>, options: McpConnectOptions): Promise<McpTools> {
  const settled = await Promise.allSettled(Object.entries(servers).map(([name, config]) => connectOne(name, config, options)));
  const connected = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.allSettled(connected.map((c) => c.client.close())).then(() => {}));
  const routes = new Map<string, { conn: Connected; tool: string }>();
  const definitions: ToolDefinition[] = [];
  try {
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    for (const conn of connected) {
      const timeout = options.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS;
      let cursor: string | undefined;
      do {
        const page = await conn.client.listTools(cursor ? { cursor } : {}, { signal: options.signal, timeout }).catch((error: unknown) => {
          throw new McpServerError(conn.server, `listing its tools failed: ${isTimeout(error) ? slow(timeout) : (error as Error).message}`);
        });
        for (const tool of page.tools) {
          const name = mcpToolName(conn.server, tool.name);
          routes.set(name, { conn, tool: tool.name });
          const description = tool.description ?? `${tool.name} (MCP server ${conn.server})`;
          definitions.push({ name, description, inputSchema: tool.inputSchema as Record<string, unknown> });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    definitions,
    has: (name) => routes.has(name),
    close,
    async call(name, input, signal) {
      const route = routes.get(name);
      if (!route) return { content: `Tool \`${name}\` does not exist`, isError: true };
      if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input))) {
        return { content: `Invalid input for ${name}: expected an object`, isError: true };
      }
      try {
        const args = (input ?? {}) as Record<string, unknown>;
        const timeout = options.callTimeoutMs ?? 300_000;
        const result = await route.conn.client.callTool({ name: route.tool, arguments: args }, undefined, { signal, timeout });
        return outcomeOf(result);
      } catch (error) {
        const stderr = tailLines(route.conn.stderr(), 20);
        return { content: `${name} failed: ${(error as Error).message}${stderr ? `\n${stderr}` : ""}`, isError: true };
      }
    },
  };
}
