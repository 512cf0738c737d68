import { accessSync, constants } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "./errors.js";
import { LATEST_VERSION } from "./migrations.js";

/**
 * A connection to `file`, with SQLite's URI file names on: better-sqlite3 reads its
 * SQLITE_USE_URI switch once, when its addon loads (on the first connection), and an
 * `immutable` URI is how a folder this user may not write is read (openReadOnly). The variable
 * is put back at once, so agents and gates started later do not inherit it. Our own file names
 * are absolute paths, never `file:` ones, so the switch changes nothing for them.
 */
export function connect(file: string, options: Database.Options): Database.Database {
  const before = process.env.SQLITE_USE_URI;
  process.env.SQLITE_USE_URI = "1";
  try {
    return new Database(file, options);
  } finally {
    if (before === undefined) delete process.env.SQLITE_USE_URI;
    else process.env.SQLITE_USE_URI = before;
  }
}

/** Whether this user may write the database `file` and its folder (SQLite makes its -wal and -shm files there). */
export function mayWrite(file: string): boolean {
  try {
    accessSync(dirname(file), constants.W_OK);
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `file` opened only to read, for a reading command on a project this user may not write
 * (another's checkout, a read-only mount): nothing is created, changed or migrated. A store in
 * WAL mode needs its -shm index beside it; where a reader cannot make it, the file is read as it
 * stands (`immutable`): what its owner's last connection checkpointed into it.
 */
export function openReadOnly(file: string, nativeBinding: string | undefined): Database.Database {
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new StoreError("STORE_READ_ONLY", `Cannot read the state database (${code}): expected one this user may read; it is its owner's alone (mode 0600), so read it as its owner`, {}, { file, cause: err });
  }
  const binding = nativeBinding ? { nativeBinding } : {};
  let db = connect(file, { ...binding, readonly: true, fileMustExist: true });
  try {
    schemaVersion(db);
  } catch {
    db.close();
    db = connect(`file:${file.split("/").map(encodeURIComponent).join("/")}?immutable=1`, { ...binding, readonly: true });
  }
  try {
    const found = schemaVersion(db);
    if (found > LATEST_VERSION) {
      throw new StoreError("STORE_SCHEMA", `Expected a state database at schema version ${LATEST_VERSION} or older, got version ${found}: it was written by a newer orchestrate`, {}, { file });
    }
    if (found < LATEST_VERSION) {
      throw new StoreError(
        "STORE_READ_ONLY",
        `Cannot read the state database: it is at schema version ${found}, this orchestrate reads version ${LATEST_VERSION}, and bringing it up to date needs a write this user may not make (to it or its folder); run any orchestrate command there as a user who may write it`,
        {},
        { file },
      );
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** A write refused by a store opened read-only, as the one line the CLI shows. */
export function readOnlyWrite(file: string, err: unknown): StoreError {
  return new StoreError("STORE_READ_ONLY", `Cannot write the state database: this user may not write it (or its folder), so it was opened only to read`, {}, { file, cause: err });
}
