import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { McpServerConfig } from "../agents/types.js";

/**
 * `.mcp.json`'s stdio servers with a relative command path (`./tools/docs-server`, `bin/srv`)
 * taken from the project's folder, as Claude Code takes them (it starts servers there). Agents
 * start their servers in the attempt's worktree, where `../bin/srv` is another path and an
 * untracked script is missing: the server failed only once a paid run had started.
 * A bare name (`npx`, `uvx`) is looked up on PATH, as before.
 */
export function rootedCommands(servers: Record<string, McpServerConfig>, root: string): { servers: Record<string, McpServerConfig> } | { missing: { name: string; command: string } } {
  const out: Record<string, McpServerConfig> = {};
  for (const [name, server] of Object.entries(servers)) {
    if (!("command" in server) || isAbsolute(server.command) || !/[\\/]/.test(server.command)) {
      out[name] = server;
      continue;
    }
    const command = resolve(root, server.command);
    if (!existsSync(command)) return { missing: { name, command: server.command } };
    out[name] = { ...server, command };
  }
  return { servers: out };
}
