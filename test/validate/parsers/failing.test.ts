import { describe, expect, it } from "vitest";
import { failingTests } from "../../../src/validate/parsers/failing.js";
import { RUNNER_FIXTURES, runnerOutput } from "./fixtures.js";

/** The failed tests each captured failing output lists, as the runner names them. */
const FAILED: Record<string, string[]> = {
  "pytest-fail.txt": ["test_calc.py::test_add_wrong", "test_calc.py::test_error", "test_calc.py::test_needs_db"],
  "pytest-fail-quiet.txt": ["test_calc.py::test_add_wrong", "test_calc.py::test_error", "test_calc.py::test_needs_db"],
  "unittest-fail.txt": ["test_add_wrong (test_calc.CalcTest.test_add_wrong)", "test_error (test_calc.CalcTest.test_error)", "test_error_again (test_calc.CalcTest.test_error_again)"],
  "vitest-fail.txt": ["test/broken.test.js > broken > adds wrong", "test/broken.test.js > broken > throws"],
  "jest-fail.txt": ["broken › adds wrong", "broken › throws"],
  "node-fail.txt": ["adds wrong", "broken", "throws"],
  "go-fail.txt": ["TestAddWrong", "TestSizes", "TestSizes/small"],
  "cargo-fail.txt": ["tests::adds_wrong"],
  "surefire-fail.txt": ["com.acme.shop.cart.CartTest.total", "com.acme.shop.money.MoneyTest.adds"],
  "rspec-fail.txt": ["./spec/shop/cart_spec.rb:7"],
  "minitest-fail.txt": ["CartTest#test_total", "MoneyTest#test_add"],
  "ctest-fail.txt": ["test_div"],
  "dotnet-fail.txt": ["Shop.Domain.Tests.MoneyTests.Adds"],
  "phpunit-fail.txt": ["App\\Tests\\Domain\\CartTest::testTotal", "App\\Tests\\Domain\\MoneyTest::testAdds"],
};

describe("failingTests", () => {
  it.each(Object.entries(FAILED))("%s: the failed tests it lists", (file, names) => {
    expect(failingTests(runnerOutput(file))).toEqual(names);
  });

  it("names no test in any passing output", () => {
    for (const { file, counts } of RUNNER_FIXTURES) if (counts[1] === 0) expect(failingTests(runnerOutput(file)), file).toEqual([]);
  });
});
