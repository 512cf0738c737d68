import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { CLAIMSURE, CLAIMSURE_ROUTES, GRIDCALC, GRIDCALC_ROUTES, RELAY, RELAY_ROUTES, SIFT, SIFT_ROUTES } from "./routes/unseen6.js";

// Routing quality on a seventh round of trees the router was not tuned on (see routes/unseen6.ts).
// Measured first with the router as it was (type 73.4%, scope 63.3%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (81.7%, 70.6%; 82.6%, 72.5% since round 9's rules; scope 74.3% since
// round 11's). Faults only
// the domain shows ("pivot grand total for Average is the average of averages", "open rate is over
// 100%"), formulas with no words ("=-2^2 gives -4, Excel gives 4") and words several specs share
// alike stay misses. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["sift", SIFT, SIFT_ROUTES],
  ["gridcalc", GRIDCALC, GRIDCALC_ROUTES],
  ["claimsure", CLAIMSURE, CLAIMSURE_ROUTES],
  ["relay", RELAY, RELAY_ROUTES],
];

const TYPE_FLOOR = 0.834;
const SCOPE_FLOOR = 0.788;

describe("routing quality on a seventh round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 7)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
