import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addonIn, sqliteAddon } from "../../src/store/addon.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

const require = createRequire(import.meta.url);
const made = mkdtempSync(join(tmpdir(), "orchestrate-addon-"));
afterAll(() => rmSync(made, { recursive: true, force: true }));

/** What better-sqlite3's `bindings` helper would load from the package at `root` (its `path` option: found, not loaded). */
function bindingsPick(root: string): string {
  const bindings = require("bindings") as (opts: Record<string, unknown>) => string;
  return bindings({ bindings: "better_sqlite3.node", module_root: root, path: true });
}

/** A package folder holding (empty) addon files at `paths`. */
function packageWith(name: string, paths: string[]): string {
  const root = join(made, name);
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), "");
  }
  writeFileSync(join(root, "package.json"), "{}");
  return root;
}

describe("better-sqlite3's addon, found without `bindings`", () => {
  it("is the file `bindings` would load for the installed package", () => {
    const root = dirname(require.resolve("better-sqlite3/package.json"));
    expect(sqliteAddon()).toBe(bindingsPick(root));
  });

  it("is left to `bindings` when a build it tries first exists (build/, build/Debug/), or no Release build does", () => {
    expect(addonIn(packageWith("debug", ["build/Debug/better_sqlite3.node", "build/Release/better_sqlite3.node"]))).toBeUndefined();
    expect(addonIn(packageWith("top", ["build/better_sqlite3.node", "build/Release/better_sqlite3.node"]))).toBeUndefined();
    expect(addonIn(packageWith("prebuilt", ["lib/binding/node-v115-linux-x64/better_sqlite3.node"]))).toBeUndefined();
    const release = packageWith("release", ["build/Release/better_sqlite3.node"]);
    expect(addonIn(release)).toBe(bindingsPick(release));
  });

  it("opens a store", () => {
    const store = openSqliteStore(":memory:");
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("memory");
    store.close();
  });
});
