import { redactJson } from "../redact/index.js";
import type { Plan } from "../plan/types.js";
import type { GateResult } from "../validate/types.js";
import type { AttemptRecord, AttemptText, EventRecord, LockRecord, MemoryRecord, MergeRecord, ModuleRecord, ProcessRecord, RunHead, RunRecord, TodoRecord, WorkspaceRecord } from "./types.js";

/** Rows as better-sqlite3 returns them: snake_case columns, NULL for absent values. */
export interface RunRow {
  id: string;
  request: string;
  plan: string;
  options: string;
  state: RunRecord["state"];
  created_at: number;
  updated_at: number;
  ended_at: number | null;
  task_type: string | null;
}

/** A runs row as listRunHeads reads it: no plan, no options. */
export type RunHeadRow = Omit<RunRow, "plan" | "options">;

/** The columns a module is read by, in ModuleCells' order (see ATTEMPT_COLUMNS). */
export const MODULE_COLUMNS = "run_id, module_id, layer, state, reason, attempts, updated_at";

/** A modules row as raw mode returns it (see AttemptCells). */
export type ModuleCells = [runId: string, moduleId: string, layer: string, state: ModuleRecord["state"], reason: string | null, attempts: number, updatedAt: number];

export interface AttemptRow {
  run_id: string;
  module_id: string;
  n: number;
  kind: string;
  agent: string;
  state: AttemptRecord["state"];
  prompt_path: string;
  summary: string | null;
  error: string | null;
  files_changed: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  gates: string | null;
  started_at: number;
  ended_at: number | null;
  worker: string | null;
}

/** The columns an attempt is read by, in AttemptCells' order: named, so an older file's column order cannot move them. */
export const ATTEMPT_COLUMNS = "run_id, module_id, n, kind, agent, state, prompt_path, summary, error, files_changed, input_tokens, output_tokens, cost_usd, gates, started_at, ended_at, worker";

/**
 * An attempts row as better-sqlite3's raw mode returns it: an array, not an object. Building
 * an object of 17 named properties cost more than reading the row (about 26,000 instructions,
 * each property set on a new object by name); an array is filled by index.
 */
export type AttemptCells = [
  runId: string, moduleId: string, n: number, kind: string, agent: string, state: AttemptRecord["state"], promptPath: string,
  summary: string | null, error: string | null, filesChanged: string, inputTokens: number, outputTokens: number, costUsd: number,
  gates: string | null, startedAt: number, endedAt: number | null, worker: string | null,
];

/** An attempt's texts with the spec text its prompt leaves out (src/store/spec-texts.ts), when it does. */
export interface AttemptTextRow {
  prompt: string | null;
  spec_digest: string | null;
  spec: string | null;
  prompt_end: string | null;
  output: string | null;
}

export interface EventRow {
  id: number;
  run_id: string;
  at: number;
  type: string;
  module_id: string | null;
  data: string;
}

