import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { NO_USAGE } from "../../src/agents/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
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
