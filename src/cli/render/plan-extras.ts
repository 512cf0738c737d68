import type { Plan } from "../../plan/types.js";
import type { SpecTree } from "../../spec/types.js";
import type { Colors } from "../style.js";
import { loadConfig } from "../../config/load.js";
import { planValidation } from "../../validate/discover.js";
import { unmeasuredNotice } from "../../workflows/optimize.js";
import { planEdges, validationLines } from "./validation.js";

export interface PlanExtras {
  /** Each dependency edge of the plan with where it came from (`via`, spec file and line). */
  edges: ReturnType<typeof planEdges>;
  /** What would validate a run of this plan: configured or discovered gates, or none. */
  validation: { none: boolean; lines: string[]; discovered: { level: string; target: string; run?: string; kind: string; from: string }[] };
  /** optimize: modules with no benchmark, which would run unmeasured unless the agent writes one. */
  benchmark?: { unmeasured: string[]; message: string };
}

/** What `plan` adds to the DESIGN plan JSON (added keys only; the plan's own keys are unchanged). */
export function planExtras(plan: Plan, spec: SpecTree): PlanExtras {
  const { config } = loadConfig(spec.root);
  const v = planValidation(spec.root, spec, config);
  const notice = plan.analysis.type === "optimize" ? unmeasuredNotice(plan, config.optimize) : undefined;
  return {
    edges: planEdges(plan, spec),
    validation: { none: v.none, lines: validationLines(v).map((l) => l.replace(/^validation: /, "")), discovered: v.discovered.map((d) => ({ level: d.level, target: d.target, kind: d.check.kind, ...(d.check.run ? { run: d.check.run } : {}), from: d.from })) },
    ...(notice ? { benchmark: notice } : {}),
  };
}

export function renderPlanExtras(extras: PlanExtras, c: Colors): string {
  const lines = ["", c.bold("Validation"), ...extras.validation.lines.map((l) => `  ${extras.validation.none ? c.yellow(l) : l}`)];
  if (extras.benchmark) lines.push("", c.bold("Benchmark"), `  ${c.yellow(extras.benchmark.message)}`);
  return `${lines.join("\n")}\n`;
}
