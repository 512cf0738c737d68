import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { DISPENSARY, DISPENSARY_ROUTES, FLEETBEACON, FLEETBEACON_ROUTES, MATCHDAY, MATCHDAY_ROUTES, TAXLINE, TAXLINE_ROUTES } from "./routes/unseen13.js";

const TREES: Tree[] = [
  ["dispensary", DISPENSARY, DISPENSARY_ROUTES],
  ["matchday", MATCHDAY, MATCHDAY_ROUTES],
  ["fleetbeacon", FLEETBEACON, FLEETBEACON_ROUTES],
  ["taxline", TAXLINE, TAXLINE_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

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
