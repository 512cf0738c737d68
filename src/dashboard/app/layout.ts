import * as elkModule from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";

type Elk = new () => { layout(graph: ElkNode): Promise<ElkNode> };
/** The bundle is CommonJS: its class is the default export for esbuild (the page) and for Node (the tests) alike. */
const ELK = ((elkModule as unknown as { default?: Elk }).default ?? (elkModule as unknown as Elk));

export const NODE_W = 184;
export const NODE_H = 58;
const BAND_PAD = 14;
/** The band labels' left edge, and the room kept free for them left of the nodes (at least). */
export const LABEL_X = 12;
const LABEL_ROOM = 120;
/** An upper-case character of the label's font (13px, 600, letter-spaced), on average: Chromium draws `INFRASTRUCTURE` 139 px wide. */
export const LABEL_CHAR_W = 11;
/** A longer layer name is cut with an ellipsis (the band's tooltip holds it whole), so the nodes are not pushed far right. */
const LABEL_MAX_CHARS = 28;

/** A band's label as drawn: the layer's name, cut to LABEL_MAX_CHARS. */
export function bandLabel(layer: string): string {
  return layer.length > LABEL_MAX_CHARS ? `${layer.slice(0, LABEL_MAX_CHARS - 1)}…` : layer;
}

/** The nodes start right of the longest drawn label (was a fixed 120 px: `infrastructure` ran under its band's first node). */
function labelRoom(layers: { id: string }[]): number {
  const chars = Math.max(0, ...layers.map((l) => bandLabel(l.id).length));
  return Math.max(LABEL_ROOM, LABEL_X + chars * LABEL_CHAR_W + 16);
}

export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface Routed {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

export interface Band {
  layer: string;
  y: number;
  height: number;
}

export interface Layout {
  nodes: Map<string, Placed>;
  edges: Routed[];
  bands: Band[];
  width: number;
  height: number;
}

export interface GraphInput {
  layers: { id: string; modules: string[] }[];
  nodes: { id: string; dependsOn: string[] }[];
  /** Edges drawn even when implied by others (`a->b`): the critical path's. */
  keep?: string[];
}

/**
 * The dependency edges worth drawing: an edge d -> m that another path from d to m already
 * implies is left out (a transitive reduction), as a plan that lists `errors` under every
 * module would otherwise be a thicket. The node's tooltip and detail still list every dependency.
 */
export function drawnEdges(nodes: { id: string; dependsOn: string[] }[], known: Set<string>, keep: Set<string>): [string, string][] {
  const deps = new Map(nodes.map((n) => [n.id, n.dependsOn.filter((d) => known.has(d))]));
  const reach = new Map<string, Set<string>>();
  const reachable = (id: string, seen = new Set<string>()): Set<string> => {
    const cached = reach.get(id);
    if (cached) return cached;
    const out = new Set<string>();
    if (seen.has(id)) return out; // a cycle: plans have none, but never loop
    seen.add(id);
    for (const d of deps.get(id) ?? []) {
      out.add(d);
      for (const r of reachable(d, seen)) out.add(r);
    }
    reach.set(id, out);
    return out;
  };
  return nodes.flatMap((n) => {
    const direct = deps.get(n.id) ?? [];
    return direct.filter((d) => keep.has(`${d}->${n.id}`) || !direct.some((o) => o !== d && reachable(o).has(d))).map((d): [string, string] => [d, n.id]);
  });
}

const elk = new ELK();

/**
 * A layered layout (ELK's `layered`, top to bottom along the dependencies) in which each plan
 * layer is a partition: its modules sit together, below the layers they build on, so every
 * layer is a horizontal band. Should a plan's layers not follow its dependencies (partitions
 * then contradict edges), the layout is made without partitions and bands may overlap.
 */
export async function layoutGraph(input: GraphInput): Promise<Layout> {
  try {
    return await layout(input, true);
  } catch {
    return layout(input, false);
  }
}

async function layout(input: GraphInput, partitioned: boolean): Promise<Layout> {
  const known = new Set(input.nodes.map((n) => n.id));
  const partition = new Map<string, number>();
  input.layers.forEach((l, i) => l.modules.forEach((m) => partition.set(m, i)));
  const shown = drawnEdges(input.nodes, known, new Set(input.keep ?? []));
  const edges: ElkExtendedEdge[] = shown.map(([d, m]) => ({ id: `${d}->${m}`, sources: [d], targets: [m] }));
  const graph: ElkNode = {
    id: "plan",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.partitioning.activate": String(partitioned),
      "elk.spacing.nodeNode": "22",
      "elk.layered.spacing.nodeNodeBetweenLayers": "48",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      // Network-simplex layering under partitions took 6-12 s at 300 modules; longest-path, 1-2 s.
      "elk.layered.layering.strategy": "LONGEST_PATH",
      "elk.edgeRouting": "POLYLINE",
      "elk.layered.thoroughness": "1",
      "elk.padding": `[top=24,left=${labelRoom(input.layers)},bottom=24,right=24]`,
    },
    children: input.nodes.map((n) => ({
      id: n.id,
      width: NODE_W,
      height: NODE_H,
      ...(partitioned ? { layoutOptions: { "elk.partitioning.partition": String(partition.get(n.id) ?? 0) } } : {}),
    })),
    edges,
  };
  const out = await elk.layout(graph);
  const nodes = new Map<string, Placed>((out.children ?? []).map((c) => [c.id, { id: c.id, x: c.x ?? 0, y: c.y ?? 0 }]));
  const routed: Routed[] = ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
    return { from: e.sources[0]!, to: e.targets[0]!, points };
  });
  const bands = input.layers.flatMap((l): Band[] => {
    const ys = l.modules.map((m) => nodes.get(m)?.y).filter((y): y is number => y !== undefined);
    if (!ys.length) return [];
    const top = Math.min(...ys) - BAND_PAD;
    return [{ layer: l.id, y: top, height: Math.max(...ys) + NODE_H + BAND_PAD - top }];
  });
  return { nodes, edges: routed, bands, width: out.width ?? 0, height: out.height ?? 0 };
}
