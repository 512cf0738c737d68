import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { Timed } from "../../src/run/events.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { agentNotes } from "../../src/run/records.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { statusJson } from "../../src/cli/render/status.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { deferred } from "../helpers/agents.js";
import { workflows } from "../../src/workflows/registry.js";

const OPTIONS: RunOptions = { agent: "x", concurrency: 1, retries: 0, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };

describe("what agents report through orchestrate's MCP server", () => {
  it("reaches the run's listeners (the live view) and status: progress lines and todo lists", async () => {
    const store = new MemoryStore();
    const relayed = deferred<void>();
    // The MCP server is another process writing to the same store; here the agent writes as it would,
    // and stays in its attempt until the orchestrator's poll has brought the line to the listeners.
    const agent: Agent = {
      name: "reporter",
      run: async (task) => {
        store.writeTodos(task.runId, task.moduleId, [{ content: "write the parser", status: "completed" }, { content: "test it", status: "in_progress" }]);
        store.appendEvent(task.runId, "agent:progress", { message: "parser written, testing" }, Date.now(), task.moduleId);
        await relayed.promise;
        return { ok: true, summary: "done", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      },
    };
    const heard: Timed[] = [];
    const plan = buildPlan(tree(["a: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement");
    const orchestrator = new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent, options: OPTIONS, progressPollMs: 5 });
    const summary = await orchestrator
      .on((e) => {
        heard.push(e);
        if (e.type === "agent") relayed.resolve();
      })
      .run(plan);
    expect(heard.filter((e) => e.type === "agent")).toEqual([expect.objectContaining({ type: "agent", moduleId: "a", attempt: 1, event: { type: "progress", message: "parser written, testing" } })]);
    const status = statusJson(store.getRun(summary.runId)!, store.getModules(summary.runId), store.getAttempts(summary.runId), "/", agentNotes(store, summary.runId));
    expect(status.modules[0]).toMatchObject({ progress: "parser written, testing", todos: [{ content: "write the parser", status: "completed" }, { content: "test it", status: "in_progress" }] });
  });
});
