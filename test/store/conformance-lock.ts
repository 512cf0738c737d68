import { describe, expect, it } from "vitest";
import type { LockRecord, Store } from "../../src/store/types.js";
import { attempt, expectStoreError, seed } from "./helpers.js";

const owner = (pid: number, runId = "r1", startTime = `boot:${pid}`): LockRecord => ({ pid, startTime, runId, since: 100 + pid });

/** Conformance cases for the run lock and the recorded process groups; `current` is the test's fresh store. */
export function lockProcessCases(current: () => Store): void {
  describe("run lock", () => {
    it("takes a free lock, keeps it from others while its holder lives, and hands it over once it does not", () => {
      const store = current();
      expect(store.getLock()).toBeUndefined();
      expect(store.takeLock(owner(1), () => true)).toBeUndefined();
      expect(store.getLock()).toStrictEqual(owner(1));
      const asked: LockRecord[] = [];
      expect(store.takeLock(owner(2, "r2"), (h) => (asked.push(h), true))).toStrictEqual(owner(1));
      expect(asked).toStrictEqual([owner(1)]);
      expect(store.getLock()).toStrictEqual(owner(1));
      expect(store.takeLock(owner(2, "r2"), () => false)).toBeUndefined();
      expect(store.getLock()).toStrictEqual(owner(2, "r2"));
    });

    it("releases only for the holder: the same pid with another start time is someone else", () => {
      const store = current();
      store.takeLock(owner(1), () => true);
      expect(store.releaseLock({ pid: 1, startTime: "boot:other" })).toBe(false);
      expect(store.releaseLock({ pid: 2, startTime: "boot:1" })).toBe(false);
      expect(store.getLock()).toStrictEqual(owner(1));
      expect(store.releaseLock({ pid: 1, startTime: "boot:1" })).toBe(true);
      expect(store.getLock()).toBeUndefined();
      expect(store.releaseLock({ pid: 1, startTime: "boot:1" })).toBe(false);
    });

    it("hands out copies of the holder", () => {
      const store = current();
      store.takeLock(owner(1), () => true);
      const seen = store.getLock()!;
      seen.pid = 99;
      expect(store.getLock()?.pid).toBe(1);
    });
  });

  describe("process groups", () => {
    it("records groups per attempt in order, updates a pid recorded again, lists them per run or all", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2", 200);
      store.startAttempt("r1", "a", attempt(110));
      store.startAttempt("r1", "a", attempt(120));
      store.startAttempt("r2", "b", attempt(210));
      store.recordProcess({ runId: "r1", moduleId: "a", n: 1, pid: 500, startTime: "b:1", recordedAt: 111 });
      store.recordProcess({ runId: "r2", moduleId: "b", n: 1, pid: 700, startTime: "b:3", recordedAt: 211 });
      store.recordProcess({ runId: "r1", moduleId: "a", n: 2, pid: 600, startTime: "b:2", recordedAt: 121 });
      store.recordProcess({ runId: "r1", moduleId: "a", n: 1, pid: 500, startTime: "b:1x", recordedAt: 112 });
      expect(store.getProcesses("r1")).toStrictEqual([
        { runId: "r1", moduleId: "a", n: 1, pid: 500, startTime: "b:1x", recordedAt: 112 },
        { runId: "r1", moduleId: "a", n: 2, pid: 600, startTime: "b:2", recordedAt: 121 },
      ]);
      expect(store.getProcesses().map((p) => p.pid)).toEqual([500, 700, 600]);
      expect(store.getProcesses("nope")).toEqual([]);
    });

    it("refuses a group of an attempt that does not exist, and forgets one that is gone", () => {
      const store = current();
      seed(store);
      store.startAttempt("r1", "a", attempt(110));
      expectStoreError(() => store.recordProcess({ runId: "r1", moduleId: "a", n: 2, pid: 1, startTime: "s", recordedAt: 1 }), "STORE_NOT_FOUND");
      expectStoreError(() => store.recordProcess({ runId: "r1", moduleId: "b", n: 1, pid: 1, startTime: "s", recordedAt: 1 }), "STORE_NOT_FOUND");
      expect(store.getProcesses()).toEqual([]);
      store.recordProcess({ runId: "r1", moduleId: "a", n: 1, pid: 500, startTime: "s", recordedAt: 111 });
      store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 120 }, "done");
      // Ending the attempt keeps the record: only a check of the process itself says it is gone.
      expect(store.getProcesses("r1")).toHaveLength(1);
      expect(store.forgetProcess({ runId: "r1", moduleId: "a", n: 1, pid: 501 })).toBe(false);
      expect(store.forgetProcess({ runId: "r1", moduleId: "a", n: 1, pid: 500 })).toBe(true);
      expect(store.getProcesses()).toEqual([]);
    });
  });
}
