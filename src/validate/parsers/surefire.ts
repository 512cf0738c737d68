import { makeCounts, sumCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// Maven Surefire's totals after `Results:`: `[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0`.
// A line going on with `, Time elapsed` is one class's and is already in the totals.
const TOTAL = /^(?:\[(?:INFO|WARNING|ERROR)\] )?Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)\s*$/gm;

/** Maven Surefire and Failsafe (JUnit, TestNG): each module's totals summed; errors count as failures. */
export function parseSurefire(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(TOTAL)].map(([, run, failures, errors, skipped]) => {
    const failed = Number(failures) + Number(errors);
    return makeCounts("surefire", Number(run) - failed - Number(skipped), failed, Number(skipped));
  });
  return runs.length === 0 ? undefined : sumCounts("surefire", runs);
}
