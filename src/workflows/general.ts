import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { orderLayers } from "../plan/layers.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";

export const GENERAL_MODULE = "general";

/**
 * One attempt with the system's context, not one per module: the plan becomes
 * a single step over the scope, against the system spec. `layers` is the project's
 * layers and modules, innermost first, for the prompt.
 */
export function general(layers: string | undefined): Workflow {
  const step = (): AttemptPlan => ({ kind: "general", template: "general", vars: { layers: layers ?? "(unknown)" } });
  return {
    shape: generalPlan,
    first: step,
    attempts: async () => step(),
    docs: { section: "Changed" },
  };
}

export function generalPlan(plan: Plan): Plan {
  const files = [...new Set(plan.modules.flatMap((m) => m.files))];
  return {
    ...plan,
    layers: [{ id: "system", modules: [GENERAL_MODULE] }],
    modules: [{ id: GENERAL_MODULE, layer: "system", spec: ".claude/system/SYSTEM_ORCHESTRATOR.md", files, dependsOn: [] }],
    waves: [[GENERAL_MODULE]],
    criticalPath: [GENERAL_MODULE],
    warnings: plan.warnings,
  };
}

/** The project's layer list for the general prompt: every layer of the tree in its order, with its modules. */
export function projectLayers(spec: SpecTree): string {
  return layerList(orderLayers(spec, []).map((id) => ({ id, modules: spec.modules.filter((m) => m.layer === id).map((m) => m.id) })));
}

/** "1. core: money, journal" per layer, for the general prompt. */
export function layerList(layers: { id: string; modules: string[] }[]): string {
  return layers.map((l, i) => `${i + 1}. ${l.id}: ${l.modules.join(", ")}`).join("\n");
}
