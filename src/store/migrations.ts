import type Database from "better-sqlite3";
import { StoreError } from "./errors.js";
import { urlWithoutPassword } from "../redact/url-password.js";
import { clean } from "./redact.js";

/** One schema step. Never edit a released migration: append a new one. */
export interface Migration {
  version: number;
  up: string;
  /**
   * Rebuilds a table other tables' foreign keys point at: run with foreign keys off (a DROP of the
   * parent would otherwise delete its children's rows, ON DELETE CASCADE), checked before it commits.
   */
  rebuildsParents?: boolean;
}

const runStates = "'running', 'done', 'failed', 'interrupted', 'budget_exceeded'";
const moduleStates = "'pending', 'running', 'validating', 'done', 'failed', 'blocked'";
const attemptStates = "'running', 'done', 'failed', 'cancelled'";
const mergeStates = "'pending', 'merged', 'failed'";

/**
 * `state` is one of `states`, written as comparisons: SQLite checks `state IN (<list>)` by building a
 * temporary B-tree of the list each time a row is written (a pager, a page cache and two zeroed pages),
 * which a module's five writes of `modules` and `attempts` paid for every time.
 */
const stateIn = (states: string) => states.split(", ").map((s) => `state = ${s}`).join(" OR ");

export const migrations: readonly Migration[] = [
  {
    version: 1,
    up: `
CREATE TABLE runs (
  id         TEXT PRIMARY KEY,
  request    TEXT NOT NULL,
  plan       TEXT NOT NULL,
  options    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN (${runStates})),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at   INTEGER
);
CREATE INDEX runs_by_created ON runs (created_at);

-- Rowid order is plan order: getModules returns modules as createRun listed them.
CREATE TABLE modules (
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id  TEXT NOT NULL,
  layer      TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN (${moduleStates})),
  reason     TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id)
);

CREATE TABLE attempts (
  run_id        TEXT NOT NULL,
  module_id     TEXT NOT NULL,
  n             INTEGER NOT NULL CHECK (n >= 1),
  kind          TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN (${attemptStates})),
  prompt_path   TEXT NOT NULL,
  summary       TEXT,
  error         TEXT,
  files_changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files_changed)),
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd      REAL NOT NULL DEFAULT 0,
  gates         TEXT,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id) REFERENCES modules (run_id, module_id) ON DELETE CASCADE
);

CREATE TABLE events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  type      TEXT NOT NULL,
  module_id TEXT,
  data      TEXT NOT NULL CHECK (json_valid(data))
);
CREATE INDEX events_by_run ON events (run_id, id);

CREATE TABLE todos (
  run_id   TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  owner    TEXT NOT NULL,
  position INTEGER NOT NULL,
  content  TEXT NOT NULL,
  status   TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
  PRIMARY KEY (run_id, owner, position)
) WITHOUT ROWID;

-- Memories outlive runs, so run_id is a note, not a foreign key.
CREATE TABLE memories (
  key        TEXT PRIMARY KEY,
  content    TEXT NOT NULL,
  tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  run_id     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX memories_by_updated ON memories (updated_at);
`,
  },
  {
    version: 2,
    up: `
-- The project's run lock: at most one row. Read and written inside one IMMEDIATE
-- transaction, so two processes can never both take it.
CREATE TABLE run_lock (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  start_time TEXT NOT NULL,
  run_id     TEXT NOT NULL,
  since      INTEGER NOT NULL
);

-- Process groups an attempt's agent started; a resumed run ends those still alive.
-- start_time tells the group's own leader from a later process given the same pid.
CREATE TABLE processes (
  run_id      TEXT NOT NULL,
  module_id   TEXT NOT NULL,
  n           INTEGER NOT NULL,
  pid         INTEGER NOT NULL,
  start_time  TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id, n, pid),
  FOREIGN KEY (run_id, module_id, n) REFERENCES attempts (run_id, module_id, n) ON DELETE CASCADE
);
`,
  },
  {
    version: 3,
    up: `
-- Memories get a stable integer id: VACUUM may renumber an implicit rowid, and the
-- search index and the tag index below refer to memories by it.
CREATE TABLE memories_v3 (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  content    TEXT NOT NULL,
  tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  run_id     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- Content redacted again on the way, so a memory written before redaction existed
-- reaches neither the new table nor the index below with a secret in it.
INSERT INTO memories_v3 (key, content, tags, run_id, created_at, updated_at)
  SELECT key, orchestrate_redact(content), tags, run_id, created_at, updated_at FROM memories ORDER BY rowid;
DROP TABLE memories;
ALTER TABLE memories_v3 RENAME TO memories;
CREATE INDEX memories_by_updated ON memories (updated_at);

-- One row per tag of a memory, so a tag or module filter reads the memories carrying
-- it and no others.
CREATE TABLE memory_tags (
  tag       TEXT NOT NULL,
  memory_id INTEGER NOT NULL,
  PRIMARY KEY (tag, memory_id)
) WITHOUT ROWID;
CREATE INDEX memory_tags_by_memory ON memory_tags (memory_id);

-- Full-text index of key and content, ranked by bm25. External content: the index holds
-- tokens of the memories table's text, which the store redacted before writing it, and
-- no copy of its own.
CREATE VIRTUAL TABLE memories_fts USING fts5(
  key, content, content = 'memories', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

-- Both indexes change in the statement that changes the memory, so in its transaction.
CREATE TRIGGER memories_insert AFTER INSERT ON memories BEGIN
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_fts (rowid, key, content) VALUES (new.id, new.key, new.content);
END;
CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
  DELETE FROM memory_tags WHERE memory_id = old.id;
  INSERT INTO memories_fts (memories_fts, rowid, key, content) VALUES ('delete', old.id, old.key, old.content);
END;
CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
  DELETE FROM memory_tags WHERE memory_id = old.id;
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_fts (memories_fts, rowid, key, content) VALUES ('delete', old.id, old.key, old.content);
  INSERT INTO memories_fts (rowid, key, content) VALUES (new.id, new.key, new.content);
END;

-- Existing memories into both indexes.
INSERT INTO memory_tags (tag, memory_id) SELECT DISTINCT t.value, m.id FROM memories m, json_each(m.tags) t;
INSERT INTO memories_fts (memories_fts) VALUES ('rebuild');
`,
  },
  {
    version: 4,
    up: `
-- What a planner model sent through submit_plan, kept under its planning id (the run's
-- id to be) until the engine reads it back: the planner runs before the run row exists.
CREATE TABLE plan_submissions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  planning_id TEXT NOT NULL,
  data        TEXT NOT NULL CHECK (json_valid(data)),
  at          INTEGER NOT NULL
);
CREATE INDEX plan_submissions_by_planning ON plan_submissions (planning_id, id);

-- The planner's attempts, made before the run's modules existed: kept beside the modules'
-- (no module row to refer to), and read with them, so the run's totals and budget count them.
CREATE TABLE plan_attempts (
  run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id     TEXT NOT NULL,
  n             INTEGER NOT NULL CHECK (n >= 1),
  kind          TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN (${attemptStates})),
  prompt_path   TEXT NOT NULL,
  summary       TEXT,
  error         TEXT,
  files_changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files_changed)),
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd      REAL NOT NULL DEFAULT 0,
  gates         TEXT,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  PRIMARY KEY (run_id, module_id, n)
);
`,
  },
  {
    version: 5,
    up: `
-- How a run works on the project's files: in worktrees merged into an integration branch
-- made from \`base\`, or in the one shared working tree (with why, when it fell back).
CREATE TABLE workspaces (
  run_id    TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  isolation TEXT NOT NULL CHECK (isolation IN ('worktree', 'shared')),
  branch    TEXT,
  base      TEXT,
  note      TEXT,
  at        INTEGER NOT NULL
);

-- Each successful attempt's commit on its way into the integration branch: recorded
-- pending (with what the attempt's end will record) before the branch moves, merged in the
-- transaction that ends the attempt, so a process killed in between is told by git which it was.
CREATE TABLE merges (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id    TEXT NOT NULL,
  n            INTEGER NOT NULL CHECK (n >= 1),
  commit_sha   TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('pending', 'merged', 'failed')),
  merge_commit TEXT,
  files        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
  payload      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  at           INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id, n)
);
`,
  },
  {
    version: 6,
    up: `
-- The prompt each attempt was sent and its outcome as text (redacted, like everything
-- stored): the attempt's own record, where two files per attempt cost more than the rest of
-- the engine's work per module. Runs from before this version have them as files under
-- .orchestrate/runs/.
CREATE TABLE attempt_texts (
  run_id    TEXT NOT NULL,
  module_id TEXT NOT NULL,
  n         INTEGER NOT NULL,
  prompt    TEXT,
  output    TEXT,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id, n) REFERENCES attempts (run_id, module_id, n) ON DELETE CASCADE
) WITHOUT ROWID;
`,
  },
  {
    version: 7,
    up: `
-- The spec texts of runs' plans, by the digest their plan modules keep (src/store/spec-texts.ts):
-- a plan of 10,000 modules is 20 MB of spec text, stored once however many runs plan it, and
-- written as rows of a few KB rather than one JSON text. Plans stored before keep their texts inline.
CREATE TABLE spec_texts (
  digest TEXT PRIMARY KEY,
  text   TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    up: `
-- A prompt quotes its module's spec, most of its text, which spec_texts holds already: a
-- prompt whose spec_digest is set keeps in \`prompt\` the text before the spec and in
-- prompt_end the text after it (src/store/spec-texts.ts). A table with rowids: rows of a
-- KB or two sit side by side in its pages, where WITHOUT ROWID gave each past about 1 KB
-- an overflow page of its own. Texts kept before keep their prompt whole.
CREATE TABLE attempt_texts_v8 (
  run_id      TEXT NOT NULL,
  module_id   TEXT NOT NULL,
  n           INTEGER NOT NULL,
  prompt      TEXT,
  spec_digest TEXT REFERENCES spec_texts (digest),
  prompt_end  TEXT,
  output      TEXT,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id, n) REFERENCES attempts (run_id, module_id, n) ON DELETE CASCADE
);
INSERT INTO attempt_texts_v8 (run_id, module_id, n, prompt, output) SELECT run_id, module_id, n, prompt, output FROM attempt_texts;
DROP TABLE attempt_texts;
ALTER TABLE attempt_texts_v8 RENAME TO attempt_texts;
`,
  },
  {
    version: 9,
    up: `
-- Memories whose full-text entry is still to be written, in the transaction that wrote them:
-- the store indexes them all in one statement before that transaction commits
-- (src/store/memory-index.ts), so a committed database has this table empty. FTS5 writes
-- its pending terms out as a new segment at every savepoint, and a run opens several per
-- module: indexed by the trigger, each memory was a segment of its own, merged again and
-- again. The tag index still changes with the memory.
CREATE TABLE memories_unindexed (id INTEGER PRIMARY KEY);

DROP TRIGGER memories_insert;
DROP TRIGGER memories_delete;
DROP TRIGGER memories_update;
CREATE TRIGGER memories_insert AFTER INSERT ON memories BEGIN
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_unindexed (id) VALUES (new.id);
END;
-- An indexed memory's old text leaves the index at once (an external-content index is told
-- the text it holds); one not indexed yet has nothing there to remove.
CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
  DELETE FROM memory_tags WHERE memory_id = old.id;
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  DELETE FROM memories_unindexed WHERE id = old.id;
END;
CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
  DELETE FROM memory_tags WHERE memory_id = old.id;
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  -- Not OR IGNORE: an upsert's own conflict handling would override it.
  INSERT INTO memories_unindexed (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = new.id);
END;
`,
  },
  {
    version: 10,
    up: `
-- Fewer pages changed per module. A statement whose table has a trigger, and a savepoint, make
-- SQLite copy every page they change into a journal first (16 KB each): a memory's tag rows and
-- its place in memories_unindexed are written by the store beside the new memory (writeMemory),
-- not by a trigger on insert. Updates and deletes (rare) keep their triggers.
DROP TRIGGER memories_insert;

-- memory_tags_by_memory cost three index entries per memory, for the deletes below alone: they
-- find a memory's tag rows by its tags (memory_tags holds exactly those) on the primary key.
-- Searches look tags up by (tag, memory_id), the primary key, already.
DROP INDEX memory_tags_by_memory;
DROP TRIGGER memories_delete;
DROP TRIGGER memories_update;
CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
  DELETE FROM memory_tags WHERE tag IN (SELECT value FROM json_each(old.tags)) AND memory_id = old.id;
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  DELETE FROM memories_unindexed WHERE id = old.id;
END;
CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
  DELETE FROM memory_tags WHERE tag IN (SELECT value FROM json_each(old.tags)) AND memory_id = old.id;
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  INSERT INTO memories_unindexed (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = new.id);
END;

-- Events without AUTOINCREMENT (a row of sqlite_sequence read and written per event) and without
-- the json_valid CHECK (a parse of every event's data): the store writes data only as
-- JSON.stringify made it (encodeData), and no event is ever deleted, so ids are the same
-- max + 1 AUTOINCREMENT gave. Six events per module.
CREATE TABLE events_v10 (
  id        INTEGER PRIMARY KEY,
  run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  type      TEXT NOT NULL,
  module_id TEXT,
  data      TEXT NOT NULL
);
INSERT INTO events_v10 (id, run_id, at, type, module_id, data) SELECT id, run_id, at, type, module_id, data FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_v10 RENAME TO events;
CREATE INDEX events_by_run ON events (run_id, id);
DELETE FROM sqlite_sequence WHERE name = 'events';
`,
  },
  {
    version: 11,
    up: `
-- Listings of runs (runs, the dashboard's list, polled every 2 s) read neither the plan nor
-- past it. The plan's task type (analysis.type) gets a column of its own, filled in here for
-- the runs stored before (a plan that is no JSON, or of another shape, has none; CASE: no
-- json_type on text that is no JSON). The index holds every column a listing shows: the
-- columns after the plan in a row are reached only through its overflow pages (a plan of
-- 250 KB, 16 of them), so a listing read from the table cost time in proportion to the plans.
-- It replaces runs_by_created, whose order it starts with; the planner preferred that one.
ALTER TABLE runs ADD COLUMN task_type TEXT;
UPDATE runs SET task_type = CASE WHEN json_valid(plan) THEN
  CASE WHEN json_type(plan, '$.layers') = 'array' AND json_type(plan, '$.analysis.type') = 'text' THEN plan ->> '$.analysis.type' END
END;
CREATE INDEX runs_listing ON runs (created_at, id, request, state, updated_at, ended_at, task_type);
DROP INDEX runs_by_created;
`,
  },
  {
    version: 12,
    up: `
-- A queued run's attempt is run by an \`orchestrate worker\` on some machine: which one
-- (\`host:pid\`, as its ready line names it). plan_attempts gets it too: the run's attempts
-- are read as one list of both tables' rows.
ALTER TABLE attempts ADD COLUMN worker TEXT;
ALTER TABLE plan_attempts ADD COLUMN worker TEXT;
-- A run's record kept the whole --queue URL, a Redis password with it: it goes, as a run's
-- record leaves it out now (keptOptions), and the run is marked for resume to ask for it.
UPDATE runs SET options = orchestrate_kept_options(options) WHERE instr(options, '"queue"') > 0;
`,
  },
  {
    version: 13,
    rebuildsParents: true,
    up: `
-- A module's state and an attempt's checked by comparisons, not \`IN (<list>)\` (see stateIn): the
-- same rows allowed, without a temporary B-tree for every write. The rows keep their rowids (the
-- order modules and attempts are listed in).
CREATE TABLE modules_v13 (
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id  TEXT NOT NULL,
  layer      TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (${stateIn(moduleStates)}),
  reason     TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id)
);
INSERT INTO modules_v13 (rowid, run_id, module_id, layer, state, reason, attempts, updated_at)
  SELECT rowid, run_id, module_id, layer, state, reason, attempts, updated_at FROM modules ORDER BY rowid;
DROP TABLE modules;
ALTER TABLE modules_v13 RENAME TO modules;

CREATE TABLE attempts_v13 (
  run_id        TEXT NOT NULL,
  module_id     TEXT NOT NULL,
  n             INTEGER NOT NULL CHECK (n >= 1),
  kind          TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (${stateIn(attemptStates)}),
  prompt_path   TEXT NOT NULL,
  summary       TEXT,
  error         TEXT,
  files_changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files_changed)),
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd      REAL NOT NULL DEFAULT 0,
  gates         TEXT,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  worker        TEXT,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id) REFERENCES modules (run_id, module_id) ON DELETE CASCADE
);
INSERT INTO attempts_v13 (rowid, run_id, module_id, n, kind, agent, state, prompt_path, summary, error, files_changed,
                          input_tokens, output_tokens, cost_usd, gates, started_at, ended_at, worker)
  SELECT rowid, run_id, module_id, n, kind, agent, state, prompt_path, summary, error, files_changed,
         input_tokens, output_tokens, cost_usd, gates, started_at, ended_at, worker FROM attempts ORDER BY rowid;
DROP TABLE attempts;
ALTER TABLE attempts_v13 RENAME TO attempts;

-- And a merge's (an isolated run records and settles one per module).
CREATE TABLE merges_v13 (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id    TEXT NOT NULL,
  n            INTEGER NOT NULL CHECK (n >= 1),
  commit_sha   TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (${stateIn(mergeStates)}),
  merge_commit TEXT,
  files        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
  payload      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  at           INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id, n)
);
INSERT INTO merges_v13 (rowid, run_id, module_id, n, commit_sha, state, merge_commit, files, payload, at)
  SELECT rowid, run_id, module_id, n, commit_sha, state, merge_commit, files, payload, at FROM merges ORDER BY rowid;
DROP TABLE merges;
ALTER TABLE merges_v13 RENAME TO merges;
`,
  },
];

