import { chmodSync, closeSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { PRIVATE_FILE, mkdirPrivate } from "../redact/index.js";
import Database from "better-sqlite3";
import { StoreError, notFound, type StoreErrorData } from "./errors.js";
import { migrate } from "./migrations.js";
import { memoryIndexer } from "./memory-index.js";
import { prepareStatements, type Statements } from "./statements.js";
import { clean } from "./redact.js";
import { ftsQuery, searchLimit, searchTerms } from "./search.js";
import { searchSql, shapeKey, type SearchShape } from "./search-sql.js";
import { encodeData, hasOwnKey, toAttempt, toAttemptText, toEvent, toLock, toMemory, toMerge, tupleToMemory, toModule, toProcess, toRun, toRunHead, toTodo, toWorkspace } from "./rows.js";
import type {
  AttemptEnd, AttemptRecord, AttemptText, EventRecord, QuotedSpec, LockRecord, MemoryRecord, MemorySearch, MergeRecord, ModuleRecord, ModuleState, ProcessRecord, RunHead, RunRecord,
  RunState, RunTally, Store, TodoRecord, WorkspaceRecord,
} from "./types.js";
import type { MemoryRow, MemoryTuple, RunRow } from "./rows.js";
import { joinSpecTexts, splitPrompt, splitSpecTexts } from "./spec-texts.js";
import { taskTypeOf } from "./task-type.js";
import { sqliteAddon } from "./addon.js";
import { OwnAttempts } from "./own-attempts.js";
import { connect, openReadOnly, readOnlyWrite } from "./read-only.js";

type CreateRun = Parameters<Store["createRun"]>[0];
type StartAttempt = Parameters<Store["startAttempt"]>[2];
type WriteMemory = Parameters<Store["writeMemory"]>[0];
type TodoInput = Parameters<Store["writeTodos"]>[2];

export interface SqliteStoreOptions {
  /**
   * Group commit: the writes of one turn of the event loop share one transaction, committed
   * when the turn ends (or at `flush()`, or by a write that must be durable at once). Each
   * write stays atomic and in order; what a crash can lose is the current turn's writes, as
   * it could before (a turn is synchronous code, never an agent's time), and listeners hear
   * of a write only after its commit. For the process that runs modules: per module it is
   * one commit instead of five.
   */
  group?: boolean;
  /**
   * Opens an existing file only to read (src/store/read-only.ts): nothing created, migrated or
   * written; a write fails with `STORE_READ_ONLY`. For reading commands on a project this user
   * may not write. @default false
   */
  readOnly?: boolean;
}

/** Opens (creating folder, file and schema as needed) the store at `file`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(file, options);
}

/**
 * The database holds prompts' outcomes, errors and memories: the user's alone (0600 in a
 * 0700 folder). SQLite creates its -wal and -shm files with the database file's mode, so
 * the file is made 0600 before SQLite opens it; an older store made 0644 is tightened.
 */
function createPrivate(file: string): void {
  mkdirPrivate(dirname(file));
  closeSync(openSync(file, "a", PRIVATE_FILE));
}

function keepPrivate(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, PRIVATE_FILE);
    } catch {
      // -wal and -shm come and go with connections; a missing one is made with the file's mode.
    }
  }
}

const MODULE_STATES: ReadonlySet<string> = new Set<ModuleState>(["pending", "running", "validating", "done", "failed", "blocked"]);

/** Turns constraint failures into the StoreErrors every Store implementation throws. */
function constraint(err: unknown, data: StoreErrorData, parent: "run" | "attempt" = "run"): unknown {
  const code = err instanceof Database.SqliteError ? err.code : "";
  if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
    return new StoreError("STORE_CONFLICT", `Expected new ids, got ones already stored (${err instanceof Error ? err.message : ""})`, data, { cause: err });
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return notFound(parent, data);
  return err;
}

/**
 * The stores of this process holding a group open. Another connection of the same process
 * that wrote now would wait for the group's lock on busy_timeout, blocking the one thread
 * that could commit it: every write first commits the others' groups.
 */
const openGroups = new Set<SqliteStore>();

/** How a write commits: see SqliteStore.write. */
interface Write {
  durable?: boolean;
  /**
   * Needs no savepoint: see SqliteStore.write. A savepoint costs more than its two statements:
   * SQLite copies each page the write then changes (16 KB) into its journal first.
   */
  one?: boolean;
  /** What a foreign key's refusal says is missing. @default "run" */
  parent?: "run" | "attempt";
  /** Queues an event for the commit (appendEvent): no SQL runs now. */
  event?: boolean;
}

/** How most writes commit, made once rather than at each call. */
const ONE: Write = { one: true };
const EVENT: Write = { one: true, event: true };

/** An event row waiting for the group's commit: run_id, at, type, module_id, data. */
type QueuedEvent = [runId: string, at: number, type: string, moduleId: string | null, data: string];

