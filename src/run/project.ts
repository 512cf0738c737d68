import type { Agent } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import type { Store } from "../store/types.js";
import { createAgent } from "../agents/registry.js";
import { loadConfig } from "../config/load.js";
import { withDefaults } from "../config/options.js";
import { openStore } from "../store/open.js";
import { Orchestrator, type RunHooks } from "./orchestrator.js";
import { standardHooks } from "./hooks.js";
import { gateHooks } from "./validation.js";
import { reviewWith } from "./review.js";
import { layerList } from "./workflows.js";
import { loadSpec } from "../spec/load.js";
import { orderLayers } from "../plan/layers.js";
import type { SpecTree } from "../spec/types.js";
import type { McpServerConfig } from "../agents/types.js";
import type { PlanModule } from "../plan/types.js";
import { ConfigError } from "../errors.js";
import { moduleMcpServers, projectMcpServers } from "../config/mcp.js";
import { agentServerConfig } from "../agent-mcp/agent-server.js";

export type Overrides = Parameters<typeof withDefaults>[1];

/** The agent `options.agent` names, built from its own config section. */
export function agentFor(options: RunOptions, config: Config, file?: string): Agent {
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: options.command ?? config.command,
    anthropic: config.anthropic,
    openai: config.openai,
    "claude-code": config.claudeCode,
  };
  try {
    return createAgent(options.agent, sections[options.agent] ?? {});
  } catch (error) {
    // The agent names the key; the config file is ours to name.
    if (error instanceof ConfigError && file && !error.place.file) throw new ConfigError(error.code, error.message, { ...error.place, file });
    throw error;
  }
}

export { openStore } from "../store/open.js";

/**
 * An orchestrator for the project at `root`, its config and overrides applied,
 * with the standard hooks: gates from the config, memory, and the documentation update.
 */
export function createOrchestrator(root: string, overrides: Overrides = {}, opts: { spec?: SpecTree; hooks?: RunHooks } = {}): { orchestrator: Orchestrator; store: Store; options: RunOptions } {
  const { config, file } = loadConfig(root);
  const options = withDefaults(config, overrides);
  const agent = agentFor(options, config, file);
  const spec = opts.spec ?? loadSpec(root);
  const store = openStore(root);
  const servers = projectMcpServers(root, config.mcpServers as Record<string, McpServerConfig> | undefined);
  const moduleServers = new Map(spec.modules.map((m) => [m.id, moduleMcpServers(m.frontMatter, m.specFile)]));
  const hooks = opts.hooks ?? {
    ...standardHooks(root, store),
    ...gateHooks(spec, config, orderLayers(spec, []), options.timeoutMs, reviewWith(agent, root, options.timeoutMs)),
    mcpServersFor: (module: PlanModule, runId: string) => ({ ...servers, ...moduleServers.get(module.id), orchestrate: agentServerConfig(root, runId, module.id) }),
  };
  const layerOrder = orderLayers(spec, []);
  const layers = layerOrder.map((id) => ({ id, modules: spec.modules.filter((m) => m.layer === id).map((m) => m.id) }));
  const workflow = { layers: layerList(layers), ...(config.optimize ? { bench: config.optimize } : {}) };
  const orchestrator = new Orchestrator({ root, store, agent, options, hooks, workflow, ...(config.layerFixRounds !== undefined ? { layerFixRounds: config.layerFixRounds } : {}) });
  return { orchestrator, store, options };
}
