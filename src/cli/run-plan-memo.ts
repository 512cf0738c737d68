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
 * Trees of up to this many modules have their run plan kept. A larger one is planned again by
 * each run, as before: at 10,000 modules the kept plan saved 0.1-0.3 s of a run's 8 s of CPU
 * but grew its peak RSS by 4-8 MB (244-246 -> 249-256 MB, load 10-14), past the 250 MB the
 * issue allows; the RSS of a run this size has no such limit to meet.
 */
export const KEPT_UP_TO_MODULES = 2000;

/** Whether a run plan is kept (and looked for) for `spec`: see KEPT_UP_TO_MODULES. */
export function keepsRunPlan(spec: Pick<SpecTree, "modules">): boolean {
  return spec.modules.length <= KEPT_UP_TO_MODULES;
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
 * reads whole: as bytes it is copied there, not rebuilt), with what each module has of the
 * tree left empty: its layer, spec file, files and spec text (its body, 20 MB at 10,000
 * modules) are the tree's module's, which the run loads with it.
 * Undefined for a plan that read a log, which depends on more than the tree and the request,
 * and for one of more than KEPT_UP_TO_MODULES modules.
 */
export function keptPlanOf(plan: Plan): Uint8Array | undefined {
  if (plan.log || plan.modules.length > KEPT_UP_TO_MODULES) return undefined;
  // Left empty in place, so the plan made again from them has its keys in the same order (and the same JSON).
  const modules = plan.modules.map((m) => ({ ...m, layer: "", spec: "", files: [], ...(m.specText === undefined ? {} : { specText: "" }) }));
  return serialize({ ...plan, modules });
}

/**
 * The plan kept as `kept` (`keptPlanOf`) for `spec`, the tree it was made from (the caller
 * found it under that tree's key), with its modules' spec texts taken from the tree again.
 * Undefined when `kept` is no such plan, or names a module the tree does not have.
 */
export function planFromKept(kept: unknown, spec: SpecTree): Plan | undefined {
  if (!(kept instanceof Uint8Array)) return undefined;
  let plan: Plan;
  try {
    plan = deserialize(kept) as Plan;
  } catch {
    return undefined;
  }
  if (typeof plan !== "object" || plan === null || typeof plan.request !== "string" || !Array.isArray(plan.modules) || !Array.isArray(plan.layers) || !Array.isArray(plan.waves) || !Array.isArray(plan.criticalPath) || typeof plan.analysis !== "object") return undefined;
  const byId = new Map(spec.modules.map((m) => [m.id, m]));
  for (const m of plan.modules) {
    const t = byId.get(m.id);
    if (!t || !Array.isArray(m.dependsOn)) return undefined;
    // Shared with the tree, as in a plan made now: not held twice (10,000 modules' paths and file lists).
    m.id = t.id;
    m.layer = t.layer;
    m.spec = t.specFile;
    m.files = t.files;
    if (m.specText !== undefined) m.specText = t.body;
    m.dependsOn = m.dependsOn.map(own);
  }
  plan.waves = plan.waves.map((wave) => wave.map(own));
  plan.criticalPath = plan.criticalPath.map(own);
  return plan;

  /** The tree's string for a module id: one copy of each id, as in a plan made now. */
  function own(id: string): string {
    return byId.get(id)?.id ?? id;
  }
}

