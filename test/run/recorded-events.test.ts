import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/memory.js";
import type { Store } from "../../src/store/types.js";
import { recordedEvents } from "../../src/run/events.js";
import { seed } from "../store/helpers.js";

/** A store that records which event types were read: the fake of STYLE.md, over the real in-memory store. */
function recordingStore(): { store: Store; asked: (string | undefined)[] } {
  const inner = new MemoryStore();
  const asked: (string | undefined)[] = [];
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      if (name === "getEvents") return (runId: string, afterId?: number, type?: string) => (asked.push(type), target.getEvents(runId, afterId, type));
      const value = Reflect.get(target, name, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store, asked };
}

describe("recordedEvents", () => {
  it("reads only the type asked for, once, and gives each type's events in order", () => {
    const { store, asked } = recordingStore();
    seed(store, "r1");
    store.appendEvent("r1", "module:state", { type: "module:state", runId: "r1", moduleId: "a", layer: "l", state: "running", attempt: 1 }, 1, "a");
    store.appendEvent("r1", "attempt:end", { type: "attempt:end", runId: "r1", moduleId: "a", attempt: 1, ok: true, durationMs: 1, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, summary: "s" }, 2, "a");
    store.appendEvent("r1", "attempt:end", { type: "attempt:end", runId: "r1", moduleId: "b", attempt: 1, ok: false, durationMs: 1, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, summary: "t" }, 3, "b");
    const events = recordedEvents(store, "r1");
    expect(asked).toEqual([]);
    expect(events("attempt:end").map((e) => e.moduleId)).toEqual(["a", "b"]);
    expect(events("attempt:end")).toHaveLength(2);
    expect(events("bench")).toEqual([]);
    expect(asked).toEqual(["attempt:end", "bench"]);
  });
});
