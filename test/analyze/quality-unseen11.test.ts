import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { BLOCKADE, BLOCKADE_ROUTES, CASK, CASK_ROUTES, NEWSDESK, NEWSDESK_ROUTES, SWITCHBOARD, SWITCHBOARD_ROUTES } from "./routes/unseen11.js";

// Routing quality on a twelfth round of trees the router was not tuned on (see routes/unseen11.ts).

const TREES: Tree[] = [
  ["cask", CASK, CASK_ROUTES],
  ["switchboard", SWITCHBOARD, SWITCHBOARD_ROUTES],
  ["blockade", BLOCKADE, BLOCKADE_ROUTES],
  ["newsdesk", NEWSDESK, NEWSDESK_ROUTES],
];

const TYPE_FLOOR = 0;
const SCOPE_FLOOR = 0;

describe("routing quality on a twelfth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 12)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
