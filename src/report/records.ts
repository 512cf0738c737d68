import { isAbsolute, relative } from "node:path";
import type { Usage } from "../usage.js";
import type { Plan } from "../plan/types.js";
import type { AttemptRecord, ModuleRecord, RunHead, RunRecord } from "../store/types.js";
import { addUsage, duration, firstLine } from "./format.js";
import { recordClock, runTime, type RunTime } from "../run/run-time.js";
import { gateSummary } from "./states.js";

/** Shared reading of store records for `status` and `report`. */

export function attemptsOf(attempts: AttemptRecord[], moduleId: string): AttemptRecord[] {
  return attempts.filter((a) => a.moduleId === moduleId).sort((a, b) => a.n - b.n);
}

/** An attempt's length; an open one's up to `openUntil` when given (now, or the last step of a run whose process died). */
export function attemptMs(a: AttemptRecord, openUntil?: number): number | undefined {
  const end = a.endedAt ?? openUntil;
  return end === undefined ? undefined : Math.max(0, end - a.startedAt);
}

export function totalUsage(attempts: AttemptRecord[]): Usage {
  const total = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const a of attempts) addUsage(total, a.usage);
  return total;
}

/** Time spent on attempts: finished ones, and open ones up to `openUntil` when given. */
export function attemptsMs(attempts: AttemptRecord[], openUntil?: number): number {
  return attempts.reduce((sum, a) => sum + (attemptMs(a, openUntil) ?? 0), 0);
}

/** How long the run ran: as read with its events (`runExtras`), else as its record alone tells it. */
export function timeOf(run: RunHead, time?: RunTime): RunTime {
  return time ?? runTime(recordClock(run), false, Date.now());
}

/** The run's duration in words: `8.0s`, `4.0s so far`, `3.2s up to its last recorded step`, `… over 2 sessions (…)`. */
export function runDuration(time: RunTime): string {
  const end = time.end === "live" ? " so far" : time.end === "cut" ? " up to its last recorded step" : "";
  const sessions = time.sessions > 1 ? ` over ${time.sessions} sessions (the time between them not counted)` : "";
  return `${duration(time.ms)}${end}${sessions}`;
}

/** Project-relative, forward slashes; the store keeps them so already, older rows may not. */
export function projectPath(path: string, root: string): string {
  return (isAbsolute(path) ? relative(root, path) : path).split("\\").join("/");
}

export function planOf(run: RunRecord): Plan | undefined {
  return Array.isArray(run.plan.layers) ? run.plan : undefined;
}

/**
 * Modules grouped by layer in plan order (layers, then modules within each);
 * modules the plan does not name (or all, without a plan) follow in the order given.
 */
export function byLayer<M extends { layer: string; id: string }>(modules: M[], plan: Pick<Plan, "layers"> | undefined): { layer: string; modules: M[] }[] {
  const groups = new Map<string, M[]>();
  const rank = new Map<string, number>();
  for (const layer of plan?.layers ?? []) {
    groups.set(layer.id, []);
    layer.modules.forEach((id, i) => rank.set(`${layer.id}\0${id}`, i));
  }
  for (const m of modules) {
    const list = groups.get(m.layer) ?? [];
    list.push(m);
    groups.set(m.layer, list);
  }
  const at = (m: M) => rank.get(`${m.layer}\0${m.id}`) ?? Infinity;
  return [...groups].map(([layer, list]) => ({ layer, modules: list.map((m, i) => ({ m, i })).sort((a, b) => at(a.m) - at(b.m) || a.i - b.i).map(({ m }) => m) }));
}

export function moduleView(m: ModuleRecord): ModuleRecord & { id: string } {
  return { ...m, id: m.moduleId };
}

/** What went wrong in one line: a failed gate's own summary, else the error's first line. */
export function errorLine(a: AttemptRecord): string {
  const gate = a.gates;
  return gate && !gate.ok ? gateSummary(gate) : firstLine(a.error);
}
