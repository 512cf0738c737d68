import type { AttemptRecord, ModuleRecord, RunRecord, Store, TodoRecord } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import type { Plan } from "../plan/types.js";
import { RunError } from "../errors.js";
import { StoreError } from "../store/errors.js";
import { recorded, type BaselineFailure, type EventOf } from "./events.js";
import { liveHolder, shownWork } from "./liveness.js";
import { runTimeOf, type RunTime } from "./run-time.js";
import { moduleCommits, recordedWorkspace, type MergeView, type WorkspaceView } from "./workspace-view.js";

/** Run `runId`, or the project's latest run. */
export function findRun(store: Store, runId?: string): RunRecord {
  return readRun(store, runId, false).run;
}

/**
 * As `findRun`; with `planless`, a run whose stored plan cannot be read comes without it (its
 * modules then group by the layer each recorded), with the store's error to answer once the
 * rest is shown.
 */
export function readRun(store: Store, runId: string | undefined, planless: boolean): { run: RunRecord; unreadable?: StoreError } {
  // The latest run is found among the heads: only the chosen run's plan is read.
  const id = runId ?? store.listRunHeads(1)[0]?.id;
  try {
    const run = id === undefined ? undefined : store.getRun(id);
    if (!run) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No runs in this project yet (start one with `orchestrate run`)");
    return { run };
  } catch (error) {
    const head = id === undefined ? undefined : store.getRunHead(id);
    if (!planless || !head || !(error instanceof StoreError) || error.code !== "STORE_UNREADABLE") throw error;
    const { taskType: _t, ...rest } = head;
    return { run: { ...rest, plan: NO_PLAN, options: "{}" }, unreadable: error };
  }
}

/** The plan shown for a run whose stored plan cannot be read: no layers nor modules. */
const NO_PLAN = { request: "", layers: [], modules: [], waves: [], criticalPath: [], warnings: [] } as unknown as Plan;

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
  /** Attempts that changed files their module does not own, in order. */
  ownership?: Omit<EventOf<"ownership">, "type" | "runId">[];
  /** Failed layer and system gates run again on the base commit: which failures were there before the run, the last of each gate. */
  baseGates?: Omit<EventOf<"gate:base">, "type" | "runId">[];
}

export function runExtras(store: Store, runId: string, gone?: string): RunExtras {
  const run = store.getRunHead(runId);
  const time = run && runTimeOf(store, run, run.state === "running" && liveHolder(store, runId) !== undefined);
  const events = store.getEvents(runId);
  const gates = recorded(events, "gate")
    .map((e) => e.result)
    .filter((g) => g.level !== "module");
  const baseline = recorded(events, "baseline").findLast((e) => !e.ok);
  const validation = recorded(events, "validation").at(-1);
  const recordedWs = recordedWorkspace(store, runId);
  const workspace = recordedWs && recorded(events, "workspace").at(-1)?.removed ? { ...recordedWs, removed: true as const } : recordedWs;
  const merges = recorded(events, "merge").map(({ type: _t, runId: _r, ...m }) => m);
  const commits = moduleCommits(store, runId);
  const ownership = recorded(events, "ownership").map(({ type: _t, runId: _r, ...o }) => o);
  // A resumed run may have run a gate on its base more than once: its last word counts.
  const bases = new Map(recorded(events, "gate:base").map(({ type: _t, runId: _r, ...b }) => [`${b.level}:${b.target}`, b]));
  return {
    gates,
    ...(baseline && !baseline.ok ? { baseline: baseline.failures } : {}),
    ...(validation ? { validation: { none: validation.none, lines: validation.lines } } : {}),
    ...(gone ? { gone } : {}),
    ...(workspace ? { workspace } : {}),
    ...(commits.size ? { commits } : {}),
    ...(merges.length ? { merges } : {}),
    ...(time ? { time } : {}),
    ...(ownership.length ? { ownership } : {}),
    ...(bases.size ? { baseGates: [...bases.values()] } : {}),
  };
}

/** The run's modules and attempts as shown: none still running once its process is gone (`extras.gone`), cut at its last recorded step. */
export function shownWorkOf(store: Store, runId: string, extras: Pick<RunExtras, "gone" | "time">): { modules: ModuleRecord[]; attempts: AttemptRecord[] } {
  return shownWork(store.getModules(runId), store.getAttempts(runId), extras.gone ? (extras.time?.until ?? 0) : undefined);
}
