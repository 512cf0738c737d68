import type { LockRecord, RunHead, RunRecord, Store } from "../store/types.js";
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
