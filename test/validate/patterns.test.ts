import { describe, expect, it } from "vitest";
import type { ImportRef } from "../../src/spec/imports.js";
import { importNames, patternMatches } from "../../src/validate/patterns.js";

const py = (specifier: string, names?: string[]): ImportRef => ({ specifier, style: "python", line: 1, ...(names ? { names } : {}) });
const js = (specifier: string): ImportRef => ({ specifier, style: "js", line: 1 });
const matches = (pattern: string, ref: ImportRef, file: string) => patternMatches(pattern, importNames(ref, file), ref.style);

describe("patternMatches", () => {
  it("matches a dotted prefix on whole segments only", () => {
    expect(matches("pkg.ui", py("pkg.ui"), "pkg/core/a.py")).toBe(true);
    expect(matches("pkg.ui", py("pkg.ui.widgets"), "pkg/core/a.py")).toBe(true);
    expect(matches("pkg.ui", py("pkg.uix"), "pkg/core/a.py")).toBe(false);
    expect(matches("pkg.ui", py("pkg", ["ui", "db"]), "pkg/core/a.py")).toBe(true);
    expect(matches("pkg.ui", py("pkg", ["db"]), "pkg/core/a.py")).toBe(false);
  });

  it("resolves relative imports to project paths, for path and dotted patterns", () => {
    expect(matches("pkg.ui", py("..ui", ["Button"]), "pkg/core/a.py")).toBe(true);
    expect(matches("pkg/ui/", py("..ui.button"), "pkg/core/a.py")).toBe(true);
    expect(matches("pkg.ui", py(".ui"), "pkg/core/a.py")).toBe(false);
    expect(matches("src/ui", js("../ui/button.js"), "src/domain/cart.ts")).toBe(true);
    expect(matches("src/ui/button.ts", js("../ui/button.js"), "src/domain/cart.ts")).toBe(true);
    expect(matches("./src/ui", js("./ui.js"), "src/cart.ts")).toBe(true);
    expect(matches("src/ui", js("./uikit/x.js"), "src/cart.ts")).toBe(false);
  });

  it("matches packages by name and subpath, and aliased project paths", () => {
    expect(matches("react", js("react"), "src/a.ts")).toBe(true);
    expect(matches("react", js("react/jsx-runtime"), "src/a.ts")).toBe(true);
    expect(matches("react", js("react-dom"), "src/a.ts")).toBe(false);
    expect(matches("lodash.debounce", js("lodash.debounce"), "src/a.ts")).toBe(true);
    expect(matches("@scope/pkg", js("@scope/pkg/sub"), "src/a.ts")).toBe(true);
    expect(matches("src/ui", js("@/src/ui/x"), "src/a.ts")).toBe(true);
    expect(matches("os", py("os.path"), "a.py")).toBe(true);
  });
});
