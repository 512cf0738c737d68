import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ModuleNode, RunDetail } from "../server/views.js";
import { bandLabel, LABEL_X, layoutGraph, NODE_H, NODE_W, type Layout } from "./layout.js";
import { usePanZoom } from "./pan-zoom.js";

interface Props {
  run: RunDetail;
  selected?: string;
  onSelect: (id: string) => void;
}

/** The plan as a graph: bands for layers, nodes for modules, edges for dependencies, the critical path in bold. */
export function Graph({ run, selected, onSelect }: Props) {
  const [layout, setLayout] = useState<Layout>();
  const [error, setError] = useState<string>();
  // Laid out again only when the plan's shape changes, not on every state change.
  const shape = useMemo(() => JSON.stringify([run.layers, run.nodes.map((n) => [n.id, n.dependsOn])]), [run.layers, run.nodes]);
  useEffect(() => {
    let current = true;
    layoutGraph({ layers: run.layers, nodes: run.nodes, keep: [...criticalEdges(run.criticalPath)] }).then(
      (l) => current && setLayout(l),
      (e: unknown) => current && setError(String(e)),
    );
    return () => void (current = false);
  }, [shape]);
  const svg = useRef<SVGSVGElement>(null);
  const view = usePanZoom(svg, layout);
  const critical = useMemo(() => criticalEdges(run.criticalPath), [run.criticalPath]);
  const byId = useMemo(() => new Map(run.nodes.map((n) => [n.id, n])), [run.nodes]);
  if (error) return <p class="error">Layout failed: {error}</p>;
  if (!layout) return <p class="muted">Laying out {run.nodes.length} modules…</p>;
  return (
    <div class="graph">
      <div class="graph-tools">
        <button onClick={view.zoomIn} title="zoom in">+</button>
        <button onClick={view.zoomOut} title="zoom out">−</button>
        <button onClick={view.fit} title="fit the plan">fit</button>
        <span class="muted">drag to pan, wheel to zoom</span>
      </div>
      <svg ref={svg} class="graph-canvas" data-graph>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="arrow" />
          </marker>
        </defs>
        <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
          {layout.bands.map((b, i) => (
            <g class={`band band-${i % 2}`} key={b.layer} data-layer={b.layer}>
              <rect x={0} y={b.y} width={Math.max(layout.width, 400)} height={b.height} rx={8} />
              <text x={LABEL_X} y={b.y + 22} class="band-label">{bandLabel(b.layer)}<title>{b.layer}</title></text>
            </g>
          ))}
          {layout.edges.map((e) => (
            <polyline
              key={`${e.from}->${e.to}`}
              class={critical.has(`${e.from}->${e.to}`) ? "edge critical" : "edge"}
              points={e.points.map((p) => `${p.x},${p.y}`).join(" ")}
              marker-end="url(#arrow)"
            />
          ))}
          {[...layout.nodes.values()].map((p) => {
            const node = byId.get(p.id);
            return node ? <Node key={p.id} node={node} x={p.x} y={p.y} critical={run.criticalPath.includes(p.id)} selected={selected === p.id} onSelect={onSelect} /> : null;
          })}
        </g>
      </svg>
    </div>
  );
}

function Node({ node, x, y, critical, selected, onSelect }: { node: ModuleNode; x: number; y: number; critical: boolean; selected: boolean; onSelect: (id: string) => void }) {
  return (
    <g
      class={`node state-${node.state}${critical ? " critical" : ""}${selected ? " selected" : ""}`}
      transform={`translate(${x} ${y})`}
      data-module={node.id}
      data-state={node.state}
      onClick={() => onSelect(node.id)}
    >
      <title>{`${node.id} (${node.layer}): ${node.state}${node.reason ? ` — ${node.reason}` : ""}${node.dependsOn.length ? `\ndepends on ${node.dependsOn.join(", ")}` : ""}`}</title>
      <rect width={NODE_W} height={NODE_H} rx={8} />
      <rect class="node-state-bar" width={6} height={NODE_H} rx={3} />
      <text x={14} y={20} class="node-id">{clip(node.id, 22)}</text>
      <text x={14} y={37} class="node-state">{node.state}{node.attempts ? ` · ${node.attempts} attempt${node.attempts === 1 ? "" : "s"}` : ""}</text>
      <text x={14} y={51} class="node-step">{clip(node.step, 28)}</text>
    </g>
  );
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function criticalEdges(path: string[]): Set<string> {
  const edges = new Set<string>();
  for (let i = 1; i < path.length; i++) edges.add(`${path[i - 1]}->${path[i]}`);
  return edges;
}

export { NODE_H, NODE_W };
