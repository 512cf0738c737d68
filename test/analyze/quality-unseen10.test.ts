import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { GRIDCAST, GRIDCAST_ROUTES, HEARTH, HEARTH_ROUTES, LETTING, LETTING_ROUTES, SCOOT, SCOOT_ROUTES } from "./routes/unseen10.js";

// Routing quality on an eleventh round of trees the router was not tuned on (see routes/unseen10.ts).
// Floors to be set at what is measured.

const TREES: Tree[] = [
  ["letting", LETTING, LETTING_ROUTES],
  ["hearth", HEARTH, HEARTH_ROUTES],
  ["scoot", SCOOT, SCOOT_ROUTES],
  ["gridcast", GRIDCAST, GRIDCAST_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on an eleventh round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 11)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
