import { accessSync, chmodSync, closeSync, constants, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { PRIVATE_FILE, mkdirPrivate } from "../redact/index.js";
import type Database from "better-sqlite3";
import { StoreError } from "./errors.js";
import { fsProblem } from "../read-capped.js";
import { migrate } from "./migrations.js";
import { sqliteAddon } from "./addon.js";
import { connect, openReadOnly } from "./read-only.js";

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

/**
 * The store's connection to `file`, set up: read-only, or created (folder, file and schema as
 * needed), tuned and migrated to the latest schema.
 */
export function openConnection(file: string, readOnly: boolean): Database.Database {
  try {
    return connection(file, readOnly);
  } catch (err) {
    throw unopenable(err, file) ?? err;
  }
}

/**
 * A state database that is no SQLite file (a file written over, a folder in its place) as the user's
 * to fix, in one line naming the file: it was SQLite's `file is not a database` with a stack trace,
 * from every command that reads the store. Undefined for anything else (the engine's own errors).
 */
function unopenable(err: unknown, file: string): StoreError | undefined {
  if (err instanceof StoreError || file === ":memory:") return undefined;
  const code = (err as { code?: unknown }).code;
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return new StoreError("STORE_UNREADABLE", `Cannot read the state database: ${(err as Error).message} (${code}): expected orchestrate's SQLite file; move it aside and the next command makes a new one (its runs and memories are not in it)`, {}, { file, cause: err });
  }
  if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) {
    // A writing command on a store the reading ones open read-only: SQLite's own words were a stack trace.
    const where = folderWritable(file) ? `the file is read-only for this user (${code})` : `its folder .orchestrate/ is read-only for this user (${code}), and SQLite writes state.db-wal and state.db-shm there`;
    return new StoreError("STORE_READ_ONLY", `Cannot write the state database: ${where}; expected a folder and file this user may write (check their owner and mode); status, runs, report and memory list still read it`, {}, { file, cause: err });
  }
  if (code === "SQLITE_CANTOPEN" || (typeof code === "string" && /^E[A-Z]+$/.test(code))) {
    const why = isDir(file) ? "it is a folder: expected a file" : typeof code === "string" && code.startsWith("E") ? fsProblem(err, file) : (err as Error).message;
    return new StoreError("STORE_UNREADABLE", `Cannot open the state database: ${why}`, {}, { file, cause: err });
  }
  return undefined;
}

function folderWritable(file: string): boolean {
  try {
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function connection(file: string, readOnly: boolean): Database.Database {
  const nativeBinding = sqliteAddon();
  if (readOnly) {
    const db = openReadOnly(file, nativeBinding);
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    return db;
  }
  if (file !== ":memory:") createPrivate(file);
  const db = connect(file, nativeBinding ? { nativeBinding } : {});
  try {
    // Another process (an MCP server, `orchestrate memory`) may hold the write lock
    // briefly; set first, since switching a new file to WAL needs the lock too.
    db.pragma("busy_timeout = 5000");
    // 16 KB pages for a new file (an existing one keeps its own): a run appends rows by the
    // thousand, and a commit writes and checkpoints a quarter of the pages and system calls
    // 4 KB pages took (at 10,000 modules, COMMIT's time fell by 40%). Set before WAL, which fixes it.
    db.pragma("page_size = 16384");
    db.pragma("journal_mode = WAL");
    // NORMAL under WAL does not fsync on each commit, only at checkpoints. A committed
    // transaction is in the WAL file before COMMIT returns, so it survives the process
    // being killed; only an OS crash or power cut can lose the last few commits, and
    // even then the database stays consistent (it rolls back to an earlier commit).
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // Savepoints (a write inside a batch or a group) journal the pages they change: in
    // memory, not in a temporary file written page by page.
    db.pragma("temp_store = MEMORY");
    // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: a run's store
    // writes far more than it reads back, and at 10,000 modules the larger cache was only
    // resident memory (about 10 MB of the peak), with no CPU saved.
    db.pragma("cache_size = -2000");
    migrate(db);
    if (file !== ":memory:") keepPrivate(file);
    return db;
  } catch (err) {
    db.close();
    // A newer database is the user's to see: name the file.
    if (err instanceof StoreError && err.code === "STORE_SCHEMA" && file !== ":memory:") throw new StoreError(err.code, err.message, {}, { file, cause: err });
    throw err;
  }
}
