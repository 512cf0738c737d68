import { unknownAgent } from "./names.js";
import { createAnthropicAgent } from "./anthropic.js";
import { createClaudeCodeAgent, type ClaudeCodeOptions } from "./claude-code.js";
import { createCommandAgent, type CommandOptions } from "./command.js";
import type { ModelAgentOptions } from "./model-options.js";
import { createOpenAIAgent } from "./openai.js";
import { createSimulateAgent, type SimulateOptions } from "./simulate.js";
import type { Agent } from "./types.js";

/** Options of each agent, by name. */
export interface AgentOptionsByName {
  simulate: SimulateOptions;
  command: CommandOptions;
  anthropic: ModelAgentOptions;
  openai: ModelAgentOptions;
  "claude-code": ClaudeCodeOptions;
}

export type AgentName = keyof AgentOptionsByName;

const FACTORIES: { [K in AgentName]: (options: AgentOptionsByName[K]) => Agent } = {
  simulate: (options) => createSimulateAgent(options),
  command: (options) => createCommandAgent(options),
  anthropic: (options) => createAnthropicAgent(options),
  openai: (options) => createOpenAIAgent(options),
  "claude-code": (options) => createClaudeCodeAgent(options),
};

export const AGENT_NAMES = Object.keys(FACTORIES) as AgentName[];

export function isAgentName(name: string): name is AgentName {
  return Object.hasOwn(FACTORIES, name);
}

/**
 * Builds the agent called `name` from its options (the agent's own config section).
 * Throws OrchestrateError `AGENT_UNKNOWN` for other names, ConfigError for bad options.
 */
export function createAgent<K extends AgentName>(name: K, options?: AgentOptionsByName[K]): Agent;
export function createAgent(name: string, options?: object): Agent;
export function createAgent(name: string, options: object = {}): Agent {
  if (!isAgentName(name)) throw unknownAgent(name);
  const factory = FACTORIES[name] as (options: object) => Agent;
  return factory(options);
}
