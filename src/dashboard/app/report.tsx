import { useEffect, useState } from "preact/hooks";
import type { GateReport, ReportJson } from "../server/views.js";
import { getJson } from "./api.js";
import { cost, duration, gateVerdict, gateVerdictText, tokens } from "./format.js";

/** The hierarchical report (`orchestrate report`): summary, then each layer with its gate and modules. */
export function Report({ runId, version }: { runId: string; version: number }) {
  const [report, setReport] = useState<ReportJson>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getJson<ReportJson>(`/api/runs/${encodeURIComponent(runId)}/report`).then(setReport, (e: Error) => setError(e.message));
  }, [runId, version]);
  if (error) return <p class="error">{error}</p>;
  if (!report) return <p class="muted">Loading the report…</p>;
  const s = report.summary;
  return (
    <div class="report" data-report={report.runId}>
      <p>
        {s.modules} modules · {Object.entries(s.states).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(", ")} · {s.attempts} attempts · {duration(report.durationMs)} · {tokens(s.usage)} · {cost(s.usage.costUsd)}
      </p>
      {report.workspace && <Workspace report={report} />}
      {report.layers.map((l) => (
        <section key={l.id}>
          <h3>{l.id} <span class="muted">{l.totals.modules} modules · {duration(l.totals.durationMs)} · {cost(l.totals.usage.costUsd)}</span></h3>
          {l.gate && <GateLine label="Layer gate" gate={l.gate} />}
          <table>
            <thead><tr><th>module</th><th>state</th><th>attempts</th><th>time</th><th>tokens</th><th>cost</th><th>files</th></tr></thead>
            <tbody>
              {l.modules.map((m) => (
                <tr key={m.id}>
                  <td><a href={`#/runs/${encodeURIComponent(report.runId)}/${encodeURIComponent(m.id)}`}>{m.id}</a></td>
                  <td><span class={`pill state-${m.state}`}>{m.state}</span></td>
                  <td>{m.attempts.length}</td>
                  <td>{duration(m.durationMs)}</td>
                  <td>{tokens(m.usage)}</td>
                  <td>{cost(m.usage.costUsd)}</td>
                  <td class="muted">{m.filesChanged.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {report.system && <GateLine label="System gate" gate={report.system} />}
    </div>
  );
}

/** A layer's or the system's gate in `status`'s and `report`'s words: one the run's cancel cut short is stopped, not failed. */
function GateLine({ label, gate }: { label: string; gate: GateReport }) {
  const verdict = gateVerdict(gate);
  return <p class={`gate-line gate-${verdict}`} data-gate={verdict}>{label}: {gateVerdictText(gate)} — {gate.summary}</p>;
}

/** Where an isolated run's work went: its integration branch and each attempt's merge into it, or the conflict. */
function Workspace({ report }: { report: ReportJson }) {
  const ws = report.workspace!;
  if (ws.isolation === "shared") return <p data-workspace="shared">Workspace: the shared working tree{ws.note ? ` (${ws.note})` : ""}</p>;
  const short = (commit?: string | null) => commit?.slice(0, 8) ?? "";
  return (
    <section data-workspace={ws.branch}>
      <p>
        Workspace: branch <code>{ws.branch}</code> from <code>{short(ws.base)}</code>
        {ws.head === null ? ", gone (merged and cleaned, or deleted)" : ws.head ? <>, at <code>{short(ws.head)}</code>{ws.merged ? ", merged into the checked-out branch" : ""}</> : ""}
      </p>
      {report.merges && (
        <table>
          <thead><tr><th>module</th><th>attempt</th><th>commit</th><th>merge</th></tr></thead>
          <tbody>
            {report.merges.map((m) => (
              <tr key={`${m.moduleId}-${m.attempt}`} class={m.ok ? "" : "error"}>
                <td>{m.moduleId}</td>
                <td>{m.attempt}</td>
                <td><code>{short(m.commit)}</code></td>
                <td>{m.ok ? `merged${m.into ? ` as ${short(m.into)}` : ""} (${m.files.length} files)` : (m.conflict ?? "conflict").split("\n")[0]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
