import type { AgentName, AgentOptionsByName } from "./registry.js";
import { unknownAgent } from "./names.js";
import type { Agent } from "./types.js";

type Factory<K extends AgentName> = (options: AgentOptionsByName[K]) => Agent;

/** Each agent's module, loaded when that agent is chosen: a run needs one agent, not every agent's SDK and tools. */
const LOADERS: { [K in AgentName]: () => Promise<Factory<K>> } = {
  simulate: async () => (await import("./simulate.js")).createSimulateAgent,
  command: async () => (await import("./command.js")).createCommandAgent,
  anthropic: async () => (await import("./anthropic.js")).createAnthropicAgent,
  openai: async () => (await import("./openai.js")).createOpenAIAgent,
  "claude-code": async () => (await import("./claude-code.js")).createClaudeCodeAgent,
};

/**
 * `createAgent` (registry.ts) loading only the named agent's code: the same agent, and the
 * same errors, `AGENT_UNKNOWN` for other names and ConfigError for bad options.
 */
export async function loadAgent(name: string, options: object = {}): Promise<Agent> {
  if (!Object.hasOwn(LOADERS, name)) throw unknownAgent(name);
  const factory = (await LOADERS[name as AgentName]()) as (options: object) => Agent;
  return factory(options);
}
