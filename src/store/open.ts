import { chmodSync } from "node:fs";
import { join } from "node:path";
import { PRIVATE_DIR } from "../redact/index.js";
import type { Store } from "./types.js";
import { openSqliteStore } from "./sqlite.js";

/** Opens a project's store, `<root>/.orchestrate/state.db` (creating it); callers close it. */
export function openStore(root: string): Store {
  const store = openSqliteStore(join(root, ".orchestrate", "state.db"));
  // A `.orchestrate/` made before it was kept private (or by hand) is made so now; one
  // the user does not own (a shared checkout) is left as it is rather than refused.
  try {
    chmodSync(join(root, ".orchestrate"), PRIVATE_DIR);
  } catch {
    /* not ours to change */
  }
  return store;
}
