import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const ADDON = "better_sqlite3.node";

let found: string | null | undefined;

/**
 * better-sqlite3's compiled addon, for its `nativeBinding` option: the file its `bindings`
 * helper would load, found without that helper's search. `bindings` finds the package from a
 * stack trace and tries `require` on one candidate after another, each failure an error with a
 * stack: 3-5 ms of CPU in every process that opens a store (opening the first store 15.1 ->
 * 12.1 ms, loading better-sqlite3 and its addon 20.0 -> 14.6 ms; medians of 25, load 7-8).
 * Undefined when the usual build is not the first it would find, for better-sqlite3 to search itself.
 */
export function sqliteAddon(): string | undefined {
  if (found === undefined) {
    try {
      found = addonIn(dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json"))) ?? null;
    } catch {
      found = null;
    }
  }
  return found ?? undefined;
}

/**
 * The addon `bindings` loads from the package at `root` when it is `build/Release/`'s: its
 * first three candidates, in its order (`build/`, `build/Debug/`, `build/Release/`). Any other
 * (a debug build, a prebuilt binary elsewhere) is left to its search: undefined.
 */
export function addonIn(root: string): string | undefined {
  if (existsSync(join(root, "build", ADDON)) || existsSync(join(root, "build", "Debug", ADDON))) return undefined;
  const release = join(root, "build", "Release", ADDON);
  return existsSync(release) ? release : undefined;
}
