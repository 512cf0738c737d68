import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { formatGateFailure, runGate, summarizeGate } from "../../src/validate/gates.js";
import type { GateContext } from "../../src/validate/gates.js";
import type { CheckConfig, CheckResult } from "../../src/validate/types.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const MATH = [
  "export function add(a, b) {",
  "  return a + b;",
  "}",
  "export function sign(n) {",
  "  if (n < 0) {",
  "    return -1;",
  "  }",
  "  return 1;",
  "}",
].join("\n");

const TESTS = (expectedSum: number) =>
  [
    'import { test } from "node:test";',
    'import assert from "node:assert/strict";',
    'import { add, sign } from "./math.mjs";',
    `test("adds", () => assert.equal(add(2, 3), ${expectedSum}));`,
    'test("sign of a positive number", () => assert.equal(sign(4), 1));',
  ].join("\n");

/** A tiny project whose tests node's own runner runs; `expectedSum` other than 5 fails one test. */
function project(expectedSum = 5, extra: Record<string, string> = {}): GateContext {
  const root = makeProject({ "math.mjs": MATH, "math.test.mjs": TESTS(expectedSum), ...extra });
  const spec = { ...tree(["math: core"]), root };
  return { root, spec, layerOrder: [], modules: ["math"], vars: { module: "math", layer: "core", files: ["math.mjs"] }, timeoutMs: 30_000 };
}

const cmd = (name: string, run: string, more: Partial<CheckConfig> = {}): CheckConfig => ({ name, kind: "command", run, ...more });
const NODE_TEST = "node --test --experimental-test-coverage";

