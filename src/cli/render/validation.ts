import type { Plan } from "../../plan/types.js";
import type { SpecTree } from "../../spec/types.js";
import type { ValidationPlan } from "../../validate/discover.js";
import { describeValidation } from "../../validate/discover.js";

/** The run's and `plan`'s first lines about validation: what gates there are, or that there are none; `modules` as `describeValidation` takes them. */
export function validationLines(v: ValidationPlan, modules?: ReadonlySet<string>): string[] {
  return describeValidation(v, modules).map((line) => `validation: ${line}`);
}

/** Where each edge of the plan came from: the spec file and line that declared it, and how it was found. */
export function planEdges(plan: Plan, spec: SpecTree): { from: string; to: string; via: string; file: string; line: number }[] {
  const inPlan = new Set(plan.modules.map((m) => m.id));
  const byId = new Map(spec.modules.map((m) => [m.id, m]));
  return plan.modules.flatMap((m) =>
    (byId.get(m.id)?.dependencies ?? []).filter((d) => inPlan.has(d.id) && m.dependsOn.includes(d.id)).map((d) => ({ from: m.id, to: d.id, via: d.via, file: d.file, line: d.line })),
  );
}
