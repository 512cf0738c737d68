import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { COURIER, COURIER_ROUTES, QUILL, QUILL_ROUTES, REEL, REEL_ROUTES, TALLY, TALLY_ROUTES } from "./routes/unseen3.js";

// Routing quality on a third round of trees the router was not tuned on (see routes/unseen3.ts).
// Measured first with the router as it was (type 78.9%, scope 65.8%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (86.0%, 74.6%; the type
// floor raised to 87.7% by round 5's rules). Faults only the domain shows ("HDR uploads look
// washed out") stay misses. Raise the floors when the router gets better, never lower them to
// make a change pass.

const TREES: Tree[] = [
  ["courier", COURIER, COURIER_ROUTES],
  ["quill", QUILL, QUILL_ROUTES],
  ["reel", REEL, REEL_ROUTES],
  ["tally", TALLY, TALLY_ROUTES],
];

const TYPE_FLOOR = 0.903;
const SCOPE_FLOOR = 0.745;

describe("routing quality on a third round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 3)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
