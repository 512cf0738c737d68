import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../plan/types.js";
import { UsageError } from "../errors.js";

/**
 * What a tree without module specs lacks, where it was looked for and how to make one: `check`,
 * `plan` and `run` say it alike. A project of Claude Code's own subagents (`.claude/agents/*.md`)
 * is told that those are not module specs.
 */
export function noModuleSpecs(root: string): string {
  const subagents = markdownIn(join(root, ".claude", "agents"));
  const agents = subagents > 0 ? `; .claude/agents/ holds ${subagents === 1 ? "a Claude Code subagent" : `${subagents} Claude Code subagents`}, not module specs` : "";
  return `the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}${agents}; \`orchestrate init --from-code\` derives a tree from the project's code`;
}

/** Markdown files directly in `dir`; none when it cannot be read. */
function markdownIn(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".md")).length;
  } catch {
    return 0;
  }
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
