import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";

// Rules found on a tenth round of unseen trees (routes/unseen9.ts), each tried on a tree other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

describe("a layer's other name in the system spec's table names the layer", () => {
  // servo's table: | 1_drivers | hardware layer, HAL | ... | 3_control | motion | ... | 4_mission | autonomy, behaviour |
  const servo = tree("servo");
  it.each([
    ["review the motion code for allocations in the loop", "layer 3_control"],
    ["the HAL: add a watchdog for the CAN bus", "layer 1_drivers"],
    ["HAL is missing a watchdog", "layer 1_drivers"],
    ["autonomy: add a retry limit to every behaviour", "layer 4_mission"],
  ])("%s", (request, scope) => {
    expect(key(analyzeTask(request, servo).scope)).toBe(scope);
  });

  it("only as written there: a singular of a plural name is a plain word", () => {
    // stride's table calls `feature` "screens": "the record screen" is the recording module's.
    expect(key(analyzeTask("add a lap button to the record screen", tree("stride")).scope)).toBe("recording");
  });
});
