import { describe, expect, it } from "vitest";
import { measure, type Tree } from "./routes/measure.js";
import { CAUDAL, CAUDAL_ROUTES, ROTA, ROTA_ROUTES, SPOKES, SPOKES_ROUTES, TONEHOST, TONEHOST_ROUTES } from "./routes/unseen16.js";

// Routing quality on a seventeenth round of trees the router was not tuned on (see routes/unseen16.ts).
// Measured first with the router as it was (type 68.3%, scope 69.1%: the honest figure of how it
// generalises); the floors are what the rules found on this set reached (88.5%, 80.6%). Tickets whose
// module only the domain tells ("bikes under 20% battery still show up in the app" is the battery swap's
// rule, "refund from the ops console goes to the wallet" the payments'), a module's name as the subject
// beside the module holding the fault ("the shift change email is sent twice when a manager edits two
// shifts"), German words the glossary does not hold ("Dienstplan für Station 4B"), faults told only by a
// value ("LUFS meter reads 3 dB too high", "pan law sums mono to +3 dB") and a German upgrade ("Airflow auf
// 2.10 ... aktualisieren") stay misses.
// Raise the floors when the router gets better, never lower them to make a change pass.

const TREES: Tree[] = [
  ["rota", ROTA, ROTA_ROUTES],
  ["spokes", SPOKES, SPOKES_ROUTES],
  ["tonehost", TONEHOST, TONEHOST_ROUTES],
  ["caudal", CAUDAL, CAUDAL_ROUTES],
];

const TYPE_FLOOR = 0.884;
const SCOPE_FLOOR = 0.805;

describe("routing quality on a seventeenth round of unseen trees", () => {
  it("has at least 130 requests over four trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(130);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    const { total, types, scopes, report } = measure("routing quality (unseen trees, round 17)", TREES);
    process.stdout.write(`${report}\n`);
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});
