import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { RunDetail, StreamEvent } from "../server/views.js";
import { getJson, postJson } from "./api.js";
import { applyEvents } from "./apply.js";
import { cost, duration, tokens, when } from "./format.js";
import { Graph } from "./graph.js";
import { ModuleList } from "./list.js";
import { useInterval, useRunStream } from "./live.js";
import { ModulePanel } from "./module.js";
import { Report } from "./report.js";
import { navigate } from "./route.js";

/** Plans larger than this open as a list; the graph is a click away. */
const LIST_ABOVE = 120;

/** One run: header with actions, the plan as a graph (or list, or report), the selected module's detail. */
export function RunPage({ runId, moduleId }: { runId: string; moduleId?: string }) {
  const [run, setRun] = useState<RunDetail>();
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<"graph" | "list" | "report">();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // Every row the stream delivered: a view fetched earlier than some of them gets them applied on top.
  const seen = useRef<StreamEvent[]>([]);
  // Where the stream starts: the first view's newest row. What it holds is not sent again, on a reload or a reconnect.
  const [streamFrom, setStreamFrom] = useState<number>();
  const load = useCallback(() => {
    getJson<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`).then(
      (r) => {
        setRun(applyEvents(r, seen.current.filter((e) => e.id > r.lastEventId)));
        setStreamFrom((from) => from ?? r.lastEventId);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [runId]);
  useEffect(load, [load]);
  const { connected } = useRunStream(runId, streamFrom, (events) => {
    seen.current.push(...events);
    setRun((r) => r && applyEvents(r, events.filter((e) => e.id > r.lastEventId)));
    load();
    setVersion((v) => v + 1);
  });
  // Who holds the run (a process that died, one that resumed it) shows in no event row: look again now and then.
  useInterval(load, 3000);
  if (error && !run) return <p class="error">{error}</p>;
  if (!run) return <p class="muted">Loading run {runId}…</p>;
  const view = tab ?? (run.nodes.length > LIST_ABOVE ? "list" : "graph");
  const select = (id: string) => navigate(`#/runs/${encodeURIComponent(runId)}/${encodeURIComponent(id)}`);
  const act = (what: "cancel" | "resume" | "resume-local") => {
    setBusy(what);
    setNotice(undefined);
    const path = what === "resume-local" ? "resume?local=1" : what;
    postJson<{ line?: string; warning?: string }>(`/api/runs/${encodeURIComponent(runId)}/${path}`)
      .then((answer) => {
        // What a resume here did with the run's jobs on its queue (`resume --no-queue`'s line or warning).
        setNotice(answer.warning ?? answer.line);
        load();
      }, (e: Error) => setError(e.message))
      .finally(() => setBusy(undefined));
  };
  return (
    <div class={`run-page${moduleId ? " with-panel" : ""}`}>
      <header class="run-header" data-run={run.id} data-run-state={run.state}>
        <div>
          <h1>
            <span class={`pill state-${run.state}`}>{run.state}</span> {run.request}
          </h1>
          <p class="muted">
            {run.id} · {run.type} · {when(run.createdAt)} · {duration(run.durationMs)}{run.live ? " so far" : ""} · {tokens(run.usage)} · {cost(run.usage.costUsd)} ·{" "}
            {Object.entries(run.counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(", ")}
            {run.holder ? ` · running in ${run.holder.kind === "this" ? "this dashboard's process" : `pid ${run.holder.pid}`}` : ""}
            <span class={connected ? "live-dot on" : "live-dot"} title={connected ? "following the run's events" : "reconnecting"} />
          </p>
          {error && <p class="error">{error}</p>}
          {notice && <p class="muted" data-notice>{notice}</p>}
        </div>
        <div class="actions">
          {run.canCancel && <button data-action="cancel" disabled={busy !== undefined} onClick={() => act("cancel")}>Cancel run</button>}
          {run.canResume && <button data-action="resume" disabled={busy !== undefined} onClick={() => act("resume")}>Resume run</button>}
          {run.canResume && run.queued && (
            <button data-action="resume-local" disabled={busy !== undefined} onClick={() => act("resume-local")} title="Go on in the dashboard's process, its jobs withdrawn from its queue first (resume --no-queue): when its Redis is gone">
              Resume here
            </button>
          )}
        </div>
      </header>
      <nav class="tabs">
        {(["graph", "list", "report"] as const).map((t) => (
          <button key={t} class={view === t ? "active" : ""} data-tab={t} onClick={() => setTab(t)}>{t}</button>
        ))}
      </nav>
      <div class="run-body">
        <div class="run-main">
          {view === "graph" && <Graph run={run} selected={moduleId} onSelect={select} />}
          {view === "list" && <ModuleList run={run} selected={moduleId} onSelect={select} />}
          {view === "report" && <Report runId={run.id} version={version} />}
        </div>
        {moduleId && <ModulePanel runId={run.id} moduleId={moduleId} version={version} onClose={() => navigate(`#/runs/${encodeURIComponent(runId)}`)} />}
      </div>
    </div>
  );
}
