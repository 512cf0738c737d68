import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent, AgentTask } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { workflows } from "../../src/workflows/registry.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "scripted", concurrency: 1, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const git = (root: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, encoding: "utf8" });

describe("a read-only attempt in the project's own tree (--isolation shared) that writes", () => {
  it("fails, and the tree is put back: its new file moved away, a committed file checked out; a file with uncommitted changes is left and named", async () => {
    const root = makeProject({ "src/a.py": "x = 1\n", "src/b.py": "y = 1\n", ".gitignore": ".orchestrate/\n" });
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    writeFileSync(join(root, "src/b.py"), "y = 2  # the user's own edit\n");
    const tasks: AgentTask[] = [];
    const agent: Agent = {
      name: "scripted",
      run: async (task) => {
        tasks.push(task);
        if (task.moduleId === "a" && task.attempt === 1) {
          writeFileSync(join(task.cwd, "notes.txt"), "scratch\n");
          writeFileSync(join(task.cwd, "src/a.py"), "x = 99\n");
          writeFileSync(join(task.cwd, "src/b.py"), "y = 3\n");
        }
        return { ok: true, summary: "- [low] src/a.py:1: x could be a constant", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      },
    };
    const store = new MemoryStore();
    const plan = buildPlan(tree(["a: l", "b: l <- a"]), { type: "analyze", scope: { kind: "system" }, because: [] }, "analyze the thing");
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(plan);
    expect(tasks[0]!.cwd).toBe(root);
    const [first] = store.getAttempts(summary.runId, "a");
    const keep = `.orchestrate/runs/${summary.runId}/a/attempt-1/left`;
    expect(first!.error).toBe(`read-only attempt changed 3 files: notes.txt, src/a.py, src/b.py; put back: notes.txt, src/a.py (the attempt's versions kept in ${keep}/); not put back (it had uncommitted changes, or is not tracked): src/b.py`);
    expect(existsSync(join(root, "notes.txt"))).toBe(false);
    expect(readFileSync(join(root, "src/a.py"), "utf8")).toBe("x = 1\n");
    expect(readFileSync(join(root, keep, "src/a.py"), "utf8")).toBe("x = 99\n");
    expect(readFileSync(join(root, keep, "notes.txt"), "utf8")).toBe("scratch\n");
    expect(readFileSync(join(root, "src/b.py"), "utf8")).toBe("y = 3\n");
    expect(git(root, "status", "--porcelain")).toBe(" M src/b.py\n");
  });
});
