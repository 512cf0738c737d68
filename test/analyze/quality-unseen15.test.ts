import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { GARAGIO, GARAGIO_ROUTES, LERNWERK, LERNWERK_ROUTES, LUMEN, LUMEN_ROUTES, SKYFARE, SKYFARE_ROUTES } from "./routes/unseen15.js";

// Routing quality on a sixteenth round of trees the router was not tuned on (see routes/unseen15.ts).
// Floors to be set from the measurement.

const TREES: Tree[] = [
  ["skyfare", SKYFARE, SKYFARE_ROUTES],
  ["garagio", GARAGIO, GARAGIO_ROUTES],
  ["lernwerk", LERNWERK, LERNWERK_ROUTES],
  ["lumen", LUMEN, LUMEN_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a sixteenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 16)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
