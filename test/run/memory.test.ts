import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/config/options.js";
import type { PlanModule } from "../../src/plan/types.js";
import type { GateResult } from "../../src/validate/types.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { relevantMemories, relevantMemoriesOf } from "../../src/run/memory.js";
import { MemoryStore } from "../../src/store/memory.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import type { Store } from "../../src/store/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { keptPrompt } from "../helpers/prompt.js";

const OPTIONS: RunOptions = { agent: "simulate", concurrency: 2, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const plan = buildPlan(tree(["a: l", "b: l <- a", "c: m <- b"], ["l", "m"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement the ledger system");

/** Recordings for the simulate agent: b's first attempt writes a float version, its second the fix. */
const RECORDINGS = {
  "recorded/a/src/l/a.py": "A = 1\n",
  "recorded/b/src/l/b.py": "total = 0.1 + 0.2\n",
  "recorded/b/summary.md": "Added the balance in b with float sums.",
  "recorded/b@2/src/l/b.py": "from decimal import Decimal\ntotal = Decimal('0.1') + Decimal('0.2')\n",
  "recorded/b@2/summary.md": "Switched b's sums to Decimal so balances round exactly.",
  "recorded/c/src/m/c.py": "C = 3\n",
};

const gate = (target: string, ok: boolean, output = ""): GateResult => ({
  level: "module",
  target,
  ok,
  durationMs: 1,
  checks: [{ name: "tests", kind: "command", blocking: true, ok, message: ok ? "tests 3/3" : "tests 2/3", durationMs: 1, output }],
});

describe("what a finished module's memory holds (issue 14)", () => {
  it("an agent that fails once then passes: the failure's first lines and the attempt that fixed it, found by the next run's prompt", async () => {
    const store = new MemoryStore();
    const root = makeProject(RECORDINGS);
    const agent = createSimulateAgent({ fail: { b: 1 } });
    const summary = await new Orchestrator({ root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(summary.state).toBe("done");
    const memory = store.readMemory(`run/${summary.runId}/b`)!;
    expect(memory.tags).toEqual(["module:b", "layer:l", `run:${summary.runId}`]);
    const lines = memory.content.split("\n");
    expect(lines[0]).toBe(`b (layer l) done in run ${summary.runId} after 2 attempts.`);
    expect(lines).toContain("Summary: Switched b's sums to Decimal so balances round exactly.");
    expect(lines).toContain("Files: src/l/b.py");
    expect(lines).toContain("Attempt 1 (implement) failed: simulate: module b failed attempt 1 of 1 (scripted by simulate.fail)");
    expect(lines.find((l) => l.startsWith("Fixed by attempt 2"))).toMatch(/^Fixed by attempt 2 \(\w+\): Switched b's sums to Decimal so balances round exactly\.; changed src\/l\/b\.py$/);
    // A module that passed at once says so, with what it did.
    expect(store.readMemory(`run/${summary.runId}/a`)!.content).toBe(`a (layer l) done in run ${summary.runId} after 1 attempt.\nSummary: simulate: implemented a (1 files replayed)\nFiles: src/l/a.py`);

    // The next run's prompt for b carries its own memory; c's carries its dependency b's.
    const next = await new Orchestrator({ root, store, agent: createSimulateAgent(), options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    const prompt = (id: string) => keptPrompt(store, store.getAttempts(next.runId, id)[0]!);
    expect(prompt("b")).toContain(`- **run/${summary.runId}/b**: b (layer l) done in run ${summary.runId} after 2 attempts.\n  Summary: Switched b's sums`);
    expect(prompt("b")).toContain("  Fixed by attempt 2");
    expect(prompt("c")).toContain(`- **run/${summary.runId}/b**:`);
  });

  it("a module gate that fails once: the failing check and its output's first lines, not the whole log", async () => {
    const store = new MemoryStore();
    const root = makeProject(RECORDINGS);
    const log = ["FAIL: test_balance (tests.test_b)", "AssertionError: 0.30000000000000004 != 0.3", ...Array.from({ length: 198 }, (_, i) => `trace line ${i + 1}`)].join("\n");
    let bGates = 0;
    const hooks = { ...standardHooks(root, store), validateModule: async (m: PlanModule) => gate(m.id, m.id !== "b" || bGates++ > 0, m.id === "b" && bGates === 1 ? log : "") };
    const summary = await new Orchestrator({ root, store, agent: createSimulateAgent(), options: OPTIONS, hooks }).run(plan);
    expect(summary.state).toBe("done");
    const content = store.readMemory(`run/${summary.runId}/b`)!.content;
    expect(content).toContain([
      "Attempt 1 (implement) failed: check `tests` (command): tests 2/3",
      "    FAIL: test_balance (tests.test_b)",
      "    AssertionError: 0.30000000000000004 != 0.3",
      "    trace line 1",
      "    trace line 2",
      "    trace line 3",
      "    (195 more lines)",
    ].join("\n"));
    expect(content).not.toContain("trace line 4");
    expect(content).toMatch(/\nFixed by attempt 2 \(\w+\): Switched b's sums to Decimal/);
    expect(content).toContain("Validation: tests passed (tests 3/3)");
  });
});

describe("memories in a prompt at any size (issue 14)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-memory-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The store, counting the memories each search hands back; any other way of reading memories fails the test. */
  function counted(store: Store): { store: Store; rows: () => number; searches: () => number } {
    let rows = 0;
    let searches = 0;
    const proxy = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === "searchMemories") {
          return (search: Parameters<Store["searchMemories"]>[0]) => {
            searches++;
            const found = target.searchMemories(search);
            rows += found.length;
            return found;
          };
        }
        if (prop === "listMemories") throw new Error("relevantMemories must search, not list");
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    return { store: proxy, rows: () => rows, searches: () => searches };
  }

  it("after 5,000 memories, a module's memory from the first run reaches its prompt, by module and by words, in a bounded number of rows", () => {
    const sqlite = openSqliteStore(path.join(dir, "state.db"));
    try {
      sqlite.batch(() => {
        sqlite.writeMemory({ key: "run/r0/portfolio", content: "portfolio (layer core) done in run r0 after 1 attempt.\nSummary: positions valued with Decimal, never float.", tags: ["module:portfolio", "layer:core", "run:r0"], at: 1 });
        for (let i = 1; i < 5_000; i++) {
          const run = `r${Math.floor(i / 1_000) + 1}`;
          const id = `m${i % 1_000}`;
          sqlite.writeMemory({ key: `run/${run}/${id}`, content: `${id} (layer core) done in run ${run} after 1 attempt.\nSummary: implemented ${id} with tests.`, tags: [`module:${id}`, "layer:core", `run:${run}`], at: 1 + i });
        }
      });
      const module = (id: string, dependsOn: string[] = []): PlanModule => ({ id, layer: "core", spec: "", files: [], dependsOn });
      const first = "- **run/r0/portfolio**: portfolio (layer core) done in run r0 after 1 attempt.\n  Summary: positions valued with Decimal, never float.";

      const own = counted(sqlite);
      expect(relevantMemories(own.store, module("portfolio"), "implement the system")).toContain(first);
      const dependent = counted(sqlite);
      expect(relevantMemories(dependent.store, module("report", ["portfolio"]), "implement the system")).toContain(first);
      const words = counted(sqlite);
      expect(relevantMemories(words.store, module("valuation"), "value positions without float")).toContain(first);
      for (const c of [own, dependent, words]) {
        expect(c.searches()).toBeLessThanOrEqual(3);
        expect(c.rows()).toBeLessThanOrEqual(12);
      }
    } finally {
      sqlite.close();
    }
  });
});

describe("a prompt's memories from one search (issue 14)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-memory-of-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** What each module's list was when it took a search per list: the module's own newest, its dependencies' newest, then the request's words. */
  function oneByOne(store: Store, module: PlanModule, request: string): string | undefined {
    const picked = new Map<string, { key: string; content: string }>();
    const add = (found: { key: string; content: string }[]) => {
      for (const m of found) if (picked.size < 6 && !picked.has(m.key)) picked.set(m.key, m);
    };
    add(store.searchMemories({ module: module.id, limit: 3 }));
    if (module.dependsOn.length > 0) add(store.searchMemories({ tags: module.dependsOn.map((d) => `module:${d}`), limit: 3 }));
    const words = request.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length >= 4 && !["system", "implement"].includes(w));
    if (words.length > 0 && picked.size < 6) add(store.searchMemories({ query: words.join(" "), limit: 6 }));
    if (picked.size === 0) return undefined;
    const clip = (t: string) => (t.trim().length > 1_500 ? `${t.trim().slice(0, 1_500)}…` : t.trim());
    return [...picked.values()].map((m) => `- **${m.key}**: ${clip(m.content).replaceAll("\n", "\n  ")}`).join("\n");
  }

  /** Memories of modules m0..m9 over `runs` runs, some tagged with two modules, some sharing a time. */
  function fill(store: Store, runs: number): void {
    let at = 1;
    store.batch(() => {
      for (let run = 0; run < runs; run++) {
        for (let i = 0; i < 10; i++) {
          const tags = [`module:m${i}`, "layer:core", `run:r${run}`, ...(i % 3 === 0 ? [`module:m${(i + 1) % 10}`] : [])];
          store.writeMemory({ key: `run/r${run}/m${i}`, content: `m${i} done in run r${run}: ledger balances`, tags, at: i % 4 === 0 ? at : at++ });
        }
        if (run % 2 === 0) store.writeMemory({ key: `note/r${run}`, content: "an agent's note on ledger rounding", tags: ["module:m2", "module:m5"], at: at++ });
      }
    });
  }

  const modules: PlanModule[] = Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, layer: "core", spec: "", files: [], dependsOn: i === 0 ? [] : i % 4 === 0 ? [`m${i - 1}`, `m${i - 2}`, "m0"] : [`m${i - 1}`] }));
  const asks = (module: PlanModule, request: string) => [{ module, request }, ...module.dependsOn.map((d) => ({ module: modules.find((m) => m.id === d)!, request: "" }))];

  for (const runs of [1, 2, 6]) {
    it(`each list is what its own searches found, after ${runs} run${runs === 1 ? "" : "s"} of memories, in both stores`, () => {
      const sqlite = openSqliteStore(path.join(dir, `state-${runs}.db`));
      const stores: Store[] = [new MemoryStore(), sqlite];
      try {
        for (const store of stores) {
          fill(store, runs);
          for (const module of modules) {
            for (const request of ["implement system", "fix the ledger rounding"]) {
              const all = asks(module, request);
              expect(relevantMemoriesOf(store, all)).toEqual(all.map((a) => oneByOne(store, a.module, a.request)));
            }
          }
        }
      } finally {
        sqlite.close();
      }
    });
  }

  it("one search for a module and its dependencies when their memories are few", () => {
    const store = new MemoryStore();
    fill(store, 1);
    let searches = 0;
    const proxy = new Proxy(store, {
      get: (target, prop, receiver) => (prop === "searchMemories" ? (s: Parameters<Store["searchMemories"]>[0]) => (searches++, target.searchMemories(s)) : (Reflect.get(target, prop, receiver) as unknown)),
    });
    const found = relevantMemoriesOf(proxy, asks(modules[8]!, "implement system"));
    expect(found.every((f) => f !== undefined)).toBe(true);
    expect(searches).toBe(1);
  });
});