export class SqliteStore implements Store {
  /** The connection, for tests and maintenance; write only through the Store methods. */
  readonly db: Database.Database;
  private readonly s: Statements;
  private readonly tx: Database.Transaction<<T>(fn: () => T) => T>;
  /** searchMemories' statements, one per search shape, prepared on first use. */
  private readonly searches = new Map<string, Database.Statement<[Record<string, unknown>], MemoryTuple>>();
  private readonly group: boolean;
  private readonly readOnly: boolean;
  private readonly file: string;
  private readonly control: Record<"begin" | "commit" | "rollback", Database.Statement>;
  /** The open group's commit, at the end of this turn of the event loop. */
  private commitAt: NodeJS.Immediate | undefined;
  /** What waits for the open group to commit (listeners to be told), in order. */
  private readonly waiting: (() => void)[] = [];
  /** Writes running now (nested ones count): a durable write commits when the outermost ends. */
  private depth = 0;
  private durableAsked = false;
  /** A group that could not commit: every later write fails with it, nothing is half kept. */
  private broken: unknown;
  /**
   * Digests whose spec text this store wrote as the plan had it (nothing to redact): a prompt
   * quoting that text is split at it without reading the text back (keepAttemptText).
   */
  private readonly verbatim = new Set<string>();
  /** Writes the full-text entries of memories written since it last ran (src/store/memory-index.ts). */
  private readonly indexMemories: () => void;
  /**
   * The open group wrote or deleted memories: their full-text entries are written when it
   * commits (once, for all of them), or before a search by words reads the index. Ungrouped,
   * each memory write indexes its memory itself.
   */
  private unindexed = false;
  /**
   * Grouping, the events of a store call (a batch) wait here and are written when it ends, outside
   * its savepoint (or before events are read): a run writes six a module, and written one by one
   * inside the engine's batches each was a write of its own and made the savepoint journal their pages.
   */
  private readonly queued: QueuedEvent[] = [];
  /** How many of `queued` are written already (a read of events wrote them inside the open group). */
  private written = 0;
  /** Runs known to exist: a queued event's run is checked when it is queued, not at the commit. Runs are never deleted. */
  private readonly knownRuns = new Set<string>();
  /** The attempts of modules this store wrote all of, to answer the run's read of them without SQL (own-attempts.ts). */
  private readonly own = new OwnAttempts();
  /**
   * The modules of the run this store last created that have no attempt yet (startAttempt): a module's first
   * attempt is numbered 1 without reading its count, one statement of the three fewer. Let go as they start.
   */
  private unstarted: { runId: string; ids: Set<string> } | undefined;
  /** The open batch that takes no savepoint (see `batch`): whether it made its write yet. */
  private single: { wrote: boolean } | undefined;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.group = options.group === true;
    this.readOnly = options.readOnly === true;
    this.file = file;
    const nativeBinding = sqliteAddon();
    if (this.readOnly) {
      this.db = openReadOnly(file, nativeBinding);
      this.db.pragma("busy_timeout = 5000");
      this.db.pragma("foreign_keys = ON");
      this.s = prepareStatements(this.db);
      this.tx = this.db.transaction(<T>(fn: () => T): T => fn());
      this.indexMemories = memoryIndexer(this.db);
      this.control = { begin: this.db.prepare("BEGIN IMMEDIATE"), commit: this.db.prepare("COMMIT"), rollback: this.db.prepare("ROLLBACK") };
      return;
    }
    if (file !== ":memory:") createPrivate(file);
    this.db = connect(file, nativeBinding ? { nativeBinding } : {});
    try {
      // Another process (an MCP server, `orchestrate memory`) may hold the write lock
      // briefly; set first, since switching a new file to WAL needs the lock too.
      this.db.pragma("busy_timeout = 5000");
      // 16 KB pages for a new file (an existing one keeps its own): a run appends rows by the
      // thousand, and a commit writes and checkpoints a quarter of the pages and system calls
      // 4 KB pages took (at 10,000 modules, COMMIT's time fell by 40%). Set before WAL, which fixes it.
      this.db.pragma("page_size = 16384");
      this.db.pragma("journal_mode = WAL");
      // NORMAL under WAL does not fsync on each commit, only at checkpoints. A committed
      // transaction is in the WAL file before COMMIT returns, so it survives the process
      // being killed; only an OS crash or power cut can lose the last few commits, and
      // even then the database stays consistent (it rolls back to an earlier commit).
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      // Savepoints (a write inside a batch or a group) journal the pages they change: in
      // memory, not in a temporary file written page by page.
      this.db.pragma("temp_store = MEMORY");
      // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: a run's store
      // writes far more than it reads back, and at 10,000 modules the larger cache was only
      // resident memory (about 10 MB of the peak), with no CPU saved.
      this.db.pragma("cache_size = -2000");
      migrate(this.db);
      if (file !== ":memory:") keepPrivate(file);
      this.s = prepareStatements(this.db);
      this.tx = this.db.transaction(<T>(fn: () => T): T => fn());
      this.indexMemories = memoryIndexer(this.db);
      this.control = { begin: this.db.prepare("BEGIN IMMEDIATE"), commit: this.db.prepare("COMMIT"), rollback: this.db.prepare("ROLLBACK") };
    } catch (err) {
      this.db.close();
      // A newer database is the user's to see: name the file.
      if (err instanceof StoreError && err.code === "STORE_SCHEMA" && file !== ":memory:") throw new StoreError(err.code, err.message, {}, { file, cause: err });
      throw err;
    }
  }

  /**
   * Runs `fn` as one write transaction, or, grouping, as a savepoint of the group's. IMMEDIATE
   * takes the write lock up front, so a concurrent writer waits on busy_timeout instead of
   * failing mid-transaction. `durable`: committed when this returns (a lock other processes
   * read, a record that must precede an effect outside the store). `one`: `fn` makes every
   * check that can fail before its first change (reads and one statement may throw), and its
   * later statements can fail only as SQLite then rolls the whole transaction back (I/O, memory:
   * a statement without a statement journal cannot be undone alone), so inside a transaction it
   * needs no savepoint: SQLite undoes a failing statement by itself.
   */
  private write<T>(fn: () => T, data: StoreErrorData = {}, how: Write = {}): T {
    try {
      return this.grouped(fn, how);
    } catch (err) {
      if (this.readOnly && err instanceof Database.SqliteError && err.code.startsWith("SQLITE_READONLY")) throw readOnlyWrite(this.file, err);
      throw constraint(err, data, how.parent);
    }
  }

  batch<T>(fn: () => T, how: { single?: boolean } = {}): T {
    // Nested write() calls become savepoints inside this one transaction.
    if (!how.single || !this.group || this.single || this.depth > 0) return this.grouped(fn, {});
    // Its events are queued and its one write, the last call, changes nothing when it fails (see
    // `one`; a write that is not runs in a savepoint of its own): a throw anywhere leaves nothing behind.
    this.single = { wrote: false };
    try {
      return this.grouped(fn, ONE);
    } finally {
      this.single = undefined;
    }
  }

  private grouped<T>(fn: () => T, how: Write): T {
    // Not a group in the middle of a write (a batch writing to this store too): committing it there would split the batch.
    // Most writes find no other store's group open: no iterator made for them.
    if (openGroups.size > (openGroups.has(this) ? 1 : 0)) for (const other of openGroups) if (other !== this && other.depth === 0) other.commitGroup();
    if (!this.group) {
      if (how.one && this.db.inTransaction) return fn();
      try {
        return this.tx.immediate(fn) as T;
      } catch (err) {
        // Rolled back: a run created in it is no longer so.
        this.forgetWritten();
        throw err;
      }
    }
    if (this.broken !== undefined) throw this.broken;
    if (this.single && this.depth > 0) {
      // Checked before anything is done: a call after the single batch's write could not be undone with it.
      if (this.single.wrote) throw new Error("Expected a single-write batch's write to be its last store call, got another call after it");
      if (!how.event) this.single.wrote = true;
    }
    if (!this.db.inTransaction) {
      this.control.begin.run();
      openGroups.add(this);
      this.commitAt = setImmediate(() => this.commitGroup());
    }
    this.depth++;
    // Plain declarations, not `const [a, b] = [...]`: the run's code runs below TurboFan (src/cli/heap.ts), where
    // destructuring an array walks its iterator (about 250 ns a write, 300 an event row, in this file's hot paths).
    const queued = this.queued.length;
    const written = this.written;
    try {
      // Inside the open transaction better-sqlite3 makes this a savepoint: a throw undoes `fn` alone.
      const result = how.one ? fn() : (this.tx(fn) as T);
      // The outermost call's events, now that nothing can undo them alone: held to the commit, they
      // outlived a scavenge and filled the old generation (a quarter more page faults at 10,000 modules).
      if (this.depth === 1 && this.queued.length > 0) {
        this.writeQueued();
        this.queued.length = 0;
        this.written = 0;
      }
      return result;
    } catch (err) {
      // Some errors (a full disk, I/O) make SQLite roll the whole transaction back: the group's earlier writes are gone.
      if (!this.db.inTransaction) this.lose(err);
      else this.unqueue(queued, written, !how.one);
      throw err;
    } finally {
      this.depth--;
      this.durableAsked ||= how.durable === true;
      if (this.depth === 0 && this.durableAsked) this.flush();
    }
  }

  /**
   * A write that threw: the events it queued go with it. `undone`: its savepoint was rolled
   * back, and with it the queued events written inside it (a read of events wrote them), to
   * be written again.
   */
  private unqueue(queued: number, written: number, undone: boolean): void {
    // A run created in the savepoint is no longer so.
    if (undone) this.forgetWritten();
    if (undone) this.written = written;
    this.queued.length = Math.max(queued, this.written);
  }

  /** What this store keeps of its own writes (the runs it knows), after a rollback undid some of them. */
  private forgetWritten(): void {
    this.knownRuns.clear();
    this.own.clear();
    this.unstarted = undefined;
  }

  /** Writes the events queued so far, inside the open group: before it commits, and before events are read. */
  private writeQueued(): void {
    const { queued } = this;
    if (this.written === queued.length) return;
    const insert = this.s.insertEvent;
    for (let i = this.written; i < queued.length; i++) {
      const e = queued[i]!;
      insert.run(e[0], e[1], e[2], e[3], e[4]);
    }
    this.written = queued.length;
  }

  /** The open group is lost (its commit failed, or SQLite rolled it back): every later write fails with this. */
  private lose(err: unknown): StoreError {
    if (this.db.inTransaction) this.control.rollback.run();
    openGroups.delete(this);
    this.waiting.length = 0;
    this.queued.length = 0;
    this.written = 0;
    this.forgetWritten();
    this.unindexed = false;
    this.broken ??= new StoreError("STORE_WRITE", `Could not commit the run's state: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
    return this.broken as StoreError;
  }

  /** The group's commit at the end of a turn (or for another connection's write): a failure breaks this store, not the caller. */
  private commitGroup(): void {
    try {
      this.flush();
    } catch (err) {
      // A failed commit is kept in `broken`: the next write (and close) reports it. A listener's throw is its own.
      if (err !== this.broken) throw err;
    }
  }

  flush(): void {
    if (this.broken !== undefined) throw this.broken;
    if (this.commitAt) clearImmediate(this.commitAt);
    this.commitAt = undefined;
    this.durableAsked = false;
    openGroups.delete(this);
    if (!this.group || !this.db.inTransaction) return;
    try {
      this.writeQueued();
      if (this.unindexed) this.indexMemories();
      this.unindexed = false;
      this.control.commit.run();
    } catch (err) {
      throw this.lose(err);
    }
    this.queued.length = 0;
    this.written = 0;
    // Every waiting listener is told, even after one throws; the first throw is passed on.
    let thrown: unknown;
    for (const fn of this.waiting.splice(0)) {
      try {
        fn();
      } catch (err) {
        thrown ??= err;
      }
    }
    if (thrown !== undefined) throw thrown;
  }

  afterCommit(fn: () => void): void {
    if (this.group && this.db.inTransaction) this.waiting.push(fn);
    else fn();
  }

  createRun(run: CreateRun): RunRecord {
    const { id, at } = run;
    // The plan is written without its modules' spec texts: a few MB of JSON for 10,000
    // modules, serialised and redacted once. The texts go to spec_texts, a row of a few KB
    // each, only those not stored yet (a 20 MB JSON text, its redaction and SQLite's copies
    // of it made the run's peak memory). The record is the caller's plan unless a secret was
    // redacted; then it is what was stored.
    const { plan: stored, texts } = splitSpecTexts(run.plan);
    const text = JSON.stringify(stored);
    const planJson = clean.json(text);
    const [request, options, taskType] = [clean.text(run.request), clean.json(run.options), clean.optional(taskTypeOf(run.plan)) ?? null];
    let redacted = planJson !== text;
    const verbatim: string[] = [];
    this.write(() => {
      this.s.insertRun.run({ id, request, plan: planJson, options, taskType, at });
      // One statement each for the modules and for the digests stored already, not one per module.
      this.s.insertModules.run({ runId: id, modules: JSON.stringify(run.modules.map((m) => [m.moduleId, m.layer])), at });
      const stored = texts.size ? new Set(this.s.storedSpecTexts.all(JSON.stringify([...texts.keys()])).map((r) => r.digest)) : new Set<string>();
      for (const [digest, specText] of texts) {
        if (stored.has(digest)) continue;
        const cleaned = clean.spec(specText, digest);
        if (cleaned !== specText) redacted = true;
        else verbatim.push(digest);
        this.s.insertSpecText.run(digest, cleaned);
      }
    }, { runId: id });
    for (const digest of verbatim) this.verbatim.add(digest);
    this.knownRuns.add(id);
    this.unstarted = { runId: id, ids: new Set(run.modules.map((m) => m.moduleId)) };
    if (redacted) return this.getRun(id)!;
    return { id, request, plan: run.plan, options, state: "running", createdAt: at, updatedAt: at };
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.s.getRun.get(id);
    return row && this.toRun(row);
  }

  listRuns(limit?: number): RunRecord[] {
    return this.s.listRuns.all(limit ?? -1).map((row) => this.toRun(row));
  }

  listRunHeads(limit?: number): RunHead[] {
    return this.s.listRunHeads.all(limit ?? -1).map(toRunHead);
  }

  runTallies(): Map<string, RunTally> {
    const tallies = new Map<string, RunTally>();
    const of = (runId: string) => {
      let tally = tallies.get(runId);
      if (!tally) tallies.set(runId, (tally = { states: {}, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, starts: 0 }));
      return tally;
    };
    this.writeQueued();
    for (const r of this.s.tallyStates.all()) of(r.run_id).states[r.state] = r.n;
    for (const r of this.s.tallyUsage.all()) {
      const { usage } = of(r.run_id);
      [usage.inputTokens, usage.outputTokens, usage.costUsd] = [usage.inputTokens + r.input_tokens, usage.outputTokens + r.output_tokens, usage.costUsd + r.cost_usd];
    }
    for (const r of this.s.tallyStarts.all()) {
      const tally = of(r.run_id);
      tally.starts++;
      tally.lastStart = toEvent(r);
    }
    for (const r of this.s.tallyNewest.all()) of(r.run_id).newestEventAt = r.at;
    return tallies;
  }

  getRunHead(id: string): RunHead | undefined {
    const row = this.s.getRunHead.get(id);
    return row && toRunHead(row);
  }

  /** The run with its plan whole again: the spec texts createRun kept apart are put back. */
  private toRun(row: RunRow): RunRecord {
    try {
      const run = toRun(row);
      joinSpecTexts(run.plan, (digest) => this.s.getSpecText.get(digest)?.text);
      return run;
    } catch (error) {
      throw new StoreError("STORE_UNREADABLE", `The stored plan of run ${row.id} cannot be read (${(error as Error).message}): its row in ${this.db.name} is damaged`, { runId: row.id }, { cause: error });
    }
  }

  setRunState(id: string, state: RunState, at: number): void {
    // Durable: a run's end records its pending documentation step, which then writes the user's files.
    this.write(() => {
      const endedAt = state === "running" ? null : at;
      if (this.s.setRunState.run(state, at, endedAt, id).changes === 0) throw notFound("run", { runId: id });
    }, { runId: id }, { one: true, durable: true });
  }

  getModules(runId: string): ModuleRecord[] {
    return this.s.getModules.all(runId).map(toModule);
  }

  getModule(runId: string, moduleId: string): ModuleRecord | undefined {
    const row = this.s.getModule.get(runId, moduleId);
    return row && toModule(row);
  }

  setModuleState(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void {
    this.write(() => this.moveModule(runId, moduleId, state, at, clean.optional(reason)), { runId, moduleId }, ONE);
  }

  private moveModule(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void {
    const changed = this.s.setModuleState.run(state, reason ?? null, at, runId, moduleId).changes;
    if (changed === 0) throw notFound("module", { runId, moduleId });
  }

  startAttempt(runId: string, moduleId: string, attempt: StartAttempt): AttemptRecord {
    const { kind, agent, promptPath, at } = attempt;
    return this.write(() => {
      // The attempt first, then the count: every way to fail comes before the first change (see `one`),
      // preparing the statements too (statements.ts).
      const { getAttemptCount, insertAttempt, startModule } = this.s;
      let n = 0;
      // A module of the run this store created, not started since: its first attempt, numbered without reading the count.
      // Should another writer have started it meanwhile, the attempt's key is taken and the count is read after all.
      if (this.unstarted?.runId === runId && this.unstarted.ids.delete(moduleId)) {
        try {
          insertAttempt.run(runId, moduleId, 1, kind, agent, promptPath, at);
          n = 1;
        } catch (err) {
          if (!(err instanceof Database.SqliteError && err.code === "SQLITE_CONSTRAINT_PRIMARYKEY")) throw err;
        }
      }
      if (n === 0) {
        const module = getAttemptCount.get(runId, moduleId);
        if (!module) throw notFound("module", { runId, moduleId });
        n = module.attempts + 1;
        insertAttempt.run(runId, moduleId, n, kind, agent, promptPath, at);
      }
      startModule.run(n, at, runId, moduleId);
      this.own.started([runId, moduleId, n, kind, agent, "running", promptPath, null, null, "[]", 0, 0, 0, null, at, null, null]);
      return {
        runId, moduleId, n, kind, agent, state: "running", promptPath, filesChanged: [],
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: at,
      } satisfies AttemptRecord;
    }, { runId, moduleId }, ONE);
  }

  finishAttempt(runId: string, moduleId: string, n: number, end: AttemptEnd, moduleState: ModuleState, reason?: string): void {
    // The module's state is checked before the attempt changes, not by the CHECK after it (see `one`).
    if (!MODULE_STATES.has(moduleState)) throw new TypeError(`Expected a module state (${[...MODULE_STATES].join(", ")}), got \`${String(moduleState)}\``);
    const summary = clean.optional(end.summary) ?? null;
    const error = clean.optional(end.error) ?? null;
    const why = clean.optional(reason);
    // Gate results are serialised once, and redacted as that text (clean.end would serialise them twice).
    const gates = end.gates ? clean.json(JSON.stringify(end.gates)) : null;
    this.write(() => {
      const usage = end.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      const filesChanged = JSON.stringify(end.filesChanged ?? []);
      const worker = clean.optional(end.worker) ?? null;
      // Prepared before the first change (statements.ts): moveModule's statement runs after it.
      void this.s.setModuleState;
      const changed = this.s.finishAttempt.run(
        end.state, summary, error, filesChanged,
        usage.inputTokens, usage.outputTokens, usage.costUsd, gates, worker, end.endedAt,
        runId, moduleId, n,
      ).changes;
      if (changed === 0) {
        if (!this.s.getAttempt.get(runId, moduleId, n)) throw notFound("attempt", { runId, moduleId, n });
        throw new StoreError("STORE_CONFLICT", `Expected attempt ${n} of module \`${moduleId}\` to be running, found it ended`, { runId, moduleId, n });
      }
      // Cannot fail now: the state is valid, and the attempt's foreign key holds its module.
      this.moveModule(runId, moduleId, moduleState, end.endedAt, why);
      const { inputTokens, outputTokens, costUsd } = usage;
      this.own.finished(runId, moduleId, n, { state: end.state, summary, error, filesChanged, inputTokens, outputTokens, costUsd, gates, worker, endedAt: end.endedAt });
    }, { runId, moduleId }, ONE);
  }

  setAttemptWorker(runId: string, moduleId: string, n: number, worker: string): void {
    const name = clean.optional(worker) ?? null;
    if (name === null) return;
    this.write(() => {
      if (this.s.setAttemptWorker.run(name, runId, moduleId, n).changes > 0) this.own.worker(runId, moduleId, n, name);
    }, { runId, moduleId }, ONE);
  }

  getAttempts(runId: string, moduleId?: string): AttemptRecord[] {
    // What the run wrote itself is not read back (own-attempts.ts).
    if (moduleId !== undefined) return this.own.take(runId, moduleId) ?? this.s.getModuleAttempts.all(runId, moduleId).map(toAttempt);
    // A run's attempts, each row made a record as it is read: at 10,000 modules all the rows held beside
    // their records were 7 MB more at the docs step, the run's peak of memory.
    const attempts: AttemptRecord[] = [];
    for (const row of this.s.getRunAttempts.iterate({ runId })) attempts.push(toAttempt(row));
    return attempts;
  }

  recordAttempt(a: AttemptRecord & { endedAt: number }): void {
    const { usage } = a;
    this.write(() => {
      this.s.insertEndedAttempt.run(
        a.runId, a.moduleId, a.n, a.kind, a.agent, a.state, a.promptPath, clean.optional(a.summary) ?? null, clean.optional(a.error) ?? null,
        usage.inputTokens, usage.outputTokens, usage.costUsd, a.startedAt, a.endedAt,
      );
    }, { runId: a.runId, moduleId: a.moduleId });
  }

  savePlanSubmission(planningId: string, data: unknown, at: number): void {
    const json = encodeData(data);
    this.write(() => this.s.insertSubmission.run(planningId, json, at), { runId: planningId }, ONE);
  }

  getPlanSubmission(planningId: string): unknown {
    const row = this.s.getSubmission.get(planningId);
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  setWorkspace(w: WorkspaceRecord): void {
    this.write(() => this.s.upsertWorkspace.run(w.runId, w.isolation, w.branch ?? null, w.base ?? null, w.note ?? null, w.at), { runId: w.runId }, { one: true, durable: true });
  }

  getWorkspace(runId: string): WorkspaceRecord | undefined {
    const row = this.s.getWorkspace.get(runId);
    return row ? toWorkspace(row) : undefined;
  }

  keepAttemptText(runId: string, moduleId: string, n: number, text: AttemptText, spec?: QuotedSpec): void {
    const prompt = clean.optional(text.prompt) ?? null;
    const output = clean.optional(text.output) ?? null;
    // The attempt is not read first: attempt_texts' foreign key refuses a text for an attempt that does not exist.
    this.write(() => {
      const { s } = this;
      // An output alone (an attempt's end) updates the row its prompt made; an INSERT when there is none.
      if (prompt === null) {
        if (output === null || s.setAttemptOutput.run(output, runId, moduleId, n).changes === 0) s.insertAttemptText.run(runId, moduleId, n, null, null, null, output);
        return;
      }
      // The spec text as stored (redacted as the prompt is), found again in the prompt: kept once, in spec_texts.
      const stored = !spec ? undefined : this.verbatim.has(spec.digest) ? spec.text : s.getSpecText.get(spec.digest)?.text;
      const parts = stored === undefined ? undefined : splitPrompt(prompt, stored);
      const head = parts ? parts.head : prompt;
      const digest = parts ? spec!.digest : null;
      const tail = parts ? parts.tail : null;
      if (s.insertAttemptText.run(runId, moduleId, n, head, digest, tail, output).changes === 0) s.setAttemptPrompt.run(head, digest, tail, output, runId, moduleId, n);
    }, { runId, moduleId, n }, { one: true, parent: "attempt" });
  }

  getAttemptText(runId: string, moduleId: string, n: number): AttemptText {
    return toAttemptText(this.s.getAttemptText.get(runId, moduleId, n));
  }

  keepsSpecText(digest: string): boolean {
    return this.verbatim.has(digest);
  }

  getSpecText(digest: string): string | undefined {
    return this.s.getSpecText.get(digest)?.text;
  }

  recordMerge(m: Parameters<Store["recordMerge"]>[0]): void {
    const payload = encodeData(m.payload);
    // Durable: the branch moves after this, and resume settles a merge from this record.
    this.write(() => this.s.upsertMerge.run(m.runId, m.moduleId, m.n, m.commit, JSON.stringify(m.files), payload, m.at), { runId: m.runId, moduleId: m.moduleId }, { one: true, durable: true });
  }

  finishMerge(runId: string, moduleId: string, n: number, state: "merged" | "failed", mergeCommit?: string): void {
    this.write(() => {
      if (this.s.finishMerge.run(state, mergeCommit ?? null, runId, moduleId, n).changes === 0) throw notFound("merge", { runId, moduleId });
    }, { runId, moduleId }, ONE);
  }

  getMerges(runId: string): MergeRecord[] {
    return this.s.getMerges.all(runId).map(toMerge);
  }

  appendEvent(runId: string, type: string, data: unknown, at: number, moduleId?: string): void {
    const json = encodeData(data);
    // Outside a store call (most of a run's events) the row is written now, as the queue would write it when
    // this write ends: no queue entry to make and let go. A foreign key's refusal says the run is missing.
    if (!this.group || this.depth === 0) {
      this.write(() => this.s.insertEvent.run(runId, at, type, moduleId ?? null, json), { runId }, ONE);
      return;
    }
    this.write(() => {
      // The foreign key's check, made now: the row is written at the commit.
      if (!this.knownRuns.has(runId)) {
        if (!this.s.runExists.get(runId)) throw notFound("run", { runId });
        this.knownRuns.add(runId);
      }
      this.queued.push([runId, at, type, moduleId ?? null, json]);
    }, { runId }, EVENT);
  }

  getEvents(runId: string, afterId?: number, type?: string, withKey?: string): EventRecord[] {
    this.writeQueued();
    if (withKey !== undefined) {
      // JSON writes a key as `"key":`; inside a string its quotes are escaped, so a row without that text has no such key.
      const rows = this.s.getEventsWithText.all({ runId, afterId: afterId ?? 0, type: type ?? null, text: `${JSON.stringify(withKey)}:` });
      return rows.map(toEvent).filter((e) => hasOwnKey(e.data, withKey));
    }
    const rows = type === undefined ? this.s.getEvents.all(runId, afterId ?? 0) : this.s.getEventsOfType.all(runId, afterId ?? 0, type);
    return rows.map(toEvent);
  }

  latestEventId(runId: string): number {
    this.writeQueued();
    return this.s.latestEventId.get(runId)!.id;
  }

  takeLock(owner: LockRecord, isLive: (holder: LockRecord) => boolean): LockRecord | undefined {
    // IMMEDIATE holds the write lock from the read to the commit: no other process reads
    // the row in between, so the check and the take are one step.
    return this.write(() => {
      const row = this.s.getLock.get();
      const holder = row && toLock(row);
      if (holder && isLive(holder)) return holder;
      this.s.setLock.run(owner.pid, owner.startTime, owner.runId, owner.since);
      return undefined;
    }, {}, { one: true, durable: true });
  }

  releaseLock(owner: Pick<LockRecord, "pid" | "startTime">): boolean {
    return this.write(() => this.s.deleteLock.run(owner.pid, owner.startTime).changes > 0, {}, { one: true, durable: true });
  }

  getLock(): LockRecord | undefined {
    const row = this.s.getLock.get();
    return row && toLock(row);
  }

  recordProcess(p: ProcessRecord): void {
    const { runId, moduleId, n } = p;
    this.write(() => {
      if (!this.s.getAttempt.get(runId, moduleId, n)) throw notFound("attempt", { runId, moduleId, n });
      this.s.upsertProcess.run(runId, moduleId, n, p.pid, p.startTime, p.recordedAt);
    }, { runId, moduleId, n }, { one: true, durable: true });
  }

  getProcesses(runId?: string): ProcessRecord[] {
    const rows = runId === undefined ? this.s.getProcesses.all() : this.s.getRunProcesses.all(runId);
    return rows.map(toProcess);
  }

  forgetProcess(p: Pick<ProcessRecord, "runId" | "moduleId" | "n" | "pid">): boolean {
    return this.write(() => this.s.deleteProcess.run(p.runId, p.moduleId, p.n, p.pid).changes > 0, {}, ONE);
  }

  writeMemory(memory: WriteMemory): MemoryRecord {
    const { key, at } = memory;
    const content = clean.text(memory.content);
    const tags = memory.tags === undefined ? null : JSON.stringify(memory.tags);
    const runId = memory.runId ?? null;
    const row = this.write((): MemoryRow | undefined => {
      // The insert is the only change that can fail (see `one`); an existing key is updated instead.
      // Its statements are prepared before it (statements.ts).
      const { insertMemory, updateMemory, tagMemory, unindexMemory } = this.s;
      const added = insertMemory.run({ key, content, tags: tags ?? "[]", runId, at });
      if (added.changes === 0) return this.indexed(updateMemory.get({ key, content, tags, runId, at }));
      const id = Number(added.lastInsertRowid);
      tagMemory.run(id, tags ?? "[]");
      unindexMemory.run(id);
      return this.indexed({ id, key, content, tags: tags ?? "[]", run_id: runId, created_at: at, updated_at: at });
    }, {}, { one: this.group });
    if (!row) throw new Error("unreachable: UPDATE ... RETURNING returned no row for a key stored");
    return toMemory(row);
  }

  readMemory(key: string): MemoryRecord | undefined {
    const row = this.s.readMemory.get(key);
    return row && toMemory(row);
  }

  listMemories(filter: { tags?: string[]; limit?: number } = {}): MemoryRecord[] {
    const tags = filter.tags?.length ? JSON.stringify(filter.tags) : null;
    return this.s.listMemories.all({ tags, limit: filter.limit ?? -1 }).map(toMemory);
  }

  deleteMemory(key: string): boolean {
    return this.write(() => this.indexed(this.s.deleteMemory.run(key).changes > 0), {}, { one: this.group });
  }

  /** After a write to memories: their full-text entries now, or, grouping, when the group commits. */
  private indexed<T>(result: T): T {
    if (this.group) this.unindexed = true;
    else this.indexMemories();
    return result;
  }

  searchMemories(search: MemorySearch): MemoryRecord[] {
    const limit = searchLimit(search.limit);
    if (limit === 0) return [];
    // Most searches (every prompt's) are by tags alone: no words to find in an absent query.
    const terms = search.query === undefined ? [] : searchTerms(search.query);
    const shape: SearchShape = { words: terms.length > 0, tags: search.tags !== undefined, module: search.module !== undefined };
    // Inside the open group, which wrote the memories: the index step is part of it.
    if (shape.words && this.unindexed) this.indexMemories();
    const key = shapeKey(shape);
    let statement = this.searches.get(key);
    if (!statement) {
      statement = this.db.prepare<[Record<string, unknown>], MemoryTuple>(searchSql(shape)).raw();
      this.searches.set(key, statement);
    }
    const params: Record<string, unknown> = {};
    if (shape.words) params.match = ftsQuery(terms);
    if (shape.tags) params.tags = JSON.stringify(search.tags);
    if (shape.module) params.module = `module:${search.module}`;
    // The statement has no LIMIT (see searchSql): reading stops at the limit, and a memory
    // found through two of the tags comes twice, next to itself, so repeats are skipped.
    const found: MemoryRecord[] = [];
    let last: string | undefined;
    for (const row of statement.iterate(params)) {
      if (row[0] === last) continue;
      last = row[0];
      if (found.push(tupleToMemory(row)) === limit) break;
    }
    return found;
  }

  writeTodos(runId: string, owner: string, todos: TodoInput): void {
    this.write(() => {
      if (!this.s.getRun.get(runId)) throw notFound("run", { runId });
      this.s.deleteTodos.run(runId, owner);
      todos.forEach((t, position) => this.s.insertTodo.run(runId, owner, position, clean.text(t.content), t.status));
    }, { runId });
  }

  readTodos(runId: string, owner?: string): TodoRecord[] {
    const rows = owner === undefined ? this.s.getRunTodos.all(runId) : this.s.getOwnerTodos.all(runId, owner);
    return rows.map(toTodo);
  }

  close(): void {
    try {
      if (this.db.open) this.flush();
    } finally {
      this.db.close();
    }
  }
}
