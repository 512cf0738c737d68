import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { Timed, EventOf } from "../../src/run/events.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { workflows } from "../../src/workflows/registry.js";
import { failure } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "scripted", concurrency: 1, retries: 2, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const plan = buildPlan(tree(["a: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement l");

async function ends(agent: Agent, options: RunOptions = OPTIONS): Promise<EventOf<"attempt:end">[]> {
  const heard: EventOf<"attempt:end">[] = [];
  const listen = (e: Timed) => void (e.type === "attempt:end" && heard.push(e));
  await new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent, options }).on(listen).run(plan);
  return heard;
}

describe("attempt failures are typed: a code and whether a retry can help", () => {
  it("an agent's non-retryable failure is AGENT_FATAL, retryable false: one attempt, whatever retries are left", async () => {
    const heard = await ends({ name: "scripted", run: async () => ({ ...failure("no API key"), nonRetryable: true }) });
    expect(heard.map((e) => [e.failure, e.retryable, e.error])).toEqual([["AGENT_FATAL", false, "no API key"]]);
  });

  it("an ordinary failure is AGENT_FAILED and retried; an agent that throws is AGENT_THREW; a time limit is TIMED_OUT", async () => {
    expect((await ends({ name: "scripted", run: async () => failure("tests fail") })).map((e) => [e.failure, e.retryable])).toEqual(Array(3).fill(["AGENT_FAILED", true]));
    const threw = await ends({ name: "scripted", run: () => Promise.reject(new Error("boom")) }, { ...OPTIONS, retries: 0 });
    expect(threw.map((e) => e.failure)).toEqual(["AGENT_THREW"]);
    const slow: Agent = { name: "scripted", run: (_task, ctx) => new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(failure("aborted")))) };
    expect((await ends(slow, { ...OPTIONS, retries: 0, timeoutMs: 20 })).map((e) => [e.failure, e.error])).toEqual([["TIMED_OUT", "timed out after 20 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)"]]);
  });
});
