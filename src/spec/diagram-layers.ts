import type { Diagram, DiagramNode } from "./mermaid.js";
import type { ModuleSpec } from "./types.js";

/** The layers a Mermaid graph's arrows join, in the order the arrows give them, and how the arrows were read. */
export interface DrawnLayerOrder {
  /** Dependencies first: `interface --> core` puts core before interface. */
  order: string[];
  /** The arrows run against the modules' cross-layer dependencies (drawn as data flows, `core --> api`), so were read the other way. */
  reversed: boolean;
}

/**
 * The layer order drawn by the arrows between layers (`graph TD; interface --> service --> core`):
 * `A --> B` reads as "layer A builds on layer B", as an arrow between modules reads, unless the
 * modules' own dependencies across those layers mostly run the other way. Undefined when no arrow
 * joins two layers. A node is a layer when its id or its label is the layer's name (`Core`,
 * `I[Interface layer]` is not).
 */
export function drawnLayerOrder(diagrams: Diagram[], modules: ModuleSpec[], layerIds: Set<string>): DrawnLayerOrder | undefined {
  const layerOf = (node: DiagramNode) => layerNamed(node, layerIds);
  const arrows: [string, string][] = [];
  for (const e of diagrams.flatMap((d) => d.edges)) {
    const [from, to] = [layerOf(e.from), layerOf(e.to)];
    if (from !== undefined && to !== undefined && from !== to) arrows.push([from, to]);
  }
  if (arrows.length === 0) return undefined;
  const moduleLayer = new Map(modules.map((m) => [m.id, m.layer]));
  const builtOn = new Set(modules.flatMap((m) => m.dependencies.map((d) => `${m.layer}>${moduleLayer.get(d.id) ?? ""}`)));
  const along = arrows.filter(([a, b]) => builtOn.has(`${a}>${b}`)).length;
  const against = arrows.filter(([a, b]) => builtOn.has(`${b}>${a}`)).length;
  const reversed = against > along;
  return { order: dependenciesFirst(arrows.map(([a, b]) => (reversed ? [b, a] : [a, b]))), reversed };
}

/** The layer a node names by its id or its label (`Core`, `domain-model` for `domain_model`), or undefined. */
export function layerNamed(node: DiagramNode, layerIds: Set<string>): string | undefined {
  for (const name of [node.id, node.label]) {
    if (name === undefined) continue;
    const lower = name.toLowerCase();
    const id = [lower, lower.replace(/[\s-]+/g, "_"), lower.replace(/[\s_]+/g, "-")].find((n) => layerIds.has(n));
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The layers of `arrows` (`[a, b]`: a builds on b), each after those it builds on, else in the order first drawn; a cycle is broken there. */
function dependenciesFirst(arrows: [string, string][]): string[] {
  const drawn = [...new Set(arrows.flat())];
  const order: string[] = [];
  while (order.length < drawn.length) {
    const left = drawn.filter((l) => !order.includes(l));
    const ready = left.find((l) => arrows.every(([a, b]) => a !== l || order.includes(b) || b === l));
    order.push(ready ?? left[0]!);
  }
  return order;
}
