import { join } from "node:path";
import type { Plan } from "../plan/types.js";
import { UsageError } from "../errors.js";

/** What a tree without module specs lacks, and where it was looked for: `check`, `plan` and `run` say it alike. */
export function noModuleSpecs(root: string): string {
  return `the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}`;
}

/**
 * The error of a plan with no module (exit 2): `plan` and `run` refuse it alike, naming why: the
 * tree has no module specs, or the layer asked for has none. Undefined for a plan with modules.
 */
export function emptyPlan(verb: "run" | "plan", spec: { root: string; modules: readonly unknown[] }, plan: Plan): UsageError | undefined {
  if (plan.modules.length > 0) return undefined;
  const scope = plan.analysis.scope;
  const why = spec.modules.length === 0 ? noModuleSpecs(spec.root) : scope.kind === "layer" ? `layer \`${scope.id}\` has no module specs` : "its scope holds no module";
  return new UsageError(`Nothing to ${verb}: the plan has no modules (${why})`);
}
