import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent, AgentResult, AgentTask } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { TaskType } from "../../src/analyze/types.js";
import type { GateResult } from "../../src/validate/types.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { standardHooks } from "../../src/run/hooks.js";
import { MemoryStore } from "../../src/store/memory.js";
import { buildPlan } from "../../src/plan/build.js";
import { updateDocs } from "../../src/run/docs.js";
import { describeChange, readFigure } from "../../src/workflows/bench.js";
import { parseFindings } from "../../src/workflows/analysis-report.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";
import { deferred, type Deferred } from "../helpers/agents.js";
import { workflows } from "../../src/workflows/registry.js";

const OPTIONS: RunOptions = { agent: "scripted", concurrency: 2, retries: 1, timeoutMs: 10_000, graceMs: 10, schedule: "ready", simulate: {} };
const planFor = (type: TaskType, lines = ["a: l", "b: l <- a"]) => buildPlan(tree(lines), { type, scope: { kind: "system" }, because: [] }, `${type} the thing`);
const ok = (summary: string, filesChanged: string[] = []): AgentResult => ({ ok: true, summary, filesChanged, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });

/** An agent that does what `act` says for each attempt and records every task it got. */
function scripted(act: (task: AgentTask) => AgentResult | Promise<AgentResult>): Agent & { tasks: AgentTask[] } {
  const tasks: AgentTask[] = [];
  return { name: "scripted", tasks, run: async (task) => (tasks.push(task), act(task)) };
}

const passing = (target: string): GateResult => ({ level: "module", target, ok: true, durationMs: 1, checks: [{ name: "tests", kind: "command", blocking: true, ok: true, message: "tests 3/3", durationMs: 1 }] });
const failing = (target: string): GateResult => ({ ...passing(target), ok: false, checks: [{ name: "tests", kind: "command", blocking: true, ok: false, message: "tests 2/3", durationMs: 1, output: "FAIL test_x" }] });

describe("read-only attempts", () => {
  it("an analyze attempt that changes a file fails, naming the file; one that reads only passes", async () => {
    const root = makeProject({ "src/a.py": "x = 1\n" });
    const agent = scripted((task) => {
      if (task.moduleId === "a" && task.attempt === 1) writeFileSync(join(task.cwd, "src/a.py"), "x = 2\n");
      return ok("- [low] src/a.py:1: x could be a constant");
    });
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(planFor("analyze"));
    expect(agent.tasks.every((t) => t.readOnly === true && t.kind === "analyze")).toBe(true);
    const a = store.getAttempts(summary.runId, "a");
    expect(a.map((x) => [x.state, x.error])).toEqual([["failed", "read-only attempt changed 1 file: src/a.py; not put back (not a git repository): src/a.py"], ["done", undefined]]);
    expect(summary.state).toBe("done");
  });
});

describe("analyze", () => {
  it("merges the findings into one report, by layer and module, most severe first; no CHANGELOG entry", async () => {
    const root = makeProject({});
    const replies: Record<string, string> = { a: "- [low] a.py:3: long function\n- [high] a.py:9: SQL built by string concatenation", b: "Looks fine." };
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent: scripted((t) => ok(replies[t.moduleId]!)), options: OPTIONS, hooks: standardHooks(root, store) }).run(planFor("analyze"));
    expect(summary.report).toBe(`.orchestrate/runs/${summary.runId}/analysis.md`);
    const report = readFileSync(join(root, summary.report!), "utf8");
    expect(report).toContain("Findings: 1 high, 0 medium, 1 low, 1 info.");
    expect(report).toContain("## Layer l\n\n### a\n\n- **high** a.py:9: SQL built by string concatenation\n- **low** a.py:3: long function\n\n### b\n\n- **info** Looks fine.");
    expect(existsSync(join(root, "CHANGELOG.md"))).toBe(false);
    expect(store.readMemory(`run/${summary.runId}/a`)!.content).toContain("SQL built by string concatenation");
  });

  it("runs no layer or system gate: nothing changed to check, and a failing layer gate sends no fix attempt that would change the code", async () => {
    const root = makeProject({});
    const agent = scripted(() => ok("- [medium] a.py:1: imports the app layer"));
    const gates: string[] = [];
    const failingGate = (level: "layer" | "system", target: string): GateResult => ({ ...failing(target), level });
    const hooks = { validateLayer: async (layer: string) => (gates.push(`layer ${layer}`), failingGate("layer", layer)), validateSystem: async () => (gates.push("system"), failingGate("system", "system")) };
    const summary = await new Orchestrator({ workflows: workflows(), root, store: new MemoryStore(), agent, options: OPTIONS, hooks }).run(planFor("analyze"));
    expect(agent.tasks.map((t) => t.kind)).toEqual(["analyze", "analyze"]);
    expect(gates).toEqual([]);
    expect(summary.state).toBe("done");
  });

  it("reads severities in their usual spellings", () => {
    expect(parseFindings("- [Critical] x\n* [warning] y\n- [note] z\n- [info] w").map((f) => f.severity)).toEqual(["high", "medium", "info", "info"]);
  });
});

