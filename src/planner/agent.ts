import type { Agent } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { UsageError } from "../errors.js";
import { agentFor } from "../run/project.js";

const SECTIONS = { "claude-code": "claudeCode", anthropic: "anthropic", openai: "openai" } as const;
type PlannerAgentName = keyof typeof SECTIONS;

/**
 * The planner's agent: config `planner: { agent, model }`, else the run's own agent when it
 * is model-backed. Built from that agent's config section with the planner's model over it.
 * @throws UsageError when neither names a model-backed agent.
 */
export function plannerAgent(options: RunOptions, config: Config, file?: string, root?: string): { agent: Agent; name: string; model: string } {
  const chosen = config.planner ?? (Object.hasOwn(SECTIONS, options.agent) ? { agent: options.agent as PlannerAgentName } : undefined);
  if (!chosen) {
    throw new UsageError(`Expected \`planner: { agent, model }\` in orchestrate.config.yaml or a model-backed \`agent\` (claude-code, anthropic, openai) for the planner, got agent \`${options.agent}\` and no \`planner\``);
  }
  const key = SECTIONS[chosen.agent];
  const section = { ...(config[key] ?? {}), ...(chosen.model ? { model: chosen.model } : {}) };
  const agent = agentFor({ ...options, agent: chosen.agent }, { ...config, [key]: section }, file, root);
  const model = typeof section.model === "string" ? section.model : "default";
  return { agent, name: chosen.agent, model };
}
