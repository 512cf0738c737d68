import { makeCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// Minitest (and Rails' `bin/rails test`): `5 runs, 9 assertions, 1 failures, 1 errors, 1 skips`.
const SUMMARY = /^(\d+) (?:runs|tests), \d+ assertions, (\d+) failures, (\d+) errors, (\d+) skips\s*$/m;

/** Minitest's summary line; errors count as failures. */
export function parseMinitest(output: string): TestCounts | undefined {
  const m = SUMMARY.exec(output);
  if (!m) return undefined;
  const [runs, failures, errors, skips] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  return makeCounts("minitest", runs - failures - errors - skips, failures + errors, skips);
}
