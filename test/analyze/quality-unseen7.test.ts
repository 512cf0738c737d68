import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { FRAMEWISE, FRAMEWISE_ROUTES, GANTRY, GANTRY_ROUTES, LABTRACK, LABTRACK_ROUTES, SKIRMISH, SKIRMISH_ROUTES } from "./routes/unseen7.js";

// Routing quality on an eighth round of trees the router was not tuned on (see routes/unseen7.ts).
// Measured first with the router as it was (type 79.6%, scope 78.6%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (86.4%, 83.4%; type 87.4% since round 9's rules). Faults only
// the domain shows ("players rubber-band at 150 ms ping", "bots walk into walls", "the adult reference
// range for a 12 year old"), flows asked about end to end, words several specs share alike ("drop",
// "match", "value") and a project's own name in a module's title stay misses. Raise the floors when
// the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["gantry", GANTRY, GANTRY_ROUTES],
  ["framewise", FRAMEWISE, FRAMEWISE_ROUTES],
  ["skirmish", SKIRMISH, SKIRMISH_ROUTES],
  ["labtrack", LABTRACK, LABTRACK_ROUTES],
];

const TYPE_FLOOR = 0.873;
const SCOPE_FLOOR = 0.844;

describe("routing quality on an eighth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 8)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
