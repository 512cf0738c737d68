import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { BEDROCK, BEDROCK_ROUTES, PANTRY, PANTRY_ROUTES, QUARRY, QUARRY_ROUTES, STRIDE, STRIDE_ROUTES } from "./routes/unseen9.js";

// Routing quality on a tenth round of trees the router was not tuned on (see routes/unseen9.ts).

const TREES: Tree[] = [
  ["stride", STRIDE, STRIDE_ROUTES],
  ["quarry", QUARRY, QUARRY_ROUTES],
  ["bedrock", BEDROCK, BEDROCK_ROUTES],
  ["pantry", PANTRY, PANTRY_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a tenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 10)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
