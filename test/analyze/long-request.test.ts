import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { KEYWORDS, inflects, isKeyword } from "../../src/analyze/keywords.js";
import { mask, maskAsWord } from "../../src/analyze/text.js";
import { detectType } from "../../src/analyze/type.js";
import { loadSpec } from "../../src/spec/load.js";
import { cpuMs } from "../helpers/cpu-time.js";
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

/**
 * Requests of paths and repeated words, 120 to 240 KB (the library takes any length; an argument
 * holds 128 KB). Hang checks in the test thread's CPU time (helpers/cpu-time.ts), not benchmarks.
 */
describe("a very long request of paths or one word", () => {
  const ledger = loadSpec(join(process.cwd(), "examples/ledger"));
  const within = (ms: number, fn: () => void) => {
    const started = cpuMs();
    fn();
    expect(cpuMs() - started).toBeLessThan(ms);
  };

  it("100,000 names masked are written in one pass (a new string per name was quadratic: 27 s)", () => {
    const text = "ab ".repeat(100_000);
    const spans = Array.from({ length: 100_000 }, (_, i) => ({ start: 3 * i, end: 3 * i + 2 }));
    within(2_000, () => {
      expect(maskAsWord(text, spans)).toBe("it ".repeat(100_000));
      expect(mask(text, spans)).toBe(" ".repeat(300_000));
    });
    // A later span over an earlier one, as before: "it" where the later starts.
    expect(maskAsWord("abcdef", [{ start: 0, end: 6 }, { start: 2, end: 5 }])).toBe("itit  ");
  });

  it("a past form written 30,000 times is judged without looking back over the words before each (8 s)", () => {
    within(2_000, () => expect(detectType("added ".repeat(30_000)).type).toBe("general"));
    expect(detectType("we want an export added").type).toBe("implement");
  });

  it("12,000 paths through a layer's folder are read at once (over 90 s: each masked in a new string)", () => {
    within(3_000, () => expect(analyzeTask("ledger/core/money.py ".repeat(12_000), ledger).scope.kind).toBeDefined());
  });

  it("a module's name written 40,000 times asks once whose phrase it is (3.3 s with each asked alone)", () => {
    within(2_000, () => expect(analyzeTask("money ".repeat(40_000), ledger).scope).toEqual({ kind: "modules", ids: ["money"] }));
  });

  it("a word's stems find every keyword it inflects, as trying each keyword on it did", () => {
    const stems = Object.values(KEYWORDS).flat().filter((k) => !k.includes(" "));
    const forms = stems.flatMap((s) => [s, `${s}s`, `${s}es`, `${s}d`, `${s}ed`, `${s}ing`, `${s.slice(0, -1)}ing`, `${s.slice(0, -1)}ies`, `${s.slice(0, -1)}ied`, `${s}${s.slice(-1)}ed`, `${s}${s.slice(-1)}ing`, `${s}ked`, `${s}king`, `${s}er`, `x${s}`]);
    for (const word of forms) {
      expect(isKeyword(word), word).toBe(stems.some((s) => inflects(word, s)));
    }
  });
});
