import { describe, expect, it } from "vitest";
import { expandCheckCommand, expandPath, formatPercent, formatTests, tail } from "../../src/validate/command.js";
import { formatGateFailure, summarizeGate } from "../../src/validate/format.js";
import type { CheckResult, GateResult } from "../../src/validate/types.js";

const result = (checks: Partial<CheckResult>[], extra: Partial<GateResult> = {}): GateResult => ({
  level: "module",
  target: "journal",
  ok: false,
  durationMs: 5,
  checks: checks.map((c) => ({ name: "x", kind: "command", blocking: true, ok: true, message: "exit 0", durationMs: 1, ...c })),
  ...extra,
});

describe("expandCheckCommand", () => {
  it("replaces {module}, {layer} and {files} with variable references, and leaves ${module} to the shell", () => {
    const vars = { module: "order book", layer: "core", files: ["src/a.py", "it's.py"] };
    expect(expandCheckCommand("pytest {files} -k {module} --layer={layer} ${module}", vars)).toEqual({
      command: 'pytest "${ORCHESTRATE_FILE_1}" "${ORCHESTRATE_FILE_2}" -k "${ORCHESTRATE_MODULE}" --layer="${ORCHESTRATE_LAYER}" ${module}',
      env: {
        ORCHESTRATE_MODULE: "order book",
        ORCHESTRATE_LAYER: "core",
        ORCHESTRATE_FILES: "src/a.py it's.py",
        ORCHESTRATE_FILE_1: "src/a.py",
        ORCHESTRATE_FILE_2: "it's.py",
      },
    });
    expect(expandCheckCommand("echo {module}{files}", { files: [] }).command).toBe('echo "${ORCHESTRATE_MODULE}"');
    expect(expandPath("coverage/{module}/lcov.info", { module: "order book", files: [] })).toBe("coverage/order book/lcov.info");
  });
});

describe("formatting", () => {
  it("shows tests as passed/total and percents rounded down", () => {
    expect(formatTests({ passed: 23, failed: 0, skipped: 0, total: 23, runner: "pytest" })).toBe("tests 23/23");
    expect(formatTests({ passed: 20, failed: 1, skipped: 2, total: 23, runner: "pytest" })).toBe("tests 20/23 (1 failed, 2 skipped)");
    // go test without -v names no test: what it counted were packages (before: `tests 9/9` for 9 packages of 16 tests).
    expect(formatTests({ passed: 8, failed: 1, skipped: 0, total: 9, runner: "go", unit: "packages" })).toBe("packages 8/9 (1 failed)");
    expect([87, 87.46, 79.96, 100].map(formatPercent)).toEqual(["87%", "87.4%", "79.9%", "100%"]);
  });

  it("keeps the last 60 lines and 8 KB of output, saying how much was left out", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    expect(tail(lines.join("\n") + "\n\n")).toBe(["[40 earlier lines not shown]", ...lines.slice(40)].join("\n"));
    const wide = Array.from({ length: 50 }, (_, i) => `${i}:${"x".repeat(400)}`).join("\n");
    const kept = tail(wide);
    expect(Buffer.byteLength(kept)).toBeLessThan(8 * 1024 + 64);
    expect(kept.split("\n")[1]).toMatch(/^\d+:x+$/); // whole lines only
    expect(kept.endsWith(`49:${"x".repeat(400)}`)).toBe(true);
    expect(tail("")).toBe("");
  });
});

describe("formatGateFailure", () => {
  it("lists each failed blocking check with its output verbatim, then failed warnings", () => {
    const output = "FAILED tests/test_journal.py::test_balance - AssertionError: 1 != 2\n```not a fence end```";
    const text = formatGateFailure(
      result([
        { name: "tests", ok: false, message: "exit 1, tests 21/23 (2 failed)", output },
        { name: "architecture", kind: "architecture", message: "no violations" },
        { name: "lint", ok: false, blocking: false, message: "exit 1", output: "E501 line too long" },
      ]),
    );
    expect(text).toBe(
      [
        "The module gate for `journal` failed: 1 of 3 checks did not pass.",
        "",
        "### tests (command): exit 1, tests 21/23 (2 failed)",
        "````",
        output,
        "````",
        "",
        "Warnings (not blocking):",
        "",
        "### lint (command): exit 1",
        "```",
        "E501 line too long",
        "```",
      ].join("\n"),
    );
  });

  it("writes the paths of the folder the gate ran in relative to it, since the retry works in another worktree", () => {
    const dir = "/p/.orchestrate/worktrees/r1/stats-1";
    const output = [
      `-- Build files have been written to: ${dir}/build`,
      `${dir}/services/src/stats.cpp:38:24: error: 'readngs' was not declared in this scope`,
      `cd ${dir} && make`,
      "/p/.orchestrate/worktrees/r1/stats-12/x.cpp:1: not this one",
    ].join("\n");
    const text = formatGateFailure(result([{ name: "tests", ok: false, message: "exit 2, does not compile", output }], { target: "stats" }), dir);
    expect(text).toContain(
      [
        "-- Build files have been written to: build",
        "services/src/stats.cpp:38:24: error: 'readngs' was not declared in this scope",
        "cd . && make",
        "/p/.orchestrate/worktrees/r1/stats-12/x.cpp:1: not this one",
      ].join("\n"),
    );
    expect(formatGateFailure(result([{ name: "tests", ok: false, output }]))).toContain(`${dir}/services/src/stats.cpp:38:24`);
  });

  it("says when the gate was cancelled", () => {
    expect(formatGateFailure(result([], { cancelled: true, level: "system", target: "system" }))).toBe("The system gate was cancelled before it finished.");
  });
});

describe("summarizeGate", () => {
  it("shows what passing commands measured and names the rest", () => {
    const line = summarizeGate(
      result([
        { name: "tests", message: "tests 23/23, coverage 87%", tests: { passed: 23, failed: 0, skipped: 0, total: 23, runner: "pytest" }, coverage: 87 },
        { name: "build", message: "exit 0" },
        { name: "architecture", kind: "architecture", message: "no violations" },
        { name: "review", kind: "review", message: "skipped: no review agent", skipped: true },
      ]),
    );
    expect(line).toBe("tests 23/23, coverage 87%, build ok, architecture ok, review skipped");
  });

  it("marks failed and warning checks, and a cancelled gate", () => {
    const line = summarizeGate(
      result(
        [
          { name: "tests", ok: false, message: "exit 1, tests 21/23 (2 failed)" },
          { name: "coverage", kind: "coverage", ok: false, blocking: false, message: "coverage 72%, below min 80% (from tests)" },
        ],
        { cancelled: true },
      ),
    );
    expect(line).toBe("tests failed (exit 1, tests 21/23 (2 failed)), coverage warning (coverage 72%, below min 80% (from tests)), cancelled");
    expect(summarizeGate(result([]))).toBe("no checks");
  });
});
