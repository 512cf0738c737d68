import Database from "better-sqlite3";
import { StoreError, notFound, type StoreErrorData } from "./errors.js";
import { memoryIndexer } from "./memory-index.js";
import { prepareStatements, type Statements } from "./statements.js";
import { OwnAttempts } from "./own-attempts.js";
import { readOnlyWrite } from "./read-only.js";
import { openConnection, type SqliteStoreOptions } from "./connection.js";

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
const openGroups = new Set<GroupedStore>();

/** How a write commits: see GroupedStore.write. */
export interface Write {
  durable?: boolean;
  /**
   * Needs no savepoint: see GroupedStore.write. A savepoint costs more than its two statements:
   * SQLite copies each page the write then changes (16 KB) into its journal first.
   */
  one?: boolean;
  /** What a foreign key's refusal says is missing. @default "run" */
  parent?: "run" | "attempt";
  /** Queues an event for the commit (appendEvent): no SQL runs now. */
  event?: boolean;
}

/** How most writes commit, made once rather than at each call. */
export const ONE: Write = { one: true };
export const EVENT: Write = { one: true, event: true };

/** An event row waiting for the group's commit: run_id, at, type, module_id, data. */
type QueuedEvent = [runId: string, at: number, type: string, moduleId: string | null, data: string];

/**
 * The SQLite store's connection and how its writes commit: one transaction each, or, grouping,
 * the writes of a turn of the event loop in one (see SqliteStoreOptions.group), with the events
 * of a store call queued to its end. The Store's records are written by its subclasses
 * (sqlite-memories.ts, sqlite.ts) through `write`.
 */
export abstract class GroupedStore {
  /** The connection, for tests and maintenance; write only through the Store methods. */
  readonly db: Database.Database;
  protected readonly s: Statements;
  private readonly tx: Database.Transaction<<T>(fn: () => T) => T>;
  protected readonly group: boolean;
  private readonly readOnly: boolean;
  private readonly file: string;
  private readonly control: Record<"begin" | "commit" | "rollback", Database.Statement>;
  /** The open group's commit, at the end of this turn of the event loop. */
  private commitAt: NodeJS.Immediate | undefined;
  /** What waits for the open group to commit (listeners to be told), in order. */
  private readonly waiting: (() => void)[] = [];
  /** Writes running now (nested ones count): a durable write commits when the outermost ends. */
  protected depth = 0;
  private durableAsked = false;
  /** A group that could not commit: every later write fails with it, nothing is half kept. */
  private broken: unknown;
  /**
   * Digests whose spec text this store wrote as the plan had it (nothing to redact): a prompt
   * quoting that text is split at it without reading the text back (keepAttemptText).
   */
  protected readonly verbatim = new Set<string>();
  /** Writes the full-text entries of memories written since it last ran (src/store/memory-index.ts). */
  protected readonly indexMemories: () => void;
  /**
   * The open group wrote or deleted memories: their full-text entries are written when it
   * commits (once, for all of them), or before a search by words reads the index. Ungrouped,
   * each memory write indexes its memory itself.
   */
  protected unindexed = false;
  /**
   * Grouping, the events of a store call (a batch) wait here and are written when it ends, outside
   * its savepoint (or before events are read): a run writes six a module, and written one by one
   * inside the engine's batches each was a write of its own and made the savepoint journal their pages.
   */
  protected readonly queued: QueuedEvent[] = [];
  /** How many of `queued` are written already (a read of events wrote them inside the open group). */
  private written = 0;
  /** Runs known to exist: a queued event's run is checked when it is queued, not at the commit. Runs are never deleted. */
  protected readonly knownRuns = new Set<string>();
  /** The attempts of modules this store wrote all of, to answer the run's read of them without SQL (own-attempts.ts). */
  protected readonly own = new OwnAttempts();
  /**
   * The modules of the run this store last created that have no attempt yet (startAttempt): a module's first
   * attempt is numbered 1 without reading its count, one statement of the three fewer. Let go as they start.
   */
  protected unstarted: { runId: string; ids: Set<string> } | undefined;
  /** The open batch that takes no savepoint (see `batch`): whether it made its write yet. */
  private single: { wrote: boolean } | undefined;


  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.group = options.group === true;
    this.readOnly = options.readOnly === true;
    this.file = file;
    this.db = openConnection(file, this.readOnly);
    try {
      this.s = prepareStatements(this.db);
      this.tx = this.db.transaction(<T>(fn: () => T): T => fn());
      this.indexMemories = memoryIndexer(this.db);
      this.control = { begin: this.db.prepare("BEGIN IMMEDIATE"), commit: this.db.prepare("COMMIT"), rollback: this.db.prepare("ROLLBACK") };
    } catch (err) {
      this.db.close();
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
  protected write<T>(fn: () => T, data: StoreErrorData = {}, how: Write = {}): T {
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
  protected forgetWritten(): void {
    this.knownRuns.clear();
    this.own.clear();
    this.unstarted = undefined;
  }

  /**
   * Queues an event row inside a call of this store whose group is open and sound, for a run known to
   * exist: what `write` with EVENT would do there, without its closure, savepoint checks and error
   * mapping (nothing here can fail). A run appends most of its six events a module this way, inside
   * the engine's batches. False when `write` must decide (no call open, a broken group, another
   * store's group open, a single batch that wrote already, a run not yet checked).
   */
  protected queueInCall(runId: string, at: number, type: string, moduleId: string | null, json: string): boolean {
    if (this.depth === 0 || this.broken !== undefined || this.single?.wrote === true || openGroups.size !== 1) return false;
    if (!this.knownRuns.has(runId) || !this.db.inTransaction) return false;
    this.queued.push([runId, at, type, moduleId, json]);
    return true;
  }

  /** Writes the events queued so far, inside the open group: before it commits, and before events are read. */
  protected writeQueued(): void {
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
}
