import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { COURSELY, COURSELY_ROUTES, INKWELL, INKWELL_ROUTES, LEADLINE, LEADLINE_ROUTES, SERVO, SERVO_ROUTES } from "./routes/unseen8.js";

// Routing quality on a ninth round of trees the router was not tuned on (see routes/unseen8.ts).
// FLOORS TO BE SET once measured.

const TREES: Tree[] = [
  ["inkwell", INKWELL, INKWELL_ROUTES],
  ["leadline", LEADLINE, LEADLINE_ROUTES],
  ["servo", SERVO, SERVO_ROUTES],
  ["coursely", COURSELY, COURSELY_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a ninth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 9)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
