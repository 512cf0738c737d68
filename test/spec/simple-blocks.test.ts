import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markedBlocks } from "../../src/spec/markdown.js";
import { simpleBlocks } from "../../src/spec/simple-blocks.js";
import { readFrontMatter } from "../../src/spec/frontmatter.js";
// @ts-expect-error: the bench's generator is plain JavaScript
import { moduleSpec } from "../../bench/lib/spec-tree.mjs";

/** Every markdown file under `dir`, recursively. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : markdownFiles(path);
    return e.name.endsWith(".md") ? [path] : [];
  });
}

const bodyOf = (source: string) => readFrontMatter(source.replace(/\r\n?/g, "\n"), "spec").body;

describe("simpleBlocks: marked's blocks without marked, where a spec is plain", () => {
  it("reads the bench's generated spec by itself, as marked does", () => {
    const body = bodyOf(moduleSpec(7, "core", [3, 5]) as string);
    const fast = simpleBlocks(body, 4);
    expect(fast).toBeDefined();
    expect(fast).toEqual(markedBlocks(body, 4));
  });

  it("agrees with marked on every spec of the example and the fixtures it reads", () => {
    const files = [...markdownFiles("examples"), ...markdownFiles("test/fixtures"), ...markdownFiles("templates")];
    let answered = 0;
    for (const file of files) {
      const body = bodyOf(readFileSync(file, "utf8"));
      const fast = simpleBlocks(body, 3);
      if (!fast) continue;
      answered++;
      expect(fast, file).toEqual(markedBlocks(body, 3));
    }
    expect(files.length).toBeGreaterThan(20);
    expect(answered).toBeGreaterThan(0);
  });

  it("leaves to marked what it does not read: indentation, tables, quotes, lazy lines, unclosed code", () => {
    for (const text of ["- a\n  - b", "| a | b |\n|---|---|", "> quote", "- a\nlazy", "```\nopen", "para\n---", "text  \nmore", "<div>", "- [ ] task", "a\tb"]) {
      expect(simpleBlocks(text), text).toBeUndefined();
    }
  });

  // Documents of lines near the edges of what it reads; where it answers, marked must agree.
  const LINES = [
    "", " ", "# Title", "## Depends On", "### 🎯 Purpose #", "#### x ##", "#", "#nospace", "####### seven", "## Provides ###  ",
    "text with `code` span", "**Type**: Module", "**Related Files**:", "Uses `Thing1` and ``a`b``.", "2024 was a year", "3.14 is pi",
    "- item", "- `pkg/a.py`", "* star item", "+ plus item", "1. first", "2. second", "1) paren", "10. tenth", "-dash", "+1 vote", "*emphasis*",
    "***bold***", "- # heading in item", "- - nested", "- 1. nested", "-  two spaces", "* * *", "---", "___", "===", "- ", "1.", "*",
    "```", "```python", "~~~", "~~~ js", "````", "``` `bad`", "```py {x}", "```\\+py", "  ```", "   ```", "code line", "\t# tabbed",
    "> quote", "| a | b |", "<!-- c -->", "[ref]: http://x", "  indented", "    code", "&amp; &lt;", "trailing  ", "\\# escaped",
  ];
  it("agrees with marked on generated documents wherever it answers", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 14 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join("\n") + (finalNewline ? "\n" : "");
        const fast = simpleBlocks(text, 5);
        if (fast) expect(fast).toEqual(markedBlocks(text, 5));
      }),
      { numRuns: 4000 },
    );
  });

  // Lines it reads by itself (blank lines of spaces, closing fences, loose lists among them): it must answer often.
  const READ = ["", "  ", "# Title", "### 🎯 Purpose #", "#", "#nospace", "**Type**: Module", "Uses `Thing1` and ``a`b``.", "3.14 is pi",
    "- item", "- `pkg/a.py`", "* star item", "+ plus item", "1. first", "2. second", "1) paren", "-dash", "***bold***", "```", "```", "```python",
    "~~~", "````", "```\\+py", "   ```", "code line", "\\# escaped"];
  it("answers most documents of plain lines, as marked does", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...READ), { maxLength: 20 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join("\n") + (finalNewline ? "\n" : "");
        const fast = simpleBlocks(text, 2);
        if (!fast) return;
        answered++;
        expect(fast).toEqual(markedBlocks(text, 2));
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(600);
  });
});
