import type { Scope, TaskAnalysis } from "../analyze/types.js";
import type { ModuleSpec, SpecTree, Warning } from "../spec/types.js";
import type { Plan, PlanDependency, PlanModule } from "./types.js";
import type { Graph } from "./graph.js";
import { criticalPath, topoOrder, waveNumbers } from "./graph.js";
import { orderLayers } from "./layers.js";
import { CycleError, type CycleEdge } from "../errors.js";
import { moduleFacts } from "./facts.js";
import { providesSection } from "../spec/provides-section.js";

/**
 * The plan for `analysis` over `spec`: modules in scope, layered and ordered,
 * waves and the critical path. Dependencies outside the scope count as done.
 * Throws `CycleError` when the module graph (all of it, not just the scope) has a cycle.
 */
export function buildPlan(spec: SpecTree, analysis: TaskAnalysis, request = ""): Plan {
  const warnings: Warning[] = [...spec.warnings];
  const layerOrder = orderLayers(spec, warnings);
  const layerRank = new Map(layerOrder.map((id, i) => [id, i]));
  const sorted = spec.modules
    .map((m, i) => ({ m, i }))
    .sort((a, b) => layerRank.get(a.m.layer)! - layerRank.get(b.m.layer)! || a.i - b.i)
    .map(({ m }) => m);

  try {
    topoOrder(graphOf(sorted, () => true));
  } catch (error) {
    if (error instanceof CycleError) throw new CycleError(error.cycle, edgesOf(error.cycle, spec.modules));
    throw error;
  }

  const inScope = scopeFilter(analysis.scope);
  const scoped = sorted.filter(inScope);
  const ids = new Set(scoped.map((m) => m.id));
  const graph = graphOf(scoped, (id) => ids.has(id));
  const order = topoOrder(graph);
  const wave = waveNumbers(graph, order);

  const waves: string[][] = [];
  for (const m of scoped) (waves[wave.get(m.id)!] ??= []).push(m.id);
  const modules: PlanModule[] = scoped.map((m) => {
    const done = m.dependencies.map((d) => d.id).filter((id) => !ids.has(id));
    return { id: m.id, layer: m.layer, spec: m.specFile, files: m.files, dependsOn: graph.get(m.id)!, ...moduleFacts(m), ...(done.length ? { dependsOnDone: done } : {}) };
  });
  const external = externalDependencies(spec.modules, modules);
  const layers = layerOrder
    .map((id) => spec.layers.find((l) => l.id === id)!)
    .map((l) => ({ id: l.id, modules: scoped.filter((m) => m.layer === l.id).map((m) => m.id), ...(l.orchestrator ? { orchestrator: l.orchestrator } : {}) }))
    .filter((l) => l.modules.length > 0);

  return { request, analysis, layers, modules, waves, criticalPath: criticalPath(graph, order), warnings, ...(external.length ? { external } : {}) };
}

/** The modules outside the scope that scoped modules depend on, each once, with what their prompts show. */
function externalDependencies(all: ModuleSpec[], modules: PlanModule[]): PlanDependency[] {
  const wanted = new Set(modules.flatMap((m) => m.dependsOnDone ?? []));
  return all
    .filter((m) => wanted.has(m.id))
    .map((m) => {
      const provides = providesSection(m.body);
      const { purpose } = moduleFacts(m);
      return { id: m.id, layer: m.layer, spec: m.specFile, files: m.files, ...(provides ? { provides } : {}), ...(purpose ? { purpose } : {}) };
    });
}

/** Where each dependency of `cycle` is written: member i depends on member i + 1. */
function edgesOf(cycle: string[], modules: ModuleSpec[]): CycleEdge[] {
  return cycle.flatMap((from, i) => {
    const to = cycle[(i + 1) % cycle.length]!;
    const dependency = modules.find((m) => m.id === from)?.dependencies.find((d) => d.id === to);
    return dependency ? [{ from, to, file: dependency.file, ...(dependency.line ? { line: dependency.line } : {}) }] : [];
  });
}

function graphOf(modules: ModuleSpec[], keep: (id: string) => boolean): Graph {
  return new Map(modules.map((m) => [m.id, m.dependencies.map((d) => d.id).filter(keep)]));
}

function scopeFilter(scope: Scope): (m: ModuleSpec) => boolean {
  if (scope.kind === "layer") return (m) => m.layer === scope.id;
  if (scope.kind === "modules") {
    const ids = new Set(scope.ids);
    return (m) => ids.has(m.id);
  }
  return () => true;
}
