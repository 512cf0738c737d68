import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { McpServerConfig } from "../agents/types.js";
import { ConfigError } from "../errors.js";
import { readCapped } from "../read-capped.js";

const MCP_JSON_MAX_BYTES = 1024 * 1024;

/** One server in Claude Code's `.mcp.json` form: stdio (`command`) or remote (`url`). */
export const mcpServerSchema = z.union([
  z.object({ type: z.literal("stdio").optional(), command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() }).strict(),
  z.object({ type: z.enum(["http", "sse"]), url: z.string().url(), headers: z.record(z.string(), z.string()).optional() }).strict(),
]);

export const mcpServersSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), mcpServerSchema);

/** The project's MCP servers: `.mcp.json` (Claude Code's format), then the config's `mcpServers` over it. */
export function projectMcpServers(root: string, fromConfig: Record<string, McpServerConfig> = {}): Record<string, McpServerConfig> {
  const file = join(root, ".mcp.json");
  if (!existsSync(file)) return { ...fromConfig };
  let data: unknown;
  try {
    // A few KB in practice; the cap keeps a device or a runaway file from filling memory.
    const read = readCapped(file, MCP_JSON_MAX_BYTES);
    if (!read) throw new Error(`larger than ${MCP_JSON_MAX_BYTES / 1024 / 1024} MB`);
    data = JSON.parse(read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text);
  } catch (error) {
    throw new ConfigError("CONFIG_INVALID", `Cannot parse .mcp.json: ${(error as Error).message}`, { file: ".mcp.json" });
  }
  const parsed = z.object({ mcpServers: mcpServersSchema.optional() }).passthrough().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError("CONFIG_INVALID", `\`${issue.path.join(".")}\`: ${issue.message}`, { file: ".mcp.json", key: issue.path.join(".") });
  }
  return { ...(parsed.data.mcpServers as Record<string, McpServerConfig> | undefined), ...fromConfig };
}

/** Extra servers a module's spec asks for in its front matter (`mcp_servers:`), validated. */
export function moduleMcpServers(frontMatter: Record<string, unknown>, specFile: string): Record<string, McpServerConfig> {
  const value = frontMatter.mcp_servers ?? frontMatter.mcpServers;
  if (value === undefined) return {};
  const parsed = mcpServersSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = ["mcp_servers", ...issue.path.map(String)].join(".");
    throw new ConfigError("CONFIG_INVALID", `Front matter \`${key}\`: ${issue.message}`, { file: specFile, key });
  }
  return parsed.data as Record<string, McpServerConfig>;
}
