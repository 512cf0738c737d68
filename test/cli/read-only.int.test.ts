import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { LATEST_VERSION } from "../../src/store/migrations.js";
import { runAsOther } from "../helpers/as-other.js";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec, removeProjects } from "../helpers/project.js";

// Reading commands on a project this user may not write: another's checkout, a read-only mount.
const M = ".claude/layers/core/modules";

afterAll(removeProjects);

/** A project with one finished run and one memory, its store closed (no -wal, no -shm left). */
function projectWithRun(): string {
  const root = makeProject({ [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py" }), "a.py": "x = 1\n" });
  expect(runCli(["run", "implement system", "--yes", "--agent", "simulate", "--project", root]).code).toBe(0);
  expect(runCli(["memory", "write", "notes/ro", "kept text", "--project", root]).code).toBe(0);
  return root;
}

/** Every folder under `root` (and root) made 0555, or back to 0755. */
function writable(root: string, yes: boolean): void {
  chmodSync(root, yes ? 0o755 : 0o555);
  for (const entry of readdirSync(root, { withFileTypes: true })) if (entry.isDirectory()) writable(join(root, entry.name), yes);
}

function refused(result: { code: number | null; stderr: string }): string {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  return result.stderr.trimEnd();
}

describe("a project whose folders the user may not write", () => {
  it("`status`, `runs`, `report`, `memory list/search`, `plan` and `check` read its store; nothing in .orchestrate/ changes", () => {
    const root = projectWithRun();
    const state = join(root, ".orchestrate");
    const before = { files: readdirSync(state).sort(), db: readFileSync(join(state, "state.db")), mtime: statSync(join(state, "state.db")).mtimeMs };
    writable(root, false);
    try {
      const status = runAsOther(["status", "--project", root]);
      expect(status.stderr).toBe("");
      expect(status.stdout).toMatch(/✓ a\s+done/);
      const runs = runAsOther(["runs", "--json", "--project", root]);
      expect(JSON.parse(runs.stdout)).toEqual([expect.objectContaining({ state: "done", request: "implement system" })]);
      expect(runAsOther(["report", "--project", root]).stdout).toContain("| `core` | 1 | 1 |");
      expect(runAsOther(["memory", "list", "--project", root]).stdout).toContain("notes/ro");
      expect(runAsOther(["memory", "search", "kept", "--project", root]).stdout).toContain("kept text");
      const plan = runAsOther(["plan", "implement system", "--project", root]);
      expect([plan.code, plan.stderr]).toEqual([0, ""]);
      expect(runAsOther(["check", "--project", root]).stderr).toBe("");
      // A writing command on the same store: one line, exit 2.
      expect(refused(runAsOther(["memory", "delete", "notes/ro", "--project", root]))).toBe(
        `orchestrate: ${join(state, "state.db")}: Cannot write the state database: this user may not write it (or its folder), so it was opened only to read`,
      );
    } finally {
      writable(root, true);
    }
    expect(readdirSync(state).sort()).toEqual(before.files);
    expect(readFileSync(join(state, "state.db")).equals(before.db)).toBe(true);
    expect(statSync(join(state, "state.db")).mtimeMs).toBe(before.mtime);
  }, 120_000);

  it("a store that needs a migration, or that the user may not read, is refused in one line, unchanged", () => {
    const root = projectWithRun();
    const file = join(root, ".orchestrate", "state.db");
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION - 1}`);
    db.close();
    writable(root, false);
    try {
      expect(refused(runAsOther(["runs", "--project", root]))).toBe(
        `orchestrate: ${file}: Cannot read the state database: it is at schema version ${LATEST_VERSION - 1}, this orchestrate reads version ${LATEST_VERSION}, and bringing it up to date needs a write this user may not make (to it or its folder); run any orchestrate command there as a user who may write it`,
      );
      chmodSync(file, 0o000);
      expect(refused(runAsOther(["memory", "list", "--project", root]))).toBe(
        `orchestrate: ${file}: Cannot read the state database (EACCES): expected one this user may read; it is its owner's alone (mode 0600), so read it as its owner`,
      );
    } finally {
      chmodSync(file, 0o600);
      writable(root, true);
    }
    const after = new Database(file, { readonly: true });
    expect(after.pragma("user_version", { simple: true })).toBe(LATEST_VERSION - 1);
    after.close();
  }, 120_000);
});