describe("refactor", () => {
  it("a long failing output keeps its start and its end, where test runners print the failure", async () => {
    const output = ["============ test session starts ============", ...Array.from({ length: 40 }, (_, i) => `line ${i}`), "E       TypeError: unsupported operand", "FAILED tests/test_b.py::test_x - TypeError: unsupported operand"].join("\n");
    const long = (target: string): GateResult => ({ ...failing(target), checks: [{ ...failing(target).checks[0]!, output }] });
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent: scripted(() => ok("x")), options: OPTIONS, hooks: { validateModule: async (m) => (m.id === "b" ? long("b") : passing(m.id)) } }).run(planFor("refactor"));
    expect(summary.reason).toContain("    ============ test session starts ============\n    line 0\n");
    expect(summary.reason).toContain("    … 28 more lines …\n");
    expect(summary.reason).toMatch(/E {7}TypeError: unsupported operand\n {4}FAILED tests\/test_b\.py::test_x - TypeError: unsupported operand$/);
  });

  it("runs the baseline gates at once, at most `concurrency` of them, and tells each verdict as its gate ends", async () => {
    const held = new Map<string, Deferred<GateResult>>();
    const seen: string[] = [];
    const started = deferred<void>();
    const validateModule = async (m: { id: string }) => {
      seen.push(`validate ${m.id}`);
      if (seen.includes("attempt")) return passing(m.id);
      const gate = deferred<GateResult>();
      held.set(m.id, gate);
      if (held.size === 2) started.resolve();
      return gate.promise;
    };
    const orchestrator = new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent: scripted(() => ok("x")), options: OPTIONS, hooks: { validateModule } });
    orchestrator.on((e) => {
      if (e.type === "gate" && e.result.level === "module" && !seen.includes("attempt")) seen.push(`gate ${e.result.target}`);
      if (e.type === "attempt:start" && !seen.includes("attempt")) seen.push("attempt");
    });
    const done = orchestrator.run(planFor("refactor", ["a: l", "b: l", "c: l"]));
    await started.promise;
    // Two at once (concurrency 2); the third starts when one ends, and the second's verdict comes first.
    expect(seen).toEqual(["validate a", "validate b"]);
    held.get("b")!.resolve(passing("b"));
    while (!held.has("c")) await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(["validate a", "validate b", "gate b", "validate c"]);
    held.get("c")!.resolve(passing("c"));
    held.get("a")!.resolve(passing("a"));
    expect((await done).state).toBe("done");
    expect(seen.slice(4, 7)).toEqual(["gate c", "gate a", "attempt"]);
  });

  it("runs the baseline gates one at a time where the build writes one unlocked folder (Maven's target/)", async () => {
    const held = new Map<string, Deferred<GateResult>>();
    const validateModule = async (m: { id: string }) => {
      // The baseline's two gates are held; the attempts' own pass at once.
      if (held.size === 2) return passing(m.id);
      const gate = deferred<GateResult>();
      held.set(m.id, gate);
      return gate.promise;
    };
    const root = makeProject({ "service/pom.xml": "<project/>\n" });
    const done = new Orchestrator({ workflows: workflows(), root, store: new MemoryStore(), agent: scripted(() => ok("x")), options: OPTIONS, hooks: { validateModule } }).run(planFor("refactor", ["a: l", "b: l"]));
    while (!held.has("a")) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    // With concurrency 2, b's gate would have started with a's.
    expect([...held.keys()]).toEqual(["a"]);
    held.get("a")!.resolve(passing("a"));
    while (!held.has("b")) await new Promise((r) => setImmediate(r));
    held.get("b")!.resolve(passing("b"));
    expect((await done).state).toBe("done");
  });

  it("records the baseline's failures in the plan's order, whatever order their gates end in", async () => {
    const gates = new Map(["a", "b"].map((id) => [id, deferred<GateResult>()]));
    const orchestrator = new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent: scripted(() => ok("x")), options: OPTIONS, hooks: { validateModule: async (m) => gates.get(m.id)!.promise } });
    const done = orchestrator.run(planFor("refactor", ["a: l", "b: l"]));
    await new Promise((r) => setImmediate(r));
    gates.get("b")!.resolve(failing("b"));
    await new Promise((r) => setImmediate(r));
    gates.get("a")!.resolve(failing("a"));
    expect((await done).reason).toMatch(/^baseline failed before any change: the gates of a, b do not pass.*\n {2}a: check `tests` failed \(tests 2\/3\)\n {4}FAIL test_x\n {2}b: check/s);
  });

  it("a baseline cut short by stop() records no verdict: the run is interrupted and resume runs the baseline again", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const agent = scripted(() => ok("x"));
    const running = deferred<void>();
    const orchestrator = new Orchestrator({
      workflows: workflows(),
      root,
      store,
      agent,
      options: { ...OPTIONS, concurrency: 1 },
      hooks: {
        // The first gate runs until the run is cancelled, as a gate's command does.
        validateModule: (m, signal) => {
          running.resolve();
          const cancelled: GateResult = { ...passing(m.id), ok: false, cancelled: true };
          return signal.aborted ? Promise.resolve(cancelled) : new Promise((resolve) => signal.addEventListener("abort", () => resolve(cancelled)));
        },
      },
    });
    const done = orchestrator.run(planFor("refactor", ["a: l", "b: l"]));
    await running.promise;
    orchestrator.stop();
    const summary = await done;
    expect(summary.state).toBe("interrupted");
    expect(store.getEvents(summary.runId).filter((e) => e.type === "baseline")).toEqual([]);
    expect(agent.tasks).toHaveLength(0);

    const validated: string[] = [];
    const end = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: { validateModule: async (m) => (validated.push(m.id), passing(m.id)) } }).resume();
    expect(end.state).toBe("done");
    // The baseline's two gates, then each module's own after its attempt.
    expect(validated.slice(0, 2).sort()).toEqual(["a", "b"]);
    expect(validated).toHaveLength(4);
  });

  it("stops before any agent runs when the baseline gates fail, and says so", async () => {
    const agent = scripted(() => ok("restructured"));
    const summary = await new Orchestrator({ workflows: workflows(), root: makeProject({}), store: new MemoryStore(), agent, options: OPTIONS, hooks: { validateModule: async (m) => (m.id === "b" ? failing("b") : passing(m.id)) } }).run(planFor("refactor"));
    expect(summary.state).toBe("failed");
    // The failing check and its output are part of the reason (issue 12, item 11).
    expect(summary.reason).toBe("baseline failed before any change: the gates of b do not pass on the code as it is; a refactoring must start from passing tests\n  b: check `tests` failed (tests 2/3)\n    FAIL test_x");
    expect(agent.tasks).toHaveLength(0);
  });

  it("with a passing baseline, refactors with the gates before and after, and records a Changed entry", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    let gates = 0;
    // An agent that changed nothing gets no entry (issue 12, finding 6): this one reports its file.
    const agent = scripted((task) => ok("Split the parser into tokenizer and reader", [`src/l/${task.moduleId}.py`]));
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: { ...standardHooks(root, store), validateModule: async (m) => (gates++, passing(m.id)) } }).run(planFor("refactor"));
    expect(summary.state).toBe("done");
    expect(gates).toBe(4); // a and b before, a and b after
    expect(agent.tasks.map((t) => t.kind)).toEqual(["refactor", "refactor"]);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toMatch(/### Changed\n\n- \*\*a\*\* \(l\): Split the parser into tokenizer and reader\./);
  });
});

