import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentResult } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { buildPlan } from "../../src/plan/build.js";
import { standardHooks } from "../../src/run/hooks.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { TreeWriters } from "../../src/run/writers.js";
import { MemoryStore } from "../../src/store/memory.js";
import { workflows } from "../../src/workflows/registry.js";
import { controlledAgent } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "controlled", concurrency: 2, retries: 0, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const done = (filesChanged: string[], filesSource: AgentResult["filesSource"]): AgentResult => ({ ok: true, summary: "did it", filesChanged, ...(filesSource ? { filesSource } : {}), usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
const plan = () => buildPlan(tree(["a: l", "b: l"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");

describe("files credited to the module that changed them (issue 12, finding 7)", () => {
  it("two attempts diffing one tree at once: each records none and its entry says unknown, not the other's file", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const control = controlledAgent();
    const running = new Orchestrator({ workflows: workflows(), root, store, agent: control.agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan());
    await control.startedCount(2);
    // Both diffs hold both files: the tree is shared.
    control.finish("a", done(["src/l/a.py", "src/l/b.py"], "tree"));
    control.finish("b", done(["src/l/a.py", "src/l/b.py"], "tree"));
    const summary = await running;
    expect(summary.state).toBe("done");
    for (const id of ["a", "b"]) expect(store.getAttempts(summary.runId, id)[0]!.filesChanged).toEqual([]);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("- **a** (l): did it. Files: unknown (1 other attempt changed the same working tree meanwhile).");
    expect(changelog).toContain("- **b** (l): did it. Files: unknown (1 other attempt changed the same working tree meanwhile).");
  });

  it("an agent's own writes stay exact beside another attempt; alone, a tree diff is the module's", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const control = controlledAgent();
    const running = new Orchestrator({ workflows: workflows(), root, store, agent: control.agent, options: { ...OPTIONS, concurrency: 1 }, hooks: standardHooks(root, store) }).run(plan());
    await control.startedCount(1);
    control.finish("a", done(["src/l/a.py"], "tree"));
    await control.startedCount(2);
    control.finish("b", done(["src/l/b.py"], "own"));
    await running;
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("- **a** (l): did it. Files: `src/l/a.py`.");
    expect(changelog).toContain("- **b** (l): did it. Files: `src/l/b.py`.");
  });

  it("TreeWriters counts every writer that overlapped, whichever started first", () => {
    const writers = new TreeWriters();
    const endA = writers.begin();
    const endB = writers.begin();
    expect(endB()).toBe(1);
    const endC = writers.begin();
    expect(endA()).toBe(2);
    expect(endC()).toBe(1);
    expect(writers.begin()()).toBe(0);
  });
});
