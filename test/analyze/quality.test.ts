import { describe, expect, it } from "vitest";
import { ASKING_BACKTEST, ASKING_CLINIC, ASKING_LEDGER } from "./routes/asking.js";
import { BACKTEST, BACKTEST_ROUTES } from "./routes/backtest.js";
import { CLINIC, CLINIC_ROUTES } from "./routes/clinic.js";
import { EXAMPLE, ROUTES } from "./routes/ledger.js";
import { measure, type Tree } from "./routes/measure.js";
import { SHAPES_BACKTEST, SHAPES_CLINIC, SHAPES_LEDGER } from "./routes/shapes.js";

// Routing quality over three trees of different shapes, measured rather than asserted one
// by one: the accuracy of type and of scope separately, printed, with a floor. A miss is
// listed in the output; raise the floors when the router gets better, never lower them
// to make a change pass.

const TREES: Tree[] = [
  ["ledger", EXAMPLE, [...Object.values(ROUTES).flat(), ...ASKING_LEDGER, ...SHAPES_LEDGER]],
  ["backtest", BACKTEST, [...BACKTEST_ROUTES, ...ASKING_BACKTEST, ...SHAPES_BACKTEST]],
  ["clinic", CLINIC, [...CLINIC_ROUTES, ...ASKING_CLINIC, ...SHAPES_CLINIC]],
];

/** Floors, set at what the router reaches (see the printed misses). */
const TYPE_FLOOR = 1;
const SCOPE_FLOOR = 0.99;

describe("routing quality", () => {
  it("has at least 300 requests over three trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(300);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality", TREES);
    // The figures belong in the test output: they are what this test is for.
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
