import type { Agent } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { createAgent } from "../agents/registry.js";
import { withDefaults } from "../config/options.js";
import { agentSection, inConfigFile } from "../agents/chosen.js";
import type { SpecTree } from "../spec/types.js";
import { loadConfig } from "../config/load.js";
import { projectMcpServers } from "../config/mcp.js";
import { validateFrontMatter } from "../validate/front-matter.js";

export type Overrides = Parameters<typeof withDefaults>[1];

/** The agent `options.agent` names, built from its own config section; an error in it names `file` (in `root`) and the line. */
export function agentFor(options: RunOptions, config: Config, file?: string, root?: string): Agent {
  try {
    return createAgent(options.agent, agentSection(options, config, root));
  } catch (error) {
    throw inConfigFile(error, file, root);
  }
}

export { openStore } from "../store/open.js";

/**
 * Everything a run rejects before it starts, checked without starting one (`orchestrate check`):
 * the config file, the configured agent's options, the modules' front matter and `.mcp.json`.
 */
export function validateProject(spec: SpecTree): void {
  const { config, file } = loadConfig(spec.root);
  agentFor(withDefaults(config), config, file, spec.root);
  validateFrontMatter(spec);
  projectMcpServers(spec.root);
}
