import type { AgentEvent, Usage } from "../../agents/types.js";
import type { RunEvent, Timed } from "../../run/events.js";
import type { ModuleState, RunState } from "../../store/types.js";
import type { GateResult } from "../../validate/types.js";
import { addUsage, firstLine } from "./format.js";
import { emptyCounts, gateSummary } from "./states.js";

export interface ModuleView {
  id: string;
  layer: string;
  state: ModuleState;
  attempt: number;
  /** When the current attempt started (event time). */
  startedAt?: number;
  /** Last agent progress or tool message of the current attempt. */
  message?: string;
  /** Module gate summary of the latest validated attempt. */
  gate?: string;
  gateOk?: boolean;
  /** Why the module failed or is blocked. */
  reason?: string;
  /** First line of the last failed attempt's error. */
  error?: string;
  /** Usage of the finished attempts. */
  usage: Usage;
  /** Usage the running attempt reported so far. */
  live?: Usage;
  /** Files of the attempt's commit just merged into the integration branch, until the module's next state is shown. */
  merged?: number;
  /** A queued run: the worker that runs (or ran) the latest attempt (`host:pid`). */
  worker?: string;
}

export interface RunView {
  runId?: string;
  request?: string;
  agent?: string;
  schedule?: string;
  concurrency?: number;
  resumed?: boolean;
  startedAt?: number;
  wave?: number;
  waves?: number;
  modules: Map<string, ModuleView>;
  /** Layer and system gates, in the order they ran (the frame shows them in layer order). */
  gates: GateResult[];
  /** The plan's layers, in order. */
  layers?: string[];
  signal?: { name: string; graceMs: number };
  /** Where the run's work goes: worktrees and an integration branch, or the shared working tree (the first `workspace` event). */
  workspace?: { isolation: "worktree" | "shared"; branch?: string; base?: string; note?: string };
  end?: { state: RunState; durationMs: number; sessions?: number; counts: Record<ModuleState, number>; usage: Usage };
}

export function createView(): RunView {
  return { modules: new Map(), gates: [] };
}

/**
 * Folds one event into the view. `module:state` alone decides states; the other
 * events only add detail (messages, gates, usage). Returns whether what a person
 * sees changed enough to redraw at once.
 */
export function applyEvent(view: RunView, event: Timed<RunEvent>): boolean {
  view.startedAt ??= event.at;
  switch (event.type) {
    case "run:start":
      Object.assign(view, { runId: event.runId, request: event.request, agent: event.agent, schedule: event.schedule, concurrency: event.concurrency, resumed: event.resumed, startedAt: event.at, waves: event.plan.waves.length, layers: event.plan.layers.map((l) => l.id) });
      for (const m of event.plan.modules) if (!view.modules.has(m.id)) view.modules.set(m.id, { id: m.id, layer: m.layer, state: "pending", attempt: 0, usage: zero() });
      return true;
    case "module:state": {
      const m = moduleOf(view, event.moduleId, event.layer);
      if (event.state === "running" && m.state !== "running") Object.assign(m, { startedAt: event.at, merged: undefined, message: undefined, gate: undefined, gateOk: undefined, live: undefined, reason: undefined, error: undefined, worker: undefined });
      m.state = event.state;
      if (event.attempt > 0) m.attempt = event.attempt;
      if (event.reason && (event.state === "failed" || event.state === "blocked")) m.reason = event.reason;
      return true;
    }
    case "attempt:start":
      // The worker shown is the new attempt's, once one takes it: not the one a lost attempt ended on.
      Object.assign(moduleOf(view, event.moduleId), { attempt: event.attempt, worker: undefined });
      return false;
    case "attempt:worker":
      moduleOf(view, event.moduleId).worker = event.worker;
      return true;
    case "attempt:end": {
      const m = moduleOf(view, event.moduleId);
      addUsage(m.usage, event.usage);
      m.live = undefined;
      m.worker = event.worker;
      // A failed gate says more in its own summary than the first line of the retry text.
      if (!event.ok && !event.cancelled && event.failure !== "MERGE_CONFLICT") m.error = m.gateOk === false && m.gate ? m.gate : firstLine(event.error) || "no error given";
      return false;
    }
    case "workspace":
      // The run's end says the same again with its head; the start is what is shown.
      if (view.workspace) return false;
      view.workspace = { isolation: event.isolation, ...(event.branch ? { branch: event.branch } : {}), ...(event.base ? { base: event.base } : {}), ...(event.note ? { note: event.note } : {}) };
      return true;
    case "merge": {
      const m = moduleOf(view, event.moduleId);
      // attempt:end follows with the conflict's whole text; its first line would name only the branch.
      if (event.ok) m.merged = event.files.length;
      else m.error = `merge conflict in ${conflictFiles(event)}`;
      return false;
    }
    case "agent": {
      const m = moduleOf(view, event.moduleId);
      if (event.event.type === "usage") m.live = { ...event.event.usage };
      else if (event.event.type !== "process") m.message = agentMessage(event.event);
      return false;
    }
    case "gate":
      if (event.result.level === "module") Object.assign(moduleOf(view, event.result.target), { gate: gateSummary(event.result), gateOk: event.result.ok });
      else view.gates.push(event.result);
      return true;
    case "wave":
      view.wave = event.wave;
      return true;
    case "signal":
      view.signal = { name: event.signal, graceMs: event.graceMs };
      return true;
    case "run:end":
      view.end = { state: event.state, durationMs: event.durationMs, ...(event.sessions ? { sessions: event.sessions } : {}), counts: event.counts, usage: event.usage };
      return true;
    default:
      return false;
  }
}

/** Tokens and cost so far: finished attempts plus what running attempts reported. */
export function usageOf(view: RunView): Usage {
  if (view.end) return view.end.usage;
  const total = zero();
  for (const m of view.modules.values()) {
    addUsage(total, m.usage);
    if (m.live) addUsage(total, m.live);
  }
  return total;
}

export function countsOf(view: RunView): Record<ModuleState, number> {
  const counts = emptyCounts();
  for (const m of view.modules.values()) counts[m.state]++;
  return counts;
}

function moduleOf(view: RunView, id: string, layer = ""): ModuleView {
  let m = view.modules.get(id);
  if (!m) view.modules.set(id, (m = { id, layer, state: "pending", attempt: 0, usage: zero() }));
  if (!m.layer && layer) m.layer = layer;
  return m;
}

function agentMessage(event: Exclude<AgentEvent, { type: "usage" | "process" }>): string {
  if (event.type === "progress") return firstLine(event.message);
  const input = event.input as Record<string, unknown> | undefined;
  const hint = input && typeof input === "object" ? [input["file_path"], input["path"], input["command"], input["pattern"]].find((v) => typeof v === "string") : undefined;
  return firstLine(typeof hint === "string" ? `${event.name} ${hint}` : event.name);
}

/** The files a conflict names (its text's first line), else the commit's. */
export function conflictFiles(event: { files: string[]; conflict?: string }): string {
  return /conflicts in (.*?)(?::|$)/m.exec(event.conflict ?? "")?.[1] ?? event.files.join(", ");
}

function zero(): Usage {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0 };
}
