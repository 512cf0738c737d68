import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent, AgentTask } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
import { workflows } from "../../src/workflows/registry.js";
import { failure, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" });
const plan = buildPlan(tree(["tally: l", "ledger: l"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement the ledger");

/** Writes `<module>.txt`, or, for a module in `failing`, `<module>-draft.txt` and fails; keeps each prompt it is given. */
function writer(failing: string[], prompts: Map<string, string>): Agent {
  return {
    name: "writer",
    run(task: AgentTask) {
      prompts.set(task.moduleId, task.prompt);
      const file = failing.includes(task.moduleId) ? `${task.moduleId}-draft.txt` : `${task.moduleId}.txt`;
      writeFileSync(join(task.cwd, file), `${task.moduleId}\n`);
      const result = failing.includes(task.moduleId) ? failure("not yet") : success(`wrote ${file}`);
      return Promise.resolve({ ...result, filesChanged: [file] });
    },
  };
}

describe("memories of work an isolated run never merged", () => {
  it("a later prompt is told a done module of a failed, unapplied run is not in the code; an applied run's memory is told as done", async () => {
    const root = makeProject({ "base.txt": "base\n" });
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    const store = new MemoryStore();
    const run = (agent: Agent) => new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store), isolation: { mode: "worktree", apply: true, setup: { share: [], timeoutMs: 10_000 } } }).run(plan);

    const first = await run(writer(["ledger"], new Map()));
    expect(first.state).toBe("failed");
    expect(first.workspace?.applied?.ok).toBe(false);
    // The failed module's attempts' files went with their worktrees.
    const ledger = store.readMemory(`run/${first.runId}/ledger`)!.content.split("\n");
    expect(ledger).toContain("Files of failed attempts, thrown away with their worktrees (not in the code): ledger-draft.txt");
    expect(ledger.some((l) => l.startsWith("Files: "))).toBe(false);

    const prompts = new Map<string, string>();
    const second = await run(writer([], prompts));
    expect(second.state).toBe("done");
    expect(second.workspace?.applied?.ok).toBe(true);
    expect(prompts.get("tally")).toContain(`- **run/${first.runId}/tally** (work not merged: run ${first.runId} failed, so what it did is on branch orchestrate/${first.runId} only, not in the code unless that branch was merged since): tally (layer l) done in run ${first.runId} after 1 attempt.`);

    const third = new Map<string, string>();
    await run(writer([], third));
    // The applied run's memory is offered as it is; the unmerged one still says so.
    expect(third.get("tally")).toContain(`- **run/${second.runId}/tally**: tally (layer l) done in run ${second.runId} after 1 attempt.`);
    expect(third.get("tally")).toContain(`- **run/${first.runId}/tally** (work not merged: run ${first.runId} failed`);
  });

  it("a memory of an unmerged run whose branch the user merged by hand since is told as done: git is asked, not only the store", async () => {
    const root = makeProject({ "base.txt": "base\n" });
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    const store = new MemoryStore();
    const run = (agent: Agent) => new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store), isolation: { mode: "worktree", apply: false, setup: { share: [], timeoutMs: 10_000 } } }).run(plan);

    const first = await run(writer(["ledger"], new Map()));
    expect(first.state).toBe("failed");
    const unmerged = new Map<string, string>();
    await run(writer([], unmerged));
    expect(unmerged.get("tally")).toContain(`- **run/${first.runId}/tally** (work not merged: run ${first.runId} failed`);

    // The user brings the failed run's done work in by hand, and deletes its branch.
    git(root, "merge", "-q", "--no-ff", "-m", "take the tally", `orchestrate/${first.runId}`);
    git(root, "branch", "-q", "-D", `orchestrate/${first.runId}`);
    const merged = new Map<string, string>();
    await run(writer([], merged));
    // Before: "(work not merged: …)" for good, the store's record of the run being all it read.
    expect(merged.get("tally")).toContain(`- **run/${first.runId}/tally**: tally (layer l) done in run ${first.runId} after 1 attempt.`);
  });
});
