import type { AttemptRecord, LockRecord, ModuleRecord, ModuleState, RunHead, RunRecord, Store } from "../store/types.js";
import { processAlive } from "../exec/process-group.js";

/** A run as reading commands show it: its recorded state, unless that state is a lie. */
export interface ShownRun<R extends RunHead = RunRecord> {
  run: R;
  /** Set when the store says `running` but no live process holds the run's lock. */
  gone?: string;
}

/**
 * A run recorded `running` whose lock holder is not alive (or which holds no lock) was
 * killed without a chance to record its end: it is shown `interrupted`, resumable. The
 * store is not written: a reading command must not race a run that is taking the lock,
 * and `resume` (or the next run's orphan sweep) records the end properly.
 */
export function shownRun<R extends RunHead>(store: Store, run: R): ShownRun<R> {
  if (run.state !== "running" || liveHolder(store, run.id)) return { run };
  return { run: { ...run, state: "interrupted" }, gone: `process gone; resume with orchestrate resume ${run.id}` };
}

/** The lock of `runId` while its holder lives: the same pid with the start time it had when it took the lock. */
export function liveHolder(store: Store, runId: string): LockRecord | undefined {
  const lock = store.getLock();
  return lock && lock.runId === runId && processAlive(lock.pid, lock.startTime) ? lock : undefined;
}

/** What an attempt a dead process left open ends with, when `resume` records it (src/run/recover.ts). */
export const CUT_ERROR = "interrupted: the run stopped during this attempt";

/**
 * A run's modules and attempts as reading commands show them. When its process is gone (`cutAt`:
 * its last recorded step) none of them still runs: an open attempt is shown cancelled at `cutAt`
 * and its module pending, as `resume` will record them and as a Ctrl-C leaves them. Derived here
 * only, so `status`, `report`, `runs` and the dashboard agree.
 */
export function shownWork<M extends ModuleRecord, A extends AttemptRecord>(modules: M[], attempts: A[], cutAt: number | undefined): { modules: M[]; attempts: A[] } {
  if (cutAt === undefined) return { modules, attempts };
  return {
    // Cut in its gate, its agent had finished: a local run's `resume` gates that work again (src/run/recover.ts requeueCut).
    modules: modules.map((m) => (shownState(m.state, true) !== m.state ? { ...m, state: "pending", reason: m.state === "validating" ? "cut off in its gate, its agent done: its run's process is gone" : "cut off: its run's process is gone" } : m)),
    attempts: attempts.map((a) => (a.state === "running" ? { ...a, state: "cancelled", error: CUT_ERROR, endedAt: Math.max(a.startedAt, cutAt) } : a)),
  };
}

/** A module's state as shown: one a dead process (`gone`) left running or validating is pending again. */
export function shownState(state: ModuleState, gone: boolean): ModuleState {
  return gone && (state === "running" || state === "validating") ? "pending" : state;
}
