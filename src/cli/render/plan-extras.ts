import type { Plan, PlanModule } from "../../plan/types.js";
import type { TaskType } from "../../analyze/types.js";
import type { SpecTree } from "../../spec/types.js";
import type { Colors } from "../style.js";
import type { DiscoverySpec } from "../../validate/discover.js";
import type { Config } from "../../config/schema.js";
import { discoverySpec, validationOf } from "../../validate/discover.js";
import { planEdges, validationLines } from "./validation.js";

export interface PlanExtras extends ValidationExtras {
  /** Each dependency edge of the plan with where it came from (`via`, spec file and line). */
  edges: ReturnType<typeof planEdges>;
}

/** What `plan` prints below the plan: what would validate a run of it, and for optimize the modules with no benchmark. */
export interface ValidationExtras {
  /** What would validate a run of this plan: configured or discovered gates, or none. */
  validation: { none: boolean; lines: string[]; discovered: { level: string; target: string; run?: string; kind: string; from: string }[] };
  /** optimize: modules with no benchmark, which would run unmeasured unless the agent writes one. */
  benchmark?: { unmeasured: string[]; message: string };
}

/** What `plan` adds to the DESIGN plan JSON (added keys only; the plan's own keys are unchanged). */
export async function planExtras(plan: Plan, spec: SpecTree, config: Config): Promise<PlanExtras> {
  return { edges: planEdges(plan, spec), ...(await validationExtras(plan, spec.root, discoverySpec(spec), config)) };
}

/** What of a plan its extras read: the type, its modules (whose discovered gates are named), and for optimize each module's benchmark. */
export interface PlanForExtras {
  analysis: { type: TaskType };
  modules: Pick<PlanModule, "id" | "benchmark">[];
  /** The plan covers every module of the tree: `modules` may then be left empty (a kept plan keeps none). */
  everyModule?: boolean;
}

/** The extras the plan's text shows; `spec` as discovery reads it, from a loaded tree or kept with the plan. */
export async function validationExtras(plan: PlanForExtras, root: string, spec: DiscoverySpec, config: Config): Promise<ValidationExtras> {
  const v = validationOf(root, spec, config);
  // A run of the plan validates its own modules: another module's discovered gate is not part of it.
  const covered = plan.everyModule ? undefined : new Set(plan.modules.map((m) => m.id));
  const discovered = covered ? v.discovered.filter((d) => d.level !== "module" || covered.has(d.target)) : v.discovered;
  // Loaded for optimize alone: the workflow brings the run's attempt machinery with it.
  const notice = plan.analysis.type === "optimize" ? (await import("../../workflows/optimize.js")).unmeasuredNotice(plan, config.optimize) : undefined;
  return {
    validation: { none: v.none, lines: validationLines(v, covered).map((l) => l.replace(/^validation: /, "")), discovered: discovered.map((d) => ({ level: d.level, target: d.target, kind: d.check.kind, ...(d.check.run ? { run: d.check.run } : {}), from: d.from })) },
    ...(notice ? { benchmark: notice } : {}),
  };
}

export function renderPlanExtras(extras: ValidationExtras, c: Colors): string {
  const lines = ["", c.bold("Validation"), ...extras.validation.lines.map((l) => `  ${extras.validation.none ? c.yellow(l) : l}`)];
  if (extras.benchmark) lines.push("", c.bold("Benchmark"), `  ${c.yellow(extras.benchmark.message)}`);
  return `${lines.join("\n")}\n`;
}
