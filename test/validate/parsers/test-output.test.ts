import { describe, expect, it } from "vitest";
import { stripAnsi } from "../../../src/validate/parsers/ansi.js";
import { ctestFailures } from "../../../src/validate/parsers/ctest.js";
import { parseTestOutput, TEST_OUTPUT_PARSERS } from "../../../src/validate/parsers/index.js";
import { RUNNER_FIXTURES, runnerOutput } from "./fixtures.js";

describe("parseTestOutput on captured runner output", () => {
  it.each(RUNNER_FIXTURES)("$file -> $runner $counts", ({ file, runner, counts, unit }) => {
    const [passed, failed, skipped] = counts;
    expect(parseTestOutput(runnerOutput(file))).toEqual({
      passed,
      failed,
      skipped,
      total: passed + failed + skipped,
      runner,
      ...(unit && { unit }),
    });
  });
});

describe("runner detection", () => {
  it.each(RUNNER_FIXTURES)("only the $runner parser recognises $file", ({ file, runner }) => {
    const text = stripAnsi(runnerOutput(file));
    const recognised = TEST_OUTPUT_PARSERS.map((parse) => parse(text)?.runner).filter((r) => r !== undefined);
    expect(recognised).toEqual([runner]);
  });

  it("returns undefined for output of no known runner", () => {
    const unrelated = [
      "",
      "src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n",
      "Build succeeded in 1.2s\nAll 3 files passed lint.\n",
      "npm ERR! Missing script: \"test\"\n",
      "FAIL\nok\n=== summary ===\nTests: none\n",
    ];
    for (const text of unrelated) expect(parseTestOutput(text)).toBeUndefined();
  });

  it("strips ANSI codes before parsing", () => {
    for (const file of ["pytest-fail.txt", "vitest-fail.txt", "jest-fail.txt", "node-spec-fail.txt", "cargo-fail-no-fail-fast.txt"]) {
      const raw = runnerOutput(file);
      expect(raw).toContain("\x1b[");
      expect(stripAnsi(raw)).not.toContain("\x1b");
    }
  });

  it("sums the counts of several runners in one output", () => {
    const output = runnerOutput("jest-pass.txt") + runnerOutput("pytest-fail.txt");
    expect(parseTestOutput(output)).toEqual({ passed: 6, failed: 3, skipped: 4, total: 13, runner: "pytest+jest" });
  });

  it("sums several runs of one runner", () => {
    const output = runnerOutput("unittest-pass.txt") + "\n" + runnerOutput("unittest-fail.txt");
    expect(parseTestOutput(output)).toMatchObject({ passed: 5, failed: 3, skipped: 3, runner: "unittest" });
  });

  it("reads CRLF line endings", () => {
    expect(parseTestOutput(runnerOutput("cargo-pass.txt").replace(/\n/g, "\r\n"))).toMatchObject({ passed: 5, skipped: 1 });
  });
});

describe("ctestFailures", () => {
  it("names the tests CTest lists as failed, not those that did not run", () => {
    expect(ctestFailures(runnerOutput("ctest-fail.txt"))).toEqual(["test_div"]);
    expect(ctestFailures(runnerOutput("ctest-pass.txt"))).toEqual([]);
    expect(ctestFailures("The following tests FAILED:\n\t  1 - parse json (SEGFAULT)\n\t  3 - io (Not Run)\n")).toEqual(["parse json", "io"]);
  });
});
