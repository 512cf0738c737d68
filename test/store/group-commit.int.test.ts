import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { storeConformance } from "./conformance.js";
import { attempt, expectStoreError, seed } from "./helpers.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-group-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let files = 0;
const freshFile = () => path.join(root, `db${++files}`, "state.db");

// Grouping changes when a write is committed, never what a store call does.
storeConformance("SqliteStore, grouping commits", () => openSqliteStore(freshFile(), { group: true }));

/** The grouped store and a second connection to its file, which sees only what is committed. */
function pair(): { store: SqliteStore; other: SqliteStore; close(): void } {
  const file = freshFile();
  const store = openSqliteStore(file, { group: true });
  const other = openSqliteStore(file);
  return { store, other, close: () => (store.close(), other.close()) };
}

describe("SqliteStore grouping commits", () => {
  it("commits a turn's writes together when the turn ends: the writer sees them at once, another connection after", async () => {
    const { store, other, close } = pair();
    seed(store);
    store.setModuleState("r1", "a", "running", 110);
    store.appendEvent("r1", "module:state", { state: "running" }, 110, "a");
    expect(store.getModule("r1", "a")?.state).toBe("running");
    expect(other.getRun("r1")).toBeUndefined();
    await nextTurn();
    expect(other.getModule("r1", "a")?.state).toBe("running");
    expect(other.getEvents("r1").map((e) => e.type)).toEqual(["module:state"]);
    close();
  });

  it("tells what waits on a commit after it, in order; with nothing pending, at once", async () => {
    const { store, other, close } = pair();
    const told: string[] = [];
    store.afterCommit(() => told.push("idle"));
    expect(told).toEqual(["idle"]);
    seed(store);
    store.afterCommit(() => told.push(`first:${other.getRun("r1") ? "committed" : "pending"}`));
    store.appendEvent("r1", "x", {}, 101);
    store.afterCommit(() => told.push("second"));
    expect(told).toEqual(["idle"]);
    await nextTurn();
    expect(told).toEqual(["idle", "first:committed", "second"]);
    close();
  });

  it("tells every waiting listener even when one throws, and passes the throw on", () => {
    const { store, other, close } = pair();
    seed(store);
    const told: string[] = [];
    store.afterCommit(() => {
      throw new Error("a listener's bug");
    });
    store.afterCommit(() => told.push("second"));
    expect(() => store.flush()).toThrow("a listener's bug");
    expect(told).toEqual(["second"]);
    expect(other.getRun("r1")?.id).toBe("r1");
    store.appendEvent("r1", "after", {}, 102);
    store.flush();
    expect(other.getEvents("r1").map((e) => e.type)).toEqual(["after"]);
    close();
  });

  it("undoes a failing write alone: the turn's other writes still commit", async () => {
    const { store, other, close } = pair();
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    expectStoreError(() => store.finishAttempt("r1", "a", 9, { state: "done", endedAt: 120 }, "done"), "STORE_NOT_FOUND");
    expectStoreError(() => store.batch(() => {
      store.setModuleState("r1", "b", "running", 111);
      store.setModuleState("r1", "nope", "running", 111);
    }), "STORE_NOT_FOUND");
    await nextTurn();
    expect(other.getModules("r1").map((m) => [m.moduleId, m.state])).toEqual([["a", "running"], ["b", "pending"], ["c", "pending"]]);
    expect(other.getAttempts("r1", "a")).toHaveLength(1);
    close();
  });

  it("undoes a failing one-statement write alone, inside a batch too", async () => {
    const { store, other, close } = pair();
    seed(store);
    store.appendEvent("r1", "before", {}, 101);
    expectStoreError(() => store.setModuleState("r1", "nope", "running", 110), "STORE_NOT_FOUND");
    expectStoreError(() => store.keepAttemptText("r1", "a", 7, { prompt: "p" }), "STORE_NOT_FOUND");
    expectStoreError(() => store.batch(() => {
      store.appendEvent("r1", "in the batch", {}, 102);
      store.setModuleState("r1", "nope", "running", 111);
    }), "STORE_NOT_FOUND");
    store.appendEvent("r1", "after", {}, 103);
    await nextTurn();
    expect(other.getEvents("r1").map((e) => e.type)).toEqual(["before", "after"]);
    close();
  });

  it("a write that makes SQLite roll the whole group back fails it: no later write is committed as if nothing was lost", async () => {
    const { store, other } = pair();
    seed(store);
    store.flush();
    store.appendEvent("r1", "lost", {}, 101);
    // RAISE(ROLLBACK) ends the whole transaction, as SQLite does on some I/O and memory errors.
    store.db.exec("CREATE TRIGGER boom BEFORE UPDATE ON modules WHEN new.reason = 'boom' BEGIN SELECT RAISE(ROLLBACK, 'rolled back'); END");
    expect(() => store.setModuleState("r1", "a", "failed", 102, "boom")).toThrow(/rolled back/);
    expectStoreError(() => store.appendEvent("r1", "after", {}, 103), "STORE_WRITE");
    await nextTurn();
    expect(other.getEvents("r1")).toEqual([]);
    expect(() => store.close()).toThrow(/Could not commit the run's state/);
    other.close();
  });

  it("commits a durable write before it returns (the run lock, a merge record), with what the turn wrote before it", () => {
    const { store, other, close } = pair();
    seed(store);
    expect(store.takeLock({ pid: 1, startTime: "1", runId: "r1", since: 100 }, () => true)).toBeUndefined();
    expect(other.getLock()?.runId).toBe("r1");
    expect(other.getRun("r1")?.id).toBe("r1");
    store.recordMerge({ runId: "r1", moduleId: "a", n: 1, commit: "c0ffee", files: ["a.ts"], payload: {}, at: 120 });
    expect(other.getMerges("r1").map((m) => m.commit)).toEqual(["c0ffee"]);
    close();
  });

  it("keeps a batch whole: a durable write inside it commits when the batch ends, not halfway", () => {
    const { store, other, close } = pair();
    seed(store);
    store.flush();
    let seenInside: string | undefined;
    store.batch(() => {
      store.setRunState("r1", "done", 200);
      store.setModuleState("r1", "a", "done", 200);
      seenInside = other.getRun("r1")?.state;
    });
    expect(seenInside).toBe("running");
    expect(other.getRun("r1")?.state).toBe("done");
    expect(other.getModule("r1", "a")?.state).toBe("done");
    close();
  });

  it("commits an open group before another connection of the same process writes, which would otherwise wait on the lock it holds", async () => {
    const { store, other, close } = pair();
    seed(store);
    const started = Date.now();
    other.writeMemory({ key: "k", content: "written by the other connection", at: 150 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(other.getRun("r1")?.id).toBe("r1");
    store.setModuleState("r1", "a", "running", 160);
    await nextTurn();
    expect(other.getModule("r1", "a")?.state).toBe("running");
    expect(store.readMemory("k")?.content).toBe("written by the other connection");
    close();
  });

  it("close() commits what is pending", () => {
    const file = freshFile();
    const store = openSqliteStore(file, { group: true });
    seed(store);
    store.close();
    const again = openSqliteStore(file);
    expect(again.getModules("r1")).toHaveLength(3);
    again.close();
  });

  it("a group that cannot commit loses all of its writes, tells no one, and fails every later write with one clear error", async () => {
    const { store, other } = pair();
    seed(store);
    store.flush();
    const told: string[] = [];
    store.appendEvent("r1", "kept?", {}, 101);
    store.afterCommit(() => told.push("told"));
    // A foreign key checked at COMMIT: the commit itself fails, as on a full disk.
    store.db.pragma("defer_foreign_keys = ON");
    store.db.prepare("INSERT INTO modules (run_id, module_id, layer, state, updated_at) VALUES ('ghost', 'm', 'l', 'pending', 1)").run();
    await nextTurn();
    expect(told).toEqual([]);
    expect(other.getEvents("r1")).toEqual([]);
    expectStoreError(() => store.setModuleState("r1", "a", "running", 110), "STORE_WRITE");
    expectStoreError(() => store.flush(), "STORE_WRITE");
    expect(() => store.close()).toThrow(/Could not commit the run's state/);
    other.close();
  });

  it("indexes a group's memories for search in one step when it commits: one FTS segment, and the index whole", async () => {
    const { store, other, close } = pair();
    seed(store);
    store.flush();
    for (let i = 0; i < 20; i++) {
      store.writeMemory({ key: `k${i}`, content: `ledger entry ${i} balances`, tags: ["module:a"], at: i });
      // A savepoint between memories: FTS5 writes its pending terms out at each, a segment per memory when the trigger indexed.
      store.startAttempt("r1", "a", attempt(110 + i));
    }
    const unindexed = () => (store.db.prepare("SELECT count(*) AS n FROM memories_unindexed").get() as { n: number }).n;
    expect(unindexed()).toBe(20);
    expect(other.searchMemories({ query: "ledger", limit: 50 })).toEqual([]);
    await nextTurn();
    expect(unindexed()).toBe(0);
    expect(other.searchMemories({ query: "ledger", limit: 50 })).toHaveLength(20);
    expect(store.db.prepare("SELECT count(DISTINCT segid) AS n FROM memories_fts_idx").get()).toEqual({ n: 1 });
    // The index matches the memories table row for row (an external-content check).
    store.db.prepare("INSERT INTO memories_fts (memories_fts, rank) VALUES ('integrity-check', 1)").run();
    close();
  });

  it("a search by words sees the open group's memories, and replacing or deleting one not yet indexed leaves the index whole", async () => {
    const { store, other, close } = pair();
    store.writeMemory({ key: "old", content: "journal entries", at: 1 });
    store.flush();
    store.writeMemory({ key: "k", content: "ledger decimal", tags: ["module:a"], at: 2 });
    expect(store.searchMemories({ query: "ledger", limit: 5 }).map((m) => m.key)).toEqual(["k"]);
    // Indexed by that search, then replaced: the old words leave the index.
    store.writeMemory({ key: "k", content: "portfolio", at: 3 });
    store.writeMemory({ key: "gone", content: "ephemeral", at: 4 });
    store.deleteMemory("gone");
    store.writeMemory({ key: "old", content: "journal rewritten", at: 5 });
    await nextTurn();
    const keys = (query: string) => other.searchMemories({ query, limit: 5 }).map((m) => m.key);
    expect([keys("ledger"), keys("portfolio"), keys("ephemeral"), keys("journal"), keys("entries")]).toEqual([[], ["k"], [], ["old"], []]);
    store.db.prepare("INSERT INTO memories_fts (memories_fts, rank) VALUES ('integrity-check', 1)").run();
    close();
  });

  it("a batch rolled back after a search indexed the group's memories still leaves them to be indexed at the commit", async () => {
    const { store, other, close } = pair();
    store.writeMemory({ key: "k", content: "ledger decimal", at: 1 });
    expect(() => store.batch(() => {
      expect(store.searchMemories({ query: "ledger", limit: 5 })).toHaveLength(1);
      throw new Error("the batch fails");
    })).toThrow("the batch fails");
    await nextTurn();
    expect(other.searchMemories({ query: "ledger", limit: 5 }).map((m) => m.key)).toEqual(["k"]);
    store.db.prepare("INSERT INTO memories_fts (memories_fts, rank) VALUES ('integrity-check', 1)").run();
    close();
  });
});

/** The statements `store` runs while `fn` does, one whitespace-collapsed line each. */
function statementsOf(store: SqliteStore, fn: () => void): string[] {
  const proto = Object.getPrototypeOf(store.db.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
  const seen: string[] = [];
  const saved = (["run", "get", "all", "iterate"] as const).map((name) => [name, proto[name]!] as const);
  for (const [name, original] of saved) {
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      seen.push(this.source.replace(/\s+/g, " ").trim());
      return original.apply(this, args);
    };
  }
  try {
    fn();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return seen;
}

describe("SqliteStore grouping commits: a batch's events are written after its write, single-write batches take no savepoint", () => {
  for (const group of [true, false]) {
    it(`a single-write batch lands its events and its write together; when the write fails, neither (${group ? "grouped" : "ungrouped"})`, () => {
      const store = openSqliteStore(freshFile(), { group });
      seed(store);
      const a = store.batch(() => {
        store.appendEvent("r1", "module:state", { state: "running" }, 110, "a");
        return store.startAttempt("r1", "a", attempt(110));
      }, { single: true });
      expect(a.n).toBe(1);
      expectStoreError(() => store.batch(() => {
        store.appendEvent("r1", "module:state", { state: "running" }, 111, "nope");
        store.startAttempt("r1", "nope", attempt(111));
      }, { single: true }), "STORE_NOT_FOUND");
      store.flush();
      expect(store.getModules("r1").map((m) => [m.moduleId, m.state])).toEqual([["a", "running"], ["b", "pending"], ["c", "pending"]]);
      expect(store.getEvents("r1").map((e) => [e.type, e.moduleId])).toEqual([["module:state", "a"]]);
      store.close();
    });
  }

  it("numbers a module's first attempt after another writer's when that one started the module first", () => {
    const { store, other, close } = pair();
    seed(store);
    store.flush();
    other.startAttempt("r1", "a", attempt(110));
    const ran = statementsOf(store, () => store.startAttempt("r1", "a", attempt(111)));
    // Its first try at number 1 is refused by the key, and the count is read after all.
    expect(ran.filter((sql) => !sql.startsWith("BEGIN"))).toEqual([
      expect.stringMatching(/^INSERT INTO attempts/), expect.stringMatching(/^SELECT attempts/), expect.stringMatching(/^INSERT INTO attempts/), expect.stringMatching(/^UPDATE modules/),
    ]);
    store.flush();
    expect(other.getAttempts("r1").map((a) => [a.moduleId, a.n, a.startedAt])).toEqual([["a", 1, 110], ["a", 2, 111]]);
    expect(other.getModule("r1", "a")?.attempts).toBe(2);
    close();
  });

  it("runs no savepoint for a single-write batch, and writes its event rows after its write, once it can no longer fail", () => {
    const { store, other, close } = pair();
    seed(store);
    store.flush();
    const ran = statementsOf(store, () => {
      store.batch(() => {
        store.appendEvent("r1", "module:state", { state: "running" }, 110, "a");
        store.appendEvent("r1", "attempt:start", {}, 110, "a");
        store.startAttempt("r1", "a", attempt(110));
      }, { single: true });
      store.batch(() => {
        store.appendEvent("r1", "attempt:end", {}, 111, "a");
        store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 111 }, "done");
      }, { single: true });
    });
    expect(ran.filter((sql) => sql.startsWith("SAVEPOINT"))).toEqual([]);
    // Each batch's events go in after its write. A module of the run this store created is started without reading its count.
    expect(ran.map((sql) => (sql.startsWith("INSERT INTO events") ? "event" : sql.split(" ")[0]))).toEqual(["BEGIN", "INSERT", "UPDATE", "event", "event", "UPDATE", "UPDATE", "event"]);
    expect(other.getEvents("r1")).toEqual([]);
    store.flush();
    expect(other.getEvents("r1").map((e) => e.type)).toEqual(["module:state", "attempt:start", "attempt:end"]);
    expect(other.getModule("r1", "a")?.state).toBe("done");
    close();
  });

  it("refuses a call after a single-write batch's write, before it does anything", () => {
    const { store, other, close } = pair();
    seed(store);
    expect(() => store.batch(() => {
      store.startAttempt("r1", "a", attempt(110));
      store.appendEvent("r1", "late", {}, 110, "a");
    }, { single: true })).toThrow(/last store call/);
    store.flush();
    expect(other.getEvents("r1")).toEqual([]);
    close();
  });

  it("shows the open group's events to its own reads, in order, and rewrites those a rolled-back batch wrote when a read asked for them", () => {
    const { store, other, close } = pair();
    seed(store);
    store.appendEvent("r1", "first", {}, 101);
    expect(store.latestEventId("r1")).toBe(1);
    expect(() => store.batch(() => {
      store.appendEvent("r1", "second", {}, 102);
      // The read writes both queued events inside the batch's savepoint, which the throw then undoes.
      expect(store.getEvents("r1").map((e) => e.type)).toEqual(["first", "second"]);
      throw new Error("the batch fails");
    })).toThrow("the batch fails");
    store.appendEvent("r1", "third", {}, 103);
    expect(store.getEvents("r1").map((e) => [e.id, e.type])).toEqual([[1, "first"], [2, "third"]]);
    store.flush();
    expect(other.getEvents("r1").map((e) => [e.id, e.type])).toEqual([[1, "first"], [2, "third"]]);
    expect(other.runTallies().get("r1")?.newestEventAt).toBe(103);
    close();
  });

  it("queues the events of a call of an open group without a write of their own, and those of a run it has not checked through one", () => {
    const { store, other, close } = pair();
    seed(store);
    const writes = vi.spyOn(store as unknown as { write: (...args: unknown[]) => unknown }, "write");
    store.batch(() => {
      store.appendEvent("r1", "module:state", { state: "running" }, 110, "a");
      store.startAttempt("r1", "a", attempt(110));
      store.appendEvent("r1", "attempt:start", {}, 110, "a");
    });
    // startAttempt's write only: the two events were queued as they came, and written after it.
    expect(writes).toHaveBeenCalledTimes(1);
    const reopened = openSqliteStore(other.db.name, { group: true });
    const checked = vi.spyOn(reopened as unknown as { write: (...args: unknown[]) => unknown }, "write");
    // A store that did not create r1 has not checked it: the event's write checks it, then queues it.
    reopened.batch(() => reopened.appendEvent("r1", "from another store", {}, 111, "a"));
    expect(checked).toHaveBeenCalledTimes(1);
    reopened.close();
    store.flush();
    expect(other.getEvents("r1").map((e) => [e.type, e.moduleId])).toEqual([["module:state", "a"], ["attempt:start", "a"], ["from another store", "a"]]);
    close();
  });

  it("checks an event's run when it is queued: an unknown run is refused at once, not at the commit", async () => {
    const { store, other, close } = pair();
    seed(store);
    store.appendEvent("r1", "kept", {}, 101);
    expectStoreError(() => store.appendEvent("ghost", "lost", {}, 102), "STORE_NOT_FOUND");
    await nextTurn();
    expect(other.getEvents("r1").map((e) => e.type)).toEqual(["kept"]);
    close();
  });
});

describe("SqliteStore: a module's attempts read back as they end are exactly what the table holds", () => {
  const gates = { level: "module" as const, target: "a", ok: false, durationMs: 3, checks: [{ name: "unit", kind: "command" as const, blocking: true, ok: false, message: "1 failed", output: "password=hunter2hunter2 in the log", durationMs: 3 }] };
  for (const group of [true, false]) {
    it(`getAttempts of a module gives exactly what the table holds, fields in the same order (${group ? "grouped" : "ungrouped"})`, () => {
      const file = freshFile();
      const store = openSqliteStore(file, { group });
      seed(store);
      const reader = () => {
        store.flush();
        const other = openSqliteStore(file);
        try {
          return JSON.stringify(other.getAttempts("r1", "a"));
        } finally {
          other.close();
        }
      };
      store.startAttempt("r1", "a", attempt(110));
      expect(JSON.stringify(store.getAttempts("r1", "a"))).toBe(reader());
      // A usage with more than the store keeps, a secret in the error and the gate's output, files changed.
      const usage = { inputTokens: 10, outputTokens: 5, costUsd: 0.25, cacheReadTokens: 7 } as { inputTokens: number; outputTokens: number; costUsd: number };
      store.finishAttempt("r1", "a", 1, { state: "failed", summary: "", error: "token=abcdef123456 leaked", filesChanged: ["a.ts"], usage, gates, endedAt: 120 }, "pending", "attempt 1 failed; retrying");
      store.startAttempt("r1", "a", { ...attempt(130), kind: "fix" });
      store.finishAttempt("r1", "a", 2, { state: "done", summary: "fixed it", endedAt: 140 }, "done");
      const mine = store.getAttempts("r1", "a");
      expect(JSON.stringify(mine)).toBe(reader());
      expect(JSON.stringify(mine)).not.toContain("hunter2");
      expect(JSON.stringify(mine)).not.toContain("abcdef123456");
      // Copies: a caller's change is its own.
      mine[0]!.filesChanged.push("b.ts");
      mine[0]!.gates!.checks[0]!.message = "changed";
      expect(JSON.stringify(store.getAttempts("r1", "a"))).toBe(reader());
      store.close();
    });

    it(`an attempt started in a batch that is rolled back is not read back (${group ? "grouped" : "ungrouped"})`, () => {
      const store = openSqliteStore(freshFile(), { group });
      seed(store);
      store.startAttempt("r1", "a", attempt(110));
      expectStoreError(() => store.batch(() => {
        store.finishAttempt("r1", "a", 1, { state: "done", summary: "done", endedAt: 111 }, "done");
        store.startAttempt("r1", "b", attempt(111));
        store.setModuleState("r1", "nope", "running", 111);
      }), "STORE_NOT_FOUND");
      expect(store.getAttempts("r1", "a").map((a) => a.state)).toEqual(["running"]);
      expect(store.getAttempts("r1", "b")).toEqual([]);
      store.close();
    });
  }
});
