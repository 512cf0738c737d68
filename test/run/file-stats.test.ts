import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent, AgentResult } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { GateResult } from "../../src/validate/types.js";
import { NO_USAGE } from "../../src/agents/types.js";
import { FileStats, statFile, type FileStat } from "../../src/file-stats.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
import { workflows } from "../../src/workflows/registry.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { keptPrompt } from "../helpers/prompt.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 0, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };
const PLAN = buildPlan(tree(["a: l", "b: l <- a", "c: l <- b"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");

/** Stats that count how often each path was looked at, on a clock the test moves. */
function counted(maxAgeMs = 60_000): { stats: FileStats; calls: Map<string, number>; clock: { now: number } } {
  const calls = new Map<string, number>();
  const clock = { now: 0 };
  const stat = (path: string): FileStat | undefined => {
    calls.set(path, (calls.get(path) ?? 0) + 1);
    return statFile(path);
  };
  return { stats: new FileStats(maxAgeMs, stat, () => clock.now), calls, clock };
}

/** An agent that writes `CLAUDE.md` when it implements `a`, and says what it changed as `result` has it. */
function agentWriting(result: Partial<AgentResult>, exactChanges: boolean): Agent {
  return {
    name: "writer",
    exactChanges,
    async run(task) {
      if (task.moduleId === "a") writeFiles(task.cwd, { "CLAUDE.md": "Use tabs.\n" });
      return { ok: true, summary: "", filesChanged: [], usage: { ...NO_USAGE }, ...result };
    },
  };
}

describe("FileStats", () => {
  it("stats a path once until it forgets, and again once its stats are older than maxAgeMs", () => {
    const root = makeProject({ "x.py": "x = 1\n" });
    const { stats, calls, clock } = counted(1000);
    const path = join(root, "x.py");
    expect(stats.of(path)?.isFile).toBe(true);
    expect(stats.of(join(root, "missing.py"))).toBeUndefined();
    expect(stats.of(join(root, "missing.py"))).toBeUndefined();
    expect(stats.of(path)).toBe(stats.of(path));
    expect(calls.get(path)).toBe(1);
    expect(calls.get(join(root, "missing.py"))).toBe(1);
    stats.forget();
    stats.of(path);
    expect(calls.get(path)).toBe(2);
    clock.now = 999;
    stats.of(path);
    expect(calls.get(path)).toBe(2);
    clock.now = 1001;
    stats.of(path);
    expect(calls.get(path)).toBe(3);
  });
});

describe("a run's stats of the project's files", () => {
  it("are taken once for a run whose agent lists every change and changed nothing, gate included", async () => {
    const root = makeProject({ "CLAUDE.md": "Run the tests.\n" });
    const store = new MemoryStore();
    const { stats, calls } = counted();
    const agent: Agent = { name: "exact", exactChanges: true, run: async () => ({ ok: true, summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE } }) };
    // A gate of architecture checks only reads files: it leaves the stats as they are.
    const gate: GateResult = { level: "module", target: "", ok: true, durationMs: 0, checks: [{ name: "architecture", kind: "architecture", blocking: true, ok: true, message: "no violations", durationMs: 0 }] };
    const hooks = { ...standardHooks(root, store), validateModule: async () => gate };
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks, files: stats }).run(PLAN);
    expect(summary.state).toBe("done");
    for (const id of ["a", "b", "c"]) expect(keptPrompt(store, store.getAttempts(summary.runId, id)[0]!)).toContain("Run the tests.");
    expect(calls.get(join(root, "CLAUDE.md"))).toBe(1);
    // b's prompt looks for a's file (its signatures), c's for b's: each once.
    expect(calls.get(join(root, "src/l/a.py"))).toBe(1);
  });

  it("are taken again after an agent that cannot list every change: the next prompt has the instructions it wrote", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const { stats, calls } = counted();
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: agentWriting({ filesSource: "tree" }, false), options: OPTIONS, hooks: standardHooks(root, store), files: stats }).run(PLAN);
    expect(keptPrompt(store, store.getAttempts(summary.runId, "a")[0]!)).not.toContain("Use tabs.");
    expect(keptPrompt(store, store.getAttempts(summary.runId, "b")[0]!)).toContain("Use tabs.");
    expect(calls.get(join(root, "CLAUDE.md"))).toBe(3);
  });

  it("are taken again after an exact agent that listed a change, and after a gate that ran a command", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const { stats, calls } = counted();
    const listed = await new Orchestrator({ workflows: workflows(), root, store, agent: agentWriting({ filesSource: "own", filesChanged: ["CLAUDE.md"] }, true), options: OPTIONS, hooks: standardHooks(root, store), files: stats }).run(PLAN);
    expect(keptPrompt(store, store.getAttempts(listed.runId, "b")[0]!)).toContain("Use tabs.");

    const again = makeProject({});
    const after = counted();
    // The agent lists nothing, but the module gate's command wrote the file.
    const gate: GateResult = { level: "module", target: "", ok: true, durationMs: 0, checks: [{ name: "format", kind: "command", blocking: true, ok: true, message: "exit 0", durationMs: 0 }] };
    const agent: Agent = { name: "exact", exactChanges: true, run: async () => ({ ok: true, summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE } }) };
    const validateModule = async () => {
      writeFiles(again, { "CLAUDE.md": "Formatted.\n" });
      return gate;
    };
    const gated = await new Orchestrator({ workflows: workflows(), root: again, store, agent, options: OPTIONS, hooks: { ...standardHooks(again, store), validateModule }, files: after.stats }).run(PLAN);
    expect(keptPrompt(store, store.getAttempts(gated.runId, "b")[0]!)).toContain("Formatted.");
    expect(calls.get(join(root, "CLAUDE.md"))).toBe(3);
    expect(after.calls.get(join(again, "CLAUDE.md"))).toBe(3);
  });
});