describe("optimize", () => {
  // The benchmark reads a file the agent writes: a real command with real output.
  const bench = `node -e "const fs=require('fs');console.log('parse took ' + (fs.existsSync('speed') ? fs.readFileSync('speed','utf8').trim() : '120') + ' ms')"`;

  it("measures before and after, records both, and writes the improvement into the Changed entry", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const agent = scripted((task) => (writeFileSync(join(task.cwd, "speed"), "80"), ok("Cached the parsed header", ["speed"])));
    const summary = await new Orchestrator({ workflows: workflows({ bench: { run: bench } }), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(planFor("optimize", ["a: l"]));
    expect(summary.state).toBe("done");
    expect(agent.tasks[0]!.prompt).toContain("before your change it measured 120");
    const figures = store.getEvents(summary.runId).filter((e) => e.type === "bench").map((e) => e.data as { phase: string; value: number });
    expect(figures.map((f) => [f.phase, f.value])).toEqual([["before", 120], ["after", 80]]);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toContain("- **a** (l): Cached the parsed header. Files: `speed`. Performance: benchmark 120 ms -> 80 ms (-33.3%).");
  });

  it("takes the best of `samples` runs for each figure: a noisy run does not judge the change", async () => {
    // Each run prints the next figure of 150, 100, 130 (before), then 160, 90, 140 (after): one noisy run each side.
    const figures = (samples?: number) => {
      const root = makeProject({});
      const counter = join(root, ".bench-count");
      const noisy = `node -e "const fs=require('fs');const n=fs.existsSync('${counter}')?+fs.readFileSync('${counter}','utf8'):0;fs.writeFileSync('${counter}',String(n+1));console.log('took '+[150,100,130,160,90,140][n]+' ms')"`;
      const store = new MemoryStore();
      const agent = scripted(() => ok("tuned"));
      return new Orchestrator({ workflows: workflows({ bench: { run: noisy, ...(samples ? { samples } : {}) } }), root, store, agent, options: OPTIONS })
        .run(planFor("optimize", ["a: l"]))
        .then((summary) => store.getEvents(summary.runId).filter((e) => e.type === "bench").map((e) => (e.data as { value: number }).value));
    };
    expect(await figures()).toEqual([100, 90]);
    // One run each side: the counter's first two figures.
    expect(await figures(1)).toEqual([150, 100]);
  });

  it("a regression beyond the threshold fails the attempt, and the retry's prompt carries the numbers", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    const agent = scripted((task) => (writeFileSync(join(task.cwd, "speed"), task.attempt === 1 ? "150" : "118"), ok("tuned")));
    const summary = await new Orchestrator({ workflows: workflows({ bench: { run: bench, threshold: 0.1 } }), root, store, agent, options: OPTIONS }).run(planFor("optimize", ["a: l"]));
    expect(summary.state).toBe("done");
    const [first] = store.getAttempts(summary.runId, "a");
    expect(first!.error).toMatch(/^benchmark regressed beyond the 10% threshold: 120 ms -> 150 ms \(\+25\.0%\)/);
    expect(agent.tasks[1]!.prompt).toContain("benchmark regressed beyond the 10% threshold: 120 ms -> 150 ms (+25.0%)");
  });

  it("a stop while the agent's benchmark takes its baseline warns of nothing; resume measures it again", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    // The baseline runs until the run is stopped; after the stop it prints at once.
    const benchmark = `node -e "const fs=require('fs');if(fs.existsSync('stopped'))console.log('took 5 ms');else{fs.writeFileSync('measuring','');setTimeout(()=>{},60000)}"`;
    const agent = scripted((task) => ok(task.kind === "optimize" && /BENCHMARK/.test(task.prompt) ? `Wrote one.\nBENCHMARK: ${benchmark}` : "tuned"));
    const orchestrator = new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS });
    const done = orchestrator.run(planFor("optimize", ["a: l"]));
    while (!existsSync(join(root, "measuring"))) await new Promise((resolve) => setTimeout(resolve, 20));
    orchestrator.stop();
    const summary = await done;
    expect(summary.state).toBe("interrupted");
    // Before: "a: the benchmark the agent wrote does not measure: ... exited with SIGTERM"; the change is unmeasured.
    expect(store.getEvents(summary.runId).filter((e) => e.type === "warning")).toEqual([]);
    writeFileSync(join(root, "stopped"), "");
    const end = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).resume();
    expect(end.state).toBe("done");
    const figures = store.getEvents(summary.runId).filter((e) => e.type === "bench").map((e) => (e.data as { phase: string }).phase);
    expect(figures).toEqual(["before", "after"]);
    // Before: resume asked the agent to write its benchmark again, an attempt (and its cost) spent twice.
    expect(agent.tasks.map((t) => (/BENCHMARK/.test(t.prompt) ? "write benchmark" : "optimize"))).toEqual(["write benchmark", "optimize"]);
    expect(agent.tasks[1]!.prompt).toContain("before your change it measured 5");
  });

  it("a benchmark's attempt that also changed the module's code fails and is retried: the baseline is taken on the code as it is", async () => {
    const root = makeProject({});
    const store = new MemoryStore();
    // The figure is the module's file's: 120 as it is, 80 once the agent has optimized it.
    const benchmark = `node -e "const fs=require('fs');console.log('took ' + (fs.existsSync('src/l/a.py') ? fs.readFileSync('src/l/a.py','utf8').trim() : '120') + ' ms')"`;
    const agent = scripted((task) => {
      const writing = /BENCHMARK/.test(task.prompt);
      // The first benchmark attempt optimizes as well, though asked not to.
      if (!writing || task.attempt === 1) mkdirSync(join(task.cwd, "src/l"), { recursive: true });
      if (!writing || task.attempt === 1) writeFileSync(join(task.cwd, "src/l/a.py"), "80");
      // Shared, the failed attempt's change stays in the project: the retry undoes it, as its prompt says.
      if (writing && task.attempt === 2) rmSync(join(task.cwd, "src/l/a.py"), { force: true });
      if (writing) return ok(`Wrote one.\nBENCHMARK: ${benchmark}`, task.attempt === 1 ? ["bench.js", "src/l/a.py"] : ["bench.js"]);
      return ok("tuned", ["src/l/a.py"]);
    });
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(planFor("optimize", ["a: l"]));
    expect(summary.state).toBe("done");
    const [first] = store.getAttempts(summary.runId, "a");
    expect(first!.error).toMatch(/^This step was to write the benchmark only, but it changed the module's own code too \(src\/l\/a\.py\)/);
    expect(agent.tasks[1]!.prompt).toContain("it changed the module's own code too (src/l/a.py)");
    // The optimization is no retry of the benchmark's failed attempt.
    expect(agent.tasks[2]!.prompt).toContain("before your change it measured 120");
    expect(agent.tasks[2]!.prompt).not.toContain("<previous-error>");
    // Before: the baseline measured the first attempt's change (80 ms), and the optimization was judged against itself.
    const figures = store.getEvents(summary.runId).filter((e) => e.type === "bench").map((e) => e.data as { phase: string; value: number });
    expect(figures.map((f) => [f.phase, f.value])).toEqual([["before", 120], ["after", 80]]);
  });

  it("reads figures in any time unit, or by a configured pattern", () => {
    expect(readFigure("warm-up 3 s\nmean 250 µs")).toBeCloseTo(0.25);
    expect(readFigure("ops/sec: 1234", "ops/sec: (\\d+)")).toBe(1234);
    expect(readFigure("no numbers")).toBeUndefined();
  });

  it("reads a benchmark runner's per-operation times, not the whole run's wall time it prints last", () => {
    // go 1.19.8's `go test -run '^$' -bench BenchmarkPrice -benchtime 200000x ./internal/tariff/`, captured.
    const go = "goos: linux\ngoarch: amd64\npkg: example.com/shipyard/internal/tariff\ncpu: AMD EPYC\nBenchmarkPrice-2   \t  200000\t         5.754 ns/op\nPASS\nok  \texample.com/shipyard/internal/tariff\t0.016s\n";
    // Before: 16 ms, the package's build-and-run time, so an optimize attempt was judged on noise.
    expect(readFigure(go)).toBeCloseTo(5.754e-6, 12);
    const two = "BenchmarkPrice-2   \t 1000\t 5.5 ns/op\t 0 B/op\nBenchmarkLookup-2 \t 1000\t 94.5 ns/op\nok  \tx\t1.2s\n";
    expect(readFigure(two)).toBeCloseTo(100e-6, 12);
    expect(readFigure("test bench_total ... bench:       1,234 ns/iter (+/- 56)\n\ntest result: ok. 0 passed; finished in 0.52s\n")).toBeCloseTo(1234e-6, 12);
    expect(describeChange(5.754e-6, 5.2e-6)).toBe("5.75 ns -> 5.2 ns (-9.6%)");
    expect(describeChange(120, 150)).toBe("120 ms -> 150 ms (+25.0%)");
  });
});

