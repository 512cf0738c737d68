import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { loadSpec, findProjectRoot, keepDerived, recallDerived, saveSpecCache } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { tableCells } from "../../src/spec/md-table.js";
import { providesSection } from "../../src/spec/provides-section.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes the fourteenth survey of how people write them found misread: sections
 * folded in `<details>`, escaped pipes in table cells, modules only the system spec lists beside
 * module specs, a Mermaid graph of layers against the planned order, definition lists, and more.
 */

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const CORE = ".claude/layers/core/modules";
const APP = ".claude/layers/app/modules";

function base(files: Record<string, string>): SpecTree {
  return loadSpec(
    makeProject({
      [SYSTEM]: "# Shop\n\nLayers: core, app\n",
      [`${CORE}/STORE_AGENT.md`]: "# Store\n**Files**: `src/store/`\n",
      [`${CORE}/SEARCH_AGENT.md`]: "# Search\n**Files**: `src/search/`\n",
      ...files,
    }),
  );
}

const deps = (spec: SpecTree, id: string) => spec.modules.find((m) => m.id === id)!.dependencies.map((d) => [d.id, d.line]);
const files = (spec: SpecTree, id: string) => spec.modules.find((m) => m.id === id)!.files;
const codes = (spec: SpecTree) => spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.line]);

describe("a section folded in <details>", () => {
  it("is read as the section its <summary> names, and ends at </details>", () => {
    const spec = base({
      [`${APP}/CART_AGENT.md`]: [
        "# Cart",
        "**Files**: `src/cart/`",
        "",
        "<details>",
        "<summary>Depends on</summary>",
        "",
        "- store",
        "",
        "</details>",
        "",
        "The page uses search for suggestions, but through the API.",
        "",
        "<details><summary><b>Files</b></summary>",
        "- `src/cart.ts`",
        "</details>",
        "",
      ].join("\n"),
    });
    // `search` is in prose after </details>: no dependency place, so not read.
    expect(deps(spec, "cart")).toEqual([["store", 7]]);
    expect(files(spec, "cart")).toEqual(["src/cart/", "src/cart.ts"]);
    expect(codes(spec)).toEqual([]);
  });

  it("in a spec with CRLF line ends and a BOM too", () => {
    const spec = base({ [`${APP}/CART_AGENT.md`]: "\uFEFF# Cart\r\n**Files**: `src/cart/`\r\n\r\n<details open>\r\n  <summary>Depends on</summary>\r\n\r\n  - search\r\n</details>\r\n" });
    expect(deps(spec, "cart")).toEqual([["search", 7]]);
  });
});

describe("an escaped pipe in a table cell", () => {
  it("splits no cell: a Depends on cell's `a \\| b` lists two, in a fields table and a layer's table of modules", () => {
    const spec = base({
      [`${APP}/CART_AGENT.md`]: "# Cart\n\n| Field | Value |\n|---|---|\n| **Files** | `src/cart/` |\n| **Depends on** | store \\| search |\n",
      ".claude/layers/app/APP_ORCHESTRATOR.md": "# App\n\n| Module | Files | Depends on |\n|---|---|---|\n| wish | `src/wish/` | cart \\| search |\n",
    });
    expect(deps(spec, "cart")).toEqual([
      ["store", 6],
      ["search", 6],
    ]);
    expect(deps(spec, "wish")).toEqual([
      ["cart", 5],
      ["search", 5],
    ]);
    expect(tableCells("| `get` | `(id: string) => Item \\| null` | x |")).toEqual(["`get`", "`(id: string) => Item | null`", "x"]);
    expect(tableCells("| a \\| b |")).toEqual(["a | b"]);
  });
});

describe("modules the system spec lists beside module specs", () => {
  const system = [
    "# Shop",
    "",
    "## Modules",
    "",
    "| Module | Layer | Files | Purpose |",
    "|---|---|---|---|",
    "| store | core | `src/store/` | keeps items |",
    "| search | core | `src/search/` | finds items |",
    "| Finder | core | `src/store/query/` | the old name of a part of store |",
    "| Risk | core | | no path |",
    "| api | app | `src/api/` | HTTP |",
    "",
  ].join("\n");

  it("are planned from the system spec when no spec is named for them, with a note; the others come from their specs", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: system,
        [`${CORE}/STORE_AGENT.md`]: "# Store\n**Files**: `src/store/`\n",
        [`${APP}/API_AGENT.md`]: "# API\n**Files**: `src/api/`\n**Depends on**: store, search\n",
      }),
    );
    expect(spec.modules.map((m) => [m.layer, m.id, m.specFile])).toEqual([
      ["app", "api", `${APP}/API_AGENT.md`],
      ["core", "store", `${CORE}/STORE_AGENT.md`],
      ["core", "search", SYSTEM],
    ]);
    expect(deps(spec, "api").map(([id]) => id)).toEqual(["store", "search"]);
    expect(spec.notes?.map((n) => [n.code, n.file, n.line])).toEqual([["MODULE_FROM_SYSTEM_SPEC", SYSTEM, 8]]);
    // A row naming no path, or only paths a module with a spec owns, is no module of its own: still a warning.
    expect(codes(spec)).toEqual([
      ["MODULE_WITHOUT_SPEC", 9],
      ["MODULE_WITHOUT_SPEC", 10],
    ]);
  });
});

