import type { Usage } from "../usage.js";
import type { Plan } from "../plan/types.js";
import type { GateResult } from "../validate/types.js";

export type RunState = "running" | "done" | "failed" | "interrupted" | "budget_exceeded";
export type ModuleState = "pending" | "running" | "validating" | "done" | "failed" | "blocked";
export type AttemptState = "running" | "done" | "failed" | "cancelled";

export interface RunRecord {
  id: string;
  request: string;
  /** The Plan the run executes, as it was stored. */
  plan: Plan;
  /** JSON of the compiled options the run started with. */
  options: string;
  state: RunState;
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
}

/** A run as listings show it (`orchestrate runs`, the dashboard's list): its record without plan and options. */
export interface RunHead extends Omit<RunRecord, "plan" | "options"> {
  /** The plan's task type (`analysis.type`), kept beside it; absent for a plan of another shape. */
  taskType?: string;
}

/** What a listing shows of a run besides its head (`Store.runTallies`). */
export interface RunTally {
  /** How many of its modules are in each state. */
  states: Partial<Record<ModuleState, number>>;
  /** Its attempts' usage, summed in the order `getAttempts` lists them. */
  usage: Usage;
  /** How many `run:start` events it has, and the last of them. */
  starts: number;
  lastStart?: EventRecord;
  /** When its newest event was recorded. */
  newestEventAt?: number;
}

export interface ModuleRecord {
  runId: string;
  moduleId: string;
  layer: string;
  state: ModuleState;
  reason?: string;
  /** Attempts started so far. */
  attempts: number;
  updatedAt: number;
}

export interface AttemptRecord {
  runId: string;
  moduleId: string;
  n: number;
  kind: string;
  agent: string;
  state: AttemptState;
  /** Relative to the project root. */
  promptPath: string;
  summary?: string;
  error?: string;
  filesChanged: string[];
  usage: Usage;
  /** The module gate's result, when gates ran. */
  gates?: GateResult;
  /** A queued run's attempt: the `orchestrate worker` that ran it, `host:pid` as its ready line names it. */
  worker?: string;
  startedAt: number;
  endedAt?: number;
}

/** An attempt's texts: the prompt it was sent, and its outcome (summary, error, files, gate, the agent's raw result). */
export interface AttemptText {
  prompt?: string;
  output?: string;
}

/** The spec text a prompt quotes and its digest: a plan module's `specText` and `specDigest`. */
export interface QuotedSpec {
  digest: string;
  text: string;
}

export interface EventRecord {
  id: number;
  runId: string;
  at: number;
  type: string;
  moduleId?: string;
  data: unknown;
}

export interface MemoryRecord {
  key: string;
  content: string;
  /** Free tags used to find relevant memories: `module:portfolio`, `layer:core`. */
  tags: string[];
  runId?: string;
  createdAt: number;
  updatedAt: number;
}

/** What `searchMemories` looks for; the filters given must all hold. */
export interface MemorySearch {
  /**
   * Words, any of which a memory's key or content must hold (whole words, case and
   * accents ignored), best matches first (bm25). No words: newest first.
   */
  query?: string;
  /** Only memories carrying any of these tags. */
  tags?: string[];
  /** Only memories tagged `module:<module>`. */
  module?: string;
  /** At most this many (1 or more). */
  limit: number;
}

export interface TodoRecord {
  runId: string;
  /** Whose list it is: a module id, or `run`. */
  owner: string;
  content: string;
  status: "pending" | "in_progress" | "completed";
  position: number;
}

/** Who holds the project's run lock. */
export interface LockRecord {
  pid: number;
  /** When the holder started, as the OS tells it: with the pid, it names one process ever. */
  startTime: string;
  runId: string;
  since: number;
}

/** A process group an attempt's agent started: `pid` leads it, so it is also the group id. */
export interface ProcessRecord {
  runId: string;
  moduleId: string;
  /** The attempt's number. */
  n: number;
  pid: number;
  /** The leader's start time, so a later process given the same pid is not taken for it. */
  startTime: string;
  recordedAt: number;
}

