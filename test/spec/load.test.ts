import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { SpecError } from "../../src/errors.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";

function errorOf(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError");
}

describe("loadSpec: tree layout", () => {
  it("reads the system spec, cross-cutting specs, layers, modules in modules/ and directly in a layer", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nLayers: the API_ORCHESTRATOR runs after the Core layer.\n",
      ".claude/system/VALIDATION_ORCHESTRATOR.md": "# Validation\n",
      ".claude/system/DOCUMENTATION_ORCHESTRATOR.md": "# Docs\n",
      [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n### Forbidden Imports\n- `pkg.api`\n",
      [`${L}/core/modules/ORDER_BOOK_AGENT.md`]: moduleSpec({ module: "pkg/order_book.py", related: ["tests/test_order_book.py"] }),
      [`${L}/api/SERVER_AGENT.md`]: moduleSpec({ module: "pkg/server.py" }),
      [`${L}/api/notes.md`]: "not a module",
    });
    const spec = loadSpec(root);
    expect(spec.root).toBe(root);
    expect(spec.system.specFile).toBe(".claude/system/SYSTEM_ORCHESTRATOR.md");
    expect(spec.system.layerOrder).toEqual(["api", "core"]);
    expect(spec.system.crossCutting.map((c) => c.name)).toEqual(["DOCUMENTATION_ORCHESTRATOR", "VALIDATION_ORCHESTRATOR"]);
    expect(spec.layers.map((l) => [l.id, l.orchestrator, l.modules])).toEqual([
      ["api", undefined, ["server"]],
      ["core", "CORE_ORCHESTRATOR", ["order_book"]],
    ]);
    expect(spec.layers[1]!.forbiddenImports).toEqual([{ pattern: "pkg.api", file: `${L}/core/CORE_ORCHESTRATOR.md`, line: 3 }]);
    const book = spec.modules.find((m) => m.id === "order_book")!;
    expect(book).toMatchObject({ layer: "core", specFile: `${L}/core/modules/ORDER_BOOK_AGENT.md`, primaryFile: "pkg/order_book.py", files: ["pkg/order_book.py", "tests/test_order_book.py"] });
    expect(book.fields).toMatchObject({ Type: "Module Agent", Module: "`pkg/order_book.py`" });
    expect(spec.modules.find((m) => m.id === "server")!.specFile).toBe(`${L}/api/SERVER_AGENT.md`);
  });

  it("reads module specs in folders under modules/ (grouped by feature), as modules of the layer", () => {
    const root = makeProject({
      [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money.py" }),
      [`${L}/core/modules/auth/LOGIN_AGENT.md`]: moduleSpec({ module: "pkg/auth/login.py", body: "## Depends On\n- money\n" }),
      [`${L}/core/modules/auth/tokens/TOKEN_AGENT.md`]: moduleSpec({ module: "pkg/auth/token.py" }),
      [`${L}/core/modules/.drafts/DRAFT_AGENT.md`]: moduleSpec({ module: "pkg/draft.py" }),
    });
    const spec = loadSpec(root);
    expect(spec.layers.map((l) => [l.id, l.modules])).toEqual([["core", ["money", "login", "token"]]]);
    expect(spec.modules.find((m) => m.id === "token")!.specFile).toBe(`${L}/core/modules/auth/tokens/TOKEN_AGENT.md`);
    expect(spec.modules.find((m) => m.id === "login")!.dependencies.map((d) => d.id)).toEqual(["money"]);
  });

  it("accepts the .claude folder itself as --project, and CRLF files", () => {
    const root = makeProject({ [`${L}/core/modules/A_AGENT.md`]: moduleSpec({ module: "a.py" }).replace(/\n/g, "\r\n") });
    const spec = loadSpec(join(root, ".claude"));
    expect(spec.root).toBe(root);
    expect(spec.modules[0]!.primaryFile).toBe("a.py");
  });

  it("extracts header fields, Related Files, owns, Provides and import rules", () => {
    const body = [
      "## Module Ownership",
      "**Related Files**:",
      "- `pkg/journal_util.py` (helpers)",
      "- `tests/test_journal.py`",
      "",
      "## 📤 Provides",
      "- `JournalEntry`",
      "- `post(entry)` — posts one entry",
      "```python",
      "class Ledger:",
      "def balance_of(account): ...",
      "```",
      "## Architecture Rules",
      "### Allowed Imports",
      "- `pkg.money`",
      "### Forbidden Imports",
      "- `pkg.api` (outer layer)",
      "- None",
    ].join("\n");
    const root = makeProject({
      [`${L}/core/modules/JOURNAL_AGENT.md`]: moduleSpec({ frontMatter: "owns: [pkg/journal_sql.py]\nagent: simulate", module: "pkg/journal.py", body }),
    });
    const [m] = loadSpec(root).modules;
    expect(m!.files).toEqual(["pkg/journal.py", "pkg/journal_util.py", "tests/test_journal.py", "pkg/journal_sql.py"]);
    expect(m!.provides).toEqual(["JournalEntry", "post", "Ledger", "balance_of"]);
    expect(m!.allowedImports.map((r) => r.pattern)).toEqual(["pkg.money"]);
    expect(m!.forbiddenImports.map((r) => [r.pattern, r.line])).toEqual([["pkg.api", 26]]);
    expect(m!.frontMatter).toEqual({ owns: ["pkg/journal_sql.py"], agent: "simulate" });
  });

  it("lets front matter put a module in another layer", () => {
    const root = makeProject({
      [`${L}/core/modules/A_AGENT.md`]: moduleSpec({ frontMatter: "layer: api", module: "a.py" }),
      [`${L}/api/API_ORCHESTRATOR.md`]: "# API\n",
    });
    const spec = loadSpec(root);
    expect(spec.modules[0]!.layer).toBe("api");
    expect(spec.layers.find((l) => l.id === "api")!.modules).toEqual(["a"]);
  });
});

