import { join } from "node:path";
import type { Store } from "./types.js";
import { openSqliteStore } from "./sqlite.js";

/** Opens a project's store, `<root>/.orchestrate/state.db` (creating it); callers close it. */
export function openStore(root: string): Store {
  return openSqliteStore(join(root, ".orchestrate", "state.db"));
}
