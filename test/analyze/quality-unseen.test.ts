import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { PIPELINE, PIPELINE_ROUTES, SHOP, SHOP_ROUTES, SNAPR, SNAPR_ROUTES, TERSE, TERSE_ROUTES } from "./routes/unseen.js";

// Routing quality on four trees the router was not tuned on (see routes/unseen.ts), apart
// from quality.test.ts so that each set's figure says how the router does on its own kind
// of tree. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["shop", SHOP, SHOP_ROUTES],
  ["pipeline", PIPELINE, PIPELINE_ROUTES],
  ["snapr", SNAPR, SNAPR_ROUTES],
  ["terse", TERSE, TERSE_ROUTES],
];

const TYPE_FLOOR = 1;
const SCOPE_FLOOR = 0.96;

describe("routing quality on unseen trees", () => {
  it("has at least 60 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(60);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
