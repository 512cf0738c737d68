import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import type { Store } from "../store/types.js";
import type { LoadedConfig } from "../config/kept.js";
import type { Overrides } from "../run/project.js";

export interface PlannerChoice {
  /** `--planner` (true) or `--no-planner` (false); undefined: the config's `planner` decides. */
  planner?: boolean;
  overrides?: Overrides;
  /** `--type` was given: the planner does not change the type. */
  typeGiven?: boolean;
  /** The store submissions go through; opened (and closed) here when not given. */
  store?: Store;
  signal?: AbortSignal;
  /** The project's config as the caller loaded it; loaded here when not given. */
  config?: LoadedConfig;
}

/** `routed`, or the plan a planner model made of it when `--planner` or config `planner` asks for one. */
export async function withPlanner(spec: SpecTree, routed: Plan, choice: PlannerChoice = {}): Promise<Plan> {
  const { config, file } = choice.config ?? (await import("../config/load.js")).loadConfig(spec.root);
  if (choice.planner === false || (choice.planner === undefined && !config.planner)) return routed;
  // Loaded only for a planner: the agents, SQLite and the MCP SDK are most of a `plan`'s start-up.
  const [{ withDefaults }, { openStore }, { plannerAgent }, { planWithModel }] = await Promise.all([
    import("../config/options.js"),
    import("../store/open.js"),
    import("./agent.js"),
    import("./plan-with-model.js"),
  ]);
  const options = withDefaults(config, choice.overrides ?? {});
  const { agent, name, model } = plannerAgent(options, config, file, spec.root);
  const store = choice.store ?? openStore(spec.root);
  try {
    return await planWithModel(spec, routed, { store, agent, agentName: name, model, timeoutMs: options.timeoutMs, ...(choice.signal ? { signal: choice.signal } : {}) }, { typeGiven: choice.typeGiven === true });
  } finally {
    if (!choice.store) store.close();
  }
}

export { PLANNER_MODULE } from "../analyze/types.js";
export { CONFIDENT_AT } from "./apply.js";
