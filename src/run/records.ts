import type { RunRecord, Store, TodoRecord } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import { RunError } from "../errors.js";
import { recorded, type BaselineFailure } from "./events.js";
import { liveHolder } from "./liveness.js";
import { runTimeOf, type RunTime } from "./run-time.js";
import { moduleCommits, recordedWorkspace, type MergeView, type WorkspaceView } from "./workspace-view.js";

/** Run `runId`, or the project's latest run. */
export function findRun(store: Store, runId?: string): RunRecord {
  const run = runId ? store.getRun(runId) : store.listRuns(1)[0];
  if (!run) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No runs in this project yet (start one with `orchestrate run`)");
  return run;
}

/** What agents reported through orchestrate's MCP server: each module's todo list and its latest progress line. */
export interface AgentNotes {
  todos: Map<string, Pick<TodoRecord, "content" | "status">[]>;
  progress: Map<string, string>;
}

export function agentNotes(store: Store, runId: string): AgentNotes {
  const todos = new Map<string, Pick<TodoRecord, "content" | "status">[]>();
  for (const t of store.readTodos(runId)) todos.set(t.owner, [...(todos.get(t.owner) ?? []), { content: t.content, status: t.status }]);
  const progress = new Map<string, string>();
  for (const e of store.getEvents(runId)) {
    if (e.type === "agent:progress" && e.moduleId && typeof e.data === "object" && e.data !== null && "message" in e.data) progress.set(e.moduleId, String(e.data.message ?? ""));
  }
  return { todos, progress };
}

/** Layer and system gate results, as the run recorded them. */
export function runGates(store: Store, runId: string): GateResult[] {
  return recorded(store.getEvents(runId), "gate")
    .map((e) => e.result)
    .filter((g) => g.level !== "module");
}

/** What `status` and `report` add to a run's modules: its gates, a failed baseline, what validated it, and whether it is really live. */
export interface RunExtras {
  /** Layer and system gate results, as recorded. */
  gates: GateResult[];
  /** refactor: the checks that failed on the code as it was. */
  baseline?: BaselineFailure[];
  /** What validated the run, as it started (runs from before this was recorded have none). */
  validation?: { none: boolean; lines: string[] };
  /** Why a run recorded `running` is shown `interrupted`: its process is gone. */
  gone?: string;
  /** How the run worked on the files (the store's record; `withBranchHead` adds git's view). */
  workspace?: WorkspaceView;
  /** Each module's commit: its last merged attempt's. */
  commits?: Map<string, string>;
  /** Attempts' merges into the integration branch and their conflicts, in order. */
  merges?: MergeView[];
  /** How long it ran (src/run/run-time.ts). */
  time?: RunTime;
}

export function runExtras(store: Store, runId: string, gone?: string): RunExtras {
  const run = store.getRun(runId);
  const time = run && runTimeOf(store, run, run.state === "running" && liveHolder(store, runId) !== undefined);
  const events = store.getEvents(runId);
  const gates = recorded(events, "gate")
    .map((e) => e.result)
    .filter((g) => g.level !== "module");
  const baseline = recorded(events, "baseline").findLast((e) => !e.ok);
  const validation = recorded(events, "validation").at(-1);
  const workspace = recordedWorkspace(store, runId);
  const merges = recorded(events, "merge").map(({ type: _t, runId: _r, ...m }) => m);
  const commits = moduleCommits(store, runId);
  return {
    gates,
    ...(baseline && !baseline.ok ? { baseline: baseline.failures } : {}),
    ...(validation ? { validation: { none: validation.none, lines: validation.lines } } : {}),
    ...(gone ? { gone } : {}),
    ...(workspace ? { workspace } : {}),
    ...(commits.size ? { commits } : {}),
    ...(merges.length ? { merges } : {}),
    ...(time ? { time } : {}),
  };
}
