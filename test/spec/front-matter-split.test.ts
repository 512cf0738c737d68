import { describe, expect, it } from "vitest";
import { knownBodyStart, splitFrontMatter } from "../../src/spec/front-matter-split.js";

const spec = (name: string) => `---\nowns: [src/${name}.py]\n---\n# 📦 ${name.toUpperCase()}_AGENT\n\nKeeps the ${name}.\n`;

describe("splitFrontMatter", () => {
  it("splits a text asked for twice in a row once: the parse cache's key and the parse share its body", () => {
    const text = spec("ledger");
    const first = splitFrontMatter(text);
    expect(splitFrontMatter(text)).toBe(first);
    expect(first).toEqual({ yamlText: "owns: [src/ledger.py]\n", body: "# 📦 LEDGER_AGENT\n\nKeeps the ledger.\n" });
  });

  it("splits each text by its own content when others come between", () => {
    const [a, b] = [spec("ledger"), spec("money")];
    splitFrontMatter(a);
    expect(splitFrontMatter(b)).toEqual({ yamlText: "owns: [src/money.py]\n", body: "# 📦 MONEY_AGENT\n\nKeeps the money.\n" });
    expect(splitFrontMatter(a)).toEqual({ yamlText: "owns: [src/ledger.py]\n", body: "# 📦 LEDGER_AGENT\n\nKeeps the ledger.\n" });
    expect(splitFrontMatter("---\nowns: [x]\n")).toBe("unclosed");
    expect(splitFrontMatter("# No front matter\n")).toBeUndefined();
  });
});

describe("knownBodyStart", () => {
  it("is where the last split of a text cut its body, and the start of a text that is its own body", () => {
    const text = spec("ledger");
    const split = splitFrontMatter(text);
    if (typeof split !== "object") throw new Error("expected a split");
    expect(knownBodyStart(text, split.body)).toBe(text.indexOf("# 📦"));
    expect(text.slice(knownBodyStart(text, split.body))).toBe(split.body);
    expect(knownBodyStart(split.body, split.body)).toBe(0);
  });

  it("is unknown for a body of another text, or when another text was split since", () => {
    const [a, b] = [spec("ledger"), spec("money")];
    const bodyOfA = (splitFrontMatter(a) as { body: string }).body;
    expect(knownBodyStart(a, "# 📦 LEDGER\n")).toBeUndefined();
    splitFrontMatter(b);
    expect(knownBodyStart(a, bodyOfA)).toBeUndefined();
  });
});
