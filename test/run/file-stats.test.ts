import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Agent, AgentResult } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { Config } from "../../src/config/schema.js";
import type { GateResult } from "../../src/validate/types.js";
import { NO_USAGE } from "../../src/agents/types.js";
import { FileStats, statFile, type FileStat } from "../../src/file-stats.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { gateHooks } from "../../src/run/validation.js";
import { NO_CHECKED_KEYS } from "../../src/validate/front-matter-readers.js";
import { MemoryStore } from "../../src/store/memory.js";
import { workflows } from "../../src/workflows/registry.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { keptPrompt } from "../helpers/prompt.js";
import { buildContext } from "../../src/prompt/context.js";

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

  it("takes every stat again when its clock goes back (the default is the wall clock, which can be set back)", () => {
    const root = makeProject({ "x.py": "x = 1\n" });
    const { stats, calls, clock } = counted(1000);
    const path = join(root, "x.py");
    clock.now = 5000;
    stats.forget();
    stats.of(path);
    clock.now = 4000;
    stats.of(path);
    expect(calls.get(path)).toBe(2);
  });
});

describe("FileStats.memo", () => {
  it("keeps a derived value until a stat is taken again: after forget(), a changed file, or maxAgeMs", () => {
    const root = makeProject({});
    const { stats, clock } = counted(1000);
    let made = 0;
    const make = () => ({ n: ++made });
    const first = stats.memo("k", make);
    expect(stats.memo("k", make)).toBe(first);
    stats.changed([]);
    expect(stats.memo("k", make)).toBe(first);
    stats.changed([join(root, "x.py")]);
    expect(stats.memo("k", make).n).toBe(2);
    stats.forget();
    expect(stats.memo("k", make).n).toBe(3);
    clock.now = 1001;
    expect(stats.memo("k", make).n).toBe(4);
    expect(stats.memo("other", make).n).toBe(5);
  });
});

describe("prompts and the run's stats", () => {
  it("find which folders hold a project once for all modules while no file changes, and again after a change", () => {
    const root = makeProject({ "pkg/core/ledger.py": "x = 1\n", "pkg/core/test/test_ledger.py": "", "pkg/core/test/test_books.py": "" });
    const { stats, calls } = counted();
    const ask = (id: string) => ({ root, module: { id, layer: "l", spec: `${id}.md`, files: [`pkg/core/${id}.py`], dependsOn: [] }, request: "r", modules: new Map(), maxTokens: 10_000, stats });
    // Each module's prompt asks for the project files of the folders above its files: looked up in the stats once for both.
    const looked = vi.spyOn(stats, "of");
    const asked = () => looked.mock.calls.filter(([path]) => path === join(root, "pkg/core/pyproject.toml")).length;
    expect(buildContext(ask("ledger")).vars.tests).toBeUndefined();
    expect(buildContext(ask("books")).vars.tests).toBeUndefined();
    expect(asked()).toBe(1);
    writeFiles(root, { "pkg/core/pyproject.toml": "[project]\n" });
    stats.changed([join(root, "pkg/core/pyproject.toml")]);
    expect(buildContext(ask("ledger")).vars.tests).toBe("- pkg/core/test/test_ledger.py");
    expect(asked()).toBe(2);
    expect(calls.get(join(root, "pkg/core/pyproject.toml"))).toBe(2);
  });
});

