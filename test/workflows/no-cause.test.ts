import { describe, expect, it } from "vitest";
import { nothingFound } from "../../src/workflows/no-cause.js";

describe("nothingFound: a diagnosis with no cause to fix", () => {
  it("is a Root cause of none, unknown, or a search that came up empty, naming no place in the code", () => {
    for (const text of ["Root cause: none found\nEvidence: read everything", "**Root cause**: Unknown.", "Root cause: I could not determine why the total drifts.", "Root cause:\nEvidence: none", "After reading the module I did not find any defect; no bug was found."]) {
      expect(nothingFound(text), text).toBe(true);
    }
  });

  it("is false for a cause in any words, or one that names a place", () => {
    for (const text of ["Root cause: the rounding in src/till.py:41 uses floats", "Root cause: unknown input reaches till.py line 12 unchecked", "The tax is applied twice in checkout().", "Root cause: the cache is never invalidated"]) {
      expect(nothingFound(text), text).toBe(false);
    }
  });
});