/** How a run works on the project's files (src/workspace). */
export interface WorkspaceRecord {
  runId: string;
  isolation: "worktree" | "shared";
  /** The integration branch, when isolated. */
  branch?: string;
  /** The commit the integration branch was made from (the user's HEAD, or it and their uncommitted changes). */
  base?: string;
  /** Why the run is not isolated, or what it left out (uncommitted changes), when it says so. */
  note?: string;
  at: number;
}

/** An attempt's commit on its way into the integration branch. */
export interface MergeRecord {
  runId: string;
  moduleId: string;
  n: number;
  commit: string;
  state: "pending" | "merged" | "failed";
  /** The integration branch's commit after the merge. */
  mergeCommit?: string;
  /** Files the commit changed, relative to the project. */
  files: string[];
  /** What ending the attempt records (its AttemptEnd and module state), kept so a merge a crash cut short can be finished from it. */
  payload: unknown;
  at: number;
}

export interface AttemptEnd {
  state: Exclude<AttemptState, "running">;
  summary?: string;
  error?: string;
  filesChanged?: string[];
  usage?: Usage;
  gates?: GateResult;
  /** The queue worker that ran it (`host:pid`). */
  worker?: string;
  endedAt: number;
}

/**
 * Durable state of runs. Every method that changes state is one transaction,
 * so a process killed at any instant leaves the store consistent.
 */
export interface Store {
  createRun(run: { id: string; request: string; plan: Plan; options: string; modules: { moduleId: string; layer: string }[]; at: number }): RunRecord;
  getRun(id: string): RunRecord | undefined;
  /** Newest first. */
  listRuns(limit?: number): RunRecord[];
  /** Newest first, as `listRuns`, without reading any plan: what a listing polled every few seconds reads. */
  listRunHeads(limit?: number): RunHead[];
  /** One run as `listRunHeads` gives it: its times and state without reading its plan. */
  getRunHead(id: string): RunHead | undefined;
  setRunState(id: string, state: RunState, at: number): void;
  /**
   * Each run's tally (by run id; a run with no module, attempt nor event may be absent): read
   * in a few queries over all runs, where reading each run's modules, attempts and events took
   * several queries a run, for a listing polled every few seconds.
   */
  runTallies(): Map<string, RunTally>;

