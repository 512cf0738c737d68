import type { PlannerAnalysis, TaskAnalysis } from "../analyze/types.js";
import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { buildPlan } from "../plan/build.js";
import type { CheckedPlan } from "./submission.js";

/** Below this scope confidence (or on a SCOPE_FALLBACK) the planner decides type and scope; at or above, it writes tasks only. */
export const CONFIDENT_AT = 0.6;

export function routerConfident(plan: Plan): boolean {
  return plan.analysis.nearest === undefined && (plan.analysis.confidence ?? 1) >= CONFIDENT_AT;
}

/**
 * The routed plan with the planner's answer applied. A confident router keeps its type
 * and scope, and its modules the planner named get their tasks; otherwise the planner's
 * type (unless `--type` gave one) and modules are the plan, rebuilt over the tree, so a
 * chosen module's dependencies stay context (done) unless it named them too.
 */
export function applyPlan(spec: SpecTree, routed: Plan, checked: CheckedPlan, info: Omit<PlannerAnalysis, "rationale" | "decided">, opts: { typeGiven?: boolean } = {}): Plan {
  const tasks = new Map(checked.modules.map((m) => [m.id, m]));
  const withTasks = (plan: Plan): Plan["modules"] =>
    plan.modules.map((m) => {
      const t = tasks.get(m.id);
      return t ? { ...m, task: t.task, ...(t.acceptance.length ? { acceptance: t.acceptance } : {}) } : m;
    });
  if (routerConfident(routed)) {
    return { ...routed, modules: withTasks(routed), analysis: { ...routed.analysis, planner: { ...info, rationale: checked.rationale, decided: "tasks" } } };
  }
  const { nearest: _nearest, ...rest } = routed.analysis;
  const ids = spec.modules.filter((m) => tasks.has(m.id)).map((m) => m.id);
  const analysis: TaskAnalysis = {
    ...rest,
    type: opts.typeGiven ? routed.analysis.type : checked.type,
    scope: { kind: "modules", ids },
    because: [...routed.analysis.because, `planner (${info.agent}): ${checked.rationale || "no rationale given"}`],
    planner: { ...info, rationale: checked.rationale, decided: "scope" },
  };
  const rebuilt = buildPlan(spec, analysis, routed.request);
  return {
    ...rebuilt,
    modules: withTasks(rebuilt),
    warnings: routed.warnings.filter((w) => w.code !== "SCOPE_FALLBACK"),
    ...(routed.log ? { log: routed.log } : {}),
  };
}
