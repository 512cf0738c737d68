import { describe, expect, it } from "vitest";
import { extractImports, languageOf } from "../../src/spec/imports.js";

const specs = (text: string, style: "python" | "js" | "go") => extractImports(text, style).map((r) => r.specifier);

describe("extractImports", () => {
  it("reads Python from/import forms, aliases, parentheses and relative imports", () => {
    const code = [
      "from ledger.core.journal import JournalEntry, post as post_entry",
      "import ledger.money",
      "import os, ledger.fx as fx",
      "from . import sibling",
      "from ..core import (",
      "    balances,",
      ")",
      "# from ledger.ui import nothing",
      "x = 'import nothing'",
    ].join("\n");
    const refs = extractImports(code, "python");
    expect(refs.map((r) => r.specifier)).toEqual(["ledger.core.journal", "ledger.money", "os", "ledger.fx", ".", "..core"]);
    expect(refs[0]).toMatchObject({ names: ["JournalEntry", "post"], line: 1 });
    expect(refs[4]).toMatchObject({ names: ["sibling"], line: 4 });
    expect(refs[2]!.line).toBe(3);
  });

  it("reads TS/JS import, export-from, side-effect, require and dynamic import; skips comments", () => {
    const code = [
      'import { Cart } from "../domain/cart.js";',
      "import type { Money } from 'src/money';",
      'export * from "./types";',
      'import "./polyfill";',
      'const fs = require("node:fs");',
      'const lazy = await import("src/lazy");',
      '// import { Nope } from "src/nope";',
      ' * import { AlsoNope } from "src/nope";',
    ].join("\n");
    expect(specs(code, "js")).toEqual(["../domain/cart.js", "src/money", "./types", "./polyfill", "node:fs", "src/lazy"]);
  });

  it("reads an import or re-export formatted over several lines, at its first line (a formatter's long imports were not read at all)", () => {
    const text = 'import {\n  A,\n  B,\n} from "./x.js";\nimport type {\n  C,\n} from "../y.js";\nimport D, {\n  e,\n} from "./w";\nexport {\n  f,\n}\nfrom "./z.js";\nexport const o = {\n  a: 1,\n};\nimport "./side.js";\n';
    expect(extractImports(text, "js").map((r) => [r.specifier, r.line])).toEqual([
      ["./x.js", 1],
      ["../y.js", 5],
      ["./w", 8],
      ["./z.js", 11],
      ["./side.js", 18],
    ]);
  });

  it("reads Go single imports and import blocks with aliases", () => {
    const code = 'package main\n\nimport "fmt"\nimport (\n  "strings"\n  cart "github.com/acme/shop/internal/cart"\n)\n';
    const refs = extractImports(code, "go");
    expect(refs.map((r) => [r.specifier, r.line])).toEqual([
      ["fmt", 3],
      ["strings", 5],
      ["github.com/acme/shop/internal/cart", 6],
    ]);
  });

  it("knows languages by fence label, and guesses unlabelled blocks", () => {
    expect(languageOf("py", "")).toBe("python");
    expect(languageOf("typescript", "")).toBe("js");
    expect(languageOf("golang", "")).toBe("go");
    expect(languageOf("bash", "import x")).toBeUndefined();
    expect(languageOf("", "from a.b import c")).toBe("python");
    expect(languageOf("", 'import { a } from "b";')).toBe("js");
    expect(languageOf("", "package cart\nimport \"fmt\"")).toBe("go");
  });
});
