import { createHook } from "node:async_hooks";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { attemptSignal } from "../../src/run/attempt-limits.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { workflows } from "../../src/workflows/registry.js";
import { success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "instant", concurrency: 4, retries: 0, timeoutMs: 60_000, graceMs: 10, schedule: "ready", simulate: {} };
const instant: Agent = { name: "instant", run: async () => success() };

/** The Node timers (setTimeout, setInterval) made while a run of `count` independent modules runs. */
async function timersOfRun(count: number): Promise<number> {
  const plan = buildPlan(tree(Array.from({ length: count }, (_, i) => `m${i}: l`)), { type: "implement", scope: { kind: "system" }, because: [] }, "implement l");
  const orchestrator = new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent: instant, options: OPTIONS });
  let timers = 0;
  const hook = createHook({ init: (_id, type) => void (type === "Timeout" && timers++) }).enable();
  try {
    expect((await orchestrator.run(plan)).state).toBe("done");
  } finally {
    hook.disable();
  }
  return timers;
}

describe("attempt time limits", () => {
  it("a run's attempts share one timer for their limits: the timers a run makes do not grow with its attempts", async () => {
    const few = await timersOfRun(4);
    const many = await timersOfRun(60);
    expect(many - few).toBeLessThan(4);
  });

  it("a limit shorter than the one the timer is set for ends its attempt on time, and only it", async () => {
    const run = new AbortController();
    const long = attemptSignal(run.signal, 60_000);
    const short = attemptSignal(run.signal, 20);
    await once(short.signal, "abort");
    expect(short.timedOut).toBe(true);
    expect((short.signal.reason as Error).message).toBe("timed out after 20 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)");
    expect(long.signal.aborted).toBe(false);
    long.dispose();
    short.dispose();
  });

  it("an attempt that ended is not aborted when its limit passes; the next one still is", async () => {
    const run = new AbortController();
    const ended = attemptSignal(run.signal, 5);
    ended.dispose();
    const next = attemptSignal(run.signal, 30);
    await once(next.signal, "abort");
    expect(next.timedOut).toBe(true);
    expect(ended.signal.aborted).toBe(false);
    expect(ended.timedOut).toBe(false);
    next.dispose();
  });

  it("the run's abort reaches its running attempts, not ended ones, and is no time limit", () => {
    const run = new AbortController();
    const a = attemptSignal(run.signal, 60_000);
    const b = attemptSignal(run.signal, 60_000);
    b.dispose();
    run.abort(new Error("stopped"));
    expect([a.signal.aborted, b.signal.aborted, a.timedOut]).toEqual([true, false, false]);
    expect(attemptSignal(run.signal, 60_000).signal.aborted).toBe(true);
    a.dispose();
  });
});
