import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { CREWLINE, CREWLINE_ROUTES, HAILSTONE, HAILSTONE_ROUTES, HUDDLE, HUDDLE_ROUTES, PAWPRINT, PAWPRINT_ROUTES } from "./routes/unseen14.js";

// Routing quality on a fifteenth round of trees the router was not tuned on (see routes/unseen14.ts).
// Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["hailstone", HAILSTONE, HAILSTONE_ROUTES],
  ["huddle", HUDDLE, HUDDLE_ROUTES],
  ["pawprint", PAWPRINT, PAWPRINT_ROUTES],
  ["crewline", CREWLINE, CREWLINE_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a fifteenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 15)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
