import { makeCounts, sumCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// `Ran 7 tests in 0.001s`, a blank line, then `OK`, `OK (skipped=1)`,
// `FAILED (failures=1, errors=2, skipped=1, expected failures=1)` or `NO TESTS RAN`.
const SUMMARY = /^Ran (\d+) tests? in \d+(?:\.\d+)?s\n+(OK|FAILED|NO TESTS RAN)(?: \(([^)\n]*)\))?$/gm;

function details(list: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, key, n] of list.matchAll(/([a-z ]+)=(\d+)/g)) out[key!.trim()] = Number(n);
  return out;
}

/**
 * Python unittest's closing lines. Errors and unexpected successes count as failed
 * (both make `wasSuccessful()` false); expected failures count as skipped.
 */
export function parseUnittest(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(SUMMARY)].map(([, ran, , list]) => {
    const d = details(list ?? "");
    const failed = (d["failures"] ?? 0) + (d["errors"] ?? 0) + (d["unexpected successes"] ?? 0);
    const skipped = (d["skipped"] ?? 0) + (d["expected failures"] ?? 0);
    return makeCounts("unittest", Number(ran) - failed - skipped, failed, skipped);
  });
  return runs.length === 0 ? undefined : sumCounts("unittest", runs);
}
