import type { EvidenceSource, TaskAnalysis } from "../../analyze/types.js";
import type { Plan } from "../../plan/types.js";
import type { Warning } from "../../spec/types.js";
import type { Colors } from "../style.js";
import { plural } from "../style.js";
import { requestLine } from "./format.js";

/** Characters of a request a one-line message quotes. */
const REQUEST_SHOWN = 120;

/** Whether the request matched nothing, so the plan would be every module (warning `SCOPE_FALLBACK`). */
export function matchedNothing(plan: Plan): boolean {
  return plan.warnings.some((w) => w.code === "SCOPE_FALLBACK");
}

/**
 * A request that matched nothing, in one line with what to do: a plan of every module would
 * hide that the router found no module, and nobody asked for all of them. `--json` keeps the plan.
 */
export function renderNoMatch(plan: Plan, c: Colors): string {
  const nearest = plan.analysis.nearest ?? [];
  const near = nearest.length ? ` (nearest: ${nearest.join(", ")})` : "; no module's spec shares a word with it";
  const example = nearest[0] ? `--scope module/${nearest[0]}` : "--scope module/<id>";
  // The log handed over was read and decided nothing: say so, or it looks ignored.
  const log = plan.warnings.find((w) => w.code === "LOG_NAMES_NO_PROJECT_FILE");
  const read = log ? `; the log ${log.file} was read and names no project file (${/\(([^)]*)\)/.exec(log.message)?.[1] ?? "nothing the project owns"})` : "";
  // One line: a pasted log or a long request is cut, not echoed whole.
  return `${c.yellow("No module matches")} "${requestLine(plan.request, REQUEST_SHOWN)}"${near}${read}. Name a module or layer, or pass ${example} to pick one, or --scope system to plan all ${plan.modules.length} modules`;
}

/** The human form of a plan: layers, then waves with each module's dependencies, warnings last; one line when the request matched nothing. */
export function renderPlan(plan: Plan, c: Colors): string {
  if (matchedNothing(plan)) return renderNoMatch(plan, c);
  const { analysis } = plan;
  const scope = analysis.scope.kind === "system" ? "system" : analysis.scope.kind === "layer" ? `layer ${analysis.scope.id}` : `modules ${analysis.scope.ids.join(", ")}`;
  const lines: string[] = [];
  lines.push(`${c.bold("Plan")} ${c.cyan(analysis.type)} · ${scope}${analysis.because.length ? c.dim(`  (because: ${analysis.because.join(", ")})`) : ""}`);
  if (analysis.log) lines.push(`${c.dim("log:")} ${analysis.log}`);
  lines.push(...renderEvidence(analysis, c));
  lines.push(`${plural(plan.modules.length, "module")} in ${plural(plan.layers.length, "layer")}, ${plural(plan.waves.length, "wave")}` + (plan.criticalPath.length ? `; critical path: ${plan.criticalPath.join(" → ")}` : ""));

  lines.push("", c.bold("Layers"));
  plan.layers.forEach((layer, i) => {
    const orch = layer.orchestrator ? c.dim(` (${layer.orchestrator})`) : "";
    lines.push(`  ${i + 1}. ${c.bold(layer.id)}${orch}: ${layer.modules.join(", ")}`);
  });

  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  const width = Math.max(0, ...plan.modules.map((m) => m.id.length));
  const layerWidth = Math.max(0, ...plan.modules.map((m) => m.layer.length));
  lines.push("", c.bold("Waves"));
  plan.waves.forEach((wave, w) => {
    lines.push(`  ${c.yellow(`wave ${w + 1}`)}`);
    wave.forEach((id, i) => {
      const m = byId.get(id)!;
      const branch = i === wave.length - 1 ? "└─" : "├─";
      const deps = m.dependsOn.length ? `${c.dim("← ")}${m.dependsOn.join(", ")}` : "";
      lines.push(`    ${c.dim(branch)} ${id.padEnd(width)}  ${c.dim(m.layer.padEnd(layerWidth))}  ${deps}`.trimEnd());
    });
  });

  const tasks = renderPlanner(plan, c);
  if (tasks.length) lines.push("", ...tasks);
  if (plan.warnings.length) lines.push("", renderWarnings(plan.warnings, c));
  return lines.join("\n");
}

/** The planner model's part: who planned, why, and each module's own task and acceptance criteria (`run` prints it too). */
export function renderPlanner(plan: Plan, c: Colors): string[] {
  const planner = plan.analysis.planner;
  if (!planner) return [];
  const cost = planner.attempts.reduce((sum, a) => sum + a.usage.costUsd, 0);
  const lines = [`${c.bold("Planner")} ${planner.agent} (${planner.model}), ${plural(planner.attempts.length, "attempt")}, $${cost.toFixed(4)}${planner.decided === "scope" ? ": chose type and scope" : planner.decided === "tasks" ? ": wrote the tasks of the router's scope" : ": no valid plan"}`];
  if (planner.rationale) lines.push(`  ${c.dim("why:")} ${planner.rationale}`);
  for (const m of plan.modules) {
    if (!m.task) continue;
    lines.push(`  ${c.bold(m.id)}: ${m.task}`);
    for (const a of m.acceptance ?? []) lines.push(`    ${c.dim("✓")} ${a}`);
  }
  return lines;
}

const SOURCE: Record<EvidenceSource, string> = {
  scope: "--scope", explicit: "token", path: "path", name: "name", hint: "routing hint", system: "system words", spelling: "misspelled name", dependents: "uses it",
  id: "name", provides: "provides", title: "title", purpose: "purpose", files: "path", spec: "spec text",
};

/** Scope confidence and, per module or layer, which words matched it and where. */
export function renderEvidence(analysis: TaskAnalysis, c: Colors): string[] {
  if (analysis.confidence === undefined) return [];
  const lines = [`${c.dim("scope confidence:")} ${analysis.confidence.toFixed(2)}${analysis.nearest ? c.yellow("  (no module matched: whole system)") : ""}`];
  const byTarget = new Map<string, string[]>();
  for (const e of analysis.evidence ?? []) {
    const target = e.kind === "system" ? "system" : e.kind === "layer" ? `layer ${e.target}` : (e.target ?? "");
    byTarget.set(target, [...(byTarget.get(target) ?? []), `${SOURCE[e.source]}: ${e.words.join(", ")}`]);
  }
  const width = Math.max(0, ...[...byTarget.keys()].map((t) => t.length));
  for (const [target, parts] of byTarget) lines.push(`  ${target.padEnd(width)}  ${c.dim("←")} ${[...new Set(parts)].join(c.dim(" · "))}`);
  if (analysis.nearest?.length) lines.push(`  ${c.dim("nearest:")} ${analysis.nearest.join(", ")}`);
  return lines;
}

export function renderWarnings(warnings: Warning[], c: Colors): string {
  const lines = [c.bold(c.yellow(`Warnings (${warnings.length})`))];
  for (const w of warnings) {
    const where = w.file ? `${w.file}${w.line ? `:${w.line}` : ""}` : "";
    lines.push(`  ${c.yellow("!")} ${where ? `${where}  ` : ""}${c.dim(w.code)}  ${w.message}`);
  }
  return lines.join("\n");
}
