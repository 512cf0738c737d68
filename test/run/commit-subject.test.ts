import { describe, expect, it } from "vitest";
import { commitSubject } from "../../src/run/commit-subject.js";

describe("a module commit's subject", () => {
  it("is the summary's first line when it fits in 72 characters", () => {
    expect(commitSubject("Added the settlement batch\n\nDetails follow.")).toBe("Added the settlement batch");
    expect(commitSubject("x".repeat(72))).toBe("x".repeat(72));
  });

  it("is cut at a word with an ellipsis, never inside one, when longer", () => {
    const summary = "Replaced the quadratic pairing in settle with a sort and sweep, now O(n log n) on every batch";
    const subject = commitSubject(summary);
    expect(subject).toBe("Replaced the quadratic pairing in settle with a sort and sweep, now O(n…");
    expect(subject.length).toBeLessThanOrEqual(72);
    expect(summary.startsWith(subject.slice(0, -1))).toBe(true);
  });

  it("cuts a line with no space late enough at 71 characters", () => {
    expect(commitSubject("a".repeat(100))).toBe(`${"a".repeat(71)}…`);
  });
});
