import { describe, expect, it } from "vitest";
import type { Timed } from "../../src/run/events.js";
import { EventBus } from "../../src/run/bus.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { tree } from "../helpers/tree.js";

/** A store that counts the callbacks it is asked to run after a commit. */
function counting(): { store: MemoryStore; after: { count: number } } {
  const store = new MemoryStore();
  const after = { count: 0 };
  const afterCommit = store.afterCommit.bind(store);
  store.afterCommit = (fn) => {
    after.count++;
    afterCommit(fn);
  };
  return { store, after };
}

describe("EventBus", () => {
  it("records every event; with no listener it asks for nothing after the commit, with one it tells each event once", () => {
    const { store, after } = counting();
    const plan = buildPlan(tree(["a: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement l");
    store.createRun({ id: "r1", request: plan.request, plan, options: "{}", modules: [{ moduleId: "a", layer: "l" }], at: 0 });
    const bus = new EventBus(store, () => 7);
    bus.emit("r1", { type: "warning", runId: "r1", message: "one" });
    bus.emit("r1", { type: "warning", runId: "r1", message: "two" });
    expect(after.count).toBe(0);
    const heard: Timed[] = [];
    bus.on((e) => heard.push(e));
    bus.emit("r1", { type: "warning", runId: "r1", message: "three" });
    expect(after.count).toBe(1);
    expect(heard).toEqual([{ type: "warning", runId: "r1", message: "three", at: 7 }]);
    expect(store.getEvents("r1").map((e) => (e.data as { message: string }).message)).toEqual(["one", "two", "three"]);
  });
});