describe("general", () => {
  it("is one attempt with the system context, not one per module", async () => {
    const root = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nEvery module has tests.\n" });
    const agent = scripted(() => ok("Updated the contribution notes"));
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows({ layers: "1. l: a, b" }), root, store, agent, options: OPTIONS }).run(planFor("general"));
    expect(summary.state).toBe("done");
    expect(agent.tasks).toHaveLength(1);
    expect(agent.tasks[0]!).toMatchObject({ moduleId: "general", kind: "general" });
    expect(agent.tasks[0]!.prompt).toContain("The project's layers, innermost first, and their modules:\n1. l: a, b");
    expect(agent.tasks[0]!.prompt).toContain("Every module has tests.");
  });

  it("records what validates the run for the modules of its request (a general run's, not its one step), and no other", async () => {
    const store = new MemoryStore();
    const validation = (plan: { modules: { id: string }[] }) => ({ none: false, lines: [`modules: ${plan.modules.map((m) => m.id).join(", ")}`] });
    const run = (type: TaskType) => new Orchestrator({ workflows: workflows({ layers: "1. l: a, b, c" }), root: makeProject({}), store, agent: scripted(() => ok("x")), options: OPTIONS, validation }).run(buildPlan(tree(["a: l", "b: l <- a", "c: l"]), { type, scope: { kind: "modules", ids: ["a", "c"] }, because: [] }, `${type} a and c`));
    for (const type of ["general", "implement"] as const) {
      const { runId } = await run(type);
      expect(store.getEvents(runId).filter((e) => e.type === "validation").map((e) => (e.data as { lines: string[] }).lines)).toEqual([["modules: a, c"]]);
    }
  });
});

