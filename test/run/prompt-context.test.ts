import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { NO_USAGE } from "../../src/agents/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { workflows } from "../../src/workflows/registry.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { keptPrompt } from "../helpers/prompt.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 0, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };

/** Writes each module's primary file, as an implementing agent would. */
const writer: Agent = {
  name: "writer",
  async run(task) {
    const file = join(task.cwd, task.files[0]!);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `class ${task.moduleId.toUpperCase()}Api:\n    """The ${task.moduleId} API."""\n    def get(self, key: str) -> bytes: ...\n`);
    return { ok: true, summary: `wrote ${task.files[0]}`, filesChanged: [task.files[0]!], usage: { ...NO_USAGE } };
  },
};

function specTree() {
  const t = tree(["a: l", "b: l <- a"]);
  t.modules[0]!.body = "## Purpose\nStores blobs.\n\n## Provides\n- `AApi` — get and put blobs\n";
  return t;
}

describe("an attempt's prompt context", () => {
  it("shows a dependency's Provides, then, once the dependency ran, its signatures and its memory", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const plan = buildPlan(specTree(), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: writer, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(summary.state).toBe("done");
    const prompt = keptPrompt(store, store.getAttempts(summary.runId, "b")[0]!);
    expect(prompt).toContain("### `a` (layer l)\nStores blobs.\nProvides:\n- `AApi` — get and put blobs\nSignatures in `src/l/a.py`:\n```python\nclass AApi  # The a API.\n    def get(self, key: str) -> bytes\n```");
    expect(prompt).toMatch(new RegExp(`- \\*\\*run/${summary.runId}/a\\*\\*: a \\(layer l\\) done`));
  });

  it("a run scoped to one module still shows its dependencies outside the scope (plan.external)", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const plan = buildPlan(specTree(), { type: "implement", scope: { kind: "modules", ids: ["b"] }, because: [] }, "implement b");
    expect(plan.modules.map((m) => [m.id, m.dependsOn, m.dependsOnDone])).toEqual([["b", [], ["a"]]]);
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: writer, options: OPTIONS }).run(plan);
    const prompt = keptPrompt(store, store.getAttempts(summary.runId, "b")[0]!);
    expect(prompt).toContain("### `a` (layer l)\nStores blobs.\nProvides:\n- `AApi` — get and put blobs");
  });
});

describe("a dependency's memories in its dependents' prompts", () => {
  it("a memory written after one dependent's prompt reaches the next dependent's through their dependency's list, though another connection wrote it", async () => {
    const root = makeProject({});
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-stale-"));
    const store = openSqliteStore(join(dir, "state.db"));
    // What an agent's MCP server does: its own connection to the project's store, in another process.
    const mcp = openSqliteStore(join(dir, "state.db"));
    try {
      const order: string[] = [];
      const noting: Agent = {
        name: "noting",
        async run(task) {
          order.push(task.moduleId);
          // Tagged with z, a dependency of a: b and c see it only in a's list (a's dependencies' newest), not in their own.
          if (order.length === 3) mcp.writeMemory({ key: "note/z-rounding", content: "z rounds half to even", tags: ["module:z"], at: Date.now() });
          return { ok: true, summary: `did ${task.moduleId}`, filesChanged: [], usage: { ...NO_USAGE } };
        },
      };
      const plan = buildPlan(tree(["z: l", "a: l <- z", "b: l <- a", "c: l <- a"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
      const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: noting, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
      expect(summary.state).toBe("done");
      expect(order.slice(0, 2)).toEqual(["z", "a"]);
      const [first, second] = order.slice(2) as [string, string];
      expect([first, second].sort()).toEqual(["b", "c"]);
      const promptOf = (id: string) => keptPrompt(store, store.getAttempts(summary.runId, id)[0]!);
      // Both get a's list with z's memory of this run; only the one after the note gets the note.
      for (const id of [first, second]) expect(promptOf(id)).toMatch(new RegExp(`- \\*\\*run/${summary.runId}/z\\*\\*: z \\(layer l\\) done`));
      expect(promptOf(first)).not.toContain("z rounds half to even");
      expect(promptOf(second)).toContain("- **note/z-rounding**: z rounds half to even");
    } finally {
      mcp.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