describe("a Mermaid graph between layers", () => {
  const tree = (graph: string, extra: Record<string, string> = {}) =>
    loadSpec(
      makeProject({
        [SYSTEM]: `# Shop\n\nLayer order: core, service, app\n\n\`\`\`mermaid\nflowchart TD\n${graph}\n\`\`\`\n`,
        [`${CORE}/STORE_AGENT.md`]: "# Store\n**Files**: `src/store/`\n",
        ".claude/layers/service/modules/ORDERS_AGENT.md": "# Orders\n**Files**: `src/orders/`\n",
        [`${APP}/WEB_AGENT.md`]: "# Web\n**Files**: `src/web/`\n",
        ...extra,
      }),
    );
  const planWarnings = (spec: SpecTree) => buildPlan(spec, { type: "general", scope: { kind: "system" }, because: [] }).warnings.filter((w) => w.code === "LAYER_DIAGRAM_CONFLICT");

  it("is no import rule: drawn against the order the layers are planned in, it is LAYER_DIAGRAM_CONFLICT at its arrow", () => {
    const spec = tree("  core --> service\n  service --> app");
    const [warning, ...rest] = planWarnings(spec);
    expect(rest).toEqual([]);
    expect([warning?.file, warning?.line]).toEqual([SYSTEM, 7]);
    expect(warning?.message).toContain("puts `app` before `service`");
    expect(warning?.message).toContain("in the order core, service, app");
    expect(spec.system.layerOrder).toEqual(["core", "service", "app"]);
  });

  it("says nothing when it agrees with that order, drawn either way", () => {
    expect(planWarnings(tree("  app --> service\n  service --> core"))).toEqual([]);
    // Drawn as data flows, against the modules' dependencies: read the other way, so it agrees.
    expect(planWarnings(tree("  core --> service\n  service --> app", { ".claude/layers/service/modules/ORDERS_AGENT.md": "# Orders\n**Files**: `src/orders/`\n**Depends on**: store\n" }))).toEqual([]);
  });
});

describe("a module spec titled `# API`", () => {
  it("is not its own Exports section", () => {
    const text = "# API\n**Files**: `src/api/`\n\n- `Router` in prose\n";
    const spec = base({ [`${APP}/API_AGENT.md`]: text });
    expect(spec.modules.find((m) => m.id === "api")!.provides).toEqual([]);
    expect(providesSection(text)).toBeUndefined();
    expect(providesSection("# Cart\n\n## API\n\n- `checkout()`\n")).toBe("- `checkout()`");
  });
});

