import type { AgentEvent, AttemptKind, Usage } from "../agents/types.js";
import type { Plan } from "../plan/types.js";
import type { EventRecord, ModuleState, RunState, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import type { DiscoveredCheck } from "../validate/discover.js";
import type { FailureCode } from "./failure.js";

/** A check that failed on the code as it was, before a refactoring. */
export interface BaselineFailure {
  module: string;
  check: string;
  message: string;
  /** The first lines of the check's output. */
  output?: string;
}

/** A check that failed at the run's end, as it went on the run's base commit. */
export interface BaseCheck {
  name: string;
  /** Whether the check failed on the base commit too; undefined when it could not be run there (`error`). */
  failedAtBase?: boolean;
  /** Failing tests named in both outputs: already failing before the run. */
  already?: string[];
  /** Failing tests at the end that passed (or were not named failing) on the base commit. */
  added?: string[];
  /** Why the check could not be run on the base commit (no worktree, cancelled). */
  error?: string;
}

/** Everything a run reports while it goes: the live view, logs and the store's event table read these. */
export type RunEvent =
  /** `ranMs`: a resumed run's time in its earlier sessions (src/run/run-time.ts). */
  | { type: "run:start"; runId: string; request: string; plan: Plan; resumed: boolean; ranMs?: number; concurrency: number; schedule: "ready" | "waves"; agent: string }
  | {
      type: "module:state";
      runId: string;
      moduleId: string;
      layer: string;
      state: ModuleState;
      attempt: number;
      reason?: string;
      /** `validating`: what the attempt's agent spent, so that a run killed in the gate still counts it. */
      agentUsage?: Usage;
      /** `validating`: the agent's summary and the files it says it changed, so that a run killed in the gate can gate that work again on `resume`. */
      agentSummary?: string;
      agentFiles?: string[];
    }
  /** `regate`: the attempt runs the module gate alone, on attempt `regate`'s work, whose gate the run stopped (src/run/regate.ts). */
  | { type: "attempt:start"; runId: string; moduleId: string; attempt: number; kind: AttemptKind; agent: string; promptPath: string; regate?: number }
  | { type: "attempt:end"; runId: string; moduleId: string; attempt: number; ok: boolean; cancelled?: boolean; error?: string; failure?: FailureCode; retryable?: boolean; durationMs: number; usage: Usage; summary?: string; /** Why the attempt's changed files are not known (its record then lists none). */ filesUnknown?: string; /** A queued attempt: the worker that ran it (`host:pid`). */ worker?: string }
  /** A queued attempt's job taken by a worker (`host:pid`), and again by another after a loss. */
  | { type: "attempt:worker"; runId: string; moduleId: string; attempt: number; worker: string }
  | { type: "agent"; runId: string; moduleId: string; attempt: number; event: AgentEvent }
  | { type: "gate"; runId: string; result: GateResult }
  | { type: "wave"; runId: string; wave: number; modules: string[] }
  | { type: "signal"; runId: string; signal: string; graceMs: number }
  | { type: "budget"; runId: string; reason: string; spent: Usage }
  /** optimize: a module's benchmark figure before its first attempt, and after each passing one. */
  | { type: "bench"; runId: string; moduleId: string; phase: "before"; value: number; command: string }
  | { type: "bench"; runId: string; moduleId: string; phase: "after"; value: number; before: number; command: string }
  /** refactor: the scope's gates passed on the code as it was, so a resumed run does not check again. */
  | { type: "baseline"; runId: string; ok: true }
  /** refactor: the checks that failed on the code as it was, with the start of their output; the run stops. */
  | { type: "baseline"; runId: string; ok: false; failures: BaselineFailure[] }
  /**
   * An attempt changed files its module does not own: files other modules own (`others`, with
   * their owners) and files no module owns (`unowned`). `failed`: config `ownership: fail` failed the attempt for `others`.
   */
  | { type: "ownership"; runId: string; moduleId: string; attempt: number; others: { file: string; owners: string[] }[]; unowned: string[]; failed?: boolean }
  /** A layer or system gate that failed, run again on the run's base commit: which of its failures were there before the run. */
  /** `passed`: every failing test failed on the base commit too and none is new: the run passes the (system) gate, with a warning. */
  | { type: "gate:base"; runId: string; level: "layer" | "system"; target: string; base: string; checks: BaseCheck[]; passed?: true }
  /**
   * What validates the run, as the run started: configured or discovered gates, or none at all. `gates`: the
   * discovered checks of its modules, which `resume` keeps to (runs from before they were recorded have none).
   */
  | { type: "validation"; runId: string; none: boolean; lines: string[]; gates?: DiscoveredCheck[] }
  /** Something the run wants the user to know that does not stop it (a spec changed since the plan). */
  | { type: "warning"; runId: string; message: string }
  /** The documentation step: pending from the moment the run's end is recorded until its files are written. */
  | { type: "docs"; runId: string; state: "pending" }
  /** `written`: the files the step changed; `preview`: where the entries of modules that changed no file went instead (relative to the project). */
  | { type: "docs"; runId: string; state: "done"; written?: string[]; preview?: string; already?: string }
  /** How the run works on the files: at its start (branch and base, or why it shares the working tree) and at its end (head, and what `--apply` did). */
  | { type: "workspace"; runId: string; isolation: "worktree" | "shared"; branch?: string; base?: string; head?: string; note?: string; applied?: { ok: boolean; message: string }; removed?: true }
  /** An attempt's commit merged into the integration branch (`into`: the branch's new head), or the conflict that failed the attempt. */
  | { type: "merge"; runId: string; moduleId: string; attempt: number; ok: boolean; commit: string; into?: string; files: string[]; conflict?: string }
  /** `durationMs`: the run's time over all its sessions; `sessions` when more than one ran it. */
  | { type: "run:end"; runId: string; state: RunState; durationMs: number; sessions?: number; counts: Record<ModuleState, number>; usage: Usage };

export type RunEventType = RunEvent["type"];
export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

/** A timestamped event as delivered to listeners. */
export type Timed<E = RunEvent> = E & { at: number };

export type RunListener = (event: Timed) => void;

/** The run's recorded events of one type, in order; data checked by its `type` field, the union's discriminant. */
export function recorded<T extends RunEventType>(events: readonly EventRecord[], type: T): EventOf<T>[] {
  const out: EventOf<T>[] = [];
  for (const e of events) if (e.type === type && isEvent(e.data, type)) out.push(e.data);
  return out;
}

/** A run's events read once, then asked by type. */
export type RecordedEvents = <T extends RunEventType>(type: T) => EventOf<T>[];

/**
 * Reads each type's events when first asked, and only those: a run of 10,000 modules has
 * some 60,000 events, and reading them all for the docs step's `attempt:end` was the
 * run's peak memory.
 */
export function recordedEvents(store: Store, runId: string): RecordedEvents {
  const byType = new Map<RunEventType, RunEvent[]>();
  return <T extends RunEventType>(type: T): EventOf<T>[] => {
    let events = byType.get(type);
    if (!events) {
      events = recorded(store.getEvents(runId, 0, type), type);
      byType.set(type, events);
    }
    return events as EventOf<T>[];
  };
}

function isEvent<T extends RunEventType>(data: unknown, type: T): data is EventOf<T> {
  return typeof data === "object" && data !== null && "type" in data && data.type === type;
}
