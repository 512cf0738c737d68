import type { TestCounts } from "./types.js";

export function makeCounts(runner: string, passed: number, failed: number, skipped: number): TestCounts {
  return { passed, failed, skipped, total: passed + failed + skipped, runner };
}

/** Adds counts up, e.g. one summary per package, test binary or runner. */
export function sumCounts(runner: string, parts: readonly TestCounts[]): TestCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const part of parts) {
    passed += part.passed;
    failed += part.failed;
    skipped += part.skipped;
  }
  return makeCounts(runner, passed, failed, skipped);
}

/** `{ passed: 2, failed: 1 }` from `"2 passed, 1 failed"`: every `<number> <word>` pair, words lower-cased. */
export function tally(list: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, n, word] of list.matchAll(/(\d+) ([A-Za-z]+)/g)) {
    const key = word!.toLowerCase();
    out[key] = (out[key] ?? 0) + Number(n);
  }
  return out;
}