describe("loadSpec: bad input", () => {
  it("a missing project or .claude folder", () => {
    expect(errorOf(() => loadSpec("/definitely/not/here")).code).toBe("SPEC_MISSING");
    const e = errorOf(() => loadSpec(makeProject({ "README.md": "x" })));
    expect(e.code).toBe("SPEC_MISSING");
    expect(e.message).toMatch(/No \.claude\/ folder/);
  });

  it("an unreadable spec file names the file", () => {
    const root = makeProject({ [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n" });
    mkdirSync(join(root, L, "core", "modules", "BROKEN_AGENT.md"), { recursive: true });
    const e = errorOf(() => loadSpec(root));
    expect(e.code).toBe("SPEC_MISSING");
    expect(e.place.file).toBe(`${L}/core/modules/BROKEN_AGENT.md`);
    expect(e.message).toMatch(/EISDIR/);
  });

  it("an unreadable folder names the folder", () => {
    const root = makeProject({ [`${L}/core/modules/A_AGENT.md`]: moduleSpec({ module: "a.py" }) });
    const dir = join(root, L, "core", "modules");
    chmodSync(dir, 0o000);
    try {
      // Root reads anything; only a non-root user sees EACCES here.
      if (process.getuid?.() === 0) return;
      expect(errorOf(() => loadSpec(root)).place.file).toBe(`${L}/core/modules`);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it("two files with the same module id", () => {
    const root = makeProject({
      [`${L}/core/modules/CART_AGENT.md`]: moduleSpec({ module: "a.py" }),
      [`${L}/web/CART_AGENT.md`]: moduleSpec({ module: "b.py" }),
    });
    const e = errorOf(() => loadSpec(root));
    expect(e.code).toBe("SPEC_DUPLICATE_ID");
    expect(e.describe()).toBe(`${L}/web/CART_AGENT.md: Module id \`cart\` is declared twice: here and in ${L}/core/modules/CART_AGENT.md; a module id names one module in every layer: rename this one, e.g. to \`web_cart\``);
  });

  it("ids outside [a-z0-9_-], for modules and layers", () => {
    const bad = errorOf(() => loadSpec(makeProject({ [`${L}/core/modules/ORDER.BOOK_AGENT.md`]: moduleSpec({}) })));
    expect(bad.code).toBe("SPEC_INVALID_ID");
    expect(bad.place.file).toBe(`${L}/core/modules/ORDER.BOOK_AGENT.md`);
    const layer = errorOf(() => loadSpec(makeProject({ [`${L}/Core Layer/A_AGENT.md`]: moduleSpec({}) })));
    expect(layer.code).toBe("SPEC_INVALID_ID");
    expect(layer.message).toMatch(/Layer folder `Core Layer`/);
  });

  it("malformed front matter names file and line", () => {
    const root = makeProject({ [`${L}/core/modules/A_AGENT.md`]: "---\ndepends_on: [b\nlayer: : core\n---\n# A\n" });
    const e = errorOf(() => loadSpec(root));
    expect(e.code).toBe("SPEC_PARSE");
    expect(e.place.file).toBe(`${L}/core/modules/A_AGENT.md`);
    expect(e.place.line).toBeGreaterThan(1);
  });

  it("depends_on that is not a list of strings", () => {
    const root = makeProject({ [`${L}/core/modules/A_AGENT.md`]: "---\ndepends_on: {b: 1}\n---\n# A\n" });
    expect(errorOf(() => loadSpec(root)).describe()).toMatch(/A_AGENT\.md:2: Expected front matter `depends_on` to be a list of strings/);
  });

  it("front matter naming a layer that does not exist", () => {
    const root = makeProject({ [`${L}/core/modules/A_AGENT.md`]: "---\nlayer: nowhere\n---\n# A\n" });
    expect(errorOf(() => loadSpec(root)).message).toMatch(/layer `nowhere`/);
  });
});

describe("loadSpec: warnings a person needs", () => {
  it("files owned twice, modules without files, no system spec, no modules", () => {
    const root = makeProject({
      [`${L}/core/modules/A_AGENT.md`]: moduleSpec({ module: "pkg/a.py" }),
      [`${L}/core/modules/B_AGENT.md`]: moduleSpec({ module: "pkg/a.py" }),
      [`${L}/core/modules/C_AGENT.md`]: moduleSpec({}),
    });
    const codes = loadSpec(root).warnings.map((w) => w.code);
    expect(codes).toEqual(["NO_SYSTEM_SPEC", "FILE_OWNED_TWICE", "NO_FILES"]);
    expect(loadSpec(makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# S\n" })).warnings.map((w) => w.code)).toEqual(["NO_MODULES"]);
  });
});
