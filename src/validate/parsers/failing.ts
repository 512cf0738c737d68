import { stripAnsi } from "./ansi.js";
import { ctestFailures } from "./ctest.js";

/**
 * The lines that name one failed test, a pattern per runner; the first group is the name as the
 * runner writes it, which stays the same from one run to the next (what `gate:base` compares).
 */
const FAILED_TEST: readonly RegExp[] = [
  // unittest: `FAIL: test_total (tests.test_cart.CartTest.test_total)`, `ERROR: ...`.
  /^(?:FAIL|ERROR): (\S+ \([^)\n]+\))$/gm,
  // pytest's short summary: `FAILED tests/test_cart.py::test_total - assert 1 == 2`.
  /^(?:FAILED|ERROR) (\S+::\S+)/gm,
  // go test: `--- FAIL: TestTotal (0.00s)`, subtests indented.
  /^\s*--- FAIL: (\S+)/gm,
  // cargo test: `test cart::tests::total ... FAILED`.
  /^test (\S+) \.\.\. FAILED$/gm,
  // node's test runner and other TAP: `not ok 3 - total`.
  /^\s*not ok \d+ - (.+?)\s*$/gm,
  // vitest: ` FAIL  test/cart.test.ts > cart > total`.
  /^\s*FAIL\s+(\S+ > .+?)\s*$/gm,
  // RSpec: `rspec ./spec/cart_spec.rb:12 # Cart totals`.
  /^rspec (\S+)/gm,
  // jest: `  ● cart › total`.
  /^\s*● (.+? › .+?)\s*$/gm,
  // Maven Surefire: `[ERROR] com.acme.MoneyTest.adds -- Time elapsed: 0.007 s <<< FAILURE!`.
  /^\[ERROR\] (\S+) -- Time elapsed: .* <<< (?:FAILURE|ERROR)!$/gm,
  // minitest: `  1) Failure:` then `MoneyTest#test_add [test/money_test.rb:8]:`.
  /^\s*\d+\) (?:Failure|Error):\n(\S+?#\S+?)(?: \[.*\])?:$/gm,
  // PHPUnit and Pest: `1) App\Tests\CartTest::testTotal`.
  /^\d+\) (\S+::\S+)$/gm,
  // dotnet test: `  Failed Shop.Tests.MoneyTests.Adds [12 ms]`.
  /^\s*Failed (\S+) \[[^\]]*\]$/gm,
];

/**
 * The names of the failed tests a runner's output lists, sorted, each once; none when no known
 * runner lists its failures there (or they were cut from a long output's tail).
 */
export function failingTests(output: string): string[] {
  const text = stripAnsi(output);
  const names = new Set<string>(ctestFailures(text));
  for (const pattern of FAILED_TEST) for (const match of text.matchAll(pattern)) names.add(match[1]!);
  return [...names].sort();
}
