import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent, AgentContext, AgentTask } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { MemoryStore } from "../../src/store/memory.js";
import { workflows } from "../../src/workflows/registry.js";
import { failure, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" });

interface Seen {
  module: string;
  cwd: string;
  files: string[];
  /** The inode of a file no attempt touches: the same one when the worktree was reused. */
  inode: number;
}

/** Writes `<module>.txt`; the first attempt of `failFirst` writes `broken.txt` and scratch, then fails. */
function writingAgent(failFirst: string, seen: Seen[]): Agent {
  const tried = new Set<string>();
  return {
    name: "writer",
    run(task: AgentTask) {
      seen.push({ module: task.moduleId, cwd: task.cwd, files: readdirSync(task.cwd).filter((f) => f.endsWith(".txt")).sort(), inode: statSync(join(task.cwd, "base.txt")).ino });
      if (task.moduleId === failFirst && !tried.has(task.moduleId)) {
        tried.add(task.moduleId);
        writeFileSync(join(task.cwd, "broken.txt"), "half done\n");
        writeFileSync(join(task.cwd, "scratch.log"), "ignored scratch\n");
        return Promise.resolve(failure("not yet"));
      }
      writeFileSync(join(task.cwd, `${task.moduleId}.txt`), `${task.moduleId}\n`);
      return Promise.resolve(success());
    },
  };
}

describe("an isolated run reuses its worktrees", () => {
  it("gives each attempt the integration head, a retry its failed attempt's work and nothing else an earlier attempt left, and leaves no worktree or branch", async () => {
    const root = makeProject({ "base.txt": "base\n", ".gitignore": "*.log\n" });
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    const plan = buildPlan(tree(["a: l", "b: l", "c: l <- a", "d: l <- b, c"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const seen: Seen[] = [];
    const orchestrator = new Orchestrator({ workflows: workflows(), root, store: new MemoryStore(), agent: writingAgent("b", seen), options: OPTIONS, isolation: { mode: "worktree", setup: { share: [], timeoutMs: 10_000 } } });
    const summary = await orchestrator.run(plan);
    expect(summary.state).toBe("done");

    const at = (module: string, n = 0) => seen.filter((s) => s.module === module)[n]!;
    // One attempt at a time: every attempt after the first got the worktree the one before released.
    expect(new Set(seen.map((s) => s.inode)).size).toBe(1);
    expect(seen.map((s) => basename(s.cwd))).toEqual(seen.map((s, i) => `${s.module}-${seen.slice(0, i).filter((o) => o.module === s.module).length + 1}`));
    // b's retry, in the worktree b's failed attempt released, goes on from that attempt's work (its patch): its ignored scratch is gone.
    expect(seen.filter((s) => s.module === "b")).toHaveLength(2);
    expect(at("b", 1).files).toContain("broken.txt");
    expect(existsSync(join(at("b", 1).cwd, "scratch.log"))).toBe(false);
    // Nothing of it reached another module before b was merged.
    expect(at("a").files).not.toContain("broken.txt");
    expect(at("c").files).toEqual(expect.arrayContaining(["a.txt", "base.txt"]));
    expect(at("d").files).toEqual(expect.arrayContaining(["a.txt", "b.txt", "c.txt"]));

    const branch = summary.workspace!.branch;
    expect(git(root, "ls-tree", "--name-only", branch).split("\n").filter((f) => f.endsWith(".txt")).sort()).toEqual(["a.txt", "b.txt", "base.txt", "broken.txt", "c.txt", "d.txt"]);
    expect(git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree "))).toHaveLength(1);
    expect(git(root, "for-each-ref", "refs/heads/orchestrate/attempts/")).toBe("");
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("removes the released worktrees when the run is interrupted", async () => {
    const root = makeProject({ "base.txt": "base\n" });
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    const plan = buildPlan(tree(["a: l", "b: l <- a"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const agent: Agent = {
      name: "stopper",
      run(task: AgentTask, ctx: AgentContext) {
        if (task.moduleId === "a") return Promise.resolve(success());
        // b: the user presses Ctrl-C while it works; a's worktree is waiting to be reused.
        return new Promise((resolve) => {
          ctx.signal.addEventListener("abort", () => resolve({ ...failure("cancelled"), cancelled: true }), { once: true });
          orchestrator.stop();
        });
      },
    };
    const orchestrator = new Orchestrator({ workflows: workflows(), root, store: new MemoryStore(), agent, options: OPTIONS, isolation: { mode: "worktree", setup: { share: [], timeoutMs: 10_000 } } });
    const summary = await orchestrator.run(plan);
    expect(summary.state).toBe("interrupted");
    expect(git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree "))).toHaveLength(1);
    expect(git(root, "rev-parse", "--verify", "-q", summary.workspace!.branch).trim()).toMatch(/^[0-9a-f]{40}$/);
  });
});
