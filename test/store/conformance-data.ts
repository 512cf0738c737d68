import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { expectStoreError, seed } from "./helpers.js";

/** Conformance cases for events, memories and todos; `current` is the test's fresh store. */
export function eventMemoryTodoCases(current: () => Store): void {
  describe("events", () => {
    it("keeps events in order per run, with increasing ids and JSON data", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2");
      store.appendEvent("r1", "run.start", { modules: 3 }, 101);
      store.appendEvent("r2", "run.start", null, 102);
      store.appendEvent("r1", "module.start", { at: new Date(5) }, 103, "a");
      store.appendEvent("r1", "module.note", undefined, 104, "a");
      const events = store.getEvents("r1");
      expect(events.map((e) => e.type)).toEqual(["run.start", "module.start", "module.note"]);
      expect(events[0]).toStrictEqual({ id: events[0]?.id, runId: "r1", at: 101, type: "run.start", data: { modules: 3 } });
      // Data round-trips through JSON in every store: dates become strings, undefined null.
      expect(events[1]).toMatchObject({ moduleId: "a", data: { at: new Date(5).toISOString() } });
      expect(events[2]?.data).toBeNull();
      const ids = events.map((e) => e.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(3);
      expect(store.getEvents("r2").map((e) => e.runId)).toEqual(["r2"]);
    });

    it("returns only the events after a given id", () => {
      const store = current();
      seed(store);
      for (let i = 0; i < 5; i++) store.appendEvent("r1", `e${i}`, { i }, 100 + i);
      const all = store.getEvents("r1");
      const mark = all[1]?.id ?? -1;
      expect(store.getEvents("r1", mark).map((e) => e.type)).toEqual(["e2", "e3", "e4"]);
      expect(store.getEvents("r1", all[4]?.id)).toEqual([]);
      expect(store.getEvents("r1", 0)).toHaveLength(5);
    });

    it("says the id of a run's newest event, 0 for a run without events", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2");
      expect(store.latestEventId("r1")).toBe(0);
      store.appendEvent("r1", "a", {}, 101);
      store.appendEvent("r2", "b", {}, 102);
      store.appendEvent("r1", "c", {}, 103);
      store.appendEvent("r2", "d", {}, 104);
      expect(store.latestEventId("r1")).toBe(store.getEvents("r1").at(-1)!.id);
      expect(store.latestEventId("r2")).toBe(store.getEvents("r2").at(-1)!.id);
      expect(store.latestEventId("nope")).toBe(0);
    });

    it("returns only the events of a given type, in order, after a given id", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2");
      for (let i = 0; i < 6; i++) store.appendEvent("r1", i % 2 ? "attempt:end" : "module:state", { i }, 100 + i);
      store.appendEvent("r2", "attempt:end", { i: 9 }, 200);
      const ends = store.getEvents("r1", 0, "attempt:end");
      expect(ends.map((e) => e.data)).toEqual([{ i: 1 }, { i: 3 }, { i: 5 }]);
      expect(store.getEvents("r1", ends[0]!.id, "attempt:end").map((e) => e.data)).toEqual([{ i: 3 }, { i: 5 }]);
      expect(store.getEvents("r1", 0, "nothing")).toEqual([]);
    });

    it("returns only the events whose data has a given key of its own, of a type or of any", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2");
      store.appendEvent("r1", "attempt:end", { attempt: 1, filesUnknown: "shared tree" }, 101, "a");
      // The key's name in a value, in a nested object, or as text that only looks like it: not the data's own key.
      store.appendEvent("r1", "attempt:end", { attempt: 2, summary: 'wrote "filesUnknown": "x"' }, 102, "a");
      store.appendEvent("r1", "attempt:end", { attempt: 3, usage: { filesUnknown: "nested" } }, 103, "a");
      store.appendEvent("r1", "attempt:end", ["filesUnknown"], 104, "a");
      store.appendEvent("r1", "attempt:end", { attempt: 5 }, 105, "a");
      store.appendEvent("r1", "module:state", { filesUnknown: "other type" }, 106, "a");
      store.appendEvent("r2", "attempt:end", { attempt: 1, filesUnknown: "other run" }, 107, "b");
      const ends = store.getEvents("r1", 0, "attempt:end", "filesUnknown");
      expect(ends.map((e) => e.data)).toEqual([{ attempt: 1, filesUnknown: "shared tree" }]);
      expect(ends[0]).toMatchObject({ runId: "r1", at: 101, type: "attempt:end", moduleId: "a" });
      expect(store.getEvents("r1", 0, undefined, "filesUnknown").map((e) => e.at)).toEqual([101, 106]);
      expect(store.getEvents("r1", ends[0]!.id, undefined, "filesUnknown").map((e) => e.at)).toEqual([106]);
      expect(store.getEvents("r1", 0, "attempt:end", "missing")).toEqual([]);
    });

    it("refuses events for an unknown run", () => {
      const store = current();
      expectStoreError(() => store.appendEvent("nope", "x", {}, 1), "STORE_NOT_FOUND");
    });
  });

  describe("memories", () => {
    it("creates a memory, tags defaulting to none", () => {
      const store = current();
      expect(store.writeMemory({ key: "k", content: "c", at: 10 })).toStrictEqual({ key: "k", content: "c", tags: [], createdAt: 10, updatedAt: 10 });
      const full = { key: "j", content: "d", tags: ["module:a"], runId: "r1", createdAt: 11, updatedAt: 11 };
      expect(store.writeMemory({ key: "j", content: "d", tags: ["module:a"], runId: "r1", at: 11 })).toStrictEqual(full);
      expect(store.readMemory("j")).toStrictEqual(full);
    });

    it("updates in place, keeping createdAt and, when omitted, the tags and run id", () => {
      const store = current();
      store.writeMemory({ key: "k", content: "v1", tags: ["layer:core"], runId: "r1", at: 10 });
      const updated = store.writeMemory({ key: "k", content: "v2", at: 20 });
      expect(updated).toStrictEqual({ key: "k", content: "v2", tags: ["layer:core"], runId: "r1", createdAt: 10, updatedAt: 20 });
      store.writeMemory({ key: "k", content: "v3", tags: [], runId: "r2", at: 30 });
      expect(store.readMemory("k")).toStrictEqual({ key: "k", content: "v3", tags: [], runId: "r2", createdAt: 10, updatedAt: 30 });
      expect(store.listMemories()).toHaveLength(1);
    });

    it("lists newest first, key order on equal times, up to a limit", () => {
      const store = current();
      store.writeMemory({ key: "old", content: "", at: 1 });
      store.writeMemory({ key: "b", content: "", at: 2 });
      store.writeMemory({ key: "a", content: "", at: 2 });
      store.writeMemory({ key: "touched", content: "", at: 0 });
      store.writeMemory({ key: "touched", content: "again", at: 3 });
      expect(store.listMemories().map((m) => m.key)).toEqual(["touched", "a", "b", "old"]);
      expect(store.listMemories({ limit: 2 }).map((m) => m.key)).toEqual(["touched", "a"]);
    });

    it("filters by tags, matching memories that carry any of them", () => {
      const store = current();
      store.writeMemory({ key: "m1", content: "", tags: ["module:a", "layer:core"], at: 1 });
      store.writeMemory({ key: "m2", content: "", tags: ["module:b"], at: 2 });
      store.writeMemory({ key: "m3", content: "", tags: ["layer:app"], at: 3 });
      store.writeMemory({ key: "m4", content: "", at: 4 });
      const keys = (tags?: string[], limit?: number) => store.listMemories({ tags, limit }).map((m) => m.key);
      expect(keys(["module:a"])).toEqual(["m1"]);
      expect(keys(["layer:core", "module:b"])).toEqual(["m2", "m1"]);
      expect(keys(["layer:core", "module:a"])).toEqual(["m1"]);
      expect(keys(["layer:core", "module:b"], 1)).toEqual(["m2"]);
      expect(keys(["nothing"])).toEqual([]);
      // An empty tag list is no filter, like an omitted one.
      expect(keys([])).toEqual(["m4", "m3", "m2", "m1"]);
    });

    it("deletes, telling whether there was anything to delete", () => {
      const store = current();
      store.writeMemory({ key: "k", content: "c", at: 1 });
      expect(store.deleteMemory("k")).toBe(true);
      expect(store.readMemory("k")).toBeUndefined();
      expect(store.deleteMemory("k")).toBe(false);
      expect(store.deleteMemory("never")).toBe(false);
    });
  });

  describe("todos", () => {
    it("replaces an owner's list, keeping its order and other owners' lists", () => {
      const store = current();
      seed(store, "r1");
      seed(store, "r2");
      store.writeTodos("r1", "run", [{ content: "plan", status: "completed" }]);
      store.writeTodos("r1", "b", [{ content: "x", status: "pending" }]);
      store.writeTodos("r1", "a", [{ content: "old", status: "pending" }]);
      store.writeTodos("r1", "a", [
        { content: "write tests", status: "in_progress" },
        { content: "implement", status: "pending" },
        { content: "document", status: "pending" },
      ]);
      store.writeTodos("r2", "a", [{ content: "other run", status: "pending" }]);
      expect(store.readTodos("r1", "a")).toStrictEqual([
        { runId: "r1", owner: "a", content: "write tests", status: "in_progress", position: 0 },
        { runId: "r1", owner: "a", content: "implement", status: "pending", position: 1 },
        { runId: "r1", owner: "a", content: "document", status: "pending", position: 2 },
      ]);
      // Without an owner: every list of the run, by owner, each in its order.
      expect(store.readTodos("r1").map((t) => `${t.owner}:${t.content}`)).toEqual(["a:write tests", "a:implement", "a:document", "b:x", "run:plan"]);
      expect(store.readTodos("r2")).toHaveLength(1);
      expect(store.readTodos("r1", "nobody")).toEqual([]);
    });

    it("clears a list with an empty one and refuses unknown runs", () => {
      const store = current();
      seed(store);
      store.writeTodos("r1", "a", [{ content: "x", status: "pending" }]);
      store.writeTodos("r1", "a", []);
      expect(store.readTodos("r1", "a")).toEqual([]);
      expectStoreError(() => store.writeTodos("nope", "a", [{ content: "x", status: "pending" }]), "STORE_NOT_FOUND");
      expectStoreError(() => store.writeTodos("nope", "a", []), "STORE_NOT_FOUND");
    });
  });
}
