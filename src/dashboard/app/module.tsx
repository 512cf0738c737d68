import { useEffect, useRef, useState } from "preact/hooks";
import type { AttemptDetail, FailureView, GateResult, ModuleDetail } from "../server/views.js";
import { getJson } from "./api.js";
import { cost, duration, gateVerdict, gateVerdictText, tokens, when } from "./format.js";

/** One module: its attempts (prompt, progress, tools, output, files, gates, usage), todos and memories. `version` reloads it. */
export function ModulePanel({ runId, moduleId, version, onClose }: { runId: string; moduleId: string; version: number; onClose: () => void }) {
  const [detail, setDetail] = useState<ModuleDetail>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    // Another module's answer (or error) is not this one's: an error must not outlive the module that had it.
    setError(undefined);
    getJson<ModuleDetail>(`/api/runs/${encodeURIComponent(runId)}/modules/${encodeURIComponent(moduleId)}`).then(
      (d) => {
        setError(undefined);
        setDetail(d);
      },
      (e: Error) => setError(e.message),
    );
  }, [runId, moduleId, version]);
  const close = <button onClick={onClose} title="close">×</button>;
  // A module the run does not have (a stale or mistyped address), or one still loading: closable like any other.
  if (error) return <aside class="panel" data-detail-error={moduleId}><header><h2>{moduleId}</h2>{close}</header><p class="error">{error}</p></aside>;
  if (!detail || detail.id !== moduleId) return <aside class="panel"><header><h2>{moduleId}</h2>{close}</header><p class="muted">Loading {moduleId}…</p></aside>;
  return (
    <aside class="panel" data-detail={detail.id}>
      <header>
        <h2>{detail.id} <span class={`pill state-${detail.state}`} data-detail-state={detail.state}>{detail.state}</span></h2>
        {close}
      </header>
      <p class="muted">layer {detail.layer}{detail.spec ? ` · spec ${detail.spec}` : ""}{detail.dependsOn.length ? ` · depends on ${detail.dependsOn.join(", ")}` : ""}</p>
      {detail.reason && <p class="error">{detail.reason}</p>}
      {detail.failure && <Failure failure={detail.failure} command={`orchestrate status ${detail.runId} --output ${detail.id} --attempt ${detail.failure.attempt}`} />}
      {detail.todos.length > 0 && (
        <section>
          <h3>Todos</h3>
          <ul class="todos">{detail.todos.map((t, i) => <li key={i} class={`todo-${t.status}`}>{t.status === "completed" ? "✓" : t.status === "in_progress" ? "▸" : "○"} {t.content}</li>)}</ul>
        </section>
      )}
      {detail.attempts.length === 0 && <p class="muted">No attempt yet.</p>}
      {[...detail.attempts].reverse().map((a) => <Attempt key={a.n} attempt={a} open={a.n === detail.attempts.length} />)}
      <section>
        <h3>Memories</h3>
        {detail.memories.length === 0 ? <p class="muted">None tagged module:{detail.id}.</p> : detail.memories.map((m) => <details key={m.key}><summary>{m.key}</summary><pre>{m.content}</pre></details>)}
      </section>
    </aside>
  );
}

function Attempt({ attempt: a, open }: { attempt: AttemptDetail; open: boolean }) {
  return (
    <section class="attempt" data-attempt={a.n}>
      <h3>
        Attempt {a.n} <span class={`pill state-${a.state}`}>{a.state}</span> <span class="muted">{a.kind} · {a.agent}{a.worker && <> on worker <code data-worker>{a.worker}</code></>} · {when(a.startedAt)}{a.durationMs !== null ? ` · ${duration(a.durationMs)}` : " · running"}</span>
      </h3>
      <p class="usage" data-cost>{tokens(a.usage)} ({a.usage.inputTokens.toLocaleString("en-US")} in, {a.usage.outputTokens.toLocaleString("en-US")} out) · {cost(a.usage.costUsd)}</p>
      {a.previousError && <div class="previous"><b>Previous attempt's error</b><pre>{a.previousError}</pre></div>}
      {a.error && <div class="failure"><b>Error</b><pre>{a.error}</pre></div>}
      {a.summary && <div><b>Output</b><pre data-output>{a.summary}</pre></div>}
      {a.progress.length > 0 && (
        <div><b>Progress</b><ul class="progress">{a.progress.map((p, i) => <li key={i}><span class="muted">{when(p.at).slice(11)}</span> {p.message}</li>)}</ul></div>
      )}
      {a.tools.length > 0 && (
        <details><summary>{a.tools.length} tool call{a.tools.length === 1 ? "" : "s"}</summary><ul class="tools">{a.tools.map((t, i) => <li key={i}><code>{t.name}</code> <span class="muted">{t.summary}</span></li>)}</ul></details>
      )}
      {a.filesChanged.length > 0 && <div><b>Files changed</b><ul class="files">{a.filesChanged.map((f) => <li key={f}><code>{f}</code></li>)}</ul></div>}
      {a.gate && <Gate gate={a.gate} />}
      <details open={open && a.prompt !== undefined && !a.gate}>
        <summary>Prompt <span class="muted">{a.promptPath}</span></summary>
        <pre class="prompt" data-prompt>{a.prompt ?? "(the prompt file is gone)"}</pre>
      </details>
    </section>
  );
}

/** Why the last attempt failed, first: the error's headline and the end of the output that decides it, scrolled to its last line. */
function Failure({ failure: f, command }: { failure: FailureView; command: string }) {
  const output = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [f.output]);
  return (
    <section class="failure why" data-failure={f.attempt}>
      <h3>Why attempt {f.attempt} failed</h3>
      <p class="error" data-failure-headline>{f.headline}</p>
      {f.output && (
        <>
          <p class="muted small">The last lines of {f.source}{f.cut ? "; earlier lines are not shown" : ""}. All of it: <code>{command}</code></p>
          <pre ref={output} data-failure-output>{f.output}</pre>
        </>
      )}
    </section>
  );
}

/** An attempt's module gate. One the run's cancel cut short is stopped, as `status` says, and so is its check that was running. */
export function Gate({ gate }: { gate: GateResult }) {
  return (
    <div class={`gate gate-${gateVerdict(gate)}`} data-gate={gateVerdict(gate)}>
      <b>Gate {gateVerdictText(gate)}</b> <span class="muted">{duration(gate.durationMs)}</span>
      {gate.checks.map((c) => {
        const stopped = gate.cancelled === true && !c.ok && c.message === "cancelled";
        return (
          <details key={c.name} open={!c.ok}>
            <summary class={c.ok ? "ok" : stopped ? "stopped" : "bad"}>{c.ok ? "✓" : stopped ? "■" : "✗"} {c.name} <span class="muted">({c.kind}{c.blocking ? "" : ", warning"}) {c.message}</span></summary>
            {c.output ? <pre class="gate-output">{c.output}</pre> : <p class="muted">No output recorded.</p>}
          </details>
        );
      })}
    </div>
  );
}
