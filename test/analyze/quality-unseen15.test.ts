import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { GARAGIO, GARAGIO_ROUTES, LERNWERK, LERNWERK_ROUTES, LUMEN, LUMEN_ROUTES, SKYFARE, SKYFARE_ROUTES } from "./routes/unseen15.js";

// Routing quality on a sixteenth round of trees the router was not tuned on (see routes/unseen15.ts).
// Measured first with the router as it was (type 72.8%, scope 71.3%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (90.4%, 77.2%). English tickets
// on specs written in German ("waiting list doesn't move up when someone unenrols" against "Warteliste"),
// German words the specs hold only inside a compound or another inflection ("Fortschritt" of
// "Lernfortschritt", "veröffentlichen" of "Veröffentlichung"), a module's word used as a modifier of
// another module's thing ("schedule change email", "the daily report is missing the app payments"), a
// provided name beside a layer called as the object ("refactor 01-domain so ... one FlightLeg repository"),
// a verb's inflection meeting an id's word ("charged" of `ev_charging`), and faults only the domain
// explains ("motorbikes pay the car rate", "battery charges at 17:30 which is the most expensive slot")
// stay misses. Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["skyfare", SKYFARE, SKYFARE_ROUTES],
  ["garagio", GARAGIO, GARAGIO_ROUTES],
  ["lernwerk", LERNWERK, LERNWERK_ROUTES],
  ["lumen", LUMEN, LUMEN_ROUTES],
];

const TYPE_FLOOR = 0.904;
const SCOPE_FLOOR = 0.786;

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
