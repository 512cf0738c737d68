import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { EXTRUDO, EXTRUDO_ROUTES, POCKETBANK, POCKETBANK_ROUTES, TESSERA, TESSERA_ROUTES, WARDLINE, WARDLINE_ROUTES } from "./routes/unseen12.js";

// Routing quality on a thirteenth round of trees the router was not tuned on (see routes/unseen12.ts).
// Floors to be set at the end of the round.

const TREES: Tree[] = [
  ["tessera", TESSERA, TESSERA_ROUTES],
  ["pocketbank", POCKETBANK, POCKETBANK_ROUTES],
  ["wardline", WARDLINE, WARDLINE_ROUTES],
  ["extrudo", EXTRUDO, EXTRUDO_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a thirteenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 13)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
