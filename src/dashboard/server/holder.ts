import type { Store } from "../../store/types.js";
import { liveHolder } from "../../run/liveness.js";

/** Runs this process drives: the dashboard's own LiveRuns, or the run `run --dashboard` serves. */
export interface InProcessRuns {
  has(runId: string): boolean;
  /** Ctrl-C for the run: the orchestrator's `stop`. */
  stop(runId: string): void;
}

export type Holder = { kind: "this" } | { kind: "other"; pid: number; startTime: string } | null;

/**
 * Who runs `runId` now. A run of this process is ours to stop; otherwise the run lock names
 * the process that holds it, which counts only while that pid still has the start time it
 * had when it took the lock (a reused pid is someone else, and must never get our signal).
 */
export function holderOf(store: Store, runId: string, inProcess: InProcessRuns[]): Holder {
  if (inProcess.some((r) => r.has(runId))) return { kind: "this" };
  const lock = liveHolder(store, runId);
  // A lock of this very process that it does not drive is a run that ended here: nobody to signal.
  if (!lock || lock.pid === process.pid) return null;
  return { kind: "other", pid: lock.pid, startTime: lock.startTime };
}
