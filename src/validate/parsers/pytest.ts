import { makeCounts, sumCounts, tally } from "./counts.js";
import type { TestCounts } from "./types.js";

// The closing line, with or without the `===` rule (`-q`):
// `==== 2 failed, 2 passed, 1 skipped, 1 xfailed, 1 error in 0.65s ====`, `no tests ran in 0.01s`.
const OUTCOME = "passed|failed|skipped|deselected|xfailed|xpassed|errors?|warnings?|rerun";
const SUMMARY = new RegExp(
  `^=*[ ]?((?:\\d+ (?:${OUTCOME})(?:, )?)+|no tests ran) in \\d+(?:\\.\\d+)?s\\b.*$`,
  "gm",
);

/**
 * pytest's closing line. An error (in a fixture or at collection) counts as failed;
 * xfailed counts as skipped and xpassed as passed, as pytest's exit code sees them.
 */
export function parsePytest(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(SUMMARY)].map(([, list]) => {
    const n = tally(list!);
    const failed = (n["failed"] ?? 0) + (n["error"] ?? 0) + (n["errors"] ?? 0);
    return makeCounts("pytest", (n["passed"] ?? 0) + (n["xpassed"] ?? 0), failed, (n["skipped"] ?? 0) + (n["xfailed"] ?? 0));
  });
  return runs.length === 0 ? undefined : sumCounts("pytest", runs);
}
