import { makeCounts, sumCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// One per test binary and one for the doc-tests:
// `test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.10s`.
const RESULT = /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; \d+ measured; \d+ filtered out/gm;

/** `cargo test` (libtest): every `test result:` line summed; ignored tests count as skipped. */
export function parseCargoTest(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(RESULT)].map(([, passed, failed, ignored]) =>
    makeCounts("cargo", Number(passed), Number(failed), Number(ignored)),
  );
  return runs.length === 0 ? undefined : sumCounts("cargo", runs);
}
