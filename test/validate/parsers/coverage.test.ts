import { describe, expect, it } from "vitest";
import { parseCoverageOutput, readCoverageFile } from "../../../src/validate/parsers/index.js";
import { coverageFile, RUNNER_FIXTURES, runnerOutput } from "./fixtures.js";

// The total visible in each captured output.
const OUTPUT_COVERAGE: ReadonlyArray<[file: string, percent: number]> = [
  ["pytest-cov-pass.txt", 70], // TOTAL 10 3 70%
  ["pytest-cov-fail.txt", 60], // TOTAL 10 4 60%
  ["unittest-coverage-fail.txt", (24 / 29) * 100], // coverage report: TOTAL 29 5 83%
  ["vitest-coverage-pass.txt", 66.66], // All files | 66.66 | 100 | 60 | 66.66 |
  ["vitest-coverage-fail.txt", 80.95], // All files | 80.95 | 83.33 | 80 | 80.95 |
  ["jest-coverage-pass.txt", 63.63], // All files | 63.63 | 50 | 60 | 63.63 |
  ["jest-coverage-fail.txt", 81.81], // All files | 81.81 | 75 | 80 | 81.81 |
  ["node-coverage-pass.txt", 84], // # all files | 84.00 | 100.00 | 75.00 |
  ["node-spec-coverage-pass.txt", 84], // ℹ all files | 84.00 | ...
  ["node-coverage-fail.txt", 93.85], // # all files | 93.85 | 95.24 | 87.50 |
  ["go-cover-pass.txt", (57.1 + 50) / 2], // calc 57.1%, text 50.0%
  ["go-cover-fail.txt", (100 + 50) / 2], // calc 100.0% (on a line of its own), text 50.0%
];

describe("parseCoverageOutput on captured runner output", () => {
  it.each(OUTPUT_COVERAGE)("%s -> %d", (file, percent) => {
    expect(parseCoverageOutput(runnerOutput(file))).toBeCloseTo(percent, 2);
  });

  it("returns undefined where no coverage was printed", () => {
    const withCoverage = new Set(OUTPUT_COVERAGE.map(([file]) => file));
    for (const { file } of RUNNER_FIXTURES.filter((f) => !withCoverage.has(f.file))) {
      expect(parseCoverageOutput(runnerOutput(file)), file).toBeUndefined();
    }
    expect(parseCoverageOutput("coverage is great\nTOTAL: 3 items\n")).toBeUndefined();
  });

  it("reads the lines column of coverage.py's report with --branch", () => {
    const report = ["Name    Stmts   Miss Branch BrPart  Cover", "TOTAL      40     10     8      4    73%"].join("\n");
    expect(parseCoverageOutput(report)).toBe(75);
  });
});

// Lines covered over lines found, as written in each captured file.
const FILE_COVERAGE: ReadonlyArray<[file: string, percent: number]> = [
  ["vitest-lcov.info", (14 / 21) * 100], // LH 10+4, LF 15+6
  ["vitest-coverage-summary.json", (14 / 21) * 100], // total.lines 14 of 21
  ["jest-lcov.info", (7 / 11) * 100], // LH 5+2, LF 8+3
  ["jest-coverage-summary.json", (7 / 11) * 100], // total.lines 7 of 11
  ["jest-cobertura-coverage.xml", (7 / 11) * 100], // lines-covered="7" lines-valid="11"
  ["coveragepy-coverage.xml", (24 / 29) * 100], // lines-covered="24" lines-valid="29"
  ["coveragepy-lcov.info", (24 / 29) * 100], // LH 6+18, LF 10+19
  ["node-lcov.info", 84], // LH 12+5+17+8, LF 17+7+18+8
];

describe("readCoverageFile on captured coverage files", () => {
  it.each(FILE_COVERAGE)("%s -> %d", (file, percent) => {
    expect(readCoverageFile(file, coverageFile(file))).toBeCloseTo(percent, 6);
  });

  it("detects the format by content, whatever the file is called", () => {
    expect(readCoverageFile("report.txt", coverageFile("coveragepy-coverage.xml"))).toBeCloseTo((24 / 29) * 100, 6);
    expect(readCoverageFile("coverage.xml", coverageFile("jest-lcov.info"))).toBeCloseTo((7 / 11) * 100, 6);
  });

  it("falls back to line-rate when cobertura has no line counts", () => {
    expect(readCoverageFile("coverage.xml", '<coverage line-rate="0.875" branch-rate="0">')).toBe(87.5);
  });

  it("falls back to statements when the summary has no lines", () => {
    expect(readCoverageFile("s.json", '{"total":{"statements":{"total":4,"covered":3,"pct":75}}}')).toBe(75);
  });

  it("returns undefined for anything else", () => {
    for (const text of ["", "{not json", '{"total":{"lines":{"total":0,"covered":0,"pct":"Unknown"}}}', "hello\n", "[]"]) {
      expect(readCoverageFile("x", text), text).toBeUndefined();
    }
  });
});
