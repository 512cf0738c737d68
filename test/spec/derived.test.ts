import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derivedFacts, sentences } from "../../src/spec/derived.js";

/** The reading `sentences` replaces: the paragraph made single-spaced and trimmed, then matched sentence by sentence. */
function byPattern(text: string): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const found: string[] = [];
  for (const m of flat.matchAll(/.*?[.!?]+(?=\s|$)|\S.*$/g)) {
    const sentence = m[0].trim();
    if (sentence) found.push(sentence);
  }
  return found;
}

describe("sentences", () => {
  it("reads what matching the single-spaced paragraph reads", () => {
    const parts = fc.constantFrom("a", "Bc", " ", "  ", "\n", "\t", "\u00a0", "\u2028", ".", "!", "?", "..", "e.g", "*", "_", "I am", "📦", "");
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 30 }), (chunks) => {
        const text = chunks.join("");
        expect([...sentences(text)]).toEqual(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("ends a sentence at closing marks before white space or the end, and keeps the rest as the last", () => {
    expect([...sentences("  Module m1 turns\ninputs into outputs.  It keeps e.g. state!? and\nmore")]).toEqual(["Module m1 turns inputs into outputs.", "It keeps e.g.", "state!?", "and more"]);
    expect([...sentences(" \n ")]).toEqual([]);
  });
});

describe("derivedFacts", () => {
  it("takes the purpose's first sentence that is not about the agent, single-spaced", () => {
    const spec = "# A\n\n## 🎯 Purpose\nI am the A agent.   You are\nhere. Module a turns\ninputs into outputs. It keeps state.\n";
    expect(derivedFacts(spec).purpose).toBe("Module a turns inputs into outputs.");
  });
});
