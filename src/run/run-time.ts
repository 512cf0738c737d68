import type { RunHead, RunTally, Store } from "../store/types.js";
import { recorded } from "./events.js";

/**
 * How long a run ran: the sum of its sessions (the first `run`, then each `resume`), never the
 * idle time between a crash or Ctrl-C and the `resume` that went on. A session lasts from its
 * start (the run's creation, or the resume's `run:start`) to:
 * - now, while its process runs;
 * - the end it recorded (`endedAt`: done, failed, interrupted by Ctrl-C);
 * - its last recorded step, when its process died without recording an end (`kill -9`): the
 *   time after it is unknown, so the figure is a lower bound, and says so (`end: "cut"`).
 * `status`, `runs`, `report`, the dashboard, the run's own end line and its docs all use this.
 */
export interface RunTime {
  ms: number;
  /** How many sessions ran it: 2 after one `resume`. */
  sessions: number;
  /** How the last session's end is known. */
  end: "live" | "ended" | "cut";
  /** When the last session ended (now, while it runs). */
  until: number;
}

/** What the store holds about when a run ran. */
export interface RunClock {
  createdAt: number;
  /** Set once a session recorded the run's end; unset while one runs, or after its process died. */
  endedAt?: number;
  /** The last session's start: its `run:start` event, which for a resumed run carries what the earlier sessions ran. */
  lastStart?: { at: number; resumed: boolean; ranMs?: number };
  sessions: number;
  /** The time of the run's newest event: the last step a process that died recorded. */
  lastStepAt?: number;
}

export function runTime(clock: RunClock, live: boolean, now: number): RunTime {
  const start = clock.lastStart;
  // A run resumed before sessions were counted carries no `ranMs`: it is timed from its creation, as it was then.
  const resumed = start?.resumed === true && start.ranMs !== undefined;
  const from = resumed ? start.at : clock.createdAt;
  const before = resumed ? (start.ranMs ?? 0) : 0;
  const sessions = Math.max(1, clock.sessions);
  const [until, end] = live ? [now, "live" as const] : clock.endedAt !== undefined && clock.endedAt >= from ? [clock.endedAt, "ended" as const] : [Math.max(from, clock.lastStepAt ?? from), "cut" as const];
  return { ms: before + Math.max(0, until - from), sessions, end, until };
}

/** The run's clock as its record and events tell it: two small reads (its `run:start` events carry no plan) and its newest event. */
export function runClock(store: Store, run: RunHead): RunClock {
  const starts = store.getEvents(run.id, 0, "run:start");
  const newest = store.latestEventId(run.id);
  const newestEventAt = newest ? store.getEvents(run.id, newest - 1)[0]?.at : undefined;
  return tallyClock(run, { starts: starts.length, ...(starts.length ? { lastStart: starts.at(-1)! } : {}), ...(newestEventAt !== undefined ? { newestEventAt } : {}) });
}

/** The run's clock from what `Store.runTallies` read of its events (all runs' at once, for a listing). */
export function tallyClock(run: RunHead, tally: Pick<RunTally, "starts" | "lastStart" | "newestEventAt"> | undefined): RunClock {
  const last = tally?.lastStart;
  const data = last && recorded([last], "run:start")[0];
  return {
    createdAt: run.createdAt,
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    ...(last ? { lastStart: { at: last.at, resumed: data?.resumed === true, ...(data?.ranMs !== undefined ? { ranMs: data.ranMs } : {}) } } : {}),
    sessions: tally?.starts ?? 0,
    lastStepAt: Math.max(run.updatedAt, tally?.newestEventAt ?? 0),
  };
}

/** The clock its record alone tells (no events): one session, cut at its last change. */
export function recordClock(run: RunHead): RunClock {
  return { createdAt: run.createdAt, ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}), sessions: 1, lastStepAt: run.updatedAt };
}

/** How long `run` ran, by the rule above; `live` when a process holds it now. */
export function runTimeOf(store: Store, run: RunHead, live: boolean, now = Date.now()): RunTime {
  return runTime(runClock(store, run), live, now);
}
