import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { BLOCKADE, BLOCKADE_ROUTES, CASK, CASK_ROUTES, NEWSDESK, NEWSDESK_ROUTES, SWITCHBOARD, SWITCHBOARD_ROUTES } from "./routes/unseen11.js";

// Routing quality on a twelfth round of trees the router was not tuned on (see routes/unseen11.ts).
// Measured first with the router as it was (type 80.5%, scope 67.5%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (91.1%, 75.6%). Faults only the
// domain shows ("LCR picks the expensive trunk", "readers coming from Google get the paywall", "search
// ranks a 2019 story above today's"), a display name's word taken for the module ("DTMF digits are
// doubled in the voice menu" is the media relay's, not Voice Menus'), words two specs share in their
// purposes ("the dashboard" of the options page and of the popup that opens it, "embargo" of stories and
// publishing), a name inside a product's CamelCase name ("EasyList" is no `lists`), flow questions across
// modules with no dependencies between them, and "MOS ... choppy" (a fault of a figure, read as
// slowness) stay misses. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["cask", CASK, CASK_ROUTES],
  ["switchboard", SWITCHBOARD, SWITCHBOARD_ROUTES],
  ["blockade", BLOCKADE, BLOCKADE_ROUTES],
  ["newsdesk", NEWSDESK, NEWSDESK_ROUTES],
];

const TYPE_FLOOR = 0.91;
const SCOPE_FLOOR = 0.772;

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
