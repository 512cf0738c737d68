import { makeCounts, sumCounts, tally } from "./counts.js";
import type { TestCounts } from "./types.js";

// `Tests:       2 failed, 1 skipped, 1 todo, 5 passed, 9 total` (or just `Tests:       0 total`)
// and `Test Suites: 1 failed, 2 passed, 3 total`.
const TESTS = /^Tests: +(?:(.*), )?\d+ total$/gm;
const SUITES = /^Test Suites: +(?:(.*), )?\d+ total$/gm;

/**
 * Jest's summary. A suite that fails to run is counted in `Test Suites` only, so
 * failed is at least the number of failed suites.
 */
export function parseJest(output: string): TestCounts | undefined {
  const tests = [...output.matchAll(TESTS)].map(([, list]) => tally(list ?? ""));
  if (tests.length === 0) return undefined;
  const suites = [...output.matchAll(SUITES)].map(([, list]) => tally(list ?? ""));
  const failedSuites = suites.reduce((sum, n) => sum + (n["failed"] ?? 0), 0);
  const counts = sumCounts(
    "jest",
    tests.map((n) => makeCounts("jest", n["passed"] ?? 0, n["failed"] ?? 0, (n["skipped"] ?? 0) + (n["todo"] ?? 0))),
  );
  return failedSuites > counts.failed ? makeCounts("jest", counts.passed, failedSuites, counts.skipped) : counts;
}