export const LATEST_VERSION: number = migrations.at(-1)?.version ?? 0;

/**
 * The schema the migrations above make, made in one step: what a new database file gets.
 * Eleven transactions (some making tables only to copy and drop them) were a third of
 * opening a new store, which every first run of a project does. Keep it in step with the
 * migrations: test/store/migrations.int.test.ts checks that both make the same schema.
 */
export const FRESH_SCHEMA: Migration = {
  version: 13,
  up: `
CREATE TABLE runs (
  id         TEXT PRIMARY KEY,
  request    TEXT NOT NULL,
  plan       TEXT NOT NULL,
  options    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN (${runStates})),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at   INTEGER,
  task_type  TEXT
);
CREATE INDEX runs_listing ON runs (created_at, id, request, state, updated_at, ended_at, task_type);

CREATE TABLE modules (
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id  TEXT NOT NULL,
  layer      TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (${stateIn(moduleStates)}),
  reason     TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id)
);

CREATE TABLE attempts (
  run_id        TEXT NOT NULL,
  module_id     TEXT NOT NULL,
  n             INTEGER NOT NULL CHECK (n >= 1),
  kind          TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (${stateIn(attemptStates)}),
  prompt_path   TEXT NOT NULL,
  summary       TEXT,
  error         TEXT,
  files_changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files_changed)),
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd      REAL NOT NULL DEFAULT 0,
  gates         TEXT,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  worker        TEXT,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id) REFERENCES modules (run_id, module_id) ON DELETE CASCADE
);

CREATE TABLE events (
  id        INTEGER PRIMARY KEY,
  run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  type      TEXT NOT NULL,
  module_id TEXT,
  data      TEXT NOT NULL
);
CREATE INDEX events_by_run ON events (run_id, id);

CREATE TABLE todos (
  run_id   TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  owner    TEXT NOT NULL,
  position INTEGER NOT NULL,
  content  TEXT NOT NULL,
  status   TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
  PRIMARY KEY (run_id, owner, position)
) WITHOUT ROWID;

CREATE TABLE run_lock (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  start_time TEXT NOT NULL,
  run_id     TEXT NOT NULL,
  since      INTEGER NOT NULL
);

CREATE TABLE processes (
  run_id      TEXT NOT NULL,
  module_id   TEXT NOT NULL,
  n           INTEGER NOT NULL,
  pid         INTEGER NOT NULL,
  start_time  TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id, n, pid),
  FOREIGN KEY (run_id, module_id, n) REFERENCES attempts (run_id, module_id, n) ON DELETE CASCADE
);

CREATE TABLE memories (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  content    TEXT NOT NULL,
  tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  run_id     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX memories_by_updated ON memories (updated_at);

CREATE TABLE memory_tags (
  tag       TEXT NOT NULL,
  memory_id INTEGER NOT NULL,
  PRIMARY KEY (tag, memory_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE memories_fts USING fts5(
  key, content, content = 'memories', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE memories_unindexed (id INTEGER PRIMARY KEY);

CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
  DELETE FROM memory_tags WHERE tag IN (SELECT value FROM json_each(old.tags)) AND memory_id = old.id;
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  DELETE FROM memories_unindexed WHERE id = old.id;
END;
CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
  DELETE FROM memory_tags WHERE tag IN (SELECT value FROM json_each(old.tags)) AND memory_id = old.id;
  INSERT OR IGNORE INTO memory_tags (tag, memory_id) SELECT value, new.id FROM json_each(new.tags);
  INSERT INTO memories_fts (memories_fts, rowid, key, content)
    SELECT 'delete', old.id, old.key, old.content WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = old.id);
  INSERT INTO memories_unindexed (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM memories_unindexed WHERE id = new.id);
END;

CREATE TABLE plan_submissions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  planning_id TEXT NOT NULL,
  data        TEXT NOT NULL CHECK (json_valid(data)),
  at          INTEGER NOT NULL
);
CREATE INDEX plan_submissions_by_planning ON plan_submissions (planning_id, id);

CREATE TABLE plan_attempts (
  run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id     TEXT NOT NULL,
  n             INTEGER NOT NULL CHECK (n >= 1),
  kind          TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN (${attemptStates})),
  prompt_path   TEXT NOT NULL,
  summary       TEXT,
  error         TEXT,
  files_changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files_changed)),
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd      REAL NOT NULL DEFAULT 0,
  gates         TEXT,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  worker        TEXT,
  PRIMARY KEY (run_id, module_id, n)
);

CREATE TABLE workspaces (
  run_id    TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  isolation TEXT NOT NULL CHECK (isolation IN ('worktree', 'shared')),
  branch    TEXT,
  base      TEXT,
  note      TEXT,
  at        INTEGER NOT NULL
);

CREATE TABLE merges (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  module_id    TEXT NOT NULL,
  n            INTEGER NOT NULL CHECK (n >= 1),
  commit_sha   TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (${stateIn(mergeStates)}),
  merge_commit TEXT,
  files        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
  payload      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  at           INTEGER NOT NULL,
  PRIMARY KEY (run_id, module_id, n)
);

CREATE TABLE spec_texts (
  digest TEXT PRIMARY KEY,
  text   TEXT NOT NULL
);

CREATE TABLE attempt_texts (
  run_id      TEXT NOT NULL,
  module_id   TEXT NOT NULL,
  n           INTEGER NOT NULL,
  prompt      TEXT,
  spec_digest TEXT REFERENCES spec_texts (digest),
  prompt_end  TEXT,
  output      TEXT,
  PRIMARY KEY (run_id, module_id, n),
  FOREIGN KEY (run_id, module_id, n) REFERENCES attempts (run_id, module_id, n) ON DELETE CASCADE
);
`,
};

