import { describe, expect, it } from "vitest";
import { parseBlocks, sectionsStartingWith } from "../../src/spec/markdown.js";
import { readFrontMatter } from "../../src/spec/frontmatter.js";
import { boldFields } from "../../src/spec/sections.js";
import { SpecError } from "../../src/errors.js";

describe("parseBlocks", () => {
  it("treats a # line inside a code block as code, not a heading", () => {
    const blocks = parseBlocks("# Title\n\n```python\n# not a heading\nimport x\n```\n\n## Real\n");
    expect(blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && b.text)).toEqual(["Title", "Real"]);
    const code = blocks.find((b) => b.kind === "code");
    expect(code).toMatchObject({ kind: "code", lang: "python", text: "# not a heading\nimport x", line: 4 });
  });

  it("gives every block its line, inside lists too", () => {
    const text = "# T\n\nintro\n\n## Depends On\n- money\n- `journal` posts\n  ```python\n  from a.b import X\n  ```\n\nafter\n";
    const blocks = parseBlocks(text, 10);
    const lines = blocks.map((b) => [b.kind, b.line]);
    expect(lines).toEqual([
      ["heading", 10],
      ["text", 12],
      ["heading", 14],
      ["text", 15],
      ["text", 16],
      ["code", 18],
      ["text", 21],
    ]);
  });

  it("strips emoji and markup from heading text", () => {
    const [h] = parseBlocks("## 🔗 **Depends On** 🔗\n");
    expect(h).toMatchObject({ kind: "heading", depth: 2, text: "Depends On" });
  });

  it("collects a section's nested subsections and stops at a sibling", () => {
    const blocks = parseBlocks("## Depends On\n### Modules\n- a\n## Provides\n- b\n");
    const [section] = sectionsStartingWith(blocks, /^depends on/i);
    expect(section!.blocks.map((b) => b.kind === "text" ? b.text : b.kind)).toEqual(["heading", "a"]);
  });
});

describe("readFrontMatter", () => {
  it("parses YAML and reports where the body starts and where keys are", () => {
    const fm = readFrontMatter("---\nlayer: core\ndepends_on: [a, b]\n---\n# Title\n", "X.md");
    expect(fm.data).toEqual({ layer: "core", depends_on: ["a", "b"] });
    expect(fm.keyLines).toEqual({ layer: 2, depends_on: 3 });
    expect(fm.bodyLine).toBe(5);
    expect(fm.body).toBe("# Title\n");
  });

  it("returns the text unchanged without front matter", () => {
    expect(readFrontMatter("# T\n---\n", "X.md")).toMatchObject({ data: {}, bodyLine: 1, body: "# T\n---\n" });
  });

  it("names the file and line of malformed YAML", () => {
    const bad = () => readFrontMatter("---\nlayer: core\ndepends_on: [a, b\n---\n", "X.md");
    expect(bad).toThrow(SpecError);
    try {
      bad();
    } catch (error) {
      expect((error as SpecError).code).toBe("SPEC_PARSE");
      expect((error as SpecError).place.file).toBe("X.md");
      expect((error as SpecError).place.line).toBeGreaterThanOrEqual(3);
      expect((error as SpecError).message).toMatch(/Malformed YAML front matter/);
    }
  });

  it("rejects front matter that is never closed, and a list instead of a mapping", () => {
    expect(() => readFrontMatter("---\nlayer: core\n# T\n", "X.md")).toThrow(/never closed/);
    expect(() => readFrontMatter("---\n- a\n- b\n---\n", "X.md")).toThrow(/mapping/);
  });
});

describe("irregular specs as people and models write them", () => {
  const text = [
    "Setext Title",
    "============",
    "",
    "**Module:** `pkg/a.py`",
    "",
    "<!--",
    "## Depends On",
    "- ghost",
    "-->",
    "",
    "## 3. Depends On",
    "- money",
    "",
    "### 4) 🔗 Depends On (runtime)",
    "~~~python",
    "# a comment",
    "import pkg.b",
    "~~~",
    "",
    "    # indented code, not a heading",
    "",
    "| Module | Why |",
    "|---|---|",
    "| `journal` | posts |",
    "",
  ].join("\n");
  const blocks = parseBlocks(text);

  it("reads setext headings and numbered ones, and ignores headings inside HTML comments and code", () => {
    expect(blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && [b.depth, b.text])).toEqual([
      [1, "Setext Title"],
      [2, "Depends On"],
      [3, "Depends On (runtime)"],
    ]);
    expect(sectionsStartingWith(blocks, /^depends on\b/i)).toHaveLength(2);
  });

  it("reads a bold field with its colon inside the bold", () => {
    expect(boldFields(blocks).map((f) => [f.key, f.value, f.line])).toEqual([["Module", "`pkg/a.py`", 4]]);
  });

  it("keeps tildes fences and indented code as code, and gives table body rows their own lines (the header row names columns, no module)", () => {
    expect(blocks.filter((b) => b.kind === "code").map((b) => b.kind === "code" && [b.line, b.text])).toEqual([
      [16, "# a comment\nimport pkg.b"],
      [20, "# indented code, not a heading"],
    ]);
    expect(blocks.filter((b) => b.kind === "text" && b.item).map((b) => b.kind === "text" && [b.line, b.codespans])).toEqual([
      [12, []],
      [24, ["journal"]],
    ]);
  });
});
