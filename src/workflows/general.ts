import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { orderLayers } from "../plan/layers.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";

export const GENERAL_MODULE = "general";

/** The system spec the general step's prompt shows: the tree's own, wherever it is (`.claude/SYSTEM_ORCHESTRATOR.md`, a CLAUDE.md). */
export interface SystemSpecText {
  file: string;
  text: string;
}

/**
 * One attempt with the system's context, not one per module: the plan becomes
 * a single step over the scope, against the system spec. `layers` is the project's
 * layers and modules, innermost first, for the prompt.
 */
export function general(layers: string | undefined, system?: SystemSpecText): Workflow {
  const step = (): AttemptPlan => ({ kind: "general", template: "general", vars: { layers: layers ?? "(unknown)" } });
  return {
    shape: (plan) => generalPlan(plan, system),
    first: step,
    attempts: async () => step(),
    docs: { section: "Changed" },
  };
}

/** Where a tree keeps its system spec when nothing says otherwise: what the prompt names for a tree without one. */
const SYSTEM_SPEC_FILE = ".claude/system/SYSTEM_ORCHESTRATOR.md";

export function generalPlan(plan: Plan, system?: SystemSpecText): Plan {
  const files = [...new Set(plan.modules.flatMap((m) => m.files))];
  // The tree's spec goes with the plan, as a module's does (the fixed path read at the attempt said
  // "could not be read" in a tree keeping it elsewhere); without one given, that path is read then.
  const spec = system ? { spec: system.file, specText: system.text } : { spec: SYSTEM_SPEC_FILE };
  return {
    ...plan,
    layers: [{ id: "system", modules: [GENERAL_MODULE] }],
    modules: [{ id: GENERAL_MODULE, layer: "system", ...spec, files, dependsOn: [] }],
    waves: [[GENERAL_MODULE]],
    criticalPath: [GENERAL_MODULE],
    warnings: plan.warnings,
  };
}

/** The tree's system spec for the general prompt, or a line saying it has none. */
export function systemSpecText(spec: SpecTree): SystemSpecText {
  return spec.system.specFile ? { file: spec.system.specFile, text: spec.system.body } : { file: SYSTEM_SPEC_FILE, text: "(this project has no system spec: its layers and modules are listed above)" };
}

/** The project's layer list for the general prompt: every layer of the tree in its order, with its modules. */
export function projectLayers(spec: SpecTree): string {
  return layerList(orderLayers(spec, []).map((id) => ({ id, modules: spec.modules.filter((m) => m.layer === id).map((m) => m.id) })));
}

/** "1. core: money, journal" per layer, for the general prompt. */
export function layerList(layers: { id: string; modules: string[] }[]): string {
  return layers.map((l, i) => `${i + 1}. ${l.id}: ${l.modules.join(", ")}`).join("\n");
}