describe("runGate: command checks", () => {
  it("passes on exit 0, with counts and coverage from node's test runner", async () => {
    const gate = await runGate("module", "math", [cmd("tests", NODE_TEST), { name: "architecture", kind: "architecture" }], project());
    expect(gate.ok).toBe(true);
    expect(gate).toMatchObject({ level: "module", target: "math" });
    const [tests, arch] = gate.checks;
    expect(tests).toMatchObject({ name: "tests", kind: "command", blocking: true, ok: true, tests: { passed: 2, failed: 0, total: 2, runner: "node" } });
    expect(tests!.coverage).toBeCloseTo(85.71, 2);
    expect(tests!.message).toBe("tests 2/2, coverage 85.7%");
    expect(tests!.output).toContain("# all files");
    expect(arch).toMatchObject({ ok: true, message: "no violations" });
    expect(summarizeGate(gate)).toBe("tests 2/2, coverage 85.7%, architecture ok");
  });

  it("fails on a failing blocking command, runs the checks after it, and hands its output to the retry prompt", async () => {
    const gate = await runGate("module", "math", [cmd("tests", "node --test"), cmd("after", "echo still ran")], project(6));
    expect(gate.ok).toBe(false);
    const tests = gate.checks[0]!;
    expect(tests).toMatchObject({ ok: false, message: "exit 1, tests 1/2 (1 failed)", tests: { passed: 1, failed: 1 } });
    expect(tests.output).toMatch(/expected: 6/);
    expect(gate.checks[1]).toMatchObject({ ok: true, output: "still ran" });
    const prompt = formatGateFailure(gate);
    expect(prompt).toContain("### tests (command): exit 1, tests 1/2 (1 failed)");
    expect(prompt).toContain(tests.output);
    expect(prompt).not.toContain("still ran");
  });

  it("keeps the gate passing when only a warning check fails", async () => {
    const gate = await runGate("module", "math", [cmd("lint", "echo 'E501 line too long' >&2; exit 3", { blocking: false }), cmd("tests", "node --test")], project());
    expect(gate.ok).toBe(true);
    expect(gate.checks[0]).toMatchObject({ ok: false, blocking: false, message: "exit 3", output: "E501 line too long" });
    expect(summarizeGate(gate)).toBe("lint warning (exit 3), tests 2/2");
  });

  it("merges stdout and stderr in order, so that unittest's summary on stderr is read", async () => {
    const ctx = project(5, { "test_calc.py": "import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(1 + 1, 2)\n\n    @unittest.skip('later')\n    def test_b(self):\n        pass\n" });
    const gate = await runGate("module", "math", [cmd("order", "echo one; echo two >&2; echo three"), cmd("py", "python3 -m unittest -v test_calc")], ctx);
    expect(gate.checks[0]!.output).toBe("one\ntwo\nthree");
    expect(gate.checks[1]).toMatchObject({ ok: true, tests: { passed: 1, skipped: 1, total: 2, runner: "unittest" }, message: "tests 1/2 (1 skipped)" });
  });

  it("substitutes placeholders shell-quoted and passes env", async () => {
    const ctx = { ...project(), vars: { module: "order book", layer: "core", files: ["a.py", "it's here.py"] }, env: { GATE_VAR: "from env" } };
    const gate = await runGate("module", "math", [cmd("args", `printf '[%s]\\n' {module} {layer} {files} "$GATE_VAR"`)], ctx);
    expect(gate.checks[0]!.output).toBe("[order book]\n[core]\n[a.py]\n[it's here.py]\n[from env]");
  });

  it("times out, with the check's own limit before the gate's", async () => {
    const started = Date.now();
    const gate = await runGate("module", "math", [cmd("slow", "echo begun; sleep 20", { timeoutMs: 300 })], project());
    expect(gate.ok).toBe(false);
    expect(gate.checks[0]).toMatchObject({ ok: false, message: "timed out after 300 ms (the check's timeoutMs)", output: "begun" });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops on abort: the running command is killed and later checks do not run", async () => {
    const controller = new AbortController();
    // The command calls this server once it is running; the server aborts the gate.
    const server = createServer((_req, res) => {
      res.end("ok");
      controller.abort();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const ctx = { ...project(), signal: controller.signal };
      const checks = [cmd("first", "echo done"), cmd("long", `node -e "fetch('${url}')"; sleep 20`), cmd("never", "echo never")];
      const gate = await runGate("module", "math", checks, ctx);
      expect(gate).toMatchObject({ ok: false, cancelled: true });
      expect(gate.checks.map((c) => [c.name, c.ok, c.message])).toEqual([
        ["first", true, "exit 0"],
        ["long", false, "cancelled"],
      ]);
      expect(gate.durationMs).toBeLessThan(5000);
      const again = await runGate("module", "math", checks, ctx);
      expect(again).toMatchObject({ ok: false, cancelled: true, checks: [] });
    } finally {
      server.close();
    }
  });
});

describe("runGate: coverage checks", () => {
  it("uses the coverage of the latest earlier command that printed one", async () => {
    const checks: CheckConfig[] = [
      cmd("tests", NODE_TEST),
      cmd("lint", "echo clean"),
      { name: "coverage", kind: "coverage", min: 80 },
      { name: "strict-coverage", kind: "coverage", min: 90, blocking: false },
    ];
    const gate = await runGate("module", "math", checks, project());
    expect(gate.ok).toBe(true);
    expect(gate.checks[2]).toMatchObject({ ok: true, message: "coverage 85.7%, min 80% (from tests)" });
    expect(gate.checks[3]).toMatchObject({ ok: false, blocking: false, message: "coverage 85.7%, below min 90% (from tests)" });
  });

  it("fails when no earlier command printed coverage", async () => {
    const gate = await runGate("module", "math", [cmd("tests", "node --test"), { name: "coverage", kind: "coverage", min: 10 }], project());
    expect(gate.ok).toBe(false);
    expect(gate.checks[1]).toMatchObject({ ok: false, message: "no coverage: no earlier command check printed a coverage summary" });
  });

  it("reads a coverage file, with placeholders in its path", async () => {
    const lcov = "TN:\nSF:math.mjs\nDA:1,1\nDA:2,1\nDA:3,0\nDA:4,1\nLF:4\nLH:3\nend_of_record\n";
    const ctx = project(5, { "coverage/math/lcov.info": lcov, "coverage/bad.txt": "nothing here" });
    const checks: CheckConfig[] = [
      { name: "pass", kind: "coverage", file: "coverage/{module}/lcov.info", min: 75 },
      { name: "fail", kind: "coverage", file: "coverage/math/lcov.info", min: 80 },
      { name: "missing", kind: "coverage", file: "coverage/none.info" },
      { name: "unknown", kind: "coverage", file: "coverage/bad.txt" },
    ];
    const gate = await runGate("module", "math", checks, ctx);
    expect(gate.checks.map((c) => [c.name, c.ok, c.message])).toEqual([
      ["pass", true, "coverage 75%, min 75% (from coverage/math/lcov.info)"],
      ["fail", false, "coverage 75%, below min 80% (from coverage/math/lcov.info)"],
      ["missing", false, "coverage file coverage/none.info not found"],
      ["unknown", false, "Expected lcov, Cobertura XML or coverage-summary.json in coverage/bad.txt, got none of them"],
    ]);
  });
});

describe("runGate: architecture and review checks", () => {
  it("lists architecture violations as file:line: message", async () => {
    const ctx = project(5, { "src/core/math.py": "import os\nfrom src.api import server\n", "src/api/server.py": "" });
    const spec = tree(["math: core", "server: api"], ["core", "api"]);
    ctx.spec = { ...spec, root: ctx.root };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    expect(gate.ok).toBe(false);
    expect(gate.checks[0]).toMatchObject({ message: "1 violation", violations: [{ file: "src/core/math.py", line: 2, specifier: "src.api" }] });
    expect(gate.checks[0]!.output).toBe("src/core/math.py:2: imports `src.api` (module server, layer api), but layer core comes before api in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)");
  });

  it("reads the files where the gate runs (an attempt's worktree), not in the checkout the spec was loaded from (issue 13)", async () => {
    const checkout = project(5, { "src/core/math.py": "import os\n", "src/api/server.py": "" });
    const worktree = makeProject({ "src/core/math.py": "import os\nfrom src.api import server\n", "src/api/server.py": "" });
    const spec = { ...tree(["math: core", "server: api"], ["core", "api"]), root: checkout.root };
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], { ...checkout, root: worktree, spec, layerOrder: ["core", "api"] });
    expect(gate.checks[0]).toMatchObject({ ok: false, violations: [{ file: "src/core/math.py", line: 2, specifier: "src.api" }] });
  });

  it("checks files an agent added under an owned folder in its worktree, which the loaded tree never listed (issue 13)", async () => {
    const checkout = project(5, { "src/core/strategies/a.py": "import os\n", "src/api/server.py": "" });
    const worktree = makeProject({ "src/core/strategies/a.py": "import os\n", "src/core/strategies/new.py": "from src.api import server\n", "src/api/server.py": "" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => (m.id === "math" ? { ...m, files: ["src/core/strategies/"] } : m));
    const spec = { ...base, modules, root: checkout.root, projectFiles: ["src/core/strategies/a.py"] };
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], { ...checkout, root: worktree, spec, layerOrder: ["core", "api"] });
    expect(gate.checks[0]).toMatchObject({ ok: false, violations: [{ file: "src/core/strategies/new.py", line: 1, specifier: "src.api" }] });
  });

  it("says it skipped, not \"no violations\", when the modules' files are all in languages it does not read (Haskell)", async () => {
    const ctx = project(5, { "src/Ledger/Journal.hs": "module Ledger.Journal where\nimport Report\n", "src/Report.hs": "" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => ({ ...m, files: m.id === "math" ? ["src/Ledger/Journal.hs", "stack.yaml.lock"] : ["src/Report.hs"] }));
    ctx.spec = { ...base, modules, root: ctx.root };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    expect(gate.checks[0]).toMatchObject({ ok: true, skipped: true, message: "skipped: imports are read from Python, TS/JS, Go, Java, Kotlin, Rust, Ruby, C#, PHP, C/C++, Swift, Elixir and Dart files, and these are .hs, .lock" });
    expect(summarizeGate(gate)).toBe("architecture skipped");
  });

  it("reads a Swift module's imports: `import Report` of a later layer's Package.swift target is a violation, Foundation is not", async () => {
    const manifest = 'import PackageDescription\nlet package = Package(name: "Books", targets: [.target(name: "Ledger"), .target(name: "Report", path: "Sources/Reporting")])\n';
    const ctx = project(5, { "Package.swift": manifest, "Sources/Ledger/Journal.swift": "import Foundation\nimport Report\n", "Sources/Reporting/Report.swift": "" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => ({ ...m, files: m.id === "math" ? ["Sources/Ledger/"] : ["Sources/Reporting/Report.swift"] }));
    ctx.spec = { ...base, modules, root: ctx.root, projectFiles: ["Sources/Ledger/Journal.swift", "Sources/Reporting/Report.swift"] };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    // Before: skipped, "these are .swift".
    expect(gate.checks[0]).toMatchObject({ ok: false, violations: [{ file: "Sources/Ledger/Journal.swift", line: 2, specifier: "Report" }] });
    expect(gate.checks[0]!.skipped).toBeUndefined();
  });

  it("reads a PHP module's requires: `require_once __DIR__ . '/../report.php'` of a later layer's file is a violation", async () => {
    const ctx = project(5, { "lib/ledger/journal.php": "<?php require_once __DIR__ . '/../report.php';\n", "lib/report.php": "" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => ({ ...m, files: m.id === "math" ? ["lib/ledger/journal.php", "composer.lock"] : ["lib/report.php"] }));
    ctx.spec = { ...base, modules, root: ctx.root };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    expect(gate.checks[0]).toMatchObject({ ok: false, violations: [{ file: "lib/ledger/journal.php", line: 1, specifier: "../report.php" }] });
  });

  it("reads a Ruby module's requires: `require_relative '../report'` of a later layer's file is a violation", async () => {
    const ctx = project(5, { "lib/ledger/journal.rb": "require 'json'\nrequire_relative '../report'\n", "lib/report.rb": "" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => ({ ...m, files: m.id === "math" ? ["lib/ledger/journal.rb", "Gemfile.lock"] : ["lib/report.rb"] }));
    ctx.spec = { ...base, modules, root: ctx.root };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    expect(gate.checks[0]).toMatchObject({ ok: false, violations: [{ file: "lib/ledger/journal.rb", line: 2, specifier: "../report" }] });
  });

  it("reads a Rust module's imports: `use crate::report` of a later layer's module is a violation", async () => {
    const ctx = project(5, { "Cargo.toml": '[package]\nname = "ledger"\n', "src/lib.rs": "pub mod ledger;\npub mod report;\n", "src/ledger/mod.rs": "use crate::report::render;\n", "src/report.rs": "pub fn render() {}\n" });
    const base = tree(["math: core", "server: api"], ["core", "api"]);
    const modules = base.modules.map((m) => ({ ...m, files: m.id === "math" ? ["src/ledger/mod.rs", "src/lib.rs"] : ["src/report.rs"] }));
    ctx.spec = { ...base, modules, root: ctx.root };
    ctx.layerOrder = ["core", "api"];
    const gate = await runGate("module", "math", [{ name: "architecture", kind: "architecture" }], ctx);
    expect(gate.checks[0]).toMatchObject({ ok: false });
    expect(gate.checks[0]!.output).toContain("src/ledger/mod.rs:1");
  });

  it("skips review without a review agent, and otherwise takes the agent's verdict", async () => {
    const review: CheckConfig = { name: "review", kind: "review" };
    expect((await runGate("module", "math", [review], project())).checks[0]).toMatchObject({ ok: true, skipped: true, message: "skipped: no review agent" });

    const asked: string[] = [];
    const verdict = async (check: CheckConfig): Promise<CheckResult> => {
      asked.push(check.name);
      return { name: "ignored", kind: "command", blocking: false, ok: false, message: "naming is unclear", output: "journal.py:3 rename x", durationMs: 7 };
    };
    const gate = await runGate("module", "math", [review], { ...project(), review: verdict });
    expect(asked).toEqual(["review"]);
    expect(gate.ok).toBe(false);
    expect(gate.checks[0]).toMatchObject({ name: "review", kind: "review", blocking: true, ok: false, message: "naming is unclear", durationMs: 7 });

    const broken = await runGate("module", "math", [review], { ...project(), review: () => Promise.reject(new Error("model overloaded")) });
    expect(broken.checks[0]).toMatchObject({ ok: false, message: "review failed: model overloaded" });
  });
});