describe("FileStats: folders", () => {
  it("looks for no file of a missing folder, nor of the folders under it, and looks at the folder once", () => {
    const root = makeProject({ "x.py": "x = 1\n" });
    const { stats, calls } = counted();
    for (const file of ["pkg/a.py", "pkg/b.py", "pkg/sub/c.py", "pkg/sub/deeper/d.py"]) expect(stats.of(join(root, file))).toBeUndefined();
    expect(stats.of(join(root, "x.py"))?.isFile).toBe(true);
    expect(calls.get(join(root, "pkg"))).toBe(1);
    expect(calls.get(root)).toBe(1);
    for (const path of ["pkg/a.py", "pkg/b.py", "pkg/sub", "pkg/sub/c.py", "pkg/sub/deeper", "pkg/sub/deeper/d.py"]) expect(calls.get(join(root, path))).toBeUndefined();
  });

  it("a file under a path that is a file is missing, without a look", () => {
    const root = makeProject({ "pkg": "not a folder\n" });
    const { stats, calls } = counted();
    expect(stats.of(join(root, "pkg/a.py"))).toBeUndefined();
    expect(calls.get(join(root, "pkg/a.py"))).toBeUndefined();
  });

  it("after changed(files), looks at those files and their folders again, and at nothing else", () => {
    const root = makeProject({ "x.py": "x = 1\n", "y.py": "y = 1\n" });
    const { stats, calls } = counted();
    const [x, y, a, b] = ["x.py", "y.py", "pkg/sub/a.py", "pkg/sub/b.py"].map((f) => join(root, f)) as [string, string, string, string];
    for (const path of [x, y, a, b]) stats.of(path);
    expect(stats.of(a)).toBeUndefined();
    writeFiles(root, { "pkg/sub/a.py": "a = 1\n", "x.py": "x = 22\n" });
    stats.changed([a, x]);
    expect(stats.of(a)?.isFile).toBe(true);
    expect(stats.of(x)?.size).toBe(7);
    // y and b were not listed: still known (b missing, found so by its folder), not looked at again.
    expect(stats.of(b)).toBeUndefined();
    stats.of(y);
    expect([calls.get(a), calls.get(x), calls.get(y), calls.get(b)]).toEqual([1, 2, 1, undefined]);
    expect(calls.get(join(root, "pkg"))).toBe(2);
    expect(calls.get(join(root, "pkg/sub"))).toBe(1);
  });

  it("sees a file created by hand in a folder found missing, once its stats are older than maxAgeMs", () => {
    const root = makeProject({});
    const { stats, clock } = counted(1000);
    const path = join(root, "pkg/a.py");
    expect(stats.of(path)).toBeUndefined();
    writeFiles(root, { "pkg/a.py": "a = 1\n" });
    clock.now = 500;
    expect(stats.of(path)).toBeUndefined();
    clock.now = 1001;
    expect(stats.of(path)?.isFile).toBe(true);
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
    // b's prompt looks for a's file (its signatures), c's for b's, and the gates for each module's:
    // in a folder found missing once, none of them is looked for.
    expect(calls.get(join(root, "src"))).toBe(1);
    for (const id of ["a", "b", "c"]) expect(calls.get(join(root, `src/l/${id}.py`))).toBeUndefined();
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

describe("a run's stats and the architecture gate", () => {
  // Layer core comes before ui: a core file importing ui's module breaks the layer order.
  const VIOLATION = "from src.ui.ui import Screen\n";
  const CONFIG = { gates: { module: [{ name: "architecture", kind: "architecture" as const }], layer: [{ name: "architecture", kind: "architecture" as const }] } } as Config;

  function gatedRun(root: string, agent: Agent, stats: FileStats, modules = ["ui: ui", "a: core", "b: core <- a"]) {
    const spec = { ...tree(modules, ["core", "ui"]), root };
    const plan = buildPlan(spec, { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const store = new MemoryStore();
    const hooks = { ...standardHooks(root, store), ...gateHooks(spec, CONFIG, spec.system.layerOrder, 60_000, NO_CHECKED_KEYS) };
    return { store, run: new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks, files: stats }).run(plan) };
  }

  const gates = (store: MemoryStore, runId: string) => store.getEvents(runId).filter((e) => e.type === "gate").map((e) => (e.data as { result: GateResult }).result);

  it("an exact agent's listed file is seen by the prompts and gates after it, and nothing else is looked at again", async () => {
    const root = makeProject({ "CLAUDE.md": "Run the tests.\n" });
    const { stats, calls } = counted();
    // Each module's agent writes its own file and lists it; a's signatures reach b's prompt.
    const agent: Agent = {
      name: "exact",
      exactChanges: true,
      async run(task) {
        writeFiles(task.cwd, { [task.files[0]!]: `class ${task.moduleId.toUpperCase()}Api:\n    def get(self) -> int: ...\n` });
        return { ok: true, summary: "", filesChanged: [task.files[0]!], filesSource: "own", usage: { ...NO_USAGE } };
      },
    };
    const { store, run } = gatedRun(root, agent, stats);
    const summary = await run;
    expect(summary.state).toBe("done");
    expect(keptPrompt(store, store.getAttempts(summary.runId, "b")[0]!)).toContain("Signatures in `src/core/a.py`:\n```python\nclass AApi\n    def get(self) -> int\n```");
    // The instructions, never changed, were looked at once.
    expect(calls.get(join(root, "CLAUDE.md"))).toBe(1);
  });

  it("a file written by hand during a run, in a folder found missing, is seen by a later module's gate", async () => {
    const root = makeProject({});
    const { stats, clock } = counted(1000);
    const agent: Agent = {
      name: "exact",
      exactChanges: true,
      async run(task) {
        // a's gate found its folder missing. While b's agent works, someone writes b's file by hand, and
        // no agent lists it; time passes before b's gate.
        if (task.moduleId === "b") {
          writeFiles(root, { "src/core/b.py": VIOLATION });
          clock.now += 1001;
        }
        return { ok: true, summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE } };
      },
    };
    const { store, run } = gatedRun(root, agent, stats);
    const summary = await run;
    const b = gates(store, summary.runId).find((g) => g.level === "module" && g.target === "b");
    expect(b?.ok).toBe(false);
    expect(b?.checks[0]?.violations?.map((v) => `${v.file}:${v.line}`)).toEqual(["src/core/b.py:1"]);
  });

  it("a violation an agent writes, and lists, in another module's file after that module's gate is caught by the layer gate", async () => {
    const root = makeProject({});
    const { stats } = counted();
    const agent: Agent = {
      name: "exact",
      exactChanges: true,
      async run(task) {
        if (task.moduleId !== "b") return { ok: true, summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE } };
        // b's agent writes a's file, whose folder every earlier stat found missing.
        writeFiles(root, { "src/core/a.py": VIOLATION });
        return { ok: true, summary: "", filesChanged: ["src/core/a.py"], filesSource: "own", usage: { ...NO_USAGE } };
      },
    };
    const { store, run } = gatedRun(root, agent, stats);
    const summary = await run;
    const all = gates(store, summary.runId);
    // a's and b's own gates pass (b's checks b's files), the layer's sees a's file (and sends a back for a fix).
    const layerAt = all.findIndex((g) => g.level === "layer" && g.target === "core");
    expect(all.slice(0, layerAt).filter((g) => g.level === "module").map((g) => [g.target, g.ok])).toEqual([["a", true], ["b", true]]);
    const layer = all[layerAt];
    expect(layer?.ok).toBe(false);
    expect(layer?.checks[0]?.violations?.map((v) => `${v.file}:${v.line}`)).toEqual(["src/core/a.py:1"]);
  });
});
