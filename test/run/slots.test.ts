import { describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/config/options.js";
import type { GateResult } from "../../src/validate/types.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { workflows } from "../../src/workflows/registry.js";
import { controlledAgent, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "controlled", concurrency: 2, retries: 0, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const SIX = buildPlan(tree(["a: l", "b: l", "c: l", "d: l", "e: l", "f: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement l");
const gate = (ok: boolean): GateResult => ({ level: "layer", target: "l", ok, durationMs: 1, checks: [{ name: "tests", kind: "command", blocking: true, ok, message: ok ? "ok" : "failed", durationMs: 1, output: "" }] });
/** Fails the first time, naming no module, so the whole layer goes back for a fix. */
const failsOnce = () => {
  let runs = 0;
  return { validateLayer: async () => gate(runs++ > 0) };
};
const costing = (costUsd: number) => ({ ...success(), usage: { inputTokens: 1, outputTokens: 1, costUsd } });

describe("every agent attempt takes a scheduler slot", () => {
  it("a layer gate's fix round on 6 modules with concurrency 2 never has more than 2 agents alive", async () => {
    const c = controlledAgent();
    const store = new MemoryStore();
    const running = new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: c.agent, options: OPTIONS, hooks: failsOnce() }).run(SIX);
    // 6 module attempts, then 6 fixes; each is finished once it has started, in order.
    for (let n = 1; n <= 12; n++) {
      await c.startedCount(n);
      c.finish(c.started[n - 1]!.moduleId);
    }
    const summary = await running;
    expect(summary.state).toBe("done");
    expect(c.started.filter((t) => t.kind === "fix")).toHaveLength(6);
    expect(c.maxRunning).toBe(2);
  });

  it("the budget stops a fix round: fixes already in their slots finish, the rest never start", async () => {
    const c = controlledAgent();
    const store = new MemoryStore();
    // 6 x $0.01 leaves the run under $0.065; the first two fixes take it over.
    const options = { ...OPTIONS, budget: { maxCostUsd: 0.065 } };
    const running = new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: c.agent, options, hooks: failsOnce() }).run(SIX);
    for (let n = 1; n <= 8; n++) {
      await c.startedCount(n);
      c.finish(c.started[n - 1]!.moduleId, costing(0.01));
    }
    const summary = await running;
    expect(summary.state).toBe("budget_exceeded");
    expect(c.started.filter((t) => t.kind === "fix")).toHaveLength(2);
    expect(c.maxRunning).toBe(2);
  });
});
