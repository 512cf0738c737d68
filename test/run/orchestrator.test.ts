import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { Plan } from "../../src/plan/types.js";
import type { Timed } from "../../src/run/events.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { controlledAgent, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { workflows } from "../../src/workflows/registry.js";
import { keptPrompt } from "../helpers/prompt.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 4, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };

function planOf(lines: string[], layers: string[] = []): Plan {
  return buildPlan(tree(lines, layers), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
}

function setup(agent: Agent, options: Partial<RunOptions> = {}) {
  const root = makeProject({});
  const store = new MemoryStore();
  const events: Timed[] = [];
  const orchestrator = new Orchestrator({ workflows: workflows(), root, store, agent, options: { ...OPTIONS, ...options } }).on((e) => events.push(e));
  return { root, store, orchestrator, events };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("Orchestrator scheduling", () => {
  it("never runs more than `concurrency` modules, and starts the longest remaining path first", async () => {
    // m1 heads a chain of three; the others are leaves. With 2 slots m1 must go first.
    const plan = planOf(["a: l", "b: l", "c: l", "m1: l", "m2: l <- m1", "m3: l <- m2"]);
    const c = controlledAgent();
    const { orchestrator } = setup(c.agent, { concurrency: 2 });
    const done = orchestrator.run(plan);
    await c.startedCount(2);
    expect(c.started.map((t) => t.moduleId)).toEqual(["m1", "a"]);
    for (const id of ["m1", "a"]) c.finish(id);
    await c.startedCount(4);
    expect(c.started.slice(2).map((t) => t.moduleId)).toEqual(["m2", "b"]);
    for (const id of ["m2", "b"]) c.finish(id);
    await c.startedCount(6);
    for (const id of ["m3", "c"]) c.finish(id);
    const summary = await done;
    expect(summary.state).toBe("done");
    expect(summary.counts.done).toBe(6);
    expect(c.maxRunning).toBe(2);
  });

  it("ready starts a module as soon as its dependencies are done; waves waits for the whole wave", async () => {
    // slow and quick are in wave 1; next depends only on quick.
    const plan = planOf(["slow: l", "quick: l", "next: l <- quick"]);
    for (const schedule of ["ready", "waves"] as const) {
      const c = controlledAgent();
      const { orchestrator } = setup(c.agent, { schedule });
      const done = orchestrator.run(plan);
      await c.startedCount(2);
      c.finish("quick");
      for (let i = 0; i < 20; i++) await tick();
      expect(c.running().sort()).toEqual(schedule === "ready" ? ["next", "slow"] : ["slow"]);
      c.finish("slow");
      await c.startedCount(3);
      c.finish("next");
      expect((await done).state).toBe("done");
    }
  });

  it("waves runs layer by layer: nothing of the next layer starts before the previous layer is finished", async () => {
    const plan = planOf(["a1: base", "a2: base", "b1: app"], ["base", "app"]);
    const c = controlledAgent();
    const { orchestrator } = setup(c.agent, { schedule: "waves" });
    const done = orchestrator.run(plan);
    await c.startedCount(2);
    c.finish("a1");
    for (let i = 0; i < 20; i++) await tick();
    expect(c.running()).toEqual(["a2"]);
    c.finish("a2");
    await c.startedCount(3);
    c.finish("b1");
    expect((await done).state).toBe("done");
  });
});

describe("Orchestrator retries and failures", () => {
  it("retries a failed attempt with the previous error verbatim in the prompt", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const agent = createSimulateAgent({ fail: { b: 1 } });
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(planOf(["a: l", "b: l <- a"]));
    expect(summary.state).toBe("done");
    const attempts = store.getAttempts(summary.runId, "b");
    expect(attempts.map((a) => [a.n, a.state])).toEqual([[1, "failed"], [2, "done"]]);
    const error = attempts[0]!.error!;
    expect(error).toBe("simulate: module b failed attempt 1 of 1 (scripted by simulate.fail)");
    const retryPrompt = keptPrompt(store, attempts[1]!);
    expect(retryPrompt).toContain(`Attempt 1 failed. The error, verbatim:\n<previous-error>\n${error}\n</previous-error>`);
    expect(keptPrompt(store, attempts[0]!)).not.toContain("previous-error");
  });

  it("a module that fails every attempt blocks its dependents (naming it); independent branches go on", async () => {
    const plan = planOf(["base: l", "bad: l <- base", "child: l <- bad", "grandchild: l <- child", "other: l <- base"]);
    const { store, orchestrator } = setup(createSimulateAgent({ fail: { bad: 5 } }), { retries: 2 });
    const summary = await orchestrator.run(plan);
    expect(summary.state).toBe("failed");
    const modules = Object.fromEntries(store.getModules(summary.runId).map((m) => [m.moduleId, [m.state, m.reason]]));
    expect(modules).toEqual({
      base: ["done", undefined],
      bad: ["failed", "failed after attempt 3"],
      child: ["blocked", "dependency bad failed"],
      grandchild: ["blocked", "dependency bad failed (via child)"],
      other: ["done", undefined],
    });
    expect(store.getAttempts(summary.runId, "bad")).toHaveLength(3);
    expect(store.getAttempts(summary.runId, "child")).toHaveLength(0);
  });

  it("a failure the agent marks non-retryable fails the module at once, without spending its retries", async () => {
    const agent = { name: "keyless", run: async () => ({ ok: false, nonRetryable: true, error: "anthropic: no API key", summary: "", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }) };
    const { store, orchestrator } = setup(agent, { retries: 3 });
    const summary = await orchestrator.run(planOf(["a: l"]));
    expect(summary.state).toBe("failed");
    expect(store.getAttempts(summary.runId, "a").map((a) => [a.state, a.error])).toEqual([["failed", "anthropic: no API key"]]);
  });

  it("an agent that throws fails its attempt with the error, not the run", async () => {
    const agent = { name: "thrower", run: async () => { throw new Error("boom"); } };
    const { store, orchestrator } = setup(agent, { retries: 0 });
    const summary = await orchestrator.run(planOf(["a: l"]));
    expect(summary.state).toBe("failed");
    expect(store.getAttempts(summary.runId, "a")[0]!.error).toMatch(/^Error: boom/);
  });

  it("a timeout cancels the attempt through its AbortSignal and fails it", async () => {
    const c = controlledAgent();
    const { store, orchestrator } = setup(c.agent, { timeoutMs: 30, retries: 0 });
    const summary = await orchestrator.run(planOf(["a: l"]));
    expect(summary.state).toBe("failed");
    expect(store.getAttempts(summary.runId, "a")[0]!.error).toBe("timed out after 30 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)");
  });
});

describe("Orchestrator interruption and resume", () => {
  it("stop() lets running attempts finish within the grace period, then cancels; resume redoes nothing done", async () => {
    const plan = planOf(["a: l", "b: l", "c: l <- a"]);
    const c = controlledAgent();
    const { root, store, orchestrator } = setup(c.agent, { graceMs: 20 });
    const done = orchestrator.run(plan);
    await c.startedCount(2);
    c.finish("a", success());
    for (let i = 0; i < 10; i++) await tick();
    orchestrator.stop();
    const summary = await done; // b is cancelled after the grace period
    expect(summary.state).toBe("interrupted");
    const states = Object.fromEntries(store.getModules(summary.runId).map((m) => [m.moduleId, m.state]));
    expect(states.a).toBe("done");
    expect(states.b).toBe("pending");
    expect(store.getAttempts(summary.runId, "b")[0]!.state).toBe("cancelled");
    expect(store.getRun(summary.runId)!.state).toBe("interrupted");

    const c2 = controlledAgent();
    const resumed = new Orchestrator({ workflows: workflows(), root, store, agent: c2.agent, options: OPTIONS }).resume();
    await c2.startedCount(2);
    expect(c2.running().sort()).toEqual(["b", "c"]);
    for (const id of c2.running()) c2.finish(id);
    const end = await resumed;
    expect(end.runId).toBe(summary.runId);
    expect(end.state).toBe("done");
    expect(c2.started.map((t) => t.moduleId).sort()).toEqual(["b", "c"]);
    expect(store.getAttempts(summary.runId, "b").map((a) => [a.n, a.state])).toEqual([[1, "cancelled"], [2, "done"]]);
  });

  it("resume re-queues modules a dead process left running, as a new attempt", async () => {
    const plan = planOf(["a: l", "b: l <- a"]);
    const root = makeProject({});
    const store = new MemoryStore();
    // What a SIGKILL leaves: the run `running`, a done and a running module with an open attempt.
    store.createRun({ id: "r1", request: "implement system", plan, options: "{}", modules: [{ moduleId: "a", layer: "l" }, { moduleId: "b", layer: "l" }], at: 1 });
    store.startAttempt("r1", "a", { kind: "implement", agent: "x", promptPath: "p", at: 2 });
    store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 3 }, "done");
    store.startAttempt("r1", "b", { kind: "implement", agent: "x", promptPath: "p", at: 4 });
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: createSimulateAgent(), options: OPTIONS }).resume("r1");
    expect(summary.state).toBe("done");
    expect(store.getAttempts("r1", "a")).toHaveLength(1);
    expect(store.getAttempts("r1", "b").map((a) => [a.n, a.state, a.error])).toEqual([
      [1, "cancelled", "interrupted: the run stopped during this attempt"],
      [2, "done", undefined],
    ]);
  });

  it("resume refuses runs that ended and unknown ids", async () => {
    const { orchestrator, store } = setup(createSimulateAgent());
    const summary = await orchestrator.run(planOf(["a: l"]));
    await expect(new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: createSimulateAgent(), options: OPTIONS }).resume(summary.runId)).rejects.toThrow(/already ended \(done\)/);
    await expect(new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: createSimulateAgent(), options: OPTIONS }).resume("nope")).rejects.toThrow(/No run `nope`/);
  });

  it("persists every transition as an event, in order", async () => {
    const { store, orchestrator } = setup(createSimulateAgent());
    const summary = await orchestrator.run(planOf(["a: l"]));
    // No `wave` event: under the default `ready` schedule a wave header would misstate the order (issue 12, item 18).
    expect(store.getEvents(summary.runId).map((e) => e.type)).toEqual(["run:start", "module:state", "attempt:start", "attempt:end", "module:state", "run:end"]);
  });

  it("announces waves only under the `waves` barrier, each before its modules start (issue 12, item 18)", async () => {
    const { store, orchestrator } = setup(createSimulateAgent(), { schedule: "waves" });
    const summary = await orchestrator.run(planOf(["a: l", "b: l <- a"]));
    const types = store.getEvents(summary.runId).map((e) => (e.type === "wave" ? `wave ${(e.data as { wave: number }).wave}` : e.type === "attempt:start" ? `start ${e.moduleId}` : ""));
    expect(types.filter(Boolean)).toEqual(["wave 1", "start a", "wave 2", "start b"]);
  });
});

describe("Orchestrator and the event loop", () => {
  it("gives the event loop turns during a run whose agent answers at once, so commits, listeners and signals are not held to the end", async () => {
    // 300 leaves with an instant agent: without turns the whole run is one chain of microtasks.
    const plan = planOf(Array.from({ length: 300 }, (_, i) => `m${i}: l`));
    const simulate = createSimulateAgent({ latencyMs: 0 });
    let turned = false;
    const seen: boolean[] = [];
    const agent: Agent = {
      ...simulate,
      run: (task, ctx) => {
        // From the eighth attempt on (the first ones wait for simulate's listing of recordings, real I/O): a turn of the event loop sets `turned`.
        if (seen.length === 7) setImmediate(() => (turned = true));
        seen.push(turned);
        return simulate.run(task, ctx);
      },
    };
    const { orchestrator } = setup(agent);
    expect((await orchestrator.run(plan)).state).toBe("done");
    expect(seen).toHaveLength(300);
    expect(seen.at(-1)).toBe(true);
  });
});
