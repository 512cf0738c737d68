import { makeCounts, sumCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// `67% tests passed, 1 tests failed out of 3` (`100% tests passed, 0 tests failed out of 2`).
const SUMMARY = /^\d+% tests passed, (\d+) tests? failed out of (\d+)\s*$/gm;
// After it, the tests that did not run: `\t  3 - test_flash (Skipped)`, `(Disabled)`; a test
// whose executable is missing is `(Not Run)` among the failed ones instead.
const NOT_RUN = /^The following tests did not run:\n((?:[ \t]+\d+ - .*\n?)+)/gm;

/**
 * CTest's summary; each run's tests that did not run (skipped, disabled) count as skipped,
 * which CTest counts among the passed in its percentage. Several runs are summed.
 */
export function parseCtest(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(SUMMARY)];
  if (runs.length === 0) return undefined;
  const skipped = [...output.matchAll(NOT_RUN)].reduce((n, [, list]) => n + list!.trimEnd().split("\n").length, 0);
  const counts = runs.map(([, failed, total]) => makeCounts("ctest", Number(total) - Number(failed), Number(failed), 0));
  const sum = sumCounts("ctest", counts);
  const kept = Math.min(skipped, sum.passed);
  return makeCounts("ctest", sum.passed - kept, sum.failed, kept);
}

// `The following tests FAILED:` then `\t  2 - test_div (Failed)`, `\t  4 - test_io (SEGFAULT)`.
const FAILED = /^The following tests FAILED:\n((?:[ \t]+\d+ - .*\n?)+)/gm;

/** The names of the tests CTest lists as failed. */
export function ctestFailures(output: string): string[] {
  const names: string[] = [];
  for (const [, list] of output.matchAll(FAILED)) {
    for (const line of list!.trimEnd().split("\n")) {
      const name = /^[ \t]+\d+ - (.+?) \([^()]*\)\s*$/.exec(line)?.[1];
      if (name) names.push(name);
    }
  }
  return names;
}
