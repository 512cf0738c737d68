import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import type { AttemptRecord } from "../../src/store/types.js";
import type { GateResult } from "../../src/validate/types.js";
import { attempt, freshFiles, seed } from "./helpers.js";

const freshFile = freshFiles("own-attempts");
const TOKEN = `ghp_${"Ab3dEf7h".repeat(5).slice(0, 36)}`;
const GATE: GateResult = { level: "module", target: "a", ok: false, durationMs: 3, checks: [{ name: "t", kind: "command", blocking: true, ok: false, message: "failed", durationMs: 3, output: `token ${TOKEN}` }] };
/** The statement that reads a module's attempts back. */
const READ_BACK = /^SELECT .* FROM attempts WHERE run_id = \? AND module_id = \? ORDER BY n$/s;

/** The store's connection refusing to prepare SQL matching `refuse`. */
function refusing(store: SqliteStore, refuse: RegExp): void {
  const db = store.db;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    if (refuse.test(source)) throw new Error(`refused to prepare: ${source}`);
    return prepare(source);
  }) as Database.Database["prepare"];
}

/** What another connection reads of the module's attempts: SQL's answer. */
function readBack(file: string, moduleId: string): AttemptRecord[] {
  const other = openSqliteStore(file);
  try {
    return other.getAttempts("r1", moduleId);
  } finally {
    other.close();
  }
}

describe("a module's attempts the store wrote itself", () => {
  it("are read back without a statement, as SQL gives them (redacted texts, JSON, worker), once", () => {
    const file = freshFile();
    const store = openSqliteStore(file, { group: true });
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    store.finishAttempt("r1", "a", 1, { state: "failed", summary: `tried ${TOKEN}`, error: "exit 1", filesChanged: ["a.ts"], usage: { inputTokens: 5, outputTokens: 7, costUsd: 0.25 }, gates: GATE, endedAt: 120 }, "pending", "retrying");
    store.startAttempt("r1", "a", attempt(130));
    store.finishAttempt("r1", "a", 2, { state: "done", summary: "ok", filesChanged: [], worker: "w1", endedAt: 140 }, "done");
    store.startAttempt("r1", "b", attempt(150));
    store.setAttemptWorker("r1", "b", 1, "w2");
    store.flush();
    refusing(store, READ_BACK);
    const kept = store.getAttempts("r1", "a");
    expect(kept.map((a) => [a.n, a.state, a.worker])).toEqual([[1, "failed", undefined], [2, "done", "w1"]]);
    const running = store.getAttempts("r1", "b");
    expect(running.map((a) => [a.n, a.state, a.worker])).toEqual([[1, "running", "w2"]]);
    expect(JSON.stringify(running)).toBe(JSON.stringify(readBack(file, "b")));
    expect(JSON.stringify(kept)).not.toContain(TOKEN);
    // Key for key, in the same order.
    expect(JSON.stringify(kept)).toBe(JSON.stringify(readBack(file, "a")));
    // Let go once read: the next read is SQL's.
    expect(() => store.getAttempts("r1", "a")).toThrow(/refused to prepare/);
    store.close();
  });

  it("are let go when a rollback undoes them", () => {
    const store = openSqliteStore(freshFile(), { group: true });
    seed(store);
    expect(() => store.batch(() => {
      store.startAttempt("r1", "a", attempt(110));
      store.finishAttempt("r1", "a", 1, { state: "done", summary: "ok", filesChanged: [], endedAt: 120 }, "done");
      throw new Error("undone");
    })).toThrow("undone");
    expect(store.getAttempts("r1", "a")).toEqual([]);
    store.close();
  });

  it("are read from SQL when an earlier process wrote the module's first attempts", () => {
    const file = freshFile();
    const first = openSqliteStore(file);
    seed(first);
    first.startAttempt("r1", "a", attempt(110));
    first.finishAttempt("r1", "a", 1, { state: "failed", summary: "no", filesChanged: [], endedAt: 120 }, "pending");
    first.close();
    const store = openSqliteStore(file, { group: true });
    store.startAttempt("r1", "a", attempt(130));
    store.finishAttempt("r1", "a", 2, { state: "done", summary: "ok", filesChanged: [], endedAt: 140 }, "done");
    expect(store.getAttempts("r1", "a").map((a) => a.n)).toEqual([1, 2]);
    store.close();
  });

  it("with text SQLite cannot keep as given (a lone surrogate) are read as SQLite stored them", () => {
    const file = freshFile();
    const store = openSqliteStore(file, { group: true });
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    store.finishAttempt("r1", "a", 1, { state: "done", summary: "half \ud800 a pair", filesChanged: [], endedAt: 120 }, "done");
    const [a] = store.getAttempts("r1", "a");
    store.flush();
    expect(a).toEqual(readBack(file, "a")[0]);
    expect(a?.summary).not.toContain("\ud800");
    store.close();
  });
});
