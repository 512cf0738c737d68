import { describe, expect, it } from "vitest";
import type { Agent, AgentTask } from "../../src/agents/types.js";
import { reviewWith } from "../../src/run/review.js";
import { makeProject } from "../helpers/project.js";

const module = { id: "journal", layer: "core", spec: ".claude/layers/core/modules/JOURNAL_AGENT.md", files: ["ledger/core/journal.py"], dependsOn: [] };

function agentReplying(summary: string): Agent & { tasks: AgentTask[] } {
  const tasks: AgentTask[] = [];
  return { name: "reviewer", tasks, run: async (task) => (tasks.push(task), { ok: true, summary, filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }) };
}

describe("review checks", () => {
  it("run the agent read-only on the module with its spec, and pass on APPROVE", async () => {
    const root = makeProject({ [module.spec]: "# JOURNAL_AGENT\nEvery entry balances.\n" });
    const agent = agentReplying("APPROVE\n- balances are checked per currency");
    const result = await reviewWith(agent, root, 1000)(module, new AbortController().signal)({ name: "review", kind: "review" });
    expect(result).toMatchObject({ name: "review", kind: "review", ok: true, blocking: true, message: "approved" });
    expect(agent.tasks[0]).toMatchObject({ kind: "review", readOnly: true, moduleId: "journal", cwd: root });
    expect(agent.tasks[0]!.prompt).toContain("Every entry balances.");
  });

  it("fail on REJECT, with the reason as the message and the review as output", async () => {
    const agent = agentReplying("REJECT: no test covers a zero posting\n- tests/test_journal.py lacks it");
    const result = await reviewWith(agent, makeProject({}), 1000)(module, new AbortController().signal)({ name: "review", kind: "review", blocking: false });
    expect(result).toMatchObject({ ok: false, blocking: false, message: "rejected: no test covers a zero posting", output: "REJECT: no test covers a zero posting\n- tests/test_journal.py lacks it" });
  });
});
