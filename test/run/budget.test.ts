import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { workflows } from "../../src/workflows/registry.js";

const OPTIONS: RunOptions = { agent: "paid", concurrency: 1, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const plan = buildPlan(tree(["a: l", "b: l", "c: l", "d: l", "e: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");

/** An agent that spends $0.01 and 1,000 tokens per attempt, reporting usage as it goes; `hang` never finishes. */
function paidAgent(opts: { fail?: boolean; hang?: boolean } = {}): Agent {
  const usage = { inputTokens: 800, outputTokens: 200, costUsd: 0.01 };
  return {
    name: "paid",
    run: (_task, ctx) =>
      new Promise((resolve) => {
        ctx.emit({ type: "usage", usage });
        const end = () => resolve(opts.fail ? { ok: false, error: "nope", summary: "nope", filesChanged: [], usage } : { ok: true, summary: "ok", filesChanged: [], usage });
        const cancelled = () => resolve({ ok: false, cancelled: true, error: "cancelled", summary: "", filesChanged: [], usage });
        if (!opts.hang) setImmediate(end);
        else if (ctx.signal.aborted) cancelled();
        else ctx.signal.addEventListener("abort", cancelled);
      }),
  };
}

describe("budgets", () => {
  it("stops starting attempts when the run's cost budget is reached and ends budget_exceeded with what was spent", async () => {
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: paidAgent(), options: { ...OPTIONS, budget: { maxCostUsd: 0.025 } } }).run(plan);
    expect(summary.state).toBe("budget_exceeded");
    expect(summary.reason).toBe("budget of the run reached: spent $0.0300 of $0.025");
    expect(summary.usage).toEqual({ inputTokens: 2400, outputTokens: 600, costUsd: expect.closeTo(0.03, 6) });
    expect(summary.counts).toMatchObject({ done: 3, pending: 2 });
    expect(store.getRun(summary.runId)!.state).toBe("budget_exceeded");
  });

  it("a token budget works alike, and onExceeded: cancel cancels the running attempt as soon as it reports usage", async () => {
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: paidAgent({ hang: true }), options: { ...OPTIONS, budget: { maxTokens: 1000, onExceeded: "cancel" } } }).run(plan);
    expect(summary.state).toBe("budget_exceeded");
    expect(summary.reason).toBe("budget of the run reached: spent 1000 tokens of 1000");
    expect(store.getAttempts(summary.runId).map((a) => [a.moduleId, a.state])).toEqual([["a", "cancelled"]]);
  });

  it("a module's budget fails that module (and blocks its dependents) instead of retrying", async () => {
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: paidAgent({ fail: true }), options: { ...OPTIONS, retries: 5, budget: { module: { maxCostUsd: 0.02 } } } }).run(
      buildPlan(tree(["a: l", "b: l <- a"]), { type: "implement", scope: { kind: "system" }, because: [] }),
    );
    expect(summary.state).toBe("failed");
    expect(store.getAttempts(summary.runId, "a")).toHaveLength(2);
    const modules = store.getModules(summary.runId);
    expect(modules.map((m) => [m.moduleId, m.state, m.reason])).toEqual([
      ["a", "failed", "budget of the module a reached: spent $0.0200 of $0.02"],
      ["b", "blocked", "dependency a failed"],
    ]);
  });
});