describe("the docs step finds the project's own changelog and README", () => {
  // `docs`: the step run again, as `resume` does after a crash in it.
  const run = async (files: Record<string, string>, type: "refactor" | "implement" = "refactor") => {
    const root = makeProject(files);
    const agent = scripted((task) => ok(`Changed ${task.moduleId}`, [`src/${task.moduleId}.py`]));
    const store = new MemoryStore();
    const plan = planFor(type, ["a: l", "b: m <- a"]);
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    return { root, store, summary, docs: await updateDocs(root, store, summary.runId, plan, workflows()(type)) };
  };

  it("an entry already under [Unreleased] is not written twice, and the run says so in one line", async () => {
    const changelog = "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- **a** (l): Changed a. Files: `src/a.py`.\n";
    const { root, store, summary, docs } = await run({ "CHANGELOG.md": changelog });
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(`${changelog}- **b** (m): Changed b. Files: \`src/b.py\`.\n`);
    const done = store.getEvents(summary.runId).filter((e) => e.type === "docs").at(-1);
    expect(done?.data).toMatchObject({ state: "done", already: "CHANGELOG.md: 1 entry already under [Unreleased] (Changed), not written again" });
    // Run again (as resume does after a crash in the step): both are there now, and it says that.
    expect(docs.already).toBe("CHANGELOG.md: 2 entries already under [Unreleased] (Changed), not written again");
  });

  it("a changelog kept in docs/ under another title is edited there, and no CHANGELOG.md is made at the root", async () => {
    const changelog = "# Release Notes\n\n## v0.3.0 (2026-09-02)\n\n- Coverage on invoices.\n";
    const { root } = await run({ "docs/CHANGELOG.md": changelog });
    expect(existsSync(join(root, "CHANGELOG.md"))).toBe(false);
    const text = readFileSync(join(root, "docs/CHANGELOG.md"), "utf8");
    expect(text).toBe(`# Release Notes\n\n## [Unreleased]\n\n### Changed\n\n- **a** (l): Changed a. Files: \`src/a.py\`.\n- **b** (m): Changed b. Files: \`src/b.py\`.\n\n## v0.3.0 (2026-09-02)\n\n- Coverage on invoices.\n`);
  });

  it("a README.rst is left alone and no README.md is made; a CHANGELOG.rst likewise: their entries go to the preview, with a warning each", async () => {
    const rst = "Clinic\n======\n\nBilling for a clinic.\n";
    const { root, docs } = await run({ "README.rst": rst, "CHANGELOG.rst": "Changes\n=======\n" }, "implement");
    expect(readFileSync(join(root, "README.rst"), "utf8")).toBe(rst);
    expect(readFileSync(join(root, "CHANGELOG.rst"), "utf8")).toBe("Changes\n=======\n");
    expect(existsSync(join(root, "README.md"))).toBe(false);
    expect(existsSync(join(root, "CHANGELOG.md"))).toBe(false);
    expect(docs.warnings).toEqual([
      "CHANGELOG.rst is not markdown, so orchestrate did not edit it: the entries are in the run's docs-preview.md",
      "README.rst is not markdown, so orchestrate did not add its feature list: it is in the run's docs-preview.md",
    ]);
    const preview = readFileSync(join(root, docs.preview!), "utf8");
    expect(preview).toContain("- **a** (l): Changed a.");
    expect(preview).toContain("## README: features");
  });
});

