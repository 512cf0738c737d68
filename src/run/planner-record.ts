import type { Plan } from "../plan/types.js";
import type { Store } from "../store/types.js";
import { PLANNER_MODULE } from "../analyze/types.js";

/** The planner's attempts as the run's own, under the pseudo-module `@planner`: its usage counts in the totals and the budget. */
export function recordPlanner(store: Store, runId: string, plan: Plan): void {
  const planner = plan.analysis.planner;
  for (const a of planner?.attempts ?? []) {
    store.recordAttempt({
      runId, moduleId: PLANNER_MODULE, n: a.n, kind: "plan", agent: planner!.agent, state: a.ok ? "done" : "failed", promptPath: a.promptPath,
      summary: a.summary, ...(a.error ? { error: a.error } : {}), filesChanged: [], usage: a.usage, startedAt: a.startedAt, endedAt: a.endedAt,
    });
  }
}
