import { makeCounts, sumCounts, tally } from "./counts.js";
import type { TestCounts } from "./types.js";

// ` Test Files  1 failed | 2 passed (3)` and `      Tests  2 failed | 5 passed | 1 skipped | 1 todo (9)`;
// no colon after the label, which is how they differ from Jest's. `Tests  no tests` when no file loaded.
const COUNTS = "\\d+ [a-z]+(?: \\| \\d+ [a-z]+)*";
const TESTS = new RegExp(`^ *Tests +(${COUNTS} \\(\\d+\\)|no tests)$`, "gm");
const FILES = new RegExp(`^ *Test Files +(${COUNTS}) \\(\\d+\\)$`, "gm");

/**
 * Vitest's summary. A file that fails to load is counted in `Test Files` only, so
 * failed is at least the number of failed files: a broken suite never reads as green.
 */
export function parseVitest(output: string): TestCounts | undefined {
  const tests = [...output.matchAll(TESTS)].map(([, list]) => tally(list!));
  if (tests.length === 0) return undefined;
  const files = [...output.matchAll(FILES)].map(([, list]) => tally(list!));
  const failedFiles = files.reduce((sum, n) => sum + (n["failed"] ?? 0), 0);
  const counts = sumCounts(
    "vitest",
    tests.map((n) => makeCounts("vitest", n["passed"] ?? 0, n["failed"] ?? 0, (n["skipped"] ?? 0) + (n["todo"] ?? 0))),
  );
  return failedFiles > counts.failed ? makeCounts("vitest", counts.passed, failedFiles, counts.skipped) : counts;
}
