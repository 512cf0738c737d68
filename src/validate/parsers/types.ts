/**
 * Test counts read from a runner's output. `total` is always
 * `passed + failed + skipped`, so the three parts account for every test counted.
 */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  /** Which parser read the counts (`"vitest"`, `"go"`, ...); `"pytest+vitest"` when several did. */
  runner: string;
  /** What was counted, when not tests: `go test` without `-v` prints one line a package and no test names. */
  unit?: "packages";
}

/** Reads one runner's summary from ANSI-free output; undefined when the output is not that runner's. */
export type TestOutputParser = (output: string) => TestCounts | undefined;
