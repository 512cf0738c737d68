import type Database from "better-sqlite3";
import type { ModuleState } from "./types.js";
import { ATTEMPT_COLUMNS, MODULE_COLUMNS } from "./rows.js";
import type { AttemptCells, AttemptRow, AttemptTextRow, EventRow, LockRow, MemoryRow, MergeRow, ModuleCells, ProcessRow, RunHeadRow, RunRow, TodoRow, WorkspaceRow } from "./rows.js";

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** Every statement the SQLite store runs, prepared once per connection. */
export interface Statements {
  insertRun: Stmt<[{ id: string; request: string; plan: string; options: string; taskType: string | null; at: number }]>;
  insertModules: Stmt<[{ runId: string; modules: string; at: number }]>;
  getRun: Stmt<[id: string], RunRow>;
  runExists: Stmt<[id: string], { found: number }>;
  listRuns: Stmt<[limit: number], RunRow>;
  listRunHeads: Stmt<[limit: number], RunHeadRow>;
  getRunHead: Stmt<[id: string], RunHeadRow>;
  tallyStates: Stmt<[], { run_id: string; state: ModuleState; n: number }>;
  tallyUsage: Stmt<[], { run_id: string; input_tokens: number; output_tokens: number; cost_usd: number }>;
  tallyStarts: Stmt<[], EventRow>;
  tallyNewest: Stmt<[], { run_id: string; at: number }>;
  setRunState: Stmt<[state: string, at: number, endedAt: number | null, id: string]>;
  getModules: Stmt<[runId: string], ModuleCells>;
  getModule: Stmt<[runId: string, moduleId: string], ModuleCells>;
  setModuleState: Stmt<[state: string, reason: string | null, at: number, runId: string, moduleId: string]>;
  getAttemptCount: Stmt<[runId: string, moduleId: string], { attempts: number }>;
  startModule: Stmt<[attempts: number, at: number, runId: string, moduleId: string]>;
  insertAttempt: Stmt<[runId: string, moduleId: string, n: number, kind: string, agent: string, promptPath: string, at: number]>;
  finishAttempt: Stmt<[
    state: string, summary: string | null, error: string | null, filesChanged: string,
    inputTokens: number, outputTokens: number, costUsd: number, gates: string | null, worker: string | null, endedAt: number,
    runId: string, moduleId: string, n: number,
  ]>;
  setAttemptWorker: Stmt<[worker: string, runId: string, moduleId: string, n: number]>;
  getAttempt: Stmt<[runId: string, moduleId: string, n: number], AttemptRow>;
  getRunAttempts: Stmt<[{ runId: string }], AttemptCells>;
  getModuleAttempts: Stmt<[runId: string, moduleId: string], AttemptCells>;
  insertAttemptText: Stmt<[runId: string, moduleId: string, n: number, prompt: string | null, specDigest: string | null, promptEnd: string | null, output: string | null]>;
  setAttemptPrompt: Stmt<[prompt: string, specDigest: string | null, promptEnd: string | null, output: string | null, runId: string, moduleId: string, n: number]>;
  setAttemptOutput: Stmt<[output: string, runId: string, moduleId: string, n: number]>;
  getAttemptText: Stmt<[runId: string, moduleId: string, n: number], AttemptTextRow>;
  insertEvent: Stmt<[runId: string, at: number, type: string, moduleId: string | null, data: string]>;
  getEvents: Stmt<[runId: string, afterId: number], EventRow>;
  getEventsOfType: Stmt<[runId: string, afterId: number, type: string], EventRow>;
  getEventsWithText: Stmt<[{ runId: string; afterId: number; type: string | null; text: string }], EventRow>;
  latestEventId: Stmt<[runId: string], { id: number }>;
  getLock: Stmt<[], LockRow>;
  setLock: Stmt<[pid: number, startTime: string, runId: string, since: number]>;
  deleteLock: Stmt<[pid: number, startTime: string]>;
  upsertProcess: Stmt<[runId: string, moduleId: string, n: number, pid: number, startTime: string, at: number]>;
  getProcesses: Stmt<[], ProcessRow>;
  getRunProcesses: Stmt<[runId: string], ProcessRow>;
  deleteProcess: Stmt<[runId: string, moduleId: string, n: number, pid: number]>;
  insertMemory: Stmt<[{ key: string; content: string; tags: string; runId: string | null; at: number }]>;
  tagMemory: Stmt<[id: number, tags: string]>;
  unindexMemory: Stmt<[id: number]>;
  updateMemory: Stmt<[{ key: string; content: string; tags: string | null; runId: string | null; at: number }], MemoryRow>;
  readMemory: Stmt<[key: string], MemoryRow>;
  listMemories: Stmt<[{ tags: string | null; limit: number }], MemoryRow>;
  deleteMemory: Stmt<[key: string]>;
  deleteTodos: Stmt<[runId: string, owner: string]>;
  insertTodo: Stmt<[runId: string, owner: string, position: number, content: string, status: string]>;
  getRunTodos: Stmt<[runId: string], TodoRow>;
  getOwnerTodos: Stmt<[runId: string, owner: string], TodoRow>;
  insertEndedAttempt: Stmt<[
    runId: string, moduleId: string, n: number, kind: string, agent: string, state: string, promptPath: string, summary: string | null,
    error: string | null, inputTokens: number, outputTokens: number, costUsd: number, startedAt: number, endedAt: number,
  ]>;
  insertSubmission: Stmt<[planningId: string, data: string, at: number]>;
  getSubmission: Stmt<[planningId: string], { data: string }>;
  upsertWorkspace: Stmt<[runId: string, isolation: string, branch: string | null, base: string | null, note: string | null, at: number]>;
  getWorkspace: Stmt<[runId: string], WorkspaceRow>;
  upsertMerge: Stmt<[runId: string, moduleId: string, n: number, commit: string, files: string, payload: string, at: number]>;
  finishMerge: Stmt<[state: string, mergeCommit: string | null, runId: string, moduleId: string, n: number]>;
  getMerges: Stmt<[runId: string], MergeRow>;
  storedSpecTexts: Stmt<[digests: string], { digest: string }>;
  insertSpecText: Stmt<[digest: string, text: string]>;
  getSpecText: Stmt<[digest: string], { text: string }>;
}

