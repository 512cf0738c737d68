import type { TaskType } from "../analyze/types.js";
import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { analyzeTask, scopeWarnings } from "../analyze/index.js";
import { buildPlan } from "../plan/build.js";
import { scopeFromLog } from "../logs/scope.js";

/** From a request to its plan: type and scope, the log's evidence for a debug request, the DAG. */
export function planRequest(spec: SpecTree, request: string, options: { type?: TaskType; log?: string; scope?: string } = {}): Plan {
  const { analysis, warnings } = scopeFromLog(analyzeTask(request, spec, options), spec, options.log);
  const plan = buildPlan(spec, analysis, request);
  warnings.push(...scopeWarnings(analysis));
  return warnings.length ? { ...plan, warnings: [...plan.warnings, ...warnings] } : plan;
}
