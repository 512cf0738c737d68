import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PRIVATE_DIR, PRIVATE_FILE } from "../redact/index.js";
import type { Store } from "./types.js";
import { openSqliteStore, type SqliteStoreOptions } from "./sqlite.js";
import { mayWrite } from "./read-only.js";

/** `<root>/.orchestrate`, where a project's run state lives. */
export function stateDir(root: string): string {
  return join(root, ".orchestrate");
}

/**
 * Opens a project's store, `<root>/.orchestrate/state.db`, creating it; callers close it.
 * The folder gets its own `.gitignore` so run state never shows up in the user's `git status`.
 */
export function openStore(root: string, options: SqliteStoreOptions = {}): Store {
  const dir = stateDir(root);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    writeFileSync(join(dir, ".gitignore"), "# orchestrate's run state: local to this checkout\n*\n", { mode: PRIVATE_FILE });
  }
  const store = openSqliteStore(join(dir, "state.db"), options);
  // A `.orchestrate/` made before it was kept private (or by hand) is made so now; one
  // the user does not own (a shared checkout) is left as it is rather than refused.
  try {
    chmodSync(dir, PRIVATE_DIR);
  } catch {
    /* not ours to change */
  }
  return store;
}

/** The project's store when it has one; reading commands (status, runs, memory) never create it. */
export function openExistingStore(root: string): Store | undefined {
  return existsSync(join(stateDir(root), "state.db")) ? openStore(root) : undefined;
}

/**
 * The project's store when it has one, for a command that only reads it: opened read-only when
 * this user may not write it (another's checkout, a read-only mount), so `status`, `runs`,
 * `memory list` and the like work there; writing commands open it with openStore and are refused.
 */
export function openStoreToRead(root: string): Store | undefined {
  const file = join(stateDir(root), "state.db");
  if (!existsSync(file)) return undefined;
  return mayWrite(file) ? openStore(root) : openSqliteStore(file, { readOnly: true });
}
