import { deserialize, serialize } from "node:v8";
import type { TaskType } from "../analyze/types.js";
import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { planCodeStamp } from "./plan-memo.js";

/** What a run's plan is made of besides the tree: the request and the options that route it (a log is never kept: see `keptPlanOf`). */
export interface RunPlanRequest {
  request: string;
  type?: TaskType;
  scope?: string;
}

/**
 * The name a run's plan (before any planner model) is kept under for a tree (spec/load.ts
 * `keepDerived`): the request and the code that routes and plans it. `plan` keeps it for the
 * run that follows, and a run keeps the plan it made for the next: a run of an unchanged tree
 * then neither analyses the request nor plans it (at 10,000 modules 0.1-0.4 s, and the code
 * that does it, a sixth of what a run loads).
 */
export function runPlanName(r: RunPlanRequest): string {
  return JSON.stringify(["run-plan", planCodeStamp(), r.request, r.type ?? null, r.scope ?? null]);
}

/**
 * The plan as kept: v8-serialised bytes (a value of the tree's `derived.v8`, which a `plan`
 * reads whole: as bytes it is copied there, not rebuilt), with each module's spec text left
 * empty: it is its module's body in the tree the run loads with it, 20 MB at 10,000 modules.
 * Undefined for a plan that read a log, which depends on more than the tree and the request.
 */
export function keptPlanOf(plan: Plan): Uint8Array | undefined {
  if (plan.log) return undefined;
  const modules = plan.modules.map((m) => (m.specText === undefined ? m : { ...m, specText: "" }));
  return serialize({ ...plan, modules });
}

/**
 * The plan kept as `kept` (`keptPlanOf`) for `spec`, the tree it was made from (the caller
 * found it under that tree's key), with its modules' spec texts taken from the tree again.
 * Undefined when `kept` is no such plan.
 */
export function planFromKept(kept: unknown, spec: SpecTree): Plan | undefined {
  if (!(kept instanceof Uint8Array)) return undefined;
  let plan: Plan;
  try {
    plan = deserialize(kept) as Plan;
  } catch {
    return undefined;
  }
  if (typeof plan !== "object" || plan === null || typeof plan.request !== "string" || !Array.isArray(plan.modules) || !Array.isArray(plan.layers) || typeof plan.analysis !== "object") return undefined;
  const bodies = new Map(spec.modules.map((m) => [m.id, m.body]));
  for (const m of plan.modules) {
    if (m.specText === undefined) continue;
    const body = bodies.get(m.id);
    if (body === undefined) return undefined;
    m.specText = body;
  }
  return plan;
}
