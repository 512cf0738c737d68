import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";

/** A small Python project as people have them: two modules, tests by module name, no gates configured. */
function pythonProject(extra: Record<string, string> = {}): string {
  return makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/EVENTS_AGENT.md": moduleSpec({ module: "pkg/events.py" }),
    ".claude/layers/core/modules/PRICES_AGENT.md": moduleSpec({ module: "pkg/prices.py", body: "## Depends On\n- events\n" }),
    "pkg/__init__.py": "",
    "pkg/events.py": "def on(x):\n    return x\n",
    "pkg/prices.py": "from pkg.events import on\n",
    "tests/test_events.py": "import unittest\n\nclass T(unittest.TestCase):\n    def test_on(self):\n        self.assertEqual(1, 1)\n",
    "pytest.ini": "[pytest]\n",
    "orchestrate.config.yaml": "agent: simulate\n",
    ...extra,
  });
}

describe("validation that exists, and says when it does not (issue 12, item 10)", () => {
  it("plan prints the discovered system and module gates, in text and --json", () => {
    const root = pythonProject();
    const text = runCli(["plan", "implement system", "--project", root]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("system gate discovered: `python3 -m pytest -q` (from pytest.ini)");
    expect(text.stdout).toContain("module gates discovered: events (tests/test_events.py)");
    const json = JSON.parse(runCli(["plan", "implement system", "--project", root, "--json"]).stdout) as { validation: { none: boolean; discovered: { level: string; target: string; run?: string }[] } };
    expect(json.validation.none).toBe(false);
    expect(json.validation.discovered).toContainEqual({ level: "module", target: "events", kind: "command", run: "python3 -m pytest -q tests/test_events.py", from: "tests/test_events.py" });
  });

  it("a run or plan scoped to one module names that module's discovered gate alone: in its first lines, status, report and a kept plan", async () => {
    const root = pythonProject({ "tests/test_prices.py": "import unittest\n\nclass T(unittest.TestCase):\n    def test_p(self):\n        self.assertEqual(1, 1)\n" });
    const whole = (await cliHere(["plan", "implement system", "--project", root])).stdout;
    expect(whole).toContain("module gates discovered: events (tests/test_events.py), prices (tests/test_prices.py)");
    // Twice: the second is the plan kept by the first (cli/plan-memo.ts).
    for (let i = 0; i < 2; i++) {
      const scoped = (await cliHere(["plan", "implement prices", "--scope", "module/prices", "--project", root])).stdout;
      expect(scoped).toContain("module gates discovered: prices (tests/test_prices.py)\n");
      expect(scoped).not.toContain("events (tests/test_events.py)");
    }
    const json = JSON.parse((await cliHere(["plan", "implement prices", "--scope", "module/prices", "--project", root, "--json"])).stdout) as { validation: { discovered: { level: string; target: string }[] } };
    expect(json.validation.discovered.filter((d) => d.level === "module").map((d) => d.target)).toEqual(["prices"]);
    const run = runCli(["run", "implement prices", "--scope", "module/prices", "--project", root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("validation: module gates discovered: prices (tests/test_prices.py)\n");
    expect(run.stdout).not.toContain("events (tests/test_events.py)");
    const status = JSON.parse((await cliHere(["status", "--json", "--project", root])).stdout) as { validation: { lines: string[] } };
    expect(status.validation.lines).toContain("module gates discovered: prices (tests/test_prices.py)");
    const report = (await cliHere(["report", "--project", root])).stdout;
    expect(report).toContain("prices (tests/test_prices.py)");
    expect(report).not.toContain("events (tests/test_events.py)");
  });

  it("`gates: { discover: false }` turns discovery off, and then the run and its report say no validation is configured", async () => {
    const root = pythonProject({ "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n" });
    const run = runCli(["run", "implement system", "--project", root]);
    expect(run.code).toBe(0);
    const first = run.stdout.split("\n").slice(0, 3).join("\n");
    expect(first).toContain("validation: no validation configured");
    expect((await cliHere(["report", "--project", root])).stdout).toContain("**Validation:** no validation configured");
    expect(JSON.parse((await cliHere(["status", "--json", "--project", root])).stdout).validation.none).toBe(true);
  });

  it("configured gates win over discovered ones", async () => {
    const root = pythonProject({ "orchestrate.config.yaml": "agent: simulate\ngates:\n  system:\n    - name: lint\n      kind: command\n      run: echo ok\n" });
    const text = (await cliHere(["plan", "implement system", "--project", root])).stdout;
    expect(text).toContain("gates configured: system");
    expect(text).not.toContain("system gate discovered");
  });

  it("a project with no test runner and one layer says `no validation configured` in plan", async () => {
    const root = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/modules/NOTES_AGENT.md": moduleSpec({ module: "notes/a.txt" }) });
    expect((await cliHere(["plan", "implement system", "--project", root])).stdout).toContain("no validation configured");
  });
});

describe("reading commands never show a dead run as running (issue 12, item 13)", () => {
  it("a run recorded `running` whose lock holder is gone is shown interrupted, and the store is not written", async () => {
    const root = pythonProject({ "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n" });
    expect(runCli(["run", "implement system", "--project", root]).code).toBe(0);
    const store = openStore(root);
    const run = store.listRuns(1)[0]!;
    store.setRunState(run.id, "running", Date.now());
    // A holder that is no process: pid 2^22+1 with a start time nobody has.
    store.takeLock({ pid: 4194305, startTime: "gone", runId: run.id, since: Date.now() }, () => false);
    store.close();
    const runs = (await cliHere(["runs", "--project", root])).stdout;
    expect(runs).toContain(`${run.id}: interrupted (process gone; resume with orchestrate resume ${run.id})`);
    expect(runs).not.toMatch(/\brunning\b/);
    expect((await cliHere(["status", "--project", root])).stdout).toContain(`interrupted (process gone; resume with orchestrate resume ${run.id})`);
    const json = JSON.parse((await cliHere(["status", "--json", "--project", root])).stdout) as { state: string; recordedState: string };
    expect(json).toMatchObject({ state: "interrupted", recordedState: "running" });
    const after = openStore(root);
    expect(after.getRun(run.id)!.state).toBe("running");
    after.close();
  });
});

describe("a refactor baseline failure shows its reason (issue 12, item 11)", () => {
  it("names the failing check and the start of its output in the CLI, status, status --json and report", async () => {
    const root = pythonProject({
      "tests/test_events.py": "import unittest\n\nclass T(unittest.TestCase):\n    def test_on(self):\n        self.fail('EVENTS_BROKEN_BEFORE')\n",
      "orchestrate.config.yaml": "agent: simulate\ngates:\n  module:\n    - name: unit\n      kind: command\n      run: python3 -m unittest tests.test_events\n",
    });
    const run = runCli(["run", "refactor the events module", "--project", root, "--type", "refactor", "--scope", "module/events"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/events: check `unit` failed/);
    expect(run.stdout).toContain("EVENTS_BROKEN_BEFORE");
    const status = (await cliHere(["status", "--project", root])).stdout;
    expect(status).toContain("Baseline failed before any change:");
    expect(status).toContain("EVENTS_BROKEN_BEFORE");
    const json = JSON.parse((await cliHere(["status", "--json", "--project", root])).stdout) as { baseline: { module: string; check: string; output: string }[] };
    expect(json.baseline[0]).toMatchObject({ module: "events", check: "unit" });
    expect(json.baseline[0]!.output).toContain("EVENTS_BROKEN_BEFORE");
    expect((await cliHere(["report", "--project", root])).stdout).toContain("EVENTS_BROKEN_BEFORE");
  });
});

describe("agent prerequisites are checked before a run starts (issue 12, item 15)", () => {
  const env = { ANTHROPIC_API_KEY: "", OPENAI_API_KEY: "" };
  it("a missing API key from the --agent flag: exit 2, one line naming the flag, no run recorded", async () => {
    const root = pythonProject({ "orchestrate.config.yaml": "openai:\n  model: gpt-test\n" });
    const r = runCli(["run", "implement system", "--project", root, "--agent", "openai"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("orchestrate: `--agent openai` (command line): no API key: set OPENAI_API_KEY in the environment or `openai.apiKey` in orchestrate.config.yaml (any non-empty value for a local server that needs none)\n");
    expect((await cliHere(["runs", "--project", root, "--json"])).stdout).toBe("[]\n");
  });

  it("a missing API key from the config: the file, line and key", () => {
    const root = pythonProject({ "orchestrate.config.yaml": "concurrency: 2\nagent: anthropic\nanthropic:\n  model: claude-test\n" });
    const r = runCli(["run", "implement system", "--project", root], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^orchestrate: orchestrate\.config\.yaml:2: .*`agent: anthropic`: no API key: set ANTHROPIC_API_KEY/);
  });

  it("claude-code without a login (no credentials file, no key) is refused before the run", async () => {
    const home = makeProject({});
    const root = pythonProject();
    const r = runCli(["run", "implement system", "--project", root, "--agent", "claude-code"], { env: { ...env, HOME: home, CLAUDE_CONFIG_DIR: join(home, ".claude"), ANTHROPIC_AUTH_TOKEN: "", CLAUDE_CODE_OAUTH_TOKEN: "" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("`--agent claude-code` (command line): Claude Code is not logged in");
    expect((await cliHere(["runs", "--project", root, "--json"])).stdout).toBe("[]\n");
  });

  it("resume of a run with only its gates and docs left asks for no login; one with a module left to attempt still does", async () => {
    const noLogin = (home: string) => ({ ...env, HOME: home, CLAUDE_CONFIG_DIR: join(home, ".claude"), ANTHROPIC_AUTH_TOKEN: "", CLAUDE_CODE_OAUTH_TOKEN: "" });
    const home = makeProject({});
    const ended = (): { root: string; runId: string } => {
      const root = pythonProject({ "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n" });
      // Test-only hook: killed the instant the run's end is recorded, its documentation step left pending.
      expect(runCli(["run", "implement system", "--project", root], { env: { ORCHESTRATE_TEST_KILL_AT: "run-ended" } }).code).toBe(null);
      return { root, runId: (JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as { runId: string }).runId };
    };
    const docsLeft = ended();
    const resumed = runCli(["resume", "--project", docsLeft.root, "--agent", "claude-code"], { env: noLogin(home) });
    expect(resumed.stderr).not.toContain("not logged in");
    expect(resumed.code).toBe(0);
    expect((await cliHere(["memory", "list", "--project", docsLeft.root, "--json"])).stdout).toContain(`"run/${docsLeft.runId}"`);

    const moduleLeft = ended();
    const store = openStore(moduleLeft.root);
    store.setRunState(moduleLeft.runId, "interrupted", Date.now());
    store.setModuleState(moduleLeft.runId, "prices", "pending", Date.now());
    store.close();
    const refused = runCli(["resume", "--project", moduleLeft.root, "--agent", "claude-code"], { env: noLogin(home) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("`--agent claude-code` (command line): Claude Code is not logged in");
  });
});

describe("output (issue 12, item 18)", () => {
  it("plan --json adds each edge's source; the plan's own keys are unchanged", async () => {
    const root = pythonProject();
    const json = JSON.parse((await cliHere(["plan", "implement system", "--project", root, "--json"])).stdout) as { edges: unknown[]; modules: { id: string; dependsOn: string[] }[] };
    expect(json.modules.find((m) => m.id === "prices")!.dependsOn).toEqual(["events"]);
    expect(json.edges).toEqual([{ from: "prices", to: "events", via: "list", file: ".claude/layers/core/modules/PRICES_AGENT.md", line: expect.any(Number) }]);
  });

  it("the ready schedule prints no `wave N/M` headers; text status shows gate results", async () => {
    const root = pythonProject({ "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n  module:\n    - name: unit\n      kind: command\n      run: echo 'Ran 3 tests' && echo OK\n  system:\n    - name: whole\n      kind: command\n      run: echo fine\n" });
    const run = runCli(["run", "implement system", "--project", root, "--schedule", "ready"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\bwave \d/);
    const status = (await cliHere(["status", "--project", root])).stdout;
    expect(status).toMatch(/gate: passed · /);
    expect(status).toMatch(/Gates\n {2}system: passed · exit 0/);
  });
});

describe("optimize without a benchmark says so (issue 12, item 12)", () => {
  it("plan names the modules that would run unmeasured", async () => {
    const root = pythonProject();
    const text = (await cliHere(["plan", "optimize the events module", "--project", root, "--type", "optimize", "--scope", "module/events"])).stdout;
    expect(text).toContain("no benchmark for events");
    const json = JSON.parse((await cliHere(["plan", "optimize the events module", "--project", root, "--type", "optimize", "--scope", "module/events", "--json"])).stdout) as { benchmark: { unmeasured: string[] } };
    expect(json.benchmark.unmeasured).toEqual(["events"]);
  });
});

describe("optimize without a benchmark: the agent writes one, the run measures it (issue 12, item 12)", () => {
  it("a first attempt writes the benchmark and names it; the run records its figure before and after", () => {
    const agent = [
      'if [ "$1" = 1 ]; then',
      "  grep -q 'BENCHMARK: <command>' || exit 9",
      "  printf 'print(open(\"fig.txt\").read().strip() + \" ms\")\\n' > bench.py",
      "  echo 100 > fig.txt",
      "  echo 'Wrote bench.py.'",
      "  echo 'BENCHMARK: `python3 bench.py`'",
      "else",
      "  echo 60 > fig.txt",
      "  echo 'Cached the lookups.'",
      "fi",
    ].join("\n");
    const root = pythonProject({ "agent.sh": `${agent}\n`, "orchestrate.config.yaml": "agent: command\ncommand:\n  run: sh agent.sh {attempt}\ngates:\n  discover: false\n" });
    const plan = runCli(["run", "optimize the events module", "--project", root, "--type", "optimize", "--scope", "module/events"]);
    expect(plan.stdout).toContain("benchmark: no benchmark for events");
    expect(plan.code).toBe(0);
    const store = openStore(root);
    const run = store.listRuns(1)[0]!;
    const bench = store.getEvents(run.id).filter((e) => e.type === "bench").map((e) => e.data as { phase: string; value: number; command: string });
    store.close();
    expect(bench).toMatchObject([
      { phase: "before", value: 100, command: "python3 bench.py" },
      { phase: "after", value: 60, command: "python3 bench.py" },
    ]);
  });
});