describe("the docs preview of modules that changed no file", () => {
  // `b` is done having changed nothing (a debug run's module whose diagnosis found nothing to fix there).
  const preview = async (agentName: string) => {
    const root = makeProject({});
    const agent = { ...scripted((task) => ok(`Changed ${task.moduleId}`, task.moduleId === "a" ? ["src/a.py"] : [])), name: agentName };
    const store = new MemoryStore();
    // One after the other: two attempts in one working tree at once leave their files unknown.
    const plan = planFor("implement", ["a: l", "b: l <- a"]);
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    const docs = await updateDocs(root, store, summary.runId, plan, workflows()("implement"));
    return readFileSync(join(root, docs.preview!), "utf8");
  };

  it("blames the simulate agent only where it ran (real18: a Claude Code run's preview said it was simulate's doing)", async () => {
    const real = await preview("claude-code");
    expect(real).toContain("These modules were done but their agent changed no file, so nothing was written");
    expect(real).not.toContain("simulate");
    expect(await preview("simulate")).toContain("their agent changed no file (the `simulate` agent with nothing recorded to replay changes nothing)");
  });
});

describe("the docs step names the files a module's work changed", () => {
  // Attempt 1 of `a` fails having touched src/draft.py; attempt 2 passes touching src/a.py only.
  const run = async (isolation?: "worktree" | "shared") => {
    const root = makeProject({});
    const agent = scripted((task) => (task.attempt === 1 ? { ...ok("Half done", ["src/draft.py"]), ok: false } : ok(`Changed ${task.moduleId}`, [`src/${task.moduleId}.py`])));
    const store = new MemoryStore();
    const plan = planFor("refactor", ["a: l"]);
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(summary.state).toBe("done");
    if (isolation) store.setWorkspace({ runId: summary.runId, isolation, at: 0 });
    await updateDocs(root, store, summary.runId, plan, workflows()("refactor"));
    return readFileSync(join(root, "CHANGELOG.md"), "utf8");
  };

  it("in worktrees, only its merged work: a failed attempt's files went with its worktree", async () => {
    expect(await run("worktree")).toContain("- **a** (l): Changed a. Files: `src/a.py`.\n");
  });

  it("in the shared tree, every writing attempt's, since a failed attempt's changes stay there", async () => {
    expect(await run("shared")).toContain("- **a** (l): Changed a. Files: `src/draft.py`, `src/a.py`.\n");
  });
});

describe("the README's feature list says what each module is for and what its last run changed", () => {
  const runWith = async (root: string, reply: (id: string) => string) => {
    const store = new MemoryStore();
    const plan = planFor("implement", ["a: l", "b: m <- a"]);
    for (const m of plan.modules) m.purpose = `Keeps ${m.id}`;
    const agent = scripted((task) => ok(reply(task.moduleId), [`src/${task.moduleId}.py`]));
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    await updateDocs(root, store, summary.runId, plan, workflows()("implement"));
    return readFileSync(join(root, "README.md"), "utf8");
  };
  const region = (readme: string) => readme.slice(readme.indexOf("<!-- orchestrate:features:start -->"), readme.indexOf("<!-- orchestrate:features:end -->"));

  it("a line per module from its agent's reply (its first line that says something), replaced by the next run, never added twice", async () => {
    const root = makeProject({ "README.md": "# Clinic\n\nBilling for a clinic.\n" });
    const first = await runWith(root, (id) => `## Summary\n\nHere is what I changed:\n\n- **Added \`post_${id}()\` with balanced checks**\n- 12 tests`);
    expect(region(first)).toBe("<!-- orchestrate:features:start -->\n\n- **l**\n  - **a**: Keeps a. Last change: Added `post_a()` with balanced checks.\n- **m**\n  - **b**: Keeps b. Last change: Added `post_b()` with balanced checks.\n\n");
    const second = await runWith(root, (id) => `Made ${id} faster.`);
    expect(region(second)).toBe("<!-- orchestrate:features:start -->\n\n- **l**\n  - **a**: Keeps a. Last change: Made a faster.\n- **m**\n  - **b**: Keeps b. Last change: Made b faster.\n\n");
    expect(second.startsWith("# Clinic\n\nBilling for a clinic.\n")).toBe(true);
    // The same run again changes nothing.
    expect(await runWith(root, (id) => `Made ${id} faster.`)).toBe(second);
  });

  it("a long reply is cut to one bounded line; a reply that says nothing leaves the purpose alone", async () => {
    const root = makeProject({ "README.md": "# Clinic\n" });
    const readme = await runWith(root, (id) => (id === "a" ? `${"word ".repeat(100)}\nmore` : "## Done\n"));
    const a = region(readme).split("\n").find((l) => l.startsWith("  - **a**"))!;
    expect(a.length).toBeLessThan(260);
    expect(a).toMatch(/^ {2}- \*\*a\*\*: Keeps a\. Last change: (?:word ){30,}word…$/);
    expect(region(readme)).toContain("  - **b**: Keeps b.\n");
  });
});

