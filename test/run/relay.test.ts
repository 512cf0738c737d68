import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunContext } from "../../src/run/context.js";
import type { RunEvent } from "../../src/run/events.js";
import { relayAgentProgress } from "../../src/run/relay.js";
import { MemoryStore } from "../../src/store/memory.js";
import { seed } from "../store/helpers.js";

afterEach(() => vi.useRealTimers());

describe("relayAgentProgress", () => {
  it("relays each progress line once, reading only those: the run's own events are stepped over by id", () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    seed(store);
    store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 100 });
    store.appendEvent("r1", "agent:progress", { message: "before the run started" }, 100, "a");
    const read: (string | undefined)[] = [];
    const getEvents = store.getEvents.bind(store);
    store.getEvents = (runId, afterId, type) => (read.push(type), getEvents(runId, afterId, type));
    const heard: RunEvent[] = [];
    const ctx = { store, runId: "r1", emit: (e: RunEvent) => heard.push(e) } as unknown as RunContext;
    const timer = relayAgentProgress(ctx, 10);
    for (let i = 0; i < 50; i++) store.appendEvent("r1", "module:state", { i }, 101 + i, "b");
    store.appendEvent("r1", "agent:progress", { message: "parsing" }, 160, "a");
    vi.advanceTimersByTime(10);
    store.appendEvent("r1", "agent:progress", { message: "testing" }, 170, "a");
    for (let i = 0; i < 5; i++) store.appendEvent("r1", "module:state", { i }, 171 + i, "b");
    vi.advanceTimersByTime(20);
    clearInterval(timer);
    expect(heard).toEqual([
      { type: "agent", runId: "r1", moduleId: "a", attempt: 1, event: { type: "progress", message: "parsing" } },
      { type: "agent", runId: "r1", moduleId: "a", attempt: 1, event: { type: "progress", message: "testing" } },
    ]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((type) => type === "agent:progress")).toBe(true);
  });
});
