import { makeCounts, sumCounts, tally } from "./counts.js";
import type { TestCounts } from "./types.js";

// `OK (10 tests, 12 assertions)`, or after `FAILURES!`, `ERRORS!` or `OK, but ...`:
// `Tests: 10, Assertions: 12, Errors: 1, Failures: 1, Skipped: 1, Incomplete: 1, Risky: 1.`
const OK = /^OK \((\d+) tests?, \d+ assertions?\)\s*$/gm;
const TOTALS = /^Tests: (\d+), Assertions: \d+((?:, [A-Za-z ]+: \d+)*)\.\s*$/gm;
// Pest: `  Tests:    1 failed, 1 skipped, 3 passed (5 assertions)`.
const PEST = /^ *Tests: +((?:\d+ [a-z]+(?:, )?)+) \(\d+ assertions?\)\s*$/gm;

/**
 * PHPUnit's closing lines (and Pest's): errors count as failed, skipped and incomplete tests as
 * skipped; warnings, deprecations and notices are issues of tests that ran, not tests.
 */
export function parsePhpunit(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(OK)].map(([, tests]) => makeCounts("phpunit", Number(tests), 0, 0));
  for (const [, tests, list] of output.matchAll(TOTALS)) {
    const n = tally((list ?? "").replace(/([A-Za-z][A-Za-z ]*): (\d+)/g, "$2 $1"));
    const failed = (n["failures"] ?? 0) + (n["errors"] ?? 0);
    const skipped = (n["skipped"] ?? 0) + (n["incomplete"] ?? 0);
    runs.push(makeCounts("phpunit", Number(tests) - failed - skipped, failed, skipped));
  }
  for (const [, list] of output.matchAll(PEST)) {
    const n = tally(list!);
    const failed = n["failed"] ?? 0;
    const skipped = (n["skipped"] ?? 0) + (n["todo"] ?? 0) + (n["todos"] ?? 0) + (n["incomplete"] ?? 0);
    const all = Object.values(n).reduce((a, b) => a + b, 0);
    runs.push(makeCounts("pest", all - failed - skipped, failed, skipped));
  }
  if (runs.length === 0) return undefined;
  return sumCounts(runs.some((r) => r.runner === "pest") ? "pest" : "phpunit", runs);
}
