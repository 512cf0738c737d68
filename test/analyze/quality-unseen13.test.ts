import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { DISPENSARY, DISPENSARY_ROUTES, FLEETBEACON, FLEETBEACON_ROUTES, MATCHDAY, MATCHDAY_ROUTES, TAXLINE, TAXLINE_ROUTES } from "./routes/unseen13.js";

// Routing quality on a fourteenth round of trees the router was not tuned on (see routes/unseen13.ts).
// Measured first with the router as it was (type 75.2%, scope 84.1%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (89.0%, 90.3%). Faults only the
// domain explains ("two clubs that share a ground are both at home", "Scottish taxpayers get the English
// higher rate", "a device with hardware rev C gets the rev B firmware"), why-questions about a fault (read as
// questions, as the earlier sets' labels have them), words two modules share where no phrase tells them
// apart ("claim codes" of the registry and provisioning, "drug" of two module names), a figure of a tax year
// that only the reference tables hold, "fixture changes" (a stop word in the phrase) and "the broker" (a
// word no spec uses) stay misses. Raise the floors when the router gets better, never lower them to make a
// change pass.

const TREES: Tree[] = [
  ["dispensary", DISPENSARY, DISPENSARY_ROUTES],
  ["matchday", MATCHDAY, MATCHDAY_ROUTES],
  ["fleetbeacon", FLEETBEACON, FLEETBEACON_ROUTES],
  ["taxline", TAXLINE, TAXLINE_ROUTES],
];

const TYPE_FLOOR = 0.889;
const SCOPE_FLOOR = 0.903;

describe("routing quality on a fourteenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 14)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
