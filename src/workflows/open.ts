import { present } from "../read-capped.js";
import { join } from "node:path";
import type { McpServerConfig } from "../agents/types.js";
import type { RunHooks } from "../run/context.js";
import type { Overrides } from "../run/project.js";
import type { SpecTree } from "../spec/types.js";
import { loadAgentFor } from "../agents/chosen.js";
import { loadKeptConfig } from "../config/kept.js";
import { withDefaults, type RunOptions } from "../config/options.js";
import { loadSpec } from "../spec/load.js";
import { checkFrontMatter } from "../validate/front-matter-readers.js";
import { assembleOrchestrator, checkQueued, type Assembled, type WorkspaceFlags } from "./assemble.js";

/**
 * `createOrchestrator` (project.ts) as the CLI's `run` and `resume` open one: the same steps,
 * checks and errors, loading only the code the project uses. The config is the one kept for
 * its text (config/kept.ts), the agent's code is the chosen agent's alone, and the validators
 * of front matter and .mcp.json (zod) load only when a module or the project has them.
 */
export async function openOrchestrator(root: string, overrides: Overrides = {}, opts: { spec?: SpecTree; hooks?: RunHooks; workspace?: WorkspaceFlags; preflight?: (options: RunOptions) => Promise<void> } = {}): Promise<Assembled> {
  const { config, file } = await loadKeptConfig(root);
  const options = withDefaults(config, overrides);
  const agent = await loadAgentFor(options, config, file, root);
  const spec = opts.spec ?? loadSpec(root);
  // Before the store opens: a bad `validation:`, `mcp_servers:` or .mcp.json must not leave a run half started.
  const frontMatter = await checkFrontMatter(spec);
  const servers = await projectServers(root, config.mcpServers as Record<string, McpServerConfig> | undefined);
  // What the caller asks of the options (a queued run's Redis answering) is asked before the store is made too.
  if (options.queue) checkQueued(options.queue, options, file);
  await opts.preflight?.(options);
  return assembleOrchestrator(root, { config, file, options, agent, spec, servers, frontMatter }, opts);
}

/** `projectMcpServers` (config/mcp.ts), whose validator loads only when there is a .mcp.json to validate. */
async function projectServers(root: string, fromConfig: Record<string, McpServerConfig> = {}): Promise<Record<string, McpServerConfig>> {
  if (!present(join(root, ".mcp.json"))) return { ...fromConfig };
  return (await import("../config/mcp.js")).projectMcpServers(root, fromConfig);
}
