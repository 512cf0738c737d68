import type { RunDetail } from "../server/views.js";
import { cost, duration } from "./format.js";

/** The plan as a table, layer by layer: for plans too large to take in as a graph. */
export function ModuleList({ run, selected, onSelect }: { run: RunDetail; selected?: string; onSelect: (id: string) => void }) {
  const byId = new Map(run.nodes.map((n) => [n.id, n]));
  const critical = new Set(run.criticalPath);
  return (
    <div class="module-list">
      {run.layers.map((layer) => (
        <section key={layer.id}>
          <h3>{layer.id}</h3>
          <table>
            <thead>
              <tr><th>module</th><th>state</th><th>attempts</th><th>step</th><th>depends on</th><th>time</th><th>cost</th></tr>
            </thead>
            <tbody>
              {layer.modules.map((id) => {
                const n = byId.get(id);
                if (!n) return null;
                return (
                  <tr key={id} data-module={id} data-state={n.state} class={`state-${n.state}${selected === id ? " selected" : ""}`} onClick={() => onSelect(id)}>
                    <td>{critical.has(id) ? <b title="on the critical path">{id} ★</b> : id}</td>
                    <td><span class={`pill state-${n.state}`}>{n.state}</span></td>
                    <td>{n.attempts}</td>
                    <td class="muted">{n.step}</td>
                    <td class="muted">{n.dependsOn.join(", ")}</td>
                    <td>{n.durationMs ? duration(n.durationMs) : ""}</td>
                    <td>{cost(n.usage.costUsd)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