  getModules(runId: string): ModuleRecord[];
  getModule(runId: string, moduleId: string): ModuleRecord | undefined;
  setModuleState(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void;

  /** Starts attempt n = attempts + 1 and moves the module to `running`, in one transaction. */
  startAttempt(runId: string, moduleId: string, attempt: { kind: string; agent: string; promptPath: string; at: number }): AttemptRecord;
  /** Ends the attempt and sets the module state, in one transaction. */
  finishAttempt(runId: string, moduleId: string, n: number, end: AttemptEnd, moduleState: ModuleState, reason?: string): void;
  /** A queued attempt's worker (`host:pid`), kept as the worker takes its job, while it runs; its end keeps the one that ran it. Nothing for an ended attempt. */
  setAttemptWorker(runId: string, moduleId: string, n: number, worker: string): void;
  getAttempts(runId: string, moduleId?: string): AttemptRecord[];
  /**
   * Keeps an ended attempt of a step that is no module of the run (the planner, made before
   * the run began): its usage counts in the run's totals and budget; no module row changes.
   */
  recordAttempt(attempt: AttemptRecord & { endedAt: number }): void;

  /** A planner model's `submit_plan` input, under its planning id. */
  savePlanSubmission(planningId: string, data: unknown, at: number): void;
  /** The latest submission under `planningId`, or undefined. */
  getPlanSubmission(planningId: string): unknown;

  /** Records (or replaces) how the run works on the project's files. */
  setWorkspace(workspace: WorkspaceRecord): void;
  getWorkspace(runId: string): WorkspaceRecord | undefined;
  /**
   * Keeps (redacted) the prompt attempt `n` of `moduleId` was sent, or its outcome as text
   * (what `status --output` prints), or both; a field not given stays. The attempt must exist.
   * `spec`: the module's spec, which the prompt quotes; a store that keeps spec texts by digest
   * (SQLite) keeps the prompt without it. `getAttemptText` returns the same prompt either way.
   */
  keepAttemptText(runId: string, moduleId: string, n: number, text: AttemptText, spec?: QuotedSpec): void;
  /** What was kept for that attempt: nothing for a run from before texts were kept in the store. */
  getAttemptText(runId: string, moduleId: string, n: number): AttemptText;
  /**
   * Whether this store's `createRun` kept the spec text under `digest` as it was given (no secret
   * redacted from it), so that `getSpecText` gives that text back: a run lets go of the spec texts
   * its prompts have quoted (run/spec-text-lifetime.ts) and reads one back should a prompt quote it again.
   */
  keepsSpecText(digest: string): boolean;
  /** The spec text kept under `digest` (a plan module's `specDigest`), as stored: redacted when it held a secret. */
  getSpecText(digest: string): string | undefined;
  /** Records an attempt's commit as pending, before the integration branch moves. */
  recordMerge(merge: Omit<MergeRecord, "state" | "mergeCommit">): void;
  /** Marks a recorded merge merged (with the integration commit) or failed. */
  finishMerge(runId: string, moduleId: string, n: number, state: "merged" | "failed", mergeCommit?: string): void;
  /** The run's merges in the order they were recorded. */
  getMerges(runId: string): MergeRecord[];
  appendEvent(runId: string, type: string, data: unknown, at: number, moduleId?: string): void;
  /**
   * The run's events after `afterId`, in order; only those of `type` when given (the others are not read),
   * and with `withKey` only those whose data has that key of its own (the others are not decoded).
   */
  getEvents(runId: string, afterId?: number, type?: string, withKey?: string): EventRecord[];
  /** The id of the run's newest event, 0 when it has none: where a reader of later events starts, without reading these. */
  latestEventId(runId: string): number;

  /**
   * Takes the project's run lock for `owner` unless `isLive` says its holder still runs.
   * Read, check and write are one transaction, so of processes racing for it exactly one
   * takes it. Returns the live holder that kept it, or undefined once `owner` holds it.
   */
  takeLock(owner: LockRecord, isLive: (holder: LockRecord) => boolean): LockRecord | undefined;
  /** Lets go of the lock if `owner` (the same pid and start time) holds it; true when it did. */
  releaseLock(owner: Pick<LockRecord, "pid" | "startTime">): boolean;
  getLock(): LockRecord | undefined;

  /** Records a process group of an attempt; recording the same pid again updates it. */
  recordProcess(process: ProcessRecord): void;
  /** In the order recorded; all runs' when `runId` is not given. */
  getProcesses(runId?: string): ProcessRecord[];
  /** Forgets a group known to be gone; true when it was recorded. */
  forgetProcess(process: Pick<ProcessRecord, "runId" | "moduleId" | "n" | "pid">): boolean;

  writeMemory(memory: { key: string; content: string; tags?: string[]; runId?: string; at: number }): MemoryRecord;
  readMemory(key: string): MemoryRecord | undefined;
  /** Newest first; `tags` matches memories carrying any of them. */
  listMemories(filter?: { tags?: string[]; limit?: number }): MemoryRecord[];
  deleteMemory(key: string): boolean;
  /**
   * Memories matching `search`, ranked; ties newest first, then by key. Reads the memories
   * the filters and words select through indexes, never all of them.
   */
  searchMemories(search: MemorySearch): MemoryRecord[];

  writeTodos(runId: string, owner: string, todos: { content: string; status: TodoRecord["status"] }[]): void;
  readTodos(runId: string, owner?: string): TodoRecord[];

  /**
   * Runs `fn` (calls of this store) as one transaction: all of it lands or none. The
   * engine joins a transition and the events that report it, one commit instead of three.
   * `single`: `fn` makes one write besides appending events, and makes it last; a store
   * may then skip what undoing more would take (SQLite: a savepoint, which copies every page
   * the batch changes). A call after that write throws, before doing anything.
   */
  batch<T>(fn: () => T, how?: { single?: boolean }): T;

  /**
   * Calls `fn` once what was written so far is committed: at once, unless the store groups
   * commits (see `SqliteStoreOptions.group`) and a group is open.
   */
  afterCommit(fn: () => void): void;

  /** Commits what is written so far: durable when this returns. */
  flush(): void;

  /** Flushes, then closes. */
  close(): void;
}
