import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { agent, runProject } from "../workspace/run-fixture.js";

/** A unittest file whose tests `names` fail and `passing` pass. */
function tests(failing: string[], passing: string[] = ["test_ok"]): string {
  const body = [...failing.map((n) => `    def ${n}(self):\n        self.assertEqual(1, 2)\n`), ...passing.map((n) => `    def ${n}(self):\n        self.assertEqual(1, 1)\n`)];
  return `import unittest\n\n\nclass T(unittest.TestCase):\n${body.join("\n")}`;
}

describe("run: files outside the module, failures from before the run (command agent, real git)", () => {
  it("warns when a module's agent changes a file another module owns, and status and report say so", () => {
    // api after ledger: both change src/ledger.txt, and run at once the second to merge would conflict (a retry).
    const { root, agents } = runProject([{ id: "ledger" }, { id: "api", deps: ["ledger"] }], { files: { "src/ledger.txt": "ledger\n" } });
    agent(agents, "ledger", "echo more >> src/ledger.txt");
    agent(agents, "api", "mkdir -p src docs && echo api > src/api.txt && echo api was here >> src/ledger.txt && echo notes > docs/api-notes.md");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stderr).toContain("orchestrate: warning: api (attempt 1) changed src/ledger.txt (owned by ledger)");
    // The ledger's own change and the api's unowned notes are no warning.
    expect(out.stderr).not.toContain("ledger (attempt");
    expect(out.stderr).not.toContain("docs/api-notes.md");

    const status = runCli(["status"], { cwd: root });
    expect(status.stdout).toMatch(/ownership: api \(attempt 1\) changed src\/ledger\.txt \(owned by ledger\)/);
    const json = JSON.parse(runCli(["report", "--format", "json"], { cwd: root }).stdout) as { layers: { modules: { id: string; ownership?: unknown }[] }[] };
    const modules = json.layers.flatMap((l) => l.modules);
    expect(modules.find((m) => m.id === "api")?.ownership).toEqual([{ attempt: 1, others: [{ file: "src/ledger.txt", owners: ["ledger"] }], unowned: ["docs/api-notes.md"] }]);
    expect(modules.find((m) => m.id === "ledger")?.ownership).toBeUndefined();
    expect(runCli(["report"], { cwd: root }).stdout).toContain("⚠️ api (attempt 1) changed src/ledger.txt (owned by ledger)");
  });

  it("with `ownership: fail`, fails the attempt; a retry that leaves the other module's file alone passes", () => {
    const { root, agents } = runProject([{ id: "ledger" }, { id: "api", deps: ["ledger"] }], { files: { "src/ledger.txt": "ledger\n" }, config: "ownership: fail\n" });
    agent(agents, "ledger", "echo more >> src/ledger.txt");
    agent(agents, "api", `mkdir -p src && echo api > src/api.txt\nif [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then echo api was here >> src/ledger.txt; fi`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stderr).toContain("api (attempt 1) changed src/ledger.txt (owned by ledger); `ownership: fail` failed the attempt");
    const report = JSON.parse(runCli(["report", "--format", "json"], { cwd: root }).stdout) as { layers: { modules: { id: string; attempts: { state: string; error?: string }[] }[] }[] };
    const api = report.layers.flatMap((l) => l.modules).find((m) => m.id === "api")!;
    expect(api.attempts.map((a) => a.state)).toEqual(["failed", "done"]);
    expect(api.attempts[0]!.error).toContain("leave the other modules' files as they were");
  });

  it("rejects a bad `ownership` value, naming the key and the values it takes", () => {
    const { root } = runProject([{ id: "api" }], { config: "ownership: strict\n" });
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/ownership/);
    expect(out.stderr).toMatch(/warn.*fail/);
  });

  it("says which of a failed system gate's failing tests were already failing on the base commit", () => {
    const gate = `gates:\n  discover: false\n  system:\n    - { name: tests, kind: command, run: "python3 -m unittest discover -s tests -v" }\n`;
    const { root, agents } = runProject([{ id: "calc" }], { files: { "tests/test_calc.py": tests(["test_old"]) }, config: gate });
    // The agent adds a failing test beside the one that failed before the run.
    agent(agents, "calc", `mkdir -p src && echo calc > src/calc.txt\ncat > tests/test_calc.py <<'PY'\n${tests(["test_old", "test_new"])}PY`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toMatch(/system gate, check tests: fails on the base commit [0-9a-f]{8} too; already failing there: test_old \(test_calc\.T[.\w]*\); new: test_new \(test_calc\.T[.\w]*\)/);
    const status = runCli(["status", "--json"], { cwd: root });
    const json = JSON.parse(status.stdout) as { gates: { level: string; base?: { checks: { name: string; failedAtBase: boolean; already: string[]; added: string[] }[] } }[] };
    const check = json.gates.find((g) => g.level === "system")?.base?.checks[0];
    expect(check?.failedAtBase).toBe(true);
    expect(check?.already.map((t) => t.split(" ")[0])).toEqual(["test_old"]);
    expect(check?.added.map((t) => t.split(" ")[0])).toEqual(["test_new"]);
    expect(runCli(["report"], { cwd: root }).stdout).toContain("already failing there: test_old");
  });

  it("says a failed layer gate whose output names no test failed on the base commit too", () => {
    const gate = `layerFixRounds: 0\ngates:\n  discover: false\n  layer:\n    - { name: lint, kind: command, run: "test ! -e broken" }\n`;
    const { root, agents } = runProject([{ id: "calc" }], { files: { broken: "since before the run\n" }, config: gate });
    agent(agents, "calc", "mkdir -p src && echo calc > src/calc.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toMatch(/layer gate l1, check lint: fails on the base commit [0-9a-f]{8} too: it was failing before the run/);
    const report = JSON.parse(runCli(["report", "--format", "json"], { cwd: root }).stdout) as { layers: { gate?: { base?: { checks: unknown[] } } }[] };
    expect(report.layers[0]?.gate?.base?.checks).toEqual([{ name: "lint", failedAtBase: true }]);
  });

  it("says a failed system gate passes on the base commit: the run's changes made it fail", () => {
    const gate = `gates:\n  discover: false\n  system:\n    - { name: tests, kind: command, run: "python3 -m unittest discover -s tests -v" }\n`;
    const { root, agents } = runProject([{ id: "calc" }], { files: { "tests/test_calc.py": tests([]) }, config: gate });
    agent(agents, "calc", `mkdir -p src && echo calc > src/calc.txt\ncat > tests/test_calc.py <<'PY'\n${tests(["test_new"])}PY`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toMatch(/system gate, check tests: passes on the base commit [0-9a-f]{8}: the run's changes made it fail/);
  });
});