const sql: { [K in keyof Statements]: string } = {
  insertRun: `INSERT INTO runs (id, request, plan, options, task_type, state, created_at, updated_at)
              VALUES (@id, @request, @plan, @options, @taskType, 'running', @at, @at)`,
  // A run's modules in one statement, from a JSON array of [moduleId, layer] in plan order (rowid order).
  insertModules: `INSERT INTO modules (run_id, module_id, layer, state, attempts, updated_at)
                  SELECT @runId, value ->> 0, value ->> 1, 'pending', 0, @at FROM json_each(@modules) ORDER BY key`,
  getRun: `SELECT * FROM runs WHERE id = ?`,
  runExists: `SELECT 1 AS found FROM runs WHERE id = ?`,
  // runTallies: over all runs at once. Usage rows come in getRunAttempts' order, so sums match its reader's to the last bit.
  tallyStates: `SELECT run_id, state, count(*) AS n FROM modules GROUP BY run_id, state`,
  tallyUsage: `SELECT run_id, input_tokens, output_tokens, cost_usd FROM (
                 SELECT run_id, input_tokens, output_tokens, cost_usd, 0 AS source, rowid AS position FROM plan_attempts
                 UNION ALL SELECT run_id, input_tokens, output_tokens, cost_usd, 1, rowid FROM attempts) ORDER BY run_id, source, position`,
  tallyStarts: `SELECT * FROM events WHERE type = 'run:start' ORDER BY run_id, id`,
  tallyNewest: `SELECT e.run_id, e.at FROM events e JOIN (SELECT max(id) AS id FROM events GROUP BY run_id) newest ON e.id = newest.id`,
  // A limit of -1 means no limit. Ties on created_at: the later insert first.
  listRuns: `SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  // listRuns without plan and options, from the index runs_listing alone: no plan is read (migration 11).
  listRunHeads: `SELECT id, request, state, created_at, updated_at, ended_at, task_type FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  getRunHead: `SELECT id, request, state, created_at, updated_at, ended_at, task_type FROM runs WHERE id = ?`,
  setRunState: `UPDATE runs SET state = ?, updated_at = ?, ended_at = ? WHERE id = ?`,
  getModules: `SELECT ${MODULE_COLUMNS} FROM modules WHERE run_id = ? ORDER BY rowid`,
  getModule: `SELECT ${MODULE_COLUMNS} FROM modules WHERE run_id = ? AND module_id = ?`,
  setModuleState: `UPDATE modules SET state = ?, reason = ?, updated_at = ? WHERE run_id = ? AND module_id = ?`,
  getAttemptCount: `SELECT attempts FROM modules WHERE run_id = ? AND module_id = ?`,
  startModule: `UPDATE modules SET attempts = ?, state = 'running', reason = NULL, updated_at = ? WHERE run_id = ? AND module_id = ?`,
  insertAttempt: `INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at)
                  VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
  finishAttempt: `UPDATE attempts SET state = ?, summary = ?, error = ?, files_changed = ?, input_tokens = ?,
                  output_tokens = ?, cost_usd = ?, gates = ?, worker = ?, ended_at = ?
                  WHERE run_id = ? AND module_id = ? AND n = ? AND state = 'running'`,
  setAttemptWorker: `UPDATE attempts SET worker = ? WHERE run_id = ? AND module_id = ? AND n = ? AND state = 'running'`,
  getAttempt: `SELECT * FROM attempts WHERE run_id = ? AND module_id = ? AND n = ?`,
  // The planner's attempts (before any module's) count as the run's.
  getRunAttempts: `SELECT ${ATTEMPT_COLUMNS} FROM (SELECT ${ATTEMPT_COLUMNS}, 0 AS source, rowid AS position FROM plan_attempts WHERE run_id = @runId
                   UNION ALL SELECT ${ATTEMPT_COLUMNS}, 1, rowid FROM attempts WHERE run_id = @runId) ORDER BY source, position`,
  getModuleAttempts: `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE run_id = ? AND module_id = ? ORDER BY n`,
  // Texts are kept by an INSERT or an UPDATE, not an upsert: SQLite copies every page an upsert
  // changes into a statement journal first (16 KB a page), these two it does not (keepAttemptText).
  insertAttemptText: `INSERT INTO attempt_texts (run_id, module_id, n, prompt, spec_digest, prompt_end, output) VALUES (?, ?, ?, ?, ?, ?, ?)
                      ON CONFLICT (run_id, module_id, n) DO NOTHING`,
  // A prompt given replaces the prompt kept, with its spec digest and end; an output given, the output.
  setAttemptPrompt: `UPDATE attempt_texts SET prompt = ?, spec_digest = ?, prompt_end = ?, output = coalesce(?, output)
                     WHERE run_id = ? AND module_id = ? AND n = ?`,
  setAttemptOutput: `UPDATE attempt_texts SET output = ? WHERE run_id = ? AND module_id = ? AND n = ?`,
  getAttemptText: `SELECT t.prompt, t.spec_digest, s.text AS spec, t.prompt_end, t.output FROM attempt_texts t
                   LEFT JOIN spec_texts s ON s.digest = t.spec_digest WHERE t.run_id = ? AND t.module_id = ? AND t.n = ?`,
  insertEvent: `INSERT INTO events (run_id, at, type, module_id, data) VALUES (?, ?, ?, ?, ?)`,
  getEvents: `SELECT * FROM events WHERE run_id = ? AND id > ? ORDER BY id`,
  getEventsOfType: `SELECT * FROM events WHERE run_id = ? AND id > ? AND type = ? ORDER BY id`,
  // Rows whose data holds `text` (a key as JSON writes it): only they are decoded (getEvents' `withKey`).
  getEventsWithText: `SELECT * FROM events WHERE run_id = @runId AND id > @afterId AND (@type IS NULL OR type = @type) AND instr(data, @text) > 0 ORDER BY id`,
  // The last entry of events_by_run for the run: one index lookup.
  latestEventId: `SELECT coalesce(max(id), 0) AS id FROM events WHERE run_id = ?`,
  getLock: `SELECT pid, start_time, run_id, since FROM run_lock WHERE id = 1`,
  setLock: `INSERT OR REPLACE INTO run_lock (id, pid, start_time, run_id, since) VALUES (1, ?, ?, ?, ?)`,
  deleteLock: `DELETE FROM run_lock WHERE id = 1 AND pid = ? AND start_time = ?`,
  upsertProcess: `INSERT INTO processes (run_id, module_id, n, pid, start_time, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT (run_id, module_id, n, pid) DO UPDATE SET start_time = excluded.start_time, recorded_at = excluded.recorded_at`,
  getProcesses: `SELECT * FROM processes ORDER BY rowid`,
  getRunProcesses: `SELECT * FROM processes WHERE run_id = ? ORDER BY rowid`,
  deleteProcess: `DELETE FROM processes WHERE run_id = ? AND module_id = ? AND n = ? AND pid = ?`,
  // A new memory: its tag rows and its place in the list to index are written beside it
  // (tagMemory, unindexMemory), not by a trigger, and its record made without RETURNING: with
  // either, SQLite copies every page the statement changes into a statement journal first
  // (migration 10). An existing key is updated, and its trigger does the rest.
  insertMemory: `INSERT INTO memories (key, content, tags, run_id, created_at, updated_at)
                 VALUES (@key, @content, @tags, @runId, @at, @at) ON CONFLICT (key) DO NOTHING`,
  tagMemory: `INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, ? FROM json_each(?)`,
  unindexMemory: `INSERT INTO memories_unindexed (id) VALUES (?)`,
  // Omitted tags and run id keep what is stored; created_at is never overwritten.
  updateMemory: `UPDATE memories SET content = @content, tags = coalesce(@tags, tags), run_id = coalesce(@runId, run_id), updated_at = @at
                 WHERE key = @key RETURNING *`,
  readMemory: `SELECT * FROM memories WHERE key = ?`,
  listMemories: `SELECT * FROM memories m
                 WHERE @tags IS NULL OR EXISTS (
                   SELECT 1 FROM json_each(m.tags) t WHERE t.value IN (SELECT value FROM json_each(@tags)))
                 ORDER BY updated_at DESC, key LIMIT @limit`,
  deleteMemory: `DELETE FROM memories WHERE key = ?`,
  deleteTodos: `DELETE FROM todos WHERE run_id = ? AND owner = ?`,
  insertTodo: `INSERT INTO todos (run_id, owner, position, content, status) VALUES (?, ?, ?, ?, ?)`,
  getRunTodos: `SELECT * FROM todos WHERE run_id = ? ORDER BY owner, position`,
  getOwnerTodos: `SELECT * FROM todos WHERE run_id = ? AND owner = ? ORDER BY position`,
  insertEndedAttempt: `INSERT INTO plan_attempts (run_id, module_id, n, kind, agent, state, prompt_path, summary, error,
                         input_tokens, output_tokens, cost_usd, started_at, ended_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertSubmission: `INSERT INTO plan_submissions (planning_id, data, at) VALUES (?, ?, ?)`,
  getSubmission: `SELECT data FROM plan_submissions WHERE planning_id = ? ORDER BY id DESC LIMIT 1`,
  upsertWorkspace: `INSERT INTO workspaces (run_id, isolation, branch, base, note, at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id) DO UPDATE SET isolation = excluded.isolation, branch = excluded.branch,
                    base = excluded.base, note = excluded.note, at = excluded.at`,
  getWorkspace: `SELECT * FROM workspaces WHERE run_id = ?`,
  upsertMerge: `INSERT INTO merges (run_id, module_id, n, commit_sha, state, files, payload, at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
                ON CONFLICT (run_id, module_id, n) DO UPDATE SET commit_sha = excluded.commit_sha, state = 'pending',
                merge_commit = NULL, files = excluded.files, payload = excluded.payload, at = excluded.at`,
  finishMerge: `UPDATE merges SET state = ?, merge_commit = ? WHERE run_id = ? AND module_id = ? AND n = ?`,
  getMerges: `SELECT * FROM merges WHERE run_id = ? ORDER BY at, rowid`,
  // Which of a JSON array of digests spec_texts holds: one statement for a plan's modules.
  storedSpecTexts: `SELECT digest FROM spec_texts WHERE digest IN (SELECT value FROM json_each(?))`,
  insertSpecText: `INSERT INTO spec_texts (digest, text) VALUES (?, ?)`,
  getSpecText: `SELECT text FROM spec_texts WHERE digest = ?`,
};

/**
 * Statements prepared at open, whatever the process does: an event is written at the group's
 * commit, after the writes of its batch (GroupedStore.writeQueued, group-commit.ts), where a statement failing
 * to prepare could no longer be undone with them.
 */
const EAGER: ReadonlySet<string> = new Set<keyof Statements>(["insertEvent"]);

/** Statements whose rows come as arrays (better-sqlite3's raw mode), in their SELECT's column order: see AttemptCells. */
const RAW: ReadonlySet<string> = new Set<keyof Statements>(["getRunAttempts", "getModuleAttempts", "getModules", "getModule"]);

/**
 * Every statement the store runs, each prepared on first use (then kept): a process runs a
 * few of the ~60. Preparing them all took 4-5 ms of every process that opens the store (a
 * run, `status`, the MCP server each agent's attempt starts), of which a run used a third.
 * A write that makes a change before its last statement (see GroupedStore.write's `one`, group-commit.ts)
 * takes its statements before its first change, so that none is prepared after it.
 */
export function prepareStatements(db: Database.Database): Statements {
  const statements: Record<string, Database.Statement> = {};
  const prepare = (name: string, text: string) => (RAW.has(name) ? db.prepare(text).raw(true) : db.prepare(text));
  for (const [name, text] of Object.entries(sql)) {
    if (EAGER.has(name)) {
      statements[name] = prepare(name, text);
      continue;
    }
    Object.defineProperty(statements, name, {
      configurable: true,
      enumerable: true,
      get() {
        const statement = prepare(name, text);
        Object.defineProperty(statements, name, { value: statement, enumerable: true });
        return statement;
      },
    });
  }
  return statements as unknown as Statements;
}
