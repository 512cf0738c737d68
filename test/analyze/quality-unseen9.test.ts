import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { BEDROCK, BEDROCK_ROUTES, PANTRY, PANTRY_ROUTES, QUARRY, QUARRY_ROUTES, STRIDE, STRIDE_ROUTES } from "./routes/unseen9.js";

// Routing quality on a tenth round of trees the router was not tuned on (see routes/unseen9.ts).
// Measured first with the router as it was (type 71.7%, scope 65.0%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (88.3%, 71.7%; scope 72.5% with round 11's
// initialisms). Faults only the
// domain shows ("GPS track has straight lines cutting across buildings", "attribution gives 100% of the
// credit to direct traffic", "magic link emails land in spam"), initialisms the specs spell out ("MRR",
// "NRR"), a layer's bare word used as a plain noun ("what data do we send", "NAT gateway data processing"),
// words two modules share ("the shopping list", "heart rate chart"), a trace whose fix is the caller's
// (Room's main-thread check) and "write a runbook" (an earlier set labels "write docs" implement) stay
// misses. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["stride", STRIDE, STRIDE_ROUTES],
  ["quarry", QUARRY, QUARRY_ROUTES],
  ["bedrock", BEDROCK, BEDROCK_ROUTES],
  ["pantry", PANTRY, PANTRY_ROUTES],
];

const TYPE_FLOOR = 0.9;
const SCOPE_FLOOR = 0.8;

describe("routing quality on a tenth round of unseen trees", () => {
  it("has at least 100 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 10)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