describe("the docs step never writes an entry twice, and only looks where it writes", () => {
  const released = (entry: string) =>
    [
      "# Changelog", "", "## [1.2.0] - 2026-10-01", "", "### Fixed", "", `- ${entry}`, "", "## [1.1.0] - 2026-09-01", "", "### Changed", "", `- ${entry}`, "",
      "[1.2.0]: https://github.com/acme/clinic/compare/v1.1.0...v1.2.0", "[1.1.0]: https://github.com/acme/clinic/releases/tag/v1.1.0", "",
    ].join("\n");
  const runRefactor = async (files: Record<string, string>, summary = (id: string) => `Changed ${id}`) => {
    const root = makeProject(files);
    const store = new MemoryStore();
    const plan = planFor("refactor");
    const agent = scripted((task) => ok(summary(task.moduleId), [`src/${task.moduleId}.py`]));
    const run = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(run.state).toBe("done");
    return { root, again: () => updateDocs(root, store, run.runId, plan, workflows()("refactor")) };
  };

  it("an entry identical to one in released sections is written under Unreleased, once, however often the step runs again", async () => {
    const source = released("**a** (l): Changed a. Files: `src/a.py`.");
    const { root, again } = await runRefactor({ "CHANGELOG.md": source });
    const written = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    const unreleased = "## [Unreleased]\n\n### Changed\n\n- **a** (l): Changed a. Files: `src/a.py`.\n- **b** (l): Changed b. Files: `src/b.py`.\n\n";
    // The new heading's link reference follows the file's compare pattern; every other byte is kept.
    const link = "[Unreleased]: https://github.com/acme/clinic/compare/v1.2.0...HEAD\n";
    expect(written).toBe(source.replace("## [1.2.0]", `${unreleased}## [1.2.0]`).replace("[1.2.0]: ", `${link}[1.2.0]: `));
    // A run that died in the docs step runs it again: nothing is added.
    const update = await again();
    expect(update.changelog?.entries).toBe(0);
    expect(update.warnings).toEqual([]);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(written);
  });

  it("an entry already under Unreleased in another section, or as a longer bullet, is still written", async () => {
    const source = "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- **a** (l): Changed a. Files: `src/a.py`.\n\n### Changed\n\n- **b** (l): Changed b. Files: `src/b.py`. Tests 3/3.\n";
    const { root, again } = await runRefactor({ "CHANGELOG.md": source });
    const written = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(written).toBe(`${source}- **a** (l): Changed a. Files: \`src/a.py\`.\n- **b** (l): Changed b. Files: \`src/b.py\`.\n`);
    expect((await again()).changelog?.entries).toBe(0);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(written);
  });

  it("a Latin-1 changelog: entries with characters it holds, or cannot hold, are found again when the step runs again", async () => {
    const source = Buffer.from("# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- Caf\u00e9 menu.\n", "latin1");
    const { root, again } = await runRefactor({}, (id) => `R\u00e9sum\u00e9 of ${id} \u2192 done`);
    writeFileSync(join(root, "CHANGELOG.md"), source);
    expect((await again()).changelog?.entries).toBe(2);
    const written = readFileSync(join(root, "CHANGELOG.md"));
    expect(written.toString("latin1")).toContain("- **a** (l): R\u00e9sum\u00e9 of a &#x2192; done. Files: `src/a.py`.\n");
    expect((await again()).changelog?.entries).toBe(0);
    expect(readFileSync(join(root, "CHANGELOG.md")).equals(written)).toBe(true);
  });
});

