import type { Dependency, ModuleSpec, SystemSpec, Warning } from "./types.js";
import { mermaidDiagrams, type DiagramNode } from "./mermaid.js";
import { moduleNamed } from "./resolve.js";
import { moduleNames } from "./names.js";
import { Ownership } from "./ownership.js";
import { drawnLayerOrder, layerNamed } from "./diagram-layers.js";

/** A spec file that may draw the modules' dependencies: the system spec, a layer spec. */
export interface DiagramSource {
  file: string;
  text: string;
}

/**
 * The modules with the dependencies the Mermaid graphs of `sources` draw (spec/mermaid.ts) added
 * (`via: "diagram"`, at the arrow's line), and a note per graph saying what was read from it: the
 * dependencies it gave, how its arrows were read, the nodes that name no module. A module's own spec
 * wins: an arrow it already states adds nothing. New module objects: the resolution (maybe cached) is not changed.
 * Arrows between layers give `layerOrder` (spec/diagram-layers.ts), unless the system spec states its order in words.
 */
export function withDiagramDependencies(
  sources: DiagramSource[],
  modules: ModuleSpec[],
  layerIds: Set<string>,
  layerOrderStated = false,
): { modules: ModuleSpec[]; notes: Warning[]; layerOrder?: string[]; drawnLayers?: NonNullable<SystemSpec["drawnLayers"]> } {
  const drawn = sources.flatMap((s) => mermaidDiagrams(s.text).map((d) => ({ ...d, file: s.file })));
  if (!drawn.some((d) => d.edges.length > 0)) return { modules, notes: [] };
  const resolver = { moduleIds: new Set(modules.map((m) => m.id)), layerIds, ownership: new Ownership(modules), names: moduleNames(modules) };
  const named = (node: DiagramNode) => (node.label === undefined ? undefined : moduleNamed(node.label, resolver, false)) ?? moduleNamed(node.id, resolver, false);
  const stated = new Map(modules.map((m) => [m.id, new Set(m.dependencies.map((d) => d.id))]));
  const added = new Map<string, Dependency[]>();
  const notes: Warning[] = [];
  const drawnOrder = drawnLayerOrder(drawn, modules, layerIds);
  const layered = layerOrderStated ? undefined : drawnOrder;
  // Where the graph draws the layers, kept to compare with the order they are planned in (plan/layers.ts).
  const first = drawnOrder && drawn.flatMap((d) => d.edges.map((e) => ({ e, file: d.file }))).find(({ e }) => layerNamed(e.from, layerIds) !== undefined && layerNamed(e.to, layerIds) !== undefined);
  const drawnLayers = drawnOrder && first ? { order: drawnOrder.order, file: first.file, line: first.e.line } : undefined;
  const layerReading = layered ? `read as the layer order${layered.reversed ? " (drawn against the modules' dependencies, so read the other way)" : ""}: ${layered.order.join(", ")}` : "not read (the system spec's layer order orders layers)";
  for (const diagram of drawn) {
    const unnamed = new Set<string>();
    const layers = new Set<string>();
    const arrows: { from: string; to: string; line: number }[] = [];
    for (const e of diagram.edges) {
      const [from, to] = [named(e.from), named(e.to)];
      for (const [node, id] of [[e.from, from], [e.to, to]] as const) if (id === undefined) (layerNamed(node, layerIds) !== undefined ? layers : unnamed).add(node.id === node.label || !node.label ? node.id : node.label);
      if (from !== undefined && to !== undefined && from !== to) arrows.push({ from, to, line: e.line });
    }
    if (arrows.length === 0 && unnamed.size === 0 && layers.size === 0) continue;
    // Drawn as data flows (`store --> orders`) where the specs say orders depends on store: read the other way.
    const along = arrows.filter((a) => stated.get(a.from)!.has(a.to)).length;
    const against = arrows.filter((a) => stated.get(a.to)!.has(a.from)).length;
    const reversed = against > along;
    const gave: string[] = [];
    for (const a of arrows) {
      const [from, to] = reversed ? [a.to, a.from] : [a.from, a.to];
      if (stated.get(from)!.has(to)) continue;
      stated.get(from)!.add(to);
      added.set(from, [...(added.get(from) ?? []), { id: to, via: "diagram", file: diagram.file, line: a.line }]);
      gave.push(`${from} → ${to}`);
    }
    notes.push({ code: "DEPENDENCIES_FROM_DIAGRAM", message: diagramNote(gave, arrows.length - gave.length, reversed, against, along, [...unnamed], layers.size ? `layers, ${layerReading}` : undefined), file: diagram.file, line: diagram.line });
  }
  return { modules: modules.map((m) => (added.has(m.id) ? { ...m, dependencies: [...m.dependencies, ...added.get(m.id)!] } : m)), notes, ...(layered ? { layerOrder: layered.order } : {}), ...(drawnLayers ? { drawnLayers } : {}) };
}

function diagramNote(gave: string[], known: number, reversed: boolean, against: number, along: number, unnamed: string[], layers: string | undefined): string {
  const reading = reversed
    ? `its arrows run against what the module specs state (${against} against, ${along} along), so \`A --> B\` is read as B depends on A`
    : "`A --> B` read as A depends on B";
  const parts = [gave.length ? `the Mermaid graph gives ${gave.length} ${gave.length === 1 ? "dependency" : "dependencies"} (${reading}): ${gave.join(", ")}` : `the Mermaid graph gives no dependency the module specs do not state (${reading})`];
  if (known > 0 && gave.length > 0) parts.push(`${known} more the module specs already state`);
  if (unnamed.length) parts.push(`nodes that name no module, not read: ${unnamed.join(", ")}`);
  if (layers) parts.push(layers);
  return parts.join("; ");
}
