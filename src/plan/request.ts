import type { TaskType } from "../analyze/types.js";
import type { Plan } from "./types.js";
import type { SpecTree } from "../spec/types.js";
import { analyzeTask, scopeWarnings } from "../analyze/index.js";
import { buildPlan } from "./build.js";
import { scopeFromLog } from "../logs/scope.js";
import { readLog } from "../logs/read.js";
import { redact } from "../redact/index.js";

/** From a request to its plan: type and scope, the log's evidence for a debug request, the DAG. */
export function planRequest(spec: SpecTree, request: string, options: { type?: TaskType; log?: string; scope?: string } = {}): Plan {
  const { analysis, warnings } = scopeFromLog(analyzeTask(request, spec, options), spec, options.log);
  const plan = buildPlan(spec, analysis, request);
  warnings.push(...scopeWarnings(analysis));
  // The plan carries the log's excerpt, so a run (and its resume) never reads the log again;
  // redacted here, since `plan --json` prints it as well as the prompts quoting it.
  const log = analysis.log ? readLog(spec.root, analysis.log) : undefined;
  return { ...plan, ...(warnings.length ? { warnings: [...plan.warnings, ...warnings] } : {}), ...(log ? { log: { path: log.path, excerpt: redact(log.excerpt) } } : {}) };
}
