import { chmodSync, closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runAsOther } from "../helpers/as-other.js";
import { runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";

/** The example project after one offline run: a state.db holding a run, its events and memories. */
function ranProject(): string {
  const root = exampleCopy("agent: simulate\n");
  expect(runCli(["run", "implement system", "--project", root]).code).toBe(0);
  return root;
}

/** Exit 2, one line on stderr and no stack: the line. */
function refused(result: { code: number | null; stderr: string }): string {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  return result.stderr.trimEnd();
}

describe("a state.db damaged past its schema", () => {
  it("a damaged page of the runs' events, met by a query after the file opened fine: one line, not a stack to report", () => {
    const root = ranProject();
    const file = join(root, ".orchestrate/state.db");
    const db = new Database(file);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const size = Number(db.pragma("page_size", { simple: true }));
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'").pluck().all() as number[];
    db.close();
    expect(pages.length).toBeGreaterThan(0);
    // Each leaf's cell pointers and cells written over, its header kept: the file opens, a read of the events fails.
    const fd = openSync(file, "r+");
    for (const page of pages) writeSync(fd, Buffer.alloc(size - 64, 0xff), 0, size - 64, (page - 1) * size + 12);
    closeSync(fd);
    const line = "orchestrate: Cannot read the state database (.orchestrate/state.db): database disk image is malformed (SQLITE_CORRUPT): a part of it is damaged; move it aside and the next command makes a new one (its runs and memories are not in it; `sqlite3 state.db .recover` may save them)";
    for (const args of [["runs"], ["status"], ["report"]]) expect(refused(runCli([...args, "--project", root])), args.join(" ")).toBe(line);
  }, 120_000);
});

describe("a .orchestrate/ folder this user may not write", () => {
  it("writing commands say the folder is read-only, where SQLite's `attempt to write a readonly database` was a stack trace; reading ones still read", () => {
    const root = ranProject();
    const dir = join(root, ".orchestrate");
    chmodSync(dir, 0o555);
    try {
      const line = `orchestrate: ${join(dir, "state.db")}: Cannot write the state database: its folder .orchestrate/ is read-only for this user (SQLITE_READONLY_DIRECTORY), and SQLite writes state.db-wal and state.db-shm there; expected a folder and file this user may write (check their owner and mode); status, runs, report and memory list still read it`;
      for (const args of [["memory", "write", "k", "v"], ["run", "implement system", "--yes"], ["clean"]]) expect(refused(runAsOther([...args, "--project", root])), args.join(" ")).toBe(line);
      const runs = runAsOther(["runs", "--project", root]);
      expect(runs.code).toBe(0);
      expect(runs.stdout).toContain("implement system");
    } finally {
      chmodSync(dir, 0o700);
    }
  }, 120_000);
});
