import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lineOf } from "../config/line-of.js";
import { ConfigError } from "../errors.js";
import { loadAgent } from "./load.js";
import type { Agent } from "./types.js";

/** The options of the agent `options.agent` names: its own config section. */
export function agentSection(options: RunOptions, config: Config): object {
  // The MCP connect limit is one setting for every agent that starts MCP servers; an agent's own section may set its own, which wins.
  const mcp = config.mcpConnectTimeoutMs === undefined ? {} : { mcpConnectTimeoutMs: config.mcpConnectTimeoutMs };
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: commandSection(options.command ?? config.command, options),
    anthropic: { ...mcp, ...config.anthropic, sandbox: options.sandbox },
    openai: { ...mcp, ...config.openai, sandbox: options.sandbox },
    "claude-code": { ...mcp, ...config.claudeCode, sandbox: options.sandbox },
  };
  return sections[options.agent] ?? {};
}

/** `command.sandbox: true` opts the command agent into the run's sandbox settings. */
function commandSection(section: Config["command"], options: RunOptions): object | undefined {
  if (!section?.sandbox) return section;
  return { ...section, sandbox: options.sandbox };
}

/**
 * An agent's error about its options, naming the config file and the key's line there (read
 * from `root` when given): the agent names the key, the file is ours to name, and so is the
 * key's spelling there (`claude-code.x` is `claudeCode.x`).
 */
export function inConfigFile(error: unknown, file: string | undefined, root?: string): unknown {
  if (!(error instanceof ConfigError) || !file || error.place.file) return error;
  const key = error.place.key;
  const written = key?.startsWith("claude-code.") ? `claudeCode.${key.slice("claude-code.".length)}` : key;
  const message = written === key ? error.message : error.message.replaceAll(`\`${key}\``, `\`${written}\``);
  const line = written && root ? keyLine(join(root, file), written) : undefined;
  return new ConfigError(error.code, message, { ...error.place, file, ...(written ? { key: written } : {}), ...(line ? { line } : {}) }, { cause: error });
}

/** The line of a dotted key in the config file (of its nearest written parent when it is missing). */
function keyLine(path: string, key: string): number | undefined {
  try {
    return lineOf(readFileSync(path, "utf8"), key.split("."));
  } catch {
    return undefined;
  }
}

/** `agentFor` (run/project.ts) loading only the chosen agent's code. */
export async function loadAgentFor(options: RunOptions, config: Config, file?: string, root?: string): Promise<Agent> {
  try {
    return await loadAgent(options.agent, agentSection(options, config));
  } catch (error) {
    throw inConfigFile(error, file, root);
  }
}
