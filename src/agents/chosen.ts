import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { toolCaches } from "../sandbox/caches.js";
import { buildTools } from "../validate/build-tools.js";
import { lineOf } from "../config/line-of.js";
import { ConfigError } from "../errors.js";
import { loadAgent } from "./load.js";
import type { Agent } from "./types.js";

/** The options of the agent `options.agent` names: its own config section. `root`: the project's, where `workspace.share` is. */
export function agentSection(options: RunOptions, config: Config, root?: string): object {
  const sandbox = agentSandbox(options, config, root);
  // The MCP connect limit is one setting for every agent that starts MCP servers; an agent's own section may set its own, which wins.
  const mcp = config.mcpConnectTimeoutMs === undefined ? {} : { mcpConnectTimeoutMs: config.mcpConnectTimeoutMs };
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: commandSection(options.command ?? config.command, sandbox),
    anthropic: { ...mcp, ...config.anthropic, sandbox: offline(sandbox, root) },
    openai: { ...mcp, ...config.openai, sandbox: offline(sandbox, root) },
    "claude-code": { ...mcp, ...config.claudeCode, sandbox: offline(sandbox, root) },
  };
  return sections[options.agent] ?? {};
}

/**
 * The run's sandbox for an agent's commands, with what `workspace.share` links each worktree to
 * readable, as gates' command checks have it (run/confinement.ts): an isolated attempt's agent
 * runs its gate's `npm test` before it finishes, which finds `tsc` only through the linked
 * node_modules, hidden with the home folder or /tmp it is in. Found from the project, not
 * through a worktree's link an earlier attempt's agent could have replaced (a worker's are
 * absolute, pinned where they led once its setup ran: queue/prepare.ts).
 */
function agentSandbox(options: RunOptions, config: Config, root: string | undefined): RunOptions["sandbox"] {
  const share = root ? (config.workspace?.share ?? []) : [];
  if (!options.sandbox || share.length === 0) return options.sandbox;
  return { ...options.sandbox, readable: [...options.sandbox.readable, ...share.map((path) => resolve(root!, path))] };
}

/**
 * A sandbox with no network also reads the project's build tools' dependency caches, read-only,
 * and runs the tools offline, as gates' command checks do (run/confinement.ts): an agent runs
 * `cargo test` or `mvn test` before it finishes, which otherwise finds no crate or artifact it
 * could download. With the network nothing is added: a read-only cache would stop the tool
 * downloading what it lacks (a dependency the agent adds).
 */
function offline(sandbox: RunOptions["sandbox"], root: string | undefined): RunOptions["sandbox"] {
  if (!sandbox || !root || sandbox.network || sandbox.mode !== "bwrap") return sandbox;
  const caches = toolCaches(buildTools(root), process.env, process.env.HOME ?? homedir());
  if (caches.readable.length === 0 && Object.keys(caches.set).length === 0) return sandbox;
  return { ...sandbox, readable: [...sandbox.readable, ...caches.readable], set: { ...caches.set, ...sandbox.set } };
}

/** `command.sandbox: true` opts the command agent into the run's sandbox settings; its network is `command.network` (a CLI calls its model), not the run's; no caches. */
function commandSection(section: Config["command"], sandbox: RunOptions["sandbox"]): object | undefined {
  if (!section?.sandbox) return section;
  return { ...section, sandbox };
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
    return await loadAgent(options.agent, agentSection(options, config, root));
  } catch (error) {
    throw inConfigFile(error, file, root);
  }
}
