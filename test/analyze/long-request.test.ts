import { describe, expect, it } from "vitest";
import { withoutUsedNames } from "../../src/analyze/used.js";
import { term } from "../../src/analyze/stem.js";
import type { NameHit } from "../../src/analyze/names.js";

/**
 * A request as long as an argument holds (128 KB) is read in linear time. Each bound is a hang
 * check with a wide margin on a loaded machine, not a benchmark: before, each case took seconds.
 */
describe("a very long request", () => {
  it("a module named 60,000 times: whether each is used is judged on the words just before it, not all the request before it", () => {
    const prose = "a ".repeat(60_000);
    const names: NameHit[] = Array.from({ length: 60_000 }, (_, i) => ({ kind: "module", id: "a", text: "a", qualified: false, start: 2 * i, end: 2 * i + 1 }));
    names.push({ kind: "module", id: "money", text: "money", qualified: false, start: prose.length + "to use the ".length, end: prose.length + "to use the money".length });
    const started = performance.now();
    const kept = withoutUsedNames(`${prose}to use the money`, names, false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(kept).toHaveLength(60_000);
    expect(kept.some((n) => n.id === "money")).toBe(false);
  });

  it("a word longer than any name is no term of the spec index (fuzzy search over it was quadratic)", () => {
    expect(term("a".repeat(65))).toBeNull();
    expect(term("a".repeat(64))).not.toBeNull();
  });
});
