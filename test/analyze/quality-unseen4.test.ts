import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { KILN, KILN_ROUTES, PAYSHEET, PAYSHEET_ROUTES, STACKS, STACKS_ROUTES, VERDANT, VERDANT_ROUTES } from "./routes/unseen4.js";

// Routing quality on a fifth round of trees the router was not tuned on (see routes/unseen4.ts).
// Measured first with the router as it was (type 67.3%, scope 72.3%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (78.2%, 81.2%; type 79.2%
// since round 6's rule for a request opening with file:line; scope 82.2% since round 7's rule for a
// layer called one as the request's object). Faults only the domain shows ("due
// dates land on Christmas day") stay misses. Raise the floors when the router gets better, never
// lower them to make a change pass.

const TREES: Tree[] = [
  ["verdant", VERDANT, VERDANT_ROUTES],
  ["stacks", STACKS, STACKS_ROUTES],
  ["paysheet", PAYSHEET, PAYSHEET_ROUTES],
  ["kiln", KILN, KILN_ROUTES],
];

const TYPE_FLOOR = 0.811;
const SCOPE_FLOOR = 0.851;

describe("routing quality on a fifth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 5)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
