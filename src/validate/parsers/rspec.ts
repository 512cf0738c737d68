import { makeCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// `12 examples, 2 failures, 1 pending`; `, 1 error occurred outside of examples` may follow.
const SUMMARY = /^(\d+) examples?, (\d+) failures?(?:, (\d+) pending)?(?:, (\d+) errors? occurred outside of examples)?\s*$/m;

/** RSpec's summary line; errors outside examples (a file that fails to load) count as failures. */
export function parseRspec(output: string): TestCounts | undefined {
  const m = SUMMARY.exec(output);
  if (!m) return undefined;
  const [examples, failures, pending, outside] = [m[1], m[2], m[3], m[4]].map((n) => Number(n ?? 0)) as [number, number, number, number];
  return makeCounts("rspec", examples - failures - pending, failures + outside, pending);
}
