import type { Plan } from "../../plan/types.js";
import type { AttemptRecord, EventRecord, ModuleRecord, ModuleState, RunHead, RunState, Store } from "../../store/types.js";
import { taskTypeOf } from "../../store/task-type.js";
import { attemptsMs, attemptsOf, errorLine, planOf, totalUsage } from "../../report/records.js";
import { emptyCounts, gateSummary } from "../../report/states.js";
import { runClock, runTime, tallyClock, type RunClock } from "../../run/run-time.js";
import { shownState, shownWork } from "../../run/liveness.js";
import type { Usage } from "../../usage.js";
import { keptQueueOf } from "../../config/queue-kept.js";
import { holderOf, type InProcessRuns } from "./holder.js";
import type { ModuleNode, RunDetail, RunRow } from "./views.js";

const RESUMABLE: readonly RunState[] = ["running", "interrupted"];

/**
 * `/api/runs`: newest first, optionally only those in `state` (as shown: `interrupted` for a run
 * whose process is gone). Polled: no run's plan is read, and each run's modules, attempts and
 * events are tallied in a few queries over all runs (`Store.runTallies`), not several a run.
 */
export function runRows(store: Store, inProcess: InProcessRuns[], state?: string): RunRow[] {
  const tallies = store.runTallies();
  return store
    .listRunHeads()
    .map((r) => {
      const tally = tallies.get(r.id);
      return runRow(store, r, { states: tally?.states ?? {}, usage: tally?.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 }, clock: tallyClock(r, tally) }, inProcess).row;
    })
    .filter((r) => !state || r.state === state);
}

/** What a run's row counts: its modules' states, its attempts' usage, its clock. */
interface RowFacts {
  states: Partial<Record<ModuleState, number>>;
  usage: Usage;
  clock: RunClock;
}

/** The run's row, and where a run whose process is gone was cut (its last recorded step). */
function runRow(store: Store, run: RunHead, facts: RowFacts, inProcess: InProcessRuns[]): { row: RunRow; cutAt?: number } {
  const live = holderOf(store, run.id, inProcess) !== null;
  const gone = run.state === "running" && !live;
  // A run still going is as long as it has been going; one whose process died, as long as it got (src/run/run-time.ts).
  const time = runTime(facts.clock, run.state === "running" && live, Date.now());
  const counts = emptyCounts();
  let modules = 0;
  for (const [s, n = 0] of Object.entries(facts.states) as [ModuleState, number | undefined][]) {
    counts[shownState(s, gone)] += n;
    modules += n;
  }
  const row: RunRow = {
    id: run.id,
    request: run.request,
    type: run.taskType ?? "",
    state: gone ? "interrupted" : run.state,
    createdAt: run.createdAt,
    endedAt: run.endedAt ?? null,
    durationMs: time.ms,
    usage: facts.usage,
    modules,
    counts,
    live,
  };
  return gone ? { row, cutAt: time.until } : { row };
}

/** A run's facts as its own records give them (`/api/runs/<id>`, which reads them anyway). */
function factsOf(store: Store, run: RunHead, modules: ModuleRecord[], attempts: AttemptRecord[]): RowFacts {
  const states: RowFacts["states"] = {};
  for (const m of modules) states[m.state] = (states[m.state] ?? 0) + 1;
  return { states, usage: totalUsage(attempts), clock: runClock(store, run) };
}

/**
 * `/api/runs/<id>`: the run, its plan's layers and dependencies, each module's state and step.
 * The events are read first, so the states are at least as new as `lastEventId`: the page
 * applies the rows after it on top, and ends at the newest state it has seen. (One read
 * transaction would be exact, but the store's batches take the write lock the run needs.)
 */
export function runDetail(store: Store, runId: string, inProcess: InProcessRuns[]): RunDetail | undefined {
  const events = store.getEvents(runId);
  const run = store.getRun(runId);
  if (!run) return undefined;
  const plan = planOf(run);
  const holder = holderOf(store, run.id, inProcess);
  const recorded = { modules: store.getModules(run.id), attempts: store.getAttempts(run.id) };
  const head = { ...run, taskType: taskTypeOf(run.plan) };
  const { row, cutAt } = runRow(store, head, factsOf(store, head, recorded.modules, recorded.attempts), inProcess);
  const { modules, attempts } = shownWork(recorded.modules, recorded.attempts, cutAt);
  const deps = new Map((plan?.modules ?? []).map((m) => [m.id, m.dependsOn]));
  const steps = lastSteps(events);
  const nodes = modules.map((m): ModuleNode => {
    const own = attemptsOf(attempts, m.moduleId);
    return {
      id: m.moduleId,
      layer: m.layer,
      state: m.state,
      ...(m.reason ? { reason: m.reason } : {}),
      attempts: m.attempts,
      step: stepOf(m, own, steps.get(m.moduleId)),
      dependsOn: deps.get(m.moduleId) ?? [],
      usage: totalUsage(own),
      durationMs: attemptsMs(own),
    };
  });
  return {
    ...row,
    layers: layersOf(plan, modules),
    nodes,
    criticalPath: plan?.criticalPath ?? [],
    holder: holder && (holder.kind === "this" ? { kind: "this" } : { kind: "other", pid: holder.pid }),
    canCancel: holder !== null && run.state === "running",
    canResume: holder === null && RESUMABLE.includes(run.state),
    queued: keptQueueOf(run.options) !== undefined,
    lastEventId: events.at(-1)?.id ?? 0,
  };
}

function layersOf(plan: Plan | undefined, modules: ModuleRecord[]): { id: string; modules: string[] }[] {
  if (plan) return plan.layers.map((l) => ({ id: l.id, modules: [...l.modules] }));
  const layers = new Map<string, string[]>();
  for (const m of modules) layers.set(m.layer, [...(layers.get(m.layer) ?? []), m.moduleId]);
  return [...layers].map(([id, ids]) => ({ id, modules: ids }));
}

/** Each module's latest progress line, tool call or the worker that took its attempt, from the event rows. */
function lastSteps(events: EventRecord[]): Map<string, string> {
  const steps = new Map<string, string>();
  for (const e of events) {
    if (!e.moduleId) continue;
    // A new attempt starts with no step of its own: the one before was another attempt's (after a lost worker, `#2 on worker <the lost one>`).
    if (e.type === "attempt:start") steps.delete(e.moduleId);
    else if (e.type === "agent:progress") steps.set(e.moduleId, String((e.data as { message?: unknown }).message ?? ""));
    else if (e.type === "attempt:worker") steps.set(e.moduleId, `on worker ${String((e.data as { worker?: unknown }).worker ?? "")}`);
    else if (e.type === "agent") {
      const event = (e.data as { event?: { type?: string; name?: string } }).event;
      if (event?.type === "tool") steps.set(e.moduleId, `tool ${event.name ?? ""}`);
    }
  }
  return steps;
}

function stepOf(m: ModuleRecord, own: AttemptRecord[], last: string | undefined): string {
  const attempt = own.at(-1);
  if (m.state === "validating") return "gates";
  if (m.state === "running" && attempt) return last ? `#${attempt.n} ${last}` : `attempt ${attempt.n} (${attempt.kind})`;
  if (m.state === "pending") return "waiting";
  if (m.state === "blocked") return m.reason ?? "blocked";
  const gate = attempt?.gates;
  if (attempt && m.state === "failed" && attempt.error) return errorLine(attempt);
  return gate ? gateSummary(gate) : (attempt?.summary ?? m.state);
}
