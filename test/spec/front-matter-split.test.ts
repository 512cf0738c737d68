import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/spec/front-matter-split.js";

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
