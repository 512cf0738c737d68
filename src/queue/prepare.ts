import type { Agent } from "../agents/types.js";
import type { PlanModule } from "../plan/types.js";
import type { GateResult } from "../validate/types.js";
import { loadConfig } from "../config/load.js";
import { withDefaults } from "../config/options.js";
import { orderLayers } from "../plan/layers.js";
import { agentFor } from "../run/project.js";
import { reviewWith } from "../run/review.js";
import { gateHooks } from "../run/validation.js";
import { loadSpec } from "../spec/load.js";
import { planValidation } from "../validate/discover.js";
import { FRONT_MATTER_READERS } from "../validate/front-matter.js";

/** What a worker runs an attempt with: the agent, and the module gate when one applies. */
export interface Prepared {
  agent: Agent;
  validate?: (module: PlanModule, signal: AbortSignal) => Promise<GateResult | undefined>;
  /** Instruction files this agent reads itself, left out of its prompt (RunOptions.prompt.agentReads). */
  agentReads?: string[];
}

/** Builds a job's agent and gate; the CLI's is `prepareFromProject`, tests may script one. */
export type Prepare = (dir: string, agentName: string, timeoutMs: number) => Prepared;

/**
 * The agent and module gate from the project as the attempt's worktree holds it (its config and
 * specs, at the attempt's base), as the coordinator would build them: the same agents and gates
 * apply on every machine. The agent's keys come from this worker's environment.
 */
export function prepareFromProject(dir: string, agentName: string, timeoutMs: number): Prepared {
  const { config, file } = loadConfig(dir);
  // The attempt names its agent as it shows it: `command:claude` is the `command` agent with its preset, which the config holds.
  const options = withDefaults(config, { agent: agentName.replace(/:.*$/, ""), timeoutMs });
  const agent = agentFor(options, config, file, dir);
  const spec = loadSpec(dir);
  const validation = planValidation(dir, spec, config);
  const hooks = gateHooks(spec, { ...config, ...validation.config }, orderLayers(spec, []), options.timeoutMs, FRONT_MATTER_READERS, reviewWith(agent, dir, options.timeoutMs));
  const validateModule = hooks.validateModule;
  return { agent, ...(options.prompt?.agentReads ? { agentReads: options.prompt.agentReads } : {}), ...(validateModule ? { validate: (module, signal) => validateModule(module, signal, dir) } : {}) };
}