/** A rebuild made with foreign keys off left every reference whole, or it is rolled back. */
function foreignKeysHold(db: Database.Database, version: number): void {
  const broken = db.pragma("foreign_key_check") as { table: string }[];
  if (broken.length > 0) {
    throw new StoreError("STORE_SCHEMA", `Expected every row to keep its references through schema version ${version}, got ${broken.length} row${broken.length === 1 ? "" : "s"} of ${[...new Set(broken.map((b) => b.table))].join(", ")} without theirs`);
  }
}

function userVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** A run's recorded options (JSON) as a run records them now (keptOptions): its queue's password left out. Text that is no JSON stays. */
function keptOptionsText(text: string): string {
  let options: { queue?: { url?: unknown; withoutPassword?: true } } | null;
  try {
    options = JSON.parse(text) as typeof options;
  } catch {
    return text;
  }
  const queue = options?.queue;
  const url = typeof queue?.url === "string" ? urlWithoutPassword(queue.url) : undefined;
  if (url === undefined) return text;
  return JSON.stringify({ ...options, queue: { ...queue, url, withoutPassword: true } });
}

/**
 * Brings the schema to LATEST_VERSION: a new database (version 0) in one step, `fresh`, else
 * one transaction per migration it lacks. Each transaction re-reads `user_version` under the
 * write lock, so two processes opening the same file at once apply every migration exactly
 * once. The steps the version read first says are applied are skipped without a transaction:
 * a version only grows. A migration that took a secret out of a row leaves the database
 * rebuilt (`vacuumed`). Returns the resulting version.
 */
