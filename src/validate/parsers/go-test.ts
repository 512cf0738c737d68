import { makeCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// `--- PASS: TestAdd (0.00s)` at the start of a line is a top-level test; subtests are indented.
const TEST = /^--- (PASS|FAIL|SKIP): /gm;
// `ok  \texample.com/demo/calc\t0.004s`, `FAIL\texample.com/demo/calc\t0.002s`,
// `FAIL\texample.com/demo/x [build failed]`; tabs and spaces, never a newline, inside.
const PACKAGE = /^(ok|FAIL)[ \t]+\S+[ \t]+(?:\d+(?:\.\d+)?s|\(cached\)|\[[a-z ]+\])/gm;
const BROKEN_PACKAGE = /^FAIL[ \t]+\S+[ \t]+\[(?:build|setup) failed\]/gm;

/**
 * `go test` over one or more packages. With `-v` (`=== RUN` lines) the counts are top-level
 * tests, subtests left out so that a failing subtest and its parent count once; a package
 * that fails to build adds one failure. Without `-v` go prints one line per package and no
 * passing test names, so the counts are packages (`unit`): `ok` passed, `FAIL` failed.
 */
export function parseGoTest(output: string): TestCounts | undefined {
  if (/^=== RUN /m.test(output)) {
    const n: Record<string, number> = { PASS: 0, FAIL: 0, SKIP: 0 };
    for (const [, status] of output.matchAll(TEST)) n[status!]! += 1;
    const broken = [...output.matchAll(BROKEN_PACKAGE)].length;
    return makeCounts("go", n["PASS"]!, n["FAIL"]! + broken, n["SKIP"]!);
  }
  const packages = [...output.matchAll(PACKAGE)];
  if (packages.length === 0) return undefined;
  const failed = packages.filter(([, status]) => status === "FAIL").length;
  return { ...makeCounts("go", packages.length - failed, failed, 0), unit: "packages" };
}
