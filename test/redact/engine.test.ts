import { workflows } from "../../src/workflows/registry.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Agent, AgentTask } from "../../src/agents/types.js";
import { createProgress } from "../../src/cli/render/progress.js";
import { buildPlan } from "../../src/plan/build.js";
import { refreshSecrets } from "../../src/redact/index.js";
import { standardHooks } from "../../src/run/hooks.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { failure, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

// A model agent's reply never passes through a child process's output: here the agent
// itself hands the engine the secrets, as a model quoting its environment or a tool result would.
const API_KEY = "gateway-key-7f3a9c1e5b2d";
const GITHUB = `ghp_${"Zq8Wm4Rt".repeat(5).slice(0, 36)}`;
const AWS = "AKIAQ2W3E4R5T6Y7U2W3";
const LEAK = `key ${API_KEY} token ${GITHUB} aws ${AWS}`;
const MARKERS = ["[REDACTED:ANTHROPIC_API_KEY]", "[REDACTED:github-token]", "[REDACTED:aws-access-key]"];

function expectRedacted(where: string, text: string): void {
  for (const secret of [API_KEY, GITHUB, AWS]) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
  for (const marker of MARKERS) expect(text, where).toContain(marker);
}

describe("the engine redacts what an agent hands it (issue 9, finding 8)", () => {
  const saved = process.env.ANTHROPIC_API_KEY;
  beforeEach(() => {
    process.env.ANTHROPIC_API_KEY = API_KEY;
    refreshSecrets();
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved;
    refreshSecrets();
  });

  it("retry prompt (sent and kept), store, memories, CHANGELOG and the live progress lines hold markers only", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const prompts: AgentTask[] = [];
    const agent: Agent = {
      name: "leaky-model",
      run: (task) => {
        prompts.push(task);
        return Promise.resolve(task.attempt === 1 ? failure(`the API said no to ${LEAK}`) : { ...success(`refactored with ${LEAK}`), filesChanged: ["src/a.py"] });
      },
    };
    const out: string[] = [];
    const progress = createProgress({ isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, { live: false });
    const orchestrator = new Orchestrator({
      root, store, agent, hooks: standardHooks(root, store), workflows: workflows(),
      options: { agent: "leaky-model", concurrency: 1, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} },
    }).on(progress.listener);
    const plan = buildPlan(tree(["calc: core"]), { type: "refactor", scope: { kind: "system" }, because: [] }, "refactor system");
    const summary = await orchestrator.run(plan);
    progress.stop();
    expect(summary.state).toBe("done");

    expect(prompts).toHaveLength(2);
    expectRedacted("the retry prompt sent to the agent", prompts[1]!.prompt);
    expectRedacted("the retry prompt kept with the attempt", store.getAttemptText(summary.runId, "calc", 2).prompt!);
    expectRedacted("attempt 1's output", store.getAttemptText(summary.runId, "calc", 1).output!);
    expectRedacted("attempt 2's output", store.getAttemptText(summary.runId, "calc", 2).output!);

    const [first, second] = store.getAttempts(summary.runId, "calc");
    expectRedacted("attempt 1's error", first!.error!);
    expectRedacted("attempt 2's summary", second!.summary!);
    expectRedacted("the events", JSON.stringify(store.getEvents(summary.runId)));
    expectRedacted("the module's memory", store.readMemory(`run/${summary.runId}/calc`)!.content);
    expectRedacted("CHANGELOG.md", readFileSync(join(root, "CHANGELOG.md"), "utf8"));
    expect(out.join("")).toContain("calc: done");
    expectRedacted("the progress lines", out.join(""));
  });
});