export interface MemoryRow {
  id: number;
  key: string;
  content: string;
  tags: string;
  run_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TodoRow {
  run_id: string;
  owner: string;
  position: number;
  content: string;
  status: TodoRecord["status"];
}

export interface LockRow {
  pid: number;
  start_time: string;
  run_id: string;
  since: number;
}

export interface ProcessRow {
  run_id: string;
  module_id: string;
  n: number;
  pid: number;
  start_time: string;
  recorded_at: number;
}

// Optional record fields are left out rather than set to undefined, so records
// from every Store implementation compare equal.

export function toRun(r: RunRow): RunRecord {
  const run: RunRecord = {
    id: r.id, request: r.request, plan: JSON.parse(r.plan) as Plan, options: r.options, state: r.state,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
  if (r.ended_at !== null) run.endedAt = r.ended_at;
  return run;
}

export function toRunHead(r: RunHeadRow): RunHead {
  const run: RunHead = { id: r.id, request: r.request, state: r.state, createdAt: r.created_at, updatedAt: r.updated_at };
  if (r.ended_at !== null) run.endedAt = r.ended_at;
  if (r.task_type !== null) run.taskType = r.task_type;
  return run;
}

export function toModule(c: ModuleCells): ModuleRecord {
  const mod: ModuleRecord = { runId: c[0], moduleId: c[1], layer: c[2], state: c[3], attempts: c[5], updatedAt: c[6] };
  if (c[4] !== null) mod.reason = c[4];
  return mod;
}

export function toAttempt(c: AttemptCells): AttemptRecord {
  // By index, not destructured: below TurboFan, where the run's code runs, destructuring walks the array's iterator.
  const attempt: AttemptRecord = {
    runId: c[0], moduleId: c[1], n: c[2], kind: c[3], agent: c[4], state: c[5], promptPath: c[6], filesChanged: JSON.parse(c[9]) as string[],
    usage: { inputTokens: c[10], outputTokens: c[11], costUsd: c[12] },
    startedAt: c[14],
  };
  if (c[7] !== null) attempt.summary = c[7];
  if (c[8] !== null) attempt.error = c[8];
  if (c[13] !== null) attempt.gates = JSON.parse(c[13]) as GateResult;
  if (c[15] !== null) attempt.endedAt = c[15];
  if (c[16] !== null) attempt.worker = c[16];
  return attempt;
}

export function toAttemptText(r: AttemptTextRow | undefined): AttemptText {
  const text: AttemptText = {};
  if (r?.prompt != null) text.prompt = r.spec_digest === null ? r.prompt : `${r.prompt}${r.spec ?? `(spec text ${r.spec_digest} missing)`}${r.prompt_end ?? ""}`;
  if (r?.output != null) text.output = r.output;
  return text;
}

export function toEvent(r: EventRow): EventRecord {
  const event: EventRecord = { id: r.id, runId: r.run_id, at: r.at, type: r.type, data: JSON.parse(r.data) };
  if (r.module_id !== null) event.moduleId = r.module_id;
  return event;
}

/** A memory as a search reads it (src/store/search-sql.ts): key, content, tags, run_id, created_at, updated_at. */
export type MemoryTuple = [key: string, content: string, tags: string, runId: string | null, createdAt: number, updatedAt: number];

export function tupleToMemory(r: MemoryTuple): MemoryRecord {
  const memory: MemoryRecord = { key: r[0], content: r[1], tags: JSON.parse(r[2]) as string[], createdAt: r[4], updatedAt: r[5] };
  if (r[3] !== null) memory.runId = r[3];
  return memory;
}

export function toMemory(r: MemoryRow): MemoryRecord {
  const memory: MemoryRecord = {
    key: r.key, content: r.content, tags: JSON.parse(r.tags) as string[],
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
  if (r.run_id !== null) memory.runId = r.run_id;
  return memory;
}

export function toTodo(r: TodoRow): TodoRecord {
  return { runId: r.run_id, owner: r.owner, content: r.content, status: r.status, position: r.position };
}

export function toLock(r: LockRow): LockRecord {
  return { pid: r.pid, startTime: r.start_time, runId: r.run_id, since: r.since };
}

export function toProcess(r: ProcessRow): ProcessRecord {
  return { runId: r.run_id, moduleId: r.module_id, n: r.n, pid: r.pid, startTime: r.start_time, recordedAt: r.recorded_at };
}

/** Whether an event's data (an object, as events are written) has `key` of its own: getEvents' `withKey`. */
export function hasOwnKey(data: unknown, key: string): boolean {
  return typeof data === "object" && data !== null && Object.hasOwn(data, key);
}

/** Event data as stored: JSON, with values JSON cannot hold (undefined, functions) as null, and secrets redacted. */
export function encodeData(data: unknown): string {
  return redactJson(JSON.stringify(data) ?? "null");
}

export interface WorkspaceRow {
  run_id: string;
  isolation: "worktree" | "shared";
  branch: string | null;
  base: string | null;
  note: string | null;
  at: number;
}

export function toWorkspace(r: WorkspaceRow): WorkspaceRecord {
  return { runId: r.run_id, isolation: r.isolation, ...(r.branch ? { branch: r.branch } : {}), ...(r.base ? { base: r.base } : {}), ...(r.note ? { note: r.note } : {}), at: r.at };
}

export interface MergeRow {
  run_id: string;
  module_id: string;
  n: number;
  commit_sha: string;
  state: MergeRecord["state"];
  merge_commit: string | null;
  files: string;
  payload: string;
  at: number;
}

export function toMerge(r: MergeRow): MergeRecord {
  return {
    runId: r.run_id,
    moduleId: r.module_id,
    n: r.n,
    commit: r.commit_sha,
    state: r.state,
    ...(r.merge_commit ? { mergeCommit: r.merge_commit } : {}),
    files: JSON.parse(r.files) as string[],
    payload: JSON.parse(r.payload) as unknown,
    at: r.at,
  };
}
