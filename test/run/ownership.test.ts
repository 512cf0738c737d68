import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import { NO_USAGE } from "../../src/agents/types.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { strayFiles } from "../../src/run/ownership.js";
import { recorded } from "../../src/run/events.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { fileOwners } from "../../src/spec/file-owners.js";
import { workflows } from "../../src/workflows/registry.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { keptPrompt } from "../helpers/prompt.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };

describe("fileOwners", () => {
  const owners = fileOwners([
    { id: "ledger", files: ["src/ledger.py", "tests/test_ledger.py", "pkg/"] },
    { id: "strategies", files: ["pkg/strategies/**/*.py"] },
    { id: "api", files: ["src/api.py", "src/ledger.py"] },
  ]);

  it("names every module owning a file, the most specific owned folder holding it, or none", () => {
    expect(owners("src/ledger.py")).toEqual(["ledger", "api"]);
    expect(owners("tests/test_ledger.py")).toEqual(["ledger"]);
    expect(owners("pkg/strategies/macd/v4.py")).toEqual(["strategies"]);
    expect(owners("pkg/util.py")).toEqual(["ledger"]);
    expect(owners("docs/notes.md")).toEqual([]);
    // A folder's name is no file under it.
    expect(owners("pkgs/x.py")).toEqual([]);
  });
});

describe("strayFiles", () => {
  const check = { ownersOf: fileOwners([{ id: "ledger", files: ["src/ledger.py"] }, { id: "api", files: ["src/api.py", "tests/"] }]) };

  it("splits an attempt's changes outside its module into other modules' files and files nobody owns", () => {
    expect(strayFiles("api", ["src/api.py", "tests/"], ["src/api.py", "tests/test_api.py", "src/ledger.py", "docs/api.md"], check)).toEqual({
      others: [{ file: "src/ledger.py", owners: ["ledger"] }],
      unowned: ["docs/api.md"],
    });
  });

  it("finds nothing when every change is the module's own, or orchestrate's state; a module owning nothing is not judged", () => {
    expect(strayFiles("api", ["src/api.py"], ["src/api.py", ".orchestrate/runs/x/api-1.prompt.md"], check)).toBeUndefined();
    expect(strayFiles("system", [], ["src/ledger.py"], check)).toBeUndefined();
  });
});

/** An agent that changes (and lists) the files `changes` gives for each module and attempt. */
function changing(changes: (module: string, attempt: number) => string[]): Agent {
  return {
    name: "test",
    exactChanges: true,
    run: async (task) => ({ ok: true, summary: `did ${task.moduleId}`, filesChanged: changes(task.moduleId, task.attempt), filesSource: "own", usage: { ...NO_USAGE } }),
  };
}

describe("a run checks whose files each attempt changed", () => {
  const spec = tree(["ledger: core", "api: web <- ledger"], ["core", "web"]);
  const plan = buildPlan(spec, { type: "implement", scope: { kind: "system" }, because: [] }, "implement the system");
  const run = (mode: "warn" | "fail", changes: (module: string, attempt: number) => string[]) => {
    const store = new MemoryStore();
    const orchestrator = new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: changing(changes), options: OPTIONS, hooks: { ownership: { mode, ownersOf: fileOwners(spec.modules) } } });
    return orchestrator.run(plan).then((summary) => ({ summary, store }));
  };

  it("warn: records the attempt's changes to another module's file and to unowned files; the attempt passes", async () => {
    const { summary, store } = await run("warn", (m) => (m === "api" ? ["src/web/api.py", "src/core/ledger.py", "docs/api.md"] : ["src/core/ledger.py"]));
    expect(summary.state).toBe("done");
    const events = recorded(store.getEvents(summary.runId), "ownership").map(({ type: _t, runId: _r, ...e }) => e);
    expect(events).toEqual([{ moduleId: "api", attempt: 1, others: [{ file: "src/core/ledger.py", owners: ["ledger"] }], unowned: ["docs/api.md"] }]);
  });

  it("fail: fails the attempt that changed another module's file; its retry is told which, and passes without it", async () => {
    const { summary, store } = await run("fail", (m, n) => (m === "api" && n === 1 ? ["src/web/api.py", "src/core/ledger.py"] : [`src/${m === "api" ? "web" : "core"}/${m}.py`]));
    expect(summary.state).toBe("done");
    const api = store.getAttempts(summary.runId, "api");
    expect(api.map((a) => a.state)).toEqual(["failed", "done"]);
    expect(api[0]!.error).toBe("api changed src/core/ledger.py (owned by ledger): config `ownership: fail` allows changes to the module's own files only; leave the other modules' files as they were");
    expect(keptPrompt(store, api[1]!)).toContain("src/core/ledger.py (owned by ledger)");
    expect(recorded(store.getEvents(summary.runId), "ownership").map((e) => e.failed)).toEqual([true]);
  });

  it("fail: files nobody owns fail nothing", async () => {
    const { summary, store } = await run("fail", (m) => [`src/${m === "api" ? "web" : "core"}/${m}.py`, `tests/test_${m}.py`]);
    expect(summary.state).toBe("done");
    expect(recorded(store.getEvents(summary.runId), "ownership").map((e) => [e.moduleId, e.unowned, e.failed])).toEqual([
      ["ledger", ["tests/test_ledger.py"], undefined],
      ["api", ["tests/test_api.py"], undefined],
    ]);
  });
});

describe("a module gate that does not compile in another module's files", () => {
  it("says whose files they are: the retry and the user learn the change broke what another module uses", async () => {
    const spec = tree(["ledger: core", "api: web <- ledger"], ["core", "web"]);
    const plan = buildPlan(spec, { type: "implement", scope: { kind: "modules", ids: ["ledger"] }, because: [] }, "rename a field of ledger");
    const root = makeProject({});
    const store = new MemoryStore();
    // CMake builds every target, so the module's gate compiles its dependents too; the compiler names them by absolute path.
    const output = [`${root}/src/web/api.py:3:5: error: 'struct Ledger' has no member named 'total'`, `${root}/src/core/ledger.py:9:1: error: expected ';'`].join("\n");
    const failing = { level: "module" as const, target: "ledger", ok: false, durationMs: 1, checks: [{ name: "tests", kind: "command" as const, blocking: true, ok: false, message: "exit 2", output, durationMs: 1 }] };
    const tasks: string[] = [];
    const agent: Agent = { name: "test", run: async (task) => (tasks.push(task.prompt), { ok: true, summary: "renamed", filesChanged: [], usage: { ...NO_USAGE } }) };
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: { ownership: { mode: "warn", ownersOf: fileOwners(spec.modules) }, validateModule: async () => failing } }).run(plan);
    expect(summary.state).toBe("failed");
    const [first] = store.getAttempts(summary.runId, "ledger");
    // Before: the compiler's message alone, as if ledger's own code were at fault.
    expect(first!.error).toContain("It does not compile in files other modules own: `src/web/api.py` (api). They use what `ledger` provides, and this change broke them");
    expect(first!.error).not.toContain("`src/core/ledger.py`");
    expect(tasks[1]).toContain("It does not compile in files other modules own: `src/web/api.py` (api).");
  });
});