describe("a definition list of fields", () => {
  it("reads `Files` then `: path` and `Depends on` then `: a` lines as fields", () => {
    const spec = base({ [`${APP}/CART_AGENT.md`]: "# Cart\n\nFiles\n: `src/cart/`\n\nDepends on\n: store\n: search\n" });
    expect(files(spec, "cart")).toEqual(["src/cart/"]);
    expect(deps(spec, "cart")).toEqual([
      ["store", 6],
      ["search", 6],
    ]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("dependencies written as a sentence", () => {
  it("'uses the Store and Search modules' names them in any case; a capitalised name the sentence does not call a module counts only as written", () => {
    const spec = base({
      [`${APP}/CART_AGENT.md`]: "# Cart\n**Files**: `src/cart/`\n\n## Dependencies\nThis module uses the Store and Search modules.\n",
      [`${APP}/WISH_AGENT.md`]: "# Wish\n**Files**: `src/wish/`\n\n## Dependencies\nIt uses Store objects.\n",
    });
    expect(deps(spec, "cart")).toEqual([
      ["store", 5],
      ["search", 5],
    ]);
    expect(deps(spec, "wish")).toEqual([]);
  });
});

describe("front matter dependencies as one string", () => {
  it("split at `;` as at `,`; names separated by spaces are told to take commas", () => {
    const spec = base({
      [`${APP}/CART_AGENT.md`]: '---\ndepends_on: "store; search"\n---\n# Cart\n**Files**: `src/cart/`\n',
      [`${APP}/WISH_AGENT.md`]: "---\ndepends_on: store search\n---\n# Wish\n**Files**: `src/wish/`\n",
    });
    expect(deps(spec, "cart").map(([id]) => id)).toEqual(["store", "search"]);
    const warning = spec.warnings.find((w) => w.code === "UNRESOLVED_DEPENDENCY")!;
    expect([warning.file, warning.line]).toEqual([`${APP}/WISH_AGENT.md`, 2]);
    expect(warning.message).toContain("separate them with commas (`store, search`)");
  });
});

describe("specs written in other formats", () => {
  it("reStructuredText or AsciiDoc under .claude/layers is SPEC_NOT_READ, with the Markdown file to write", () => {
    const root = makeProject({
      [SYSTEM]: "# Shop\n",
      [`${CORE}/STORE_AGENT.md`]: "# Store\n**Files**: `src/store/`\n",
      [`${CORE}/CART_AGENT.rst`]: "Cart\n====\n\n:Files: ``src/cart/``\n",
      [`${CORE}/PRICING_AGENT.adoc`]: "= Pricing\n",
      [`${CORE}/notes.txt`]: "scratch\n",
    });
    const unread = unreadSpecs(loadSpec(root)).map((w) => [w.file, w.message]);
    expect(unread).toEqual([
      [`${CORE}/CART_AGENT.rst`, `Not read: specs are Markdown, and this is reStructuredText: write it as ${CORE}/CART_AGENT.md (\`pandoc -f rst -t gfm CART_AGENT.rst -o CART_AGENT.md\`)`],
      [`${CORE}/PRICING_AGENT.adoc`, `Not read: specs are Markdown, and this is AsciiDoc: write it as ${CORE}/PRICING_AGENT.md (\`**Files**:\` and \`## Depends on\` as a Markdown spec writes them)`],
    ]);
  });
});

describe("module docs linked from the root's CLAUDE.md", () => {
  it("in a project without .claude/: the error names them and the folder to make", () => {
    const root = makeProject({
      "CLAUDE.md": "# Wiki shop\n\n## Modules\n- [store](docs/architecture/modules/store.md): items\n- [gone](docs/architecture/modules/gone.md): not written\n",
      "docs/architecture/modules/store.md": "# Store\n**Files**: `src/store/`\n",
    });
    expect(() => findProjectRoot(root)).toThrow('; the module docs its CLAUDE.md links under "Modules" (docs/architecture/modules/store.md) are read as its module specs once the project has a .claude/ folder: `mkdir .claude`');
  });
});

describe("a tree whose system spec places or declares its modules", () => {
  it("is found again by stat alone (recallDerived): the system spec is read once before the tree's key is taken", () => {
    const trees = {
      flat: { ".claude/SYSTEM_ORCHESTRATOR.md": "# S\n\n| Module | Layer |\n|---|---|\n| money | core |\n", ".claude/agents/MONEY_AGENT.md": "# Money\n**Files**: `pkg/money.py`\n" },
      declared: { ".claude/CLAUDE.md": "# Ledgerly\n\n## Modules\n- **Core**\n  - ledger — journal (src/ledger/)\n" },
      beside: { [SYSTEM]: "# A\n\n## Modules\n- **Core**\n  - ledger — journal (src/ledger/)\n  - fees — fees (src/fees/)\n", [`${CORE}/LEDGER_AGENT.md`]: "# Ledger\n**Files**: `src/ledger/`\n" },
    };
    for (const files of Object.values(trees)) {
      const root = makeProject({ ".orchestrate/.keep": "", ...files });
      const tree = loadSpec(root, { cache: true });
      keepDerived(tree, "plan", { planned: 1 });
      saveSpecCache(tree);
      // As if scanned long after the files' last writes: no entry is racy.
      const index = join(root, ".orchestrate/cache/index.v8");
      writeFileSync(index, serialize({ ...(deserialize(readFileSync(index)) as object), scanned: Date.now() + 60_000 }));
      expect(recallDerived(root, "plan")?.value).toEqual({ planned: 1 });
    }
  });
});

describe("dependency items marked or linked by reference", () => {
  it("`✅ store`, `✔️ search (v2 API)` and `[Store][store]` name their modules; an HTML comment names none", () => {
    const spec = base({
      [`${APP}/CART_AGENT.md`]: "Cart\n====\n\nFiles\n-----\n- `src/cart/`\n\nDependencies\n------------\n- ✅ store\n- ✔️ search (v2 API)\n\n<!-- Depends on: wish -->\n",
      [`${APP}/WISH_AGENT.md`]: "# Wish\n**Files**: `src/wish/`\n\n## Depends on\n- [Store][store]\n- [Search][]\n\n[store]: ../../core/modules/STORE_AGENT.md\n[Search]: ../../core/modules/SEARCH_AGENT.md\n",
    });
    expect(deps(spec, "cart")).toEqual([
      ["store", 10],
      ["search", 11],
    ]);
    expect(deps(spec, "wish")).toEqual([
      ["store", 5],
      ["search", 6],
    ]);
  });
});