export function migrate(db: Database.Database, steps: readonly Migration[] = migrations, fresh: Migration | undefined = steps === migrations ? FRESH_SCHEMA : undefined): number {
  const latest = steps.at(-1)?.version ?? 0;
  const found = userVersion(db);
  if (found > latest) {
    throw new StoreError(
      "STORE_SCHEMA",
      `Expected a state database at schema version ${latest} or older, got version ${found}: it was written by a newer orchestrate`,
    );
  }
  if (found === latest) return found;
  // Migrations may call them: the store's redaction for text written before it existed, a run's options without its queue's password.
  let scrubbed = false;
  const scrubbing = (rewrite: (text: string) => string) => (text: unknown) => {
    if (typeof text !== "string") return text;
    const kept = rewrite(text);
    if (kept !== text) scrubbed = true;
    return kept;
  };
  db.function("orchestrate_redact", scrubbing(clean.text));
  db.function("orchestrate_kept_options", scrubbing(keptOptionsText));
  if (found === 0 && fresh?.version === latest) {
    const create = db.transaction(() => {
      if (userVersion(db) !== 0) return;
      db.exec(fresh.up);
      db.pragma(`user_version = ${fresh.version}`);
    });
    create.immediate();
  }
  for (const step of steps) {
    if (step.version <= found) continue;
    const apply = db.transaction(() => {
      if (userVersion(db) >= step.version) return;
      db.exec(step.up);
      if (step.rebuildsParents) foreignKeysHold(db, step.version);
      db.pragma(`user_version = ${step.version}`);
    });
    // The pragma is a no-op inside a transaction: set around it, and put back as it was.
    const keys = step.rebuildsParents ? (db.pragma("foreign_keys", { simple: true }) as number) : 0;
    if (keys) db.pragma("foreign_keys = OFF");
    try {
      apply.immediate();
    } finally {
      if (keys) db.pragma("foreign_keys = ON");
    }
  }
  if (scrubbed) vacuumed(db);
  return userVersion(db);
}

/**
 * The database rebuilt with what its rows hold now, and its WAL emptied: a row rewritten
 * without a secret leaves the old bytes in the file, in the page's free space, in pages freed
 * to the free list (and earlier updates of the row left more copies there), and in the WAL's
 * frames. `secure_delete` would zero only what this rewrite frees, not the copies before it;
 * VACUUM writes every page anew from the live rows, and the TRUNCATE checkpoint copies those
 * pages over the old ones and cuts the WAL to nothing. Only when a migration removed something:
 * its cost is a copy of the whole file.
 */
function vacuumed(db: Database.Database): void {
  db.exec("VACUUM");
  db.pragma("wal_checkpoint(TRUNCATE)");
}
