import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { agent, runProject } from "../workspace/run-fixture.js";

/** A unittest file whose tests `failing` fail and `passing` pass. */
function tests(failing: string[], passing: string[]): string {
  const body = [...failing.map((n) => `    def ${n}(self):\n        self.assertEqual(1, 2)\n`), ...passing.map((n) => `    def ${n}(self):\n        self.assertEqual(1, 1)\n`)];
  return `import unittest\n\n\nclass T(unittest.TestCase):\n${body.join("\n")}`;
}

const GATE = `gates:\n  discover: false\n  system:\n    - { name: tests, kind: command, run: "python3 -m unittest discover -s tests -v" }\n`;

describe("a system gate that fails only on tests that failed before the run (real18)", () => {
  it("passes with a warning naming them; status and report say so, and --apply brings the work in", () => {
    // test_tide failed before the run and still does; test_moon failed before and the run fixed it.
    const { root, agents } = runProject([{ id: "almanac" }], { files: { "tests/test_almanac.py": tests(["test_tide", "test_moon"], ["test_sun"]) }, config: GATE });
    agent(agents, "almanac", `mkdir -p src && echo almanac > src/almanac.txt\ncat > tests/test_almanac.py <<'PY'\n${tests(["test_tide"], ["test_sun", "test_moon"])}PY`);
    const out = runCli(["run", "implement system", "--apply"], { cwd: root });
    // Before: exit 1, `Why: system gate failed (failing on the base commit … too, nothing new)`, and nothing applied.
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stderr).toMatch(/orchestrate: warning: system gate: passed with failures that were there before the run: test_tide \(test_almanac\.T[.\w]*\) failed on the base commit [0-9a-f]{8} too, and no test fails that passed there/);
    expect(existsSync(join(root, "src/almanac.txt"))).toBe(true);

    const status = runCli(["status"], { cwd: root });
    expect(status.stdout).toContain("system: passed with failures that were there before the run");
    expect(status.stdout).toContain("system gate: passed with these failures, which were there before the run; none is new");
    const json = JSON.parse(runCli(["status", "--json"], { cwd: root }).stdout) as { state: string; gates: { level: string; base?: { passed?: boolean } }[] };
    expect(json.state).toBe("done");
    expect(json.gates.find((g) => g.level === "system")?.base?.passed).toBe(true);
    expect(runCli(["report"], { cwd: root }).stdout).toContain("⚠️ passed with failures that were there before the run");
  });

  it("a layer gate failing only on them passes with the warning, and starts no fix round", () => {
    const gate = `gates:\n  discover: false\n  layer:\n    - { name: tests, kind: command, run: "python3 -m unittest discover -s tests -v" }\n`;
    const { root, agents } = runProject([{ id: "almanac" }], { files: { "tests/test_almanac.py": tests(["test_tide"], ["test_sun"]) }, config: gate });
    agent(agents, "almanac", "mkdir -p src && echo almanac > src/almanac.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    // Before: a fix attempt was sent to mend test_tide, and the run failed: `Why: layer gate l1 failed`.
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stderr).toMatch(/orchestrate: warning: layer gate l1: passed with failures that were there before the run: test_tide \(test_almanac\.T[.\w]*\) failed on the base commit [0-9a-f]{8} too/);
    const json = JSON.parse(runCli(["status", "--json"], { cwd: root }).stdout) as { state: string; modules: { attempts: unknown[] }[] };
    expect(json.state).toBe("done");
    expect(json.modules[0]!.attempts).toHaveLength(1);
  });

  it("a check whose output names no test is the run's to answer for: it still fails", () => {
    const gate = `gates:\n  discover: false\n  system:\n    - { name: lint, kind: command, run: "test ! -e broken" }\n`;
    const { root, agents } = runProject([{ id: "almanac" }], { files: { broken: "since before the run\n" }, config: gate });
    agent(agents, "almanac", "mkdir -p src && echo almanac > src/almanac.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toContain("Why: system gate failed (failing on the base commit");
  });
});
