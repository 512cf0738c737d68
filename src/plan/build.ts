import type { Scope, TaskAnalysis } from "../analyze/types.js";
import type { ModuleSpec, SpecTree, Warning } from "../spec/types.js";
import type { Plan, PlanDependency, PlanModule } from "./types.js";
import { criticalPath, indexedGraph, topoOrder, waveNumbers, type IndexedGraph } from "./graph.js";
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

  const all = graphOf(sorted);
  let allOrder: number[];
  try {
    allOrder = topoOrder(all);
  } catch (error) {
    if (error instanceof CycleError) throw new CycleError(error.cycle, edgesOf(error.cycle, spec.modules));
    throw error;
  }

  const inScope = scopeFilter(analysis.scope);
  const scoped = sorted.filter(inScope);
  // The whole tree in scope (`implement system`): the graph and its order are the ones just made.
  const whole = scoped.length === sorted.length;
  const graph = whole ? all : graphOf(scoped);
  const order = whole ? allOrder : topoOrder(graph);
  const wave = waveNumbers(graph, order);

  const waves: string[][] = [];
  scoped.forEach((m, i) => (waves[wave[i]!] ??= []).push(m.id));
  const ids = new Set(graph.ids);
  const modules: PlanModule[] = scoped.map((m, i) => {
    const done = m.dependencies.map((d) => d.id).filter((id) => !ids.has(id));
    return { id: m.id, layer: m.layer, spec: m.specFile, files: m.files, dependsOn: graph.deps[i]!.map((d) => graph.ids[d]!), ...moduleFacts(m), ...(done.length ? { dependsOnDone: done } : {}) };
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

/** The graph of `modules`: their dependencies on one another, in written order. */
function graphOf(modules: ModuleSpec[]): IndexedGraph {
  return indexedGraph(
    modules.map((m) => m.id),
    modules.map((m) => m.dependencies.map((d) => d.id)),
  );
}

function scopeFilter(scope: Scope): (m: ModuleSpec) => boolean {
  if (scope.kind === "layer") return (m) => m.layer === scope.id;
  if (scope.kind === "modules") {
    const ids = new Set(scope.ids);
    return (m) => ids.has(m.id);
  }
  return () => true;
}
