import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codespans } from "../../src/spec/codespans.js";

/** The pattern the scan replaces: its matches are the reference. */
const CODESPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
const byPattern = (text: string) => [...text.matchAll(CODESPAN)].map((m) => m[2]!.trim());

describe("codespans", () => {
  it("reads spans of one and of several backticks, trimmed", () => {
    expect(codespans("Uses `Thing1` and `` a`b `` then ```x```.")).toEqual(["Thing1", "a`b", "x"]);
    expect(codespans("no spans")).toEqual([]);
  });

  it("retries an opening run that never closes one backtick later, as the pattern backtracks", () => {
    expect(codespans("``a`")).toEqual(["a"]);
    expect(codespans("```a``b`")).toEqual(["a"]);
    expect(codespans("`` ` ``")).toEqual(["`"]);
    // A run of a different length inside a span is content: the span closes at a run of its own length.
    expect(codespans("`a`` `b`")).toEqual(["a``"]);
  });

  it("finds what the pattern finds, on any text of backticks, letters, spaces and line ends", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("`", "``", "```", "a", "b", " ", "\n", "(", "é", "📦"), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(codespans(text)).toEqual(byPattern(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
