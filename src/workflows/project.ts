import type { McpServerConfig } from "../agents/types.js";
import type { RunHooks } from "../run/context.js";
import type { SpecTree } from "../spec/types.js";
import { loadConfig } from "../config/load.js";
import { projectMcpServers } from "../config/mcp.js";
import { withDefaults } from "../config/options.js";
import { agentFor, type Overrides } from "../run/project.js";
import { loadSpec } from "../spec/load.js";
import { FRONT_MATTER_READERS, validateFrontMatter } from "../validate/front-matter.js";
import { assembleOrchestrator, type Assembled, type WorkspaceFlags } from "./assemble.js";

export type { WorkspaceFlags } from "./assemble.js";

/**
 * An orchestrator for the project at `root`, its config and overrides applied,
 * with the standard hooks (gates from the config, memory, the documentation step)
 * and the workflow of each task type. The CLI opens one with open.ts, which loads
 * only what the project uses.
 */
export function createOrchestrator(root: string, overrides: Overrides = {}, opts: { spec?: SpecTree; hooks?: RunHooks; workspace?: WorkspaceFlags } = {}): Assembled {
  const { config, file } = loadConfig(root);
  const options = withDefaults(config, overrides);
  const agent = agentFor(options, config, file, root);
  const spec = opts.spec ?? loadSpec(root);
  // Before the store opens: a bad `validation:`, `mcp_servers:` or .mcp.json must not leave a run half started.
  validateFrontMatter(spec);
  const servers = projectMcpServers(root, config.mcpServers as Record<string, McpServerConfig> | undefined);
  return assembleOrchestrator(root, { config, file, options, agent, spec, servers, frontMatter: FRONT_MATTER_READERS }, opts);
}
