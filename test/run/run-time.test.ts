import { describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/config/options.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { runTime, runTimeOf } from "../../src/run/run-time.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { workflows } from "../../src/workflows/registry.js";

describe("runTime: a run's time is the sum of its sessions", () => {
  it("counts a live run up to now, not up to its record's last write", () => {
    expect(runTime({ createdAt: 1000, sessions: 1, lastStepAt: 1500, lastStart: { at: 1010, resumed: false } }, true, 9000)).toEqual({ ms: 8000, sessions: 1, end: "live", until: 9000 });
  });

  it("counts an ended run up to its recorded end", () => {
    expect(runTime({ createdAt: 1000, endedAt: 4000, sessions: 1, lastStepAt: 4200 }, false, 9000)).toMatchObject({ ms: 3000, end: "ended" });
  });

  it("counts a run whose process died (kill -9) up to its last recorded step, not 0", () => {
    expect(runTime({ createdAt: 1000, sessions: 1, lastStepAt: 3500, lastStart: { at: 1010, resumed: false } }, false, 9000)).toEqual({ ms: 2500, sessions: 1, end: "cut", until: 3500 });
  });

  it("leaves out the idle time between a crash and the resume", () => {
    // Ran 2 s, died, resumed at 60 s and ended at 63 s: 5 s, not 62.
    expect(runTime({ createdAt: 1000, endedAt: 63_000, sessions: 2, lastStart: { at: 60_000, resumed: true, ranMs: 2000 } }, false, 99_000)).toMatchObject({ ms: 5000, sessions: 2, end: "ended" });
    expect(runTime({ createdAt: 1000, sessions: 2, lastStart: { at: 60_000, resumed: true, ranMs: 2000 } }, true, 61_000)).toMatchObject({ ms: 3000, end: "live" });
  });

  it("times a run resumed before sessions were counted from its creation, as it was", () => {
    expect(runTime({ createdAt: 1000, endedAt: 63_000, sessions: 2, lastStart: { at: 60_000, resumed: true } }, false, 99_000).ms).toBe(62_000);
  });
});

const OPTIONS: RunOptions = { agent: "test", concurrency: 4, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };

describe("resume after a crash", () => {
  it("reports the time the run ran, not the hour it lay dead; the cut attempt ends at the last recorded step", async () => {
    const plan = buildPlan(tree(["a: l", "b: l <- a"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const root = makeProject({});
    const store = new MemoryStore();
    // What a SIGKILL leaves: ran from 1000 to 5000 (its last recorded step), a done and a running module.
    store.createRun({ id: "r1", request: "implement system", plan, options: "{}", modules: [{ moduleId: "a", layer: "l" }, { moduleId: "b", layer: "l" }], at: 1000 });
    store.appendEvent("r1", "run:start", { type: "run:start", runId: "r1", request: plan.request, resumed: false, concurrency: 4, schedule: "ready", agent: "x" }, 1000);
    store.startAttempt("r1", "a", { kind: "implement", agent: "x", promptPath: "p", at: 2000 });
    store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 3000 }, "done");
    store.startAttempt("r1", "b", { kind: "implement", agent: "x", promptPath: "p", at: 4000 });
    store.appendEvent("r1", "attempt:start", { type: "attempt:start", runId: "r1", moduleId: "b", attempt: 1 }, 5000, "b");
    expect(runTimeOf(store, store.getRun("r1")!, false)).toMatchObject({ ms: 4000, end: "cut" });

    // Resumed an hour later, on a clock that moves 1 ms a call.
    let t = 3_600_000;
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: createSimulateAgent(), options: OPTIONS, now: () => t++ }).resume("r1");
    const started = store.getEvents("r1", 0, "run:start").at(-1)!;
    const run = store.getRun("r1")!;
    expect(summary.durationMs).toBe(4000 + run.endedAt! - started.at);
    expect(summary.durationMs).toBeLessThan(10_000);
    expect(summary.sessions).toBe(2);
    expect(runTimeOf(store, run, false)).toMatchObject({ ms: summary.durationMs, sessions: 2, end: "ended" });
    expect(store.getAttempts("r1", "b")[0]).toMatchObject({ state: "cancelled", endedAt: 5000 });
    expect(store.getEvents("r1", 0, "run:end").at(-1)!.data).toMatchObject({ durationMs: summary.durationMs, sessions: 2 });
  });
});
