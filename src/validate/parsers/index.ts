import { stripAnsi } from "./ansi.js";
import { parseCargoTest } from "./cargo-test.js";
import { looksLikeCobertura, readCobertura } from "./cobertura.js";
import { sumCounts } from "./counts.js";
import { parseCtest } from "./ctest.js";
import { parseDotnetTest } from "./dotnet-test.js";
import { looksLikeCoverageSummary, readCoverageSummary } from "./coverage-summary.js";
import { goTotals, istanbulTotals, nodeTotals, pythonTotals } from "./coverage-text.js";
import { parseGoTest } from "./go-test.js";
import { parseJest } from "./jest.js";
import { parseMinitest } from "./minitest.js";
import { looksLikeLcov, readLcov } from "./lcov.js";
import { parseNodeTest } from "./node-test.js";
import { parsePhpunit } from "./phpunit.js";
import { parsePytest } from "./pytest.js";
import { parseRspec } from "./rspec.js";
import { parseSurefire } from "./surefire.js";
import type { TestCounts, TestOutputParser } from "./types.js";
import { parseUnittest } from "./unittest.js";
import { parseVitest } from "./vitest.js";

export type { TestCounts, TestOutputParser } from "./types.js";

/** Each recognises only its own runner's summary, so they can all be asked. */
export const TEST_OUTPUT_PARSERS: readonly TestOutputParser[] = [
  parsePytest,
  parseUnittest,
  parseVitest,
  parseJest,
  parseNodeTest,
  parseGoTest,
  parseCargoTest,
  parseSurefire,
  parseRspec,
  parseMinitest,
  parseCtest,
  parseDotnetTest,
  parsePhpunit,
];

/**
 * Test counts from a command's output (ANSI codes stripped first); undefined when no known
 * runner's summary is in it. Where several runners ran (`npm test && pytest`), their counts
 * are summed and `runner` names them all, joined by `+`.
 */
export function parseTestOutput(output: string): TestCounts | undefined {
  const text = stripAnsi(output);
  const found = TEST_OUTPUT_PARSERS.map((parse) => parse(text)).filter((c): c is TestCounts => c !== undefined);
  if (found.length <= 1) return found[0];
  return sumCounts(found.map((c) => c.runner).join("+"), found);
}

/**
 * Percent of lines covered (0-100) from a command's output, or of statements where the
 * runner reports only those (coverage.py, go). Formats are tried in turn: istanbul's table,
 * node's table, coverage.py's TOTAL, go's per-package lines; several totals of the first
 * format found (go packages, several runs) give their unweighted mean.
 */
export function parseCoverageOutput(output: string): number | undefined {
  const text = stripAnsi(output);
  for (const read of [istanbulTotals, nodeTotals, pythonTotals, goTotals]) {
    const totals = read(text);
    if (totals.length > 0) return totals.reduce((a, b) => a + b, 0) / totals.length;
  }
  return undefined;
}

/**
 * Percent of lines covered from a coverage file: istanbul's `coverage-summary.json`,
 * Cobertura XML (`coverage.xml`, `cobertura-coverage.xml`) or `lcov.info`. The format is
 * told from the content, since names vary; `path` is not read and only names the file for callers.
 */
export function readCoverageFile(path: string, text: string): number | undefined {
  void path;
  if (looksLikeCoverageSummary(text)) return readCoverageSummary(text);
  if (looksLikeCobertura(text)) return readCobertura(text);
  if (looksLikeLcov(text)) return readLcov(text);
  return undefined;
}
