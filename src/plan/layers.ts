import type { SpecTree, Warning } from "../spec/types.js";

/**
 * Layers ordered by the cross-layer module edges (a layer comes after every
 * layer it depends on), with SYSTEM_ORCHESTRATOR.md's order breaking ties.
 * Where the written order contradicts an edge, the edge wins and a
 * `LAYER_ORDER_CONFLICT` warning says which dependency disagrees.
 */
export function orderLayers(spec: SpecTree, warnings: Warning[]): string[] {
  const written = new Map(spec.system.layerOrder.map((id, i) => [id, i]));
  const rank = (id: string) => written.get(id) ?? Number.MAX_SAFE_INTEGER;
  const layerOf = new Map(spec.modules.map((m) => [m.id, m.layer]));
  const needs = new Map<string, Map<string, { module: string; dep: string }>>(spec.layers.map((l) => [l.id, new Map()]));
  for (const m of spec.modules) {
    for (const d of m.dependencies) {
      const depLayer = layerOf.get(d.id);
      if (depLayer && depLayer !== m.layer && !needs.get(m.layer)!.has(depLayer)) needs.get(m.layer)!.set(depLayer, { module: m.id, dep: d.id });
    }
  }

  // Kahn's algorithm, picking the ready layer the system spec lists first (then by name).
  const byPreference = spec.layers.map((l) => l.id).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < byPreference.length) {
    let next = byPreference.find((id) => !placed.has(id) && [...needs.get(id)!.keys()].every((dep) => placed.has(dep)));
    if (next === undefined) {
      // Layers depend on each other both ways: no edge order exists, so the written order decides.
      next = byPreference.find((id) => !placed.has(id))!;
      const other = [...needs.get(next)!.entries()].find(([dep]) => !placed.has(dep));
      if (other) warnings.push(conflict(spec, `Layers \`${next}\` and \`${other[0]}\` depend on each other (${other[1].module} -> ${other[1].dep} among others); using the written order`));
    }
    order.push(next);
    placed.add(next);
  }

  for (const [layer, deps] of needs) {
    for (const [depLayer, edge] of deps) {
      if (written.has(layer) && written.has(depLayer) && rank(layer) < rank(depLayer) && order.indexOf(layer) > order.indexOf(depLayer)) {
        warnings.push(conflict(spec, `SYSTEM_ORCHESTRATOR.md lists layer \`${layer}\` before \`${depLayer}\`, but ${edge.module} (${layer}) depends on ${edge.dep} (${depLayer}); planning \`${depLayer}\` first`));
      }
    }
  }
  const drawn = drawnConflict(spec, order);
  if (drawn) warnings.push(drawn);
  return order;
}

/**
 * A Mermaid graph between layers is no import rule: the order above is the one the layers are planned and
 * their imports checked in. Where the graph draws two layers the other way round, `LAYER_DIAGRAM_CONFLICT` at its arrow.
 */
function drawnConflict(spec: SpecTree, order: string[]): Warning | undefined {
  const drawn = spec.system.drawnLayers;
  if (!drawn) return undefined;
  const at = (id: string) => order.indexOf(id);
  const layers = drawn.order.filter((id) => at(id) >= 0);
  for (let i = 0; i < layers.length; i++) {
    const a = layers[i]!;
    const later = layers.slice(i + 1).find((b) => at(b) < at(a));
    if (later === undefined) continue;
    return {
      code: "LAYER_DIAGRAM_CONFLICT",
      message: `The Mermaid graph of layers puts \`${a}\` before \`${later}\` (\`A --> B\` read as layer A builds on layer B), but layers are planned and their imports checked in the order ${order.join(", ")}: the graph is no import rule; reverse its arrows, or the stated layer order, so they agree`,
      file: drawn.file,
      line: drawn.line,
    };
  }
  return undefined;
}

function conflict(spec: SpecTree, message: string): Warning {
  return { code: "LAYER_ORDER_CONFLICT", message, ...(spec.system.specFile ? { file: spec.system.specFile } : {}) };
}
