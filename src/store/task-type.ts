import type { Plan } from "../plan/types.js";

/**
 * The task type a run's listing shows: the plan's `analysis.type`, for a plan of the Plan shape
 * (layers an array, as `planOf` reads it). Kept in a column of its own when the run is created,
 * so a listing never parses a plan (migration 11 filled it in for runs stored before).
 */
export function taskTypeOf(plan: Plan): string | undefined {
  const { layers, analysis } = plan as Partial<Plan>;
  return Array.isArray(layers) && typeof analysis?.type === "string" ? analysis.type : undefined;
}
