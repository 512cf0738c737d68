import { describe, expect, it } from "vitest";
import { extractImports } from "../../src/spec/imports.js";
import { maskSource, styleOfFile } from "../../src/validate/source.js";

const specifiers = (text: string, style: "python" | "js") => extractImports(maskSource(text, style), style).map((r) => `${r.line}:${r.specifier}`);

describe("maskSource", () => {
  it("keeps every line and column in place", () => {
    const py = 'x = """a\nb"""  # c\ny = \'d\'\n';
    const js = "a /* b\nc */ d // e\nf = `g\nh` + 'i';\n";
    for (const [text, style] of [[py, "python"], [js, "js"]] as const) {
      const masked = maskSource(text, style);
      expect(masked.length).toBe(text.length);
      expect(masked.split("\n").map((l) => l.length)).toEqual(text.split("\n").map((l) => l.length));
    }
  });

  it("Python: skips imports in docstrings, comments and strings, and keeps real ones", () => {
    const text = [
      '"""Module.',
      "import secret",
      '"""',
      "import os  # import sys",
      "s = 'a # not a comment'; import_me = 1",
      "r'''",
      "from hidden import x",
      "'''",
      'q = "\\"\'\'\'" ',
      "from ledger.money import Money",
    ].join("\n");
    expect(specifiers(text, "python")).toEqual(["4:os", "10:ledger.money"]);
  });

  it("JS/TS: skips block and line comments, template literals and plain strings, keeps specifiers and regexes apart", () => {
    const text = [
      "/**",
      ' * import { a } from "./commented.js";',
      "import { b } from './also-commented.js';",
      " */",
      'import { c } from "./c.js"; // import "./d.js"',
      "const t = `",
      'import "./template.js";',
      "`;",
      'const s = "import \'./string.js\'";',
      "const re = /\\/*import 'x'/g;",
      'export * from "./e.js";',
      'const f = require("./f.cjs"), g = await import("./g.js");',
      'const url = "http://example.com/*"; import h from "./h.js";',
    ].join("\n");
    expect(specifiers(text, "js")).toEqual(["5:./c.js", "11:./e.js", "12:./f.cjs", "12:./g.js", "13:./h.js"]);
  });

  it("tells the style from the extension", () => {
    expect(["a.py", "a.ts", "a.tsx", "a.mjs", "a.cjs", "a.jsx", "a.js", "a.go", "a.md", "Makefile"].map(styleOfFile)).toEqual([
      "python", "js", "js", "js", "js", "js", "js", undefined, undefined, undefined,
    ]);
    // The extension is the last dot's, in the file's own name: not a folder's, not an empty one.
    expect(["pkg.py/readme", "src/a.b.ts", "a.", "dir.js/", ".py", "x/.ts", "a.py.md", "a.PY"].map(styleOfFile)).toEqual([
      undefined, "js", undefined, undefined, "python", "js", undefined, undefined,
    ]);
  });
});
