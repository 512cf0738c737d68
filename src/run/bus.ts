import type { ModuleState, RunRecord, Store } from "../store/types.js";
import type { RunSummary } from "./context.js";
import type { RunEvent, RunListener, Timed } from "./events.js";
import { Budget } from "./budget.js";
import { runTimeOf } from "./run-time.js";

/** A run's events: recorded in the store, then told to listeners once that is committed. */
export class EventBus {
  private readonly listeners: RunListener[] = [];
  /** Events emitted inside a batch, told to listeners once it commits. */
  private held: Timed[] | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  on(listener: RunListener): void {
    this.listeners.push(listener);
  }

  emit(runId: string, event: RunEvent): void {
    const at = this.now();
    // Agent chatter (progress lines, usage so far) stays in memory; tool calls are kept; the plan is in the run record.
    if (event.type !== "agent" || event.event.type === "tool") this.store.appendEvent(runId, event.type, event.type === "run:start" ? { ...event, plan: undefined } : event, at, "moduleId" in event ? event.moduleId : undefined);
    // With nobody to tell (a run in process with no listener), no timed copy and no callback after the commit.
    if (this.listeners.length === 0) return;
    const timed: Timed = { ...event, at };
    if (this.held) this.held.push(timed);
    else this.store.afterCommit(() => this.tell([timed]));
  }

  /**
   * Runs `fn` as one store transaction; the events it emits reach listeners only once
   * it has committed, so nobody is told "done" about a state a crash could still undo.
   * `single`: `fn` emits, then makes one store write as its last call (Store.batch).
   */
  batch<T>(fn: () => T, how: { single?: boolean } = {}): T {
    this.held = [];
    let told: Timed[];
    let result: T;
    try {
      result = this.store.batch(fn, how);
    } finally {
      told = this.held;
      this.held = undefined;
    }
    this.store.afterCommit(() => this.tell(told));
    return result;
  }

  private tell(events: Timed[]): void {
    // By index: below TurboFan (src/cli/heap.ts) a for-of allocates an iterator and a result per element, seven tellings a module.
    const { listeners } = this;
    for (let i = 0; i < events.length; i++) for (let j = 0; j < listeners.length; j++) listeners[j]!(events[i]!);
  }
}

export function countStates(states: ModuleState[]): Record<ModuleState, number> {
  const counts: Record<ModuleState, number> = { pending: 0, running: 0, validating: 0, done: 0, failed: 0, blocked: 0 };
  for (const s of states) counts[s]++;
  return counts;
}

/** The summary of a run that already ended, from the store: what its unfinished documentation step needs. */
export function endedSummary(store: Store, run: RunRecord): RunSummary {
  const usage = new Budget({}, store.getAttempts(run.id)).spent();
  const counts = countStates(store.getModules(run.id).map((m) => m.state));
  const time = runTimeOf(store, run, false);
  return { runId: run.id, state: run.state, durationMs: time.ms, ...(time.sessions > 1 ? { sessions: time.sessions } : {}), counts, usage };
}
