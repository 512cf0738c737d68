import { z } from "zod";
import type { SpecTree } from "../spec/types.js";
import { TASK_TYPES, type TaskType } from "../analyze/types.js";

/**
 * `submit_plan`'s input. The type is any string here, not the six: a wrong one is the
 * engine's to send back with the tree's own vocabulary (see `checkSubmission`).
 */
export const submissionShape = {
  type: z.string().min(1).describe(`the task type: one of ${TASK_TYPES.join(", ")}`),
  modules: z
    .array(
      z.object({
        id: z.string().min(1).describe("a module id from the list you were given"),
        task: z.string().min(1).describe("what this module must do, in one or two sentences"),
        acceptance: z.array(z.string().min(1)).describe("checkable criteria: when this module's task is done"),
      }),
    )
    .min(1)
    .describe("the modules in scope, each with its own task; dependencies you do not name stay untouched"),
  rationale: z.string().describe("why this type and these modules, in a sentence or two"),
};

export const submissionSchema = z.object(submissionShape);
export type Submission = z.infer<typeof submissionSchema>;

export interface CheckedPlan {
  type: TaskType;
  modules: Array<{ id: string; task: string; acceptance: string[] }>;
  rationale: string;
}

/** The submission checked against the tree: the plan, or every problem in one message for the planner's second try. */
export function checkSubmission(data: unknown, spec: SpecTree): { plan: CheckedPlan } | { error: string } {
  const parsed = submissionSchema.safeParse(data);
  if (!parsed.success) return { error: `submit_plan's input is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}` };
  const { type, modules, rationale } = parsed.data;
  const problems: string[] = [];
  if (!(TASK_TYPES as readonly string[]).includes(type)) problems.push(`type \`${type}\` is not one of ${TASK_TYPES.join(", ")}`);
  const known = new Set(spec.modules.map((m) => m.id));
  const unknown = modules.map((m) => m.id).filter((id) => !known.has(id));
  if (unknown.length) problems.push(`no module ${unknown.map((id) => `\`${id}\``).join(", ")} in this project; the modules are ${[...known].join(", ")}`);
  const ids = modules.map((m) => m.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) problems.push(`module ${[...new Set(twice)].map((id) => `\`${id}\``).join(", ")} named more than once; give each module one task`);
  if (problems.length) return { error: problems.join("; ") };
  return { plan: { type: type as TaskType, modules: modules.map((m) => ({ id: m.id, task: m.task.trim(), acceptance: m.acceptance.map((a) => a.trim()) })), rationale: rationale.trim() } };
}
