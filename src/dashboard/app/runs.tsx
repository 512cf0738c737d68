import { useCallback, useEffect, useState } from "preact/hooks";
import type { RunRow, RunState } from "../server/views.js";
import { getJson } from "./api.js";
import { cost, duration, tokens, when } from "./format.js";
import { useInterval } from "./live.js";

const STATES: (RunState | "")[] = ["", "running", "done", "failed", "interrupted", "budget_exceeded"];

/** The project's runs, newest first, filtered by state. */
export function RunsPage() {
  const [state, setState] = useState<RunState | "">("");
  const [runs, setRuns] = useState<RunRow[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    getJson<RunRow[]>(`/api/runs${state ? `?state=${state}` : ""}`).then(setRuns, (e: Error) => setError(e.message));
  }, [state]);
  useEffect(load, [load]);
  useInterval(load, 2000);
  return (
    <div class="runs-page">
      <div class="toolbar">
        <h1>Runs</h1>
        <label>
          state{" "}
          <select data-filter="state" value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value as RunState | "")}>
            {STATES.map((s) => <option key={s} value={s}>{s || "all"}</option>)}
          </select>
        </label>
      </div>
      {error && <p class="error">{error}</p>}
      {runs && runs.length === 0 && <p class="muted">No runs{state ? ` ${state}` : ""} yet. Start one with <code>orchestrate run "implement system"</code>.</p>}
      {runs && runs.length > 0 && (
        <table class="runs">
          <thead>
            <tr><th>state</th><th>request</th><th>type</th><th>started</th><th>duration</th><th>modules</th><th>tokens</th><th>cost</th></tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-run-row={r.id} data-run-state={r.state}>
                <td><span class={`pill state-${r.state}`}>{r.state}</span>{r.live ? <span class="live-dot on" title="live" /> : null}</td>
                <td><a href={`#/runs/${encodeURIComponent(r.id)}`}>{r.request}</a><div class="muted small">{r.id}</div></td>
                <td>{r.type}</td>
                <td>{when(r.createdAt)}</td>
                <td>{duration(r.durationMs)}{r.live ? "+" : ""}</td>
                <td>{r.counts.done}/{r.modules}</td>
                <td>{tokens(r.usage)}</td>
                <td>{cost(r.usage.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
