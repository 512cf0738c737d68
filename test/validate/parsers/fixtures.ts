import { readFileSync } from "node:fs";

/** Reads a captured runner output from test/fixtures/runners/. */
export const runnerOutput = (name: string): string =>
  readFileSync(new URL(`../../fixtures/runners/${name}`, import.meta.url), "utf8");

/** Reads a captured coverage file from test/fixtures/coverage/. */
export const coverageFile = (name: string): string =>
  readFileSync(new URL(`../../fixtures/coverage/${name}`, import.meta.url), "utf8");

type Counts = [passed: number, failed: number, skipped: number];

/**
 * Every captured runner output, with the runner that must recognise it and the counts
 * visible in that very output. All were captured by running the runner on a throwaway
 * project (see the report in test/fixtures/runners/README.md).
 */
export const RUNNER_FIXTURES: ReadonlyArray<{ file: string; runner: string; counts: Counts; unit?: "packages" }> = [
  // `3 passed, 1 skipped in 0.83s` (pytest 9.0.3)
  { file: "pytest-pass.txt", runner: "pytest", counts: [3, 0, 1] },
  // `2 failed, 2 passed, 1 skipped, 1 xfailed, 1 error` in colour: error -> failed, xfailed -> skipped
  { file: "pytest-fail.txt", runner: "pytest", counts: [2, 3, 2] },
  // the same run with -q: no `===` rule around the line
  { file: "pytest-fail-quiet.txt", runner: "pytest", counts: [2, 3, 2] },
  // pytest 7.2.1 + pytest-cov 4.0.0: `3 passed, 1 skipped`
  { file: "pytest-cov-pass.txt", runner: "pytest", counts: [3, 0, 1] },
  // `2 failed, 2 passed, 1 skipped, 1 xfailed, 1 error`
  { file: "pytest-cov-fail.txt", runner: "pytest", counts: [2, 3, 2] },
  // `Ran 4 tests` / `OK (skipped=1)`
  { file: "unittest-pass.txt", runner: "unittest", counts: [3, 0, 1] },
  { file: "unittest-pass-verbose.txt", runner: "unittest", counts: [3, 0, 1] },
  // `Ran 7 tests` / `FAILED (failures=1, errors=2, skipped=1, expected failures=1)`
  { file: "unittest-fail.txt", runner: "unittest", counts: [2, 3, 2] },
  // the same under `coverage run`, followed by `coverage report`
  { file: "unittest-coverage-fail.txt", runner: "unittest", counts: [2, 3, 2] },
  // `Tests  4 passed | 1 skipped | 1 todo (6)` (vitest 3.2.7)
  { file: "vitest-pass.txt", runner: "vitest", counts: [4, 0, 2] },
  // FORCE_COLOR=1: `Tests  2 failed | 5 passed | 1 skipped | 1 todo (9)`
  { file: "vitest-fail.txt", runner: "vitest", counts: [5, 2, 2] },
  { file: "vitest-coverage-pass.txt", runner: "vitest", counts: [4, 0, 2] },
  { file: "vitest-coverage-fail.txt", runner: "vitest", counts: [5, 2, 2] },
  // `Test Files  1 failed | 1 passed (2)` but `Tests  1 passed (1)`: the unloadable file fails
  { file: "vitest-import-error.txt", runner: "vitest", counts: [1, 1, 0] },
  // `Tests:       1 skipped, 1 todo, 4 passed, 6 total` (jest 29.7.0)
  { file: "jest-pass.txt", runner: "jest", counts: [4, 0, 2] },
  // FORCE_COLOR=1: `Tests:       2 failed, 1 skipped, 1 todo, 5 passed, 9 total`
  { file: "jest-fail.txt", runner: "jest", counts: [5, 2, 2] },
  { file: "jest-coverage-pass.txt", runner: "jest", counts: [4, 0, 2] },
  { file: "jest-coverage-fail.txt", runner: "jest", counts: [5, 2, 2] },
  // `Test Suites: 1 failed, 1 passed, 2 total` but `Tests:       1 passed, 1 total`
  { file: "jest-import-error.txt", runner: "jest", counts: [1, 1, 0] },
  // node 20.20.2, TAP (default off a terminal): `# pass 4`, `# fail 0`, `# skipped 1`, `# todo 1`
  { file: "node-pass.txt", runner: "node", counts: [4, 0, 2] },
  // spec reporter: `ℹ pass 4` ...
  { file: "node-spec-pass.txt", runner: "node", counts: [4, 0, 2] },
  // `# pass 5`, `# fail 2`, `# cancelled 0`, `# skipped 1`, `# todo 1`
  { file: "node-fail.txt", runner: "node", counts: [5, 2, 2] },
  // spec reporter with FORCE_COLOR=1, same run
  { file: "node-spec-fail.txt", runner: "node", counts: [5, 2, 2] },
  { file: "node-coverage-pass.txt", runner: "node", counts: [4, 0, 2] },
  { file: "node-spec-coverage-pass.txt", runner: "node", counts: [4, 0, 2] },
  { file: "node-coverage-fail.txt", runner: "node", counts: [5, 2, 2] },
  // go 1.19.8 without -v: `ok` calc, `ok` text, `?` cmd [no test files] -> packages
  { file: "go-pass.txt", runner: "go", counts: [2, 0, 0], unit: "packages" },
  // `FAIL example.com/demo/calc`, `ok example.com/demo/text`
  { file: "go-fail.txt", runner: "go", counts: [1, 1, 0], unit: "packages" },
  // -v: top-level PASS TestAdd, TestDiv, TestTable, TestShout; SKIP TestLater
  { file: "go-verbose-pass.txt", runner: "go", counts: [4, 0, 1] },
  // -v: FAIL TestAddWrong, TestSizes (its subtest small failed); the rest as above
  { file: "go-verbose-fail.txt", runner: "go", counts: [4, 2, 1] },
  { file: "go-cover-pass.txt", runner: "go", counts: [2, 0, 0], unit: "packages" },
  { file: "go-cover-fail.txt", runner: "go", counts: [1, 1, 0], unit: "packages" },
  // cargo 1.95.0: lib 2 passed 1 ignored, tests/api.rs 1 passed, doc-tests 2 passed
  { file: "cargo-pass.txt", runner: "cargo", counts: [5, 0, 1] },
  // stops after the lib binary: 2 passed; 1 failed; 1 ignored
  { file: "cargo-fail.txt", runner: "cargo", counts: [2, 1, 1] },
  // --no-fail-fast, coloured: lib 2/1/1, tests/api.rs 1/1/0, doc-tests 1/1/0
  { file: "cargo-fail-no-fail-fast.txt", runner: "cargo", counts: [4, 3, 1] },
  // Written in the runners' formats, not captured (see README.md): totals after `Results:`, the per-class lines left out
  { file: "surefire-fail.txt", runner: "surefire", counts: [2, 2, 1] },
  // `5 examples, 1 failure, 1 pending`
  { file: "rspec-fail.txt", runner: "rspec", counts: [3, 1, 1] },
  // `5 runs, 7 assertions, 1 failures, 1 errors, 1 skips`
  { file: "minitest-fail.txt", runner: "minitest", counts: [2, 2, 1] },
  // cmake 3.25.1 configure + build + `ctest --output-on-failure`: `100% tests passed, 0 tests failed out of 3`, test_flash skipped
  { file: "ctest-pass.txt", runner: "ctest", counts: [2, 0, 1] },
  // `67% tests passed, 1 tests failed out of 3`, test_flash under `The following tests did not run:`
  { file: "ctest-fail.txt", runner: "ctest", counts: [1, 1, 1] },
  // Written in the runner's format, not captured (no .NET here): VSTest's line per assembly, 1/3/1 and 0/2/0
  { file: "dotnet-fail.txt", runner: "dotnet", counts: [5, 1, 1] },
  // .NET Core 3.1's `Total tests: 4` block
  { file: "dotnet-fail-netcore31.txt", runner: "dotnet", counts: [2, 1, 1] },
  // Microsoft.Testing.Platform's `Test run summary:`
  { file: "dotnet-mtp-fail.txt", runner: "dotnet", counts: [3, 1, 1] },
  // Written in the runners' formats, not captured (no PHP here): `Tests: 6, Assertions: 7, Errors: 1, Failures: 1, Skipped: 1.`
  { file: "phpunit-fail.txt", runner: "phpunit", counts: [3, 2, 1] },
  // `OK (4 tests, 5 assertions)`
  { file: "phpunit-pass.txt", runner: "phpunit", counts: [4, 0, 0] },
  // Pest: `Tests:    1 failed, 1 skipped, 3 passed (4 assertions)`
  { file: "pest-fail.txt", runner: "pest", counts: [3, 1, 1] },
];
