import { join } from "node:path";
import { z } from "zod";
import type { McpServerConfig } from "../agents/types.js";
import { ConfigError, showValue } from "../errors.js";
import { fsProblem, present, readCapped } from "../read-capped.js";
import { expandEnv } from "./env-expand.js";
import { oversized, oversizedMessage } from "../data-size.js";
import { lineOf, positionLine } from "./line-of.js";
import { describeServerProblem, serversProblem } from "./mcp-server.js";
import { rootedCommands } from "./mcp-commands.js";
import { nearestKey } from "./expected.js";

const MCP_JSON_MAX_BYTES = 1024 * 1024;

/**
 * Servers in Claude Code's `.mcp.json` form, for zod schemas (the config's `mcpServers`): the
 * checks of `serversProblem`, whose issue carries its own sentence (see config/load.ts).
 */
export const mcpServersSchema = z.custom<Record<string, McpServerConfig>>().superRefine((value, ctx) => {
  const problem = serversProblem(value);
  if (problem) ctx.addIssue({ code: "custom", path: problem.path, message: "invalid MCP server", params: { problem } });
});

/** The project's MCP servers: `.mcp.json` (Claude Code's format), then the config's `mcpServers` over it. */
export function projectMcpServers(root: string, fromConfig: Record<string, McpServerConfig> = {}, env: NodeJS.ProcessEnv = process.env): Record<string, McpServerConfig> {
  const file = join(root, ".mcp.json");
  if (!present(file)) return { ...fromConfig };
  let text = "";
  let data: unknown;
  let read: ReturnType<typeof readCapped>;
  try {
    // A few KB in practice; the cap keeps a device or a runaway file from filling memory.
    read = readCapped(file, MCP_JSON_MAX_BYTES, { fileOnly: true });
  } catch (error) {
    throw new ConfigError("CONFIG_INVALID", `Cannot read .mcp.json: ${fsProblem(error, file)}`, { file: ".mcp.json" });
  }
  try {
    if (!read) throw new Error(`larger than ${MCP_JSON_MAX_BYTES / 1024 / 1024} MB`);
    text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = positionLine(text, message);
    throw new ConfigError("CONFIG_INVALID", `Cannot parse .mcp.json: ${message}`, { file: ".mcp.json", ...(line ? { line } : {}) });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError("CONFIG_INVALID", `Expected .mcp.json to hold an object with \`mcpServers\`, got ${showValue(data)}`, { file: ".mcp.json", line: 1 });
  }
  const why = oversized(data);
  if (why) throw new ConfigError("CONFIG_INVALID", oversizedMessage(why, ".mcp.json", "").message, { file: ".mcp.json" });
  const servers = (data as Record<string, unknown>).mcpServers;
  if (servers === undefined) {
    // Claude Code reads only `mcpServers`: a misspelt one would be no server at all, without a word.
    const typo = Object.keys(data).find((k) => nearestKey(k, ["mcpServers"]) !== undefined);
    if (typo !== undefined) throw mcpJsonError(`Unknown key \`${typo}\`: did you mean \`mcpServers\`?`, typo, text);
    return { ...fromConfig };
  }
  // Expanded first, so that `${URL}` is checked as the URL it stands for.
  const expanded = expandEnv(servers, env);
  if ("unset" in expanded) {
    const key = ["mcpServers", ...expanded.unset.path].join(".");
    const name = expanded.unset.variable;
    throw mcpJsonError(`\`${key}\` refers to the environment variable \`${name}\`, which is not set (export it, or write \`\${${name}:-default}\`)`, key, text);
  }
  const problem = serversProblem(expanded.value);
  if (problem) {
    const { key, message } = describeServerProblem(problem, ["mcpServers"], expanded.value);
    const written = text.split(/\r?\n/)[(lineOf(text, key.split(".")) ?? 0) - 1] ?? "";
    throw mcpJsonError(problem.path.length > 1 && written.includes("${") ? `${message} (after expanding environment variables)` : message, key, text);
  }
  const rooted = rootedCommands(expanded.value as Record<string, McpServerConfig>, root);
  if ("missing" in rooted) {
    const { name, command } = rooted.missing;
    const key = `mcpServers.${name}.command`;
    throw mcpJsonError(`Expected \`${key}\` to be a command that exists, got \`${command}\`: a relative command is taken from the project's folder (as Claude Code does), and there is no such file`, key, text);
  }
  return { ...rooted.servers, ...fromConfig };
}

function mcpJsonError(message: string, key: string, text: string): ConfigError {
  const line = lineOf(text, key.split("."));
  return new ConfigError("CONFIG_INVALID", message, { file: ".mcp.json", key, ...(line ? { line } : {}) });
}

/** Extra servers a module's spec asks for in its front matter (`mcp_servers:`), validated. */
export function moduleMcpServers(frontMatter: Record<string, unknown>, specFile: string): Record<string, McpServerConfig> {
  const value = frontMatter.mcp_servers ?? frontMatter.mcpServers;
  if (value === undefined) return {};
  const problem = serversProblem(value);
  if (problem) {
    const { key, message } = describeServerProblem(problem, ["mcp_servers"], value);
    throw new ConfigError("CONFIG_INVALID", `Front matter: ${message}`, { file: specFile, key });
  }
  return value as Record<string, McpServerConfig>;
}
