import { describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/config/options.js";
import type { GateResult } from "../../src/validate/types.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { workflows } from "../../src/workflows/registry.js";
import { keptPrompt } from "../helpers/prompt.js";
import { gateHooks } from "../../src/run/validation.js";
import { NO_CHECKED_KEYS } from "../../src/validate/front-matter-readers.js";

const OPTIONS: RunOptions = { agent: "simulate", concurrency: 2, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const plan = buildPlan(tree(["a: l", "b: l <- a", "c: m <- b"], ["l", "m"]), { type: "implement", scope: { kind: "system" }, because: [] }, "implement the ledger system");

const gate = (level: GateResult["level"], target: string, ok: boolean, output = ""): GateResult => ({
  level,
  target,
  ok,
  durationMs: 1,
  checks: [{ name: "tests", kind: "command", blocking: true, ok, message: ok ? "tests 3/3" : "tests 2/3", durationMs: 1, output }],
});

describe("layer and system gates in a run", () => {
  it("a failed layer gate sends the modules it names back for a fix carrying its output, then runs again", async () => {
    const store = new MemoryStore();
    const root = makeProject({});
    const calls: string[] = [];
    let layerRuns = 0;
    const hooks = {
      validateLayer: async (layer: string) => {
        calls.push(`layer ${layer}`);
        return layer === "l" && layerRuns++ === 0 ? gate("layer", layer, false, "FAIL: test_b (tests.test_b)\n  File \"src/l/b.py\", line 3") : gate("layer", layer, true);
      },
      validateSystem: async () => {
        calls.push("system");
        return gate("system", "system", true);
      },
    };
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: createSimulateAgent(), options: OPTIONS, hooks }).run(plan);
    expect(summary.state).toBe("done");
    // Layer m's gate may run between l's two; the system gate comes last.
    expect(calls.filter((c) => c === "layer l")).toHaveLength(2);
    expect(calls.filter((c) => c === "layer m")).toHaveLength(1);
    expect(calls.at(-1)).toBe("system");
    const b = store.getAttempts(summary.runId, "b");
    expect(b.map((a) => [a.n, a.kind, a.state])).toEqual([[1, "implement", "done"], [2, "fix", "done"]]);
    expect(store.getAttempts(summary.runId, "a")).toHaveLength(1);
    expect(keptPrompt(store, b[1]!)).toContain('FAIL: test_b (tests.test_b)\n  File "src/l/b.py", line 3');
    const gates = store.getEvents(summary.runId).filter((e) => e.type === "gate").map((e) => (e.data as { result: GateResult }).result);
    expect(gates.filter((g) => g.target === "l").map((g) => g.ok)).toEqual([false, true]);
    expect(gates.at(-1)).toMatchObject({ level: "system", ok: true });
  });

  it("a failed layer gate's ctest failures name the modules whose file the test is named for", async () => {
    const store = new MemoryStore();
    let layerRuns = 0;
    // CTest prints the failed tests' names, no file: `b` is module b's `src/l/b.py` by its name.
    const ctest = "Test project /work/build\n1/2 Test #1: a ....   Passed    0.01 sec\n2/2 Test #2: b ....***Failed    0.01 sec\n\n50% tests passed, 1 tests failed out of 2\n\nThe following tests FAILED:\n\t  2 - b (Failed)\nErrors while running CTest";
    const hooks = { validateLayer: async (layer: string) => (layer === "l" && layerRuns++ === 0 ? gate("layer", layer, false, ctest) : gate("layer", layer, true)) };
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: createSimulateAgent(), options: OPTIONS, hooks }).run(plan);
    expect(summary.state).toBe("done");
    expect(store.getAttempts(summary.runId, "b").map((a) => a.kind)).toEqual(["implement", "fix"]);
    expect(store.getAttempts(summary.runId, "a").map((a) => a.kind)).toEqual(["implement"]);
  });

  it("a layer gate that still fails after its fix rounds, or a failed system gate, fails the run", async () => {
    const store = new MemoryStore();
    const hooks = { validateLayer: async (layer: string) => gate("layer", layer, layer !== "l") };
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store, agent: createSimulateAgent(), options: OPTIONS, hooks, layerFixRounds: 2 }).run(plan);
    expect(summary.state).toBe("failed");
    expect(summary.reason).toBe("layer gate l failed");
    // Two fix rounds on both modules of layer l (the gate named neither), then no more.
    expect(store.getAttempts(summary.runId, "a").map((a) => a.kind)).toEqual(["implement", "fix", "fix"]);
    const system = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent: createSimulateAgent(), options: OPTIONS, hooks: { validateSystem: async () => gate("system", "system", false) } }).run(plan);
    expect([system.state, system.reason]).toEqual(["failed", "system gate failed"]);
  });

  it("memories relevant to a module reach its prompt; every module and the run leave one", async () => {
    const store = new MemoryStore();
    const root = makeProject({});
    store.writeMemory({ key: "notes/b", content: "Use Decimal, never float, for amounts in b.", tags: ["module:b"], at: 1 });
    store.writeMemory({ key: "notes/unrelated", content: "The weather module caches forecasts.", tags: ["module:weather"], at: 2 });
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: createSimulateAgent(), options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    const prompt = keptPrompt(store, store.getAttempts(summary.runId, "b")[0]!);
    expect(prompt).toContain("- **notes/b**: Use Decimal, never float, for amounts in b.");
    expect(prompt).not.toContain("weather");
    expect(store.readMemory(`run/${summary.runId}/a`)!.content).toMatch(new RegExp(`^a \\(layer l\\) done in run ${summary.runId} after 1 attempt\\.`));
    expect(store.readMemory(`run/${summary.runId}`)!.content).toMatch(/ended done/);
    // The next run's prompt for c sees what b's run recorded: same layer? no; but the request words match.
    const next = await new Orchestrator({ workflows: workflows(), root, store, agent: createSimulateAgent(), options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(keptPrompt(store, store.getAttempts(next.runId, "b")[0]!)).toContain(`run/${summary.runId}/b`);
  });
});

describe("gateHooks' gate commands", () => {
  it("names each module's commands once for all its attempts' prompts, with its own files written out", () => {
    const spec = tree(["a: l", "b: l <- a"], ["l"]);
    const config = { gates: { module: [{ name: "tests", kind: "command" as const, run: "pytest {files}" }] } };
    const hooks = gateHooks(spec, config, ["l"], 1_000, NO_CHECKED_KEYS);
    const [a, b] = plan.modules;
    const first = hooks.gateCommands!(a!);
    expect(first).toEqual(["pytest src/l/a.py"]);
    expect(hooks.gateCommands!(b!)).toEqual(["pytest src/l/b.py"]);
    expect(hooks.gateCommands!(a!)).toBe(first);
  });
});
