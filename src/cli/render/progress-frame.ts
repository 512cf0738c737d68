import type { ModuleState } from "../../store/types.js";
import type { Colors } from "../style.js";
import type { ModuleView, RunView } from "./progress-model.js";
import { countsOf, usageOf } from "./progress-model.js";
import { clock, cost, duration, requestLine, tokens, truncate } from "./format.js";
import { emptyCounts, gateSummary, inLayerOrder, MODULE_STATES, paint, stateSymbol } from "./states.js";
import { workspaceStart } from "./workspace.js";

export interface FrameOptions {
  now: number;
  rows: number;
  columns: number;
  colors: Colors;
}

// Which modules keep a line when they do not all fit: active work first, then what went wrong.
const RANK: Record<ModuleState, number> = { running: 0, validating: 0, failed: 1, blocked: 2, pending: 3, done: 4 };

/**
 * One frame of the live view: header, then a line per module in plan order.
 * At most `rows - 1` lines (a full screen would scroll, and the cursor could not
 * climb back to the top), each at most `columns` wide.
 */
export function renderFrame(view: RunView, o: FrameOptions): string[] {
  const c = o.colors;
  const max = Math.max(1, o.rows - 1);
  const head = [...header(view, o), ...inLayerOrder(view.gates, view.layers ?? []).map((g) => `  ${g.ok ? c.green("✓") : g.cancelled ? c.yellow("■") : c.red("✗")} ${g.level === "system" ? "system" : `layer ${g.target}`} gate${g.cancelled ? " stopped" : ""}: ${gateSummary(g)}`)];
  const modules = [...view.modules.values()];
  const budget = max - head.length;
  let shown = modules;
  let rest: ModuleView[] = [];
  if (modules.length > budget) {
    const keep = new Set(
      modules
        .map((m, i) => ({ m, i }))
        .sort((a, b) => RANK[a.m.state] - RANK[b.m.state] || a.i - b.i)
        .slice(0, Math.max(0, budget - 1))
        .map(({ m }) => m),
    );
    shown = modules.filter((m) => keep.has(m));
    rest = modules.filter((m) => !keep.has(m));
  }
  const idWidth = Math.max(0, ...shown.map((m) => m.id.length));
  const layerWidth = Math.max(0, ...shown.map((m) => m.layer.length));
  const tick = Math.floor(o.now / 80);
  const line = (m: ModuleView) => {
    const more = detail(m, o);
    return `  ${stateSymbol(m.state, c, tick)} ${m.id.padEnd(idWidth)}  ${more ? `${c.dim(m.layer.padEnd(layerWidth))}  ${more}` : c.dim(m.layer)}`;
  };
  const lines = [...head, ...shown.map(line)];
  if (rest.length) lines.push(c.dim(`  … ${rest.length} more: ${summary(rest)}`));
  return lines.slice(0, max).map((line) => truncate(line, o.columns));
}

function header(view: RunView, o: FrameOptions): string[] {
  const c = o.colors;
  const dot = c.dim(" · ");
  const setup = [view.agent && `agent ${view.agent}`, view.schedule && `${view.schedule} schedule`, view.concurrency && `${view.concurrency} at once`].filter(Boolean).join(dot);
  const first = `${c.bold(view.runId ? `run ${view.runId}` : "run")}${setup ? `${dot}${setup}` : ""}${view.request ? `${dot}${requestLine(view.request)}` : ""}`;

  const counts = countsOf(view);
  const usage = usageOf(view);
  const progress = [
    view.end ? paint(view.end.state, `${view.end.state} in ${duration(view.end.durationMs)}${view.end.sessions ? ` over ${view.end.sessions} sessions` : ""}`, c) : `${view.wave ? `wave ${view.wave}${view.waves ? `/${view.waves}` : ""}` : view.schedule === "ready" && view.startedAt !== undefined ? "running" : "starting"}${dot}${clock(o.now - (view.startedAt ?? o.now))}`,
    `${counts.done}/${view.modules.size} done`,
    counts.failed ? c.red(`${counts.failed} failed`) : "",
    counts.blocked ? c.yellow(`${counts.blocked} blocked`) : "",
    tokens(usage),
    cost(usage.costUsd),
  ].filter(Boolean);
  const lines = [first, progress.join(dot)];
  if (view.workspace) lines.push(c.dim(workspaceStart(view.workspace)));
  if (view.signal && !view.end) lines.push(c.yellow(`${view.signal.name}: stopping; running attempts and gates have ${duration(view.signal.graceMs)} to finish (again to cancel now)`));
  return lines;
}

function detail(m: ModuleView, o: FrameOptions): string {
  const c = o.colors;
  const attempt = m.attempt > 1 ? `attempt ${m.attempt}` : "";
  const since = m.startedAt !== undefined ? duration(o.now - m.startedAt) : "";
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(c.dim(" · "));
  // What the module has cost so far, when its agent reports any.
  const used = addLive(m);
  const spent = used.inputTokens + used.outputTokens > 0 ? c.dim(`${tokens(used)}, ${cost(used.costUsd)}`) : "";
  // A queued run's attempt: where it runs, or ran.
  const worker = m.worker ? c.dim(`on worker ${m.worker}`) : "";
  switch (m.state) {
    case "running":
      return join(attempt, since, spent, worker, m.message && c.dim(m.message));
    case "validating":
      return join(attempt, "validating", since, spent);
    case "done":
      return join(attempt, m.gate && c.dim(m.gate), spent, worker);
    case "failed":
      return join(attempt, only(c.red, join(m.reason, m.error)), worker);
    case "blocked":
      return only(c.yellow, m.reason);
    case "pending":
      return m.error ? c.dim(`retrying: ${m.error}`) : "";
  }
}

function addLive(m: ModuleView): ModuleView["usage"] {
  const live = m.live ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  return { inputTokens: m.usage.inputTokens + live.inputTokens, outputTokens: m.usage.outputTokens + live.outputTokens, costUsd: m.usage.costUsd + live.costUsd };
}

/** Colour codes around nothing would still make a line look non-empty. */
function only(paint: (text: string) => string, text: string | undefined): string {
  return text ? paint(text) : "";
}

/** `30 done, 10 pending`: the hidden modules by state. */
function summary(modules: ModuleView[]): string {
  const counts = emptyCounts();
  for (const m of modules) counts[m.state]++;
  return MODULE_STATES.filter((s) => counts[s] > 0)
    .sort((a, b) => RANK[b] - RANK[a])
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}