describe("debug", () => {
  it("diagnoses every module read-only before any fix, then fixes with the diagnosis and the log", async () => {
    const root = makeProject({ "logs/error.log": 'Traceback (most recent call last):\n  File "/ci/src/l/a.py", line 3, in f\nValueError: bad\n' });
    const order: string[] = [];
    const agent = scripted((task) => {
      order.push(`${task.kind} ${task.moduleId}`);
      return task.kind === "analyze" ? ok(`Root cause: ${task.moduleId} divides by zero\nEvidence: the log\nFix strategy: guard it`) : ok(`Guarded the division in ${task.moduleId}`, [`src/l/${task.moduleId}.py`]);
    });
    const store = new MemoryStore();
    const excerpt = 'Traceback (most recent call last):\n  File "/ci/src/l/a.py", line 3, in f\nValueError: bad';
    // As planRequest makes it: the plan carries the log's excerpt, so the run never reads the log.
    const plan = { ...buildPlan(tree(["a: l", "b: l <- a"]), { type: "debug", scope: { kind: "system" }, because: [], log: "logs/error.log" }, "fix it, see logs/error.log"), log: { path: "logs/error.log", excerpt } };
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS, hooks: standardHooks(root, store) }).run(plan);
    expect(summary.state).toBe("done");
    expect(order.slice(0, 2).sort()).toEqual(["analyze a", "analyze b"]);
    expect(order.slice(2)).toEqual(["fix a", "fix b"]);
    const diagnosis = agent.tasks.find((t) => t.kind === "analyze" && t.moduleId === "a")!;
    expect(diagnosis.readOnly).toBe(true);
    expect(diagnosis.prompt).toContain('File "/ci/src/l/a.py", line 3, in f');
    const fix = agent.tasks.find((t) => t.kind === "fix" && t.moduleId === "a")!;
    expect(fix.prompt).toContain("<diagnosis>\nRoot cause: a divides by zero");
    expect(fix.prompt).toContain("ValueError: bad");
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("### Fixed\n\n- **a** (l): Guarded the division in a.");
    // Before: "  - Resolution: Guarded the division in a." under it, the entry's own text again.
    expect(changelog).toContain("### Fixed\n\n- **a** (l): Guarded the division in a. Files: `src/l/a.py`.\n  - Root cause: a divides by zero.\n- **b**");
    // The project memory keeps the diagnosis, not only the fix: the next run on this module learns why it broke.
    expect(store.readMemory(`run/${summary.runId}/a`)!.content).toContain("Diagnosis: Root cause: a divides by zero\n  Evidence: the log\n  Fix strategy: guard it");
    // The docs step again (a run that died in it resumes it), on the file as written and with CRLF line endings: nothing added.
    const again = await updateDocs(root, store, summary.runId, plan, workflows()("debug"));
    expect(again.changelog?.entries).toBe(0);
    writeFileSync(join(root, "CHANGELOG.md"), changelog.replace(/\n/g, "\r\n"));
    expect((await updateDocs(root, store, summary.runId, plan, workflows()("debug"))).changelog?.entries).toBe(0);
  });
  it("stops before any fix when no diagnosis found a cause: nothing changed, the run failed saying what was searched and what to give next", async () => {
    const root = makeProject({});
    const agent = scripted((task) => (task.kind === "analyze" ? ok("Root cause: none found\nEvidence: read src/l/a.py and its tests; ran them, all pass\nFix strategy:") : ok("Rewrote it anyway", [`src/l/${task.moduleId}.py`])));
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(planFor("debug", ["a: l"]));
    // Before: a fix attempt changed src/l/a.py with no cause to go on, and the run was done.
    expect(agent.tasks.map((t) => t.kind)).toEqual(["analyze"]);
    expect(summary.state).toBe("failed");
    expect(summary.reason).toBe("the diagnosis found no cause (a), so no fix was attempted and nothing changed; give it more to go on: the error's log (`--log FILE`), a stack trace, or a failing test that shows the bug");
    expect(store.getModules(summary.runId).map((m) => [m.moduleId, m.state, m.reason])).toEqual([["a", "failed", "its diagnosis found no cause: no fix attempted"]]);
    const warnings = store.getEvents(summary.runId, 0, "warning").map((e) => (e.data as { message: string }).message);
    expect(warnings).toContain("a: its diagnosis found no cause, so no fix was attempted (searched: read src/l/a.py and its tests; ran them, all pass); give it more to go on: the error's log (`--log FILE`), a stack trace, or a failing test that shows the bug");
  });

  it("fixes the modules whose diagnosis found a cause; one that found none is done with nothing changed", async () => {
    const root = makeProject({});
    const agent = scripted((task) => {
      if (task.kind !== "analyze") return ok(`Guarded ${task.moduleId}`, [`src/l/${task.moduleId}.py`]);
      return ok(task.moduleId === "a" ? "Root cause: a divides by zero at src/l/a.py:3\nEvidence: the log" : "I could not find any fault in b: it passes its values through unchanged.");
    });
    const store = new MemoryStore();
    const summary = await new Orchestrator({ workflows: workflows(), root, store, agent, options: OPTIONS }).run(planFor("debug"));
    expect(summary.state).toBe("done");
    expect(agent.tasks.map((t) => `${t.kind} ${t.moduleId}`).sort()).toEqual(["analyze a", "analyze b", "fix a"]);
    expect(store.getModules(summary.runId).map((m) => [m.moduleId, m.state, m.reason])).toEqual([["a", "done", undefined], ["b", "done", "its diagnosis found no cause here: no fix attempted"]]);
  });
});
