import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { GRIDCAST, GRIDCAST_ROUTES, HEARTH, HEARTH_ROUTES, LETTING, LETTING_ROUTES, SCOOT, SCOOT_ROUTES } from "./routes/unseen10.js";

// Routing quality on an eleventh round of trees the router was not tuned on (see routes/unseen10.ts).
// Measured first with the router as it was (type 79.2%, scope 73.3%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (86.7%, 78.3%). Faults only the
// domain shows ("Abigail walks through the wall of the general store", "the TV forecast said sunny and
// then it rained all day"), words two modules share ("the negotiators' diary", "the holding deposit",
// "ride events"), "SFX" (no initialism of "sound effects"), a "for N X that ..." qualifier after the
// subject ("Deposit wasn't protected ... for tenancies that started on a bank holiday") and flow
// questions whose ends are a possessive ("the landlord's statement") or a purpose word alone stay
// misses. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["letting", LETTING, LETTING_ROUTES],
  ["hearth", HEARTH, HEARTH_ROUTES],
  ["scoot", SCOOT, SCOOT_ROUTES],
  ["gridcast", GRIDCAST, GRIDCAST_ROUTES],
];

const TYPE_FLOOR = 0.875;
const SCOPE_FLOOR = 0.85;

describe("routing quality on an eleventh round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 11)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
