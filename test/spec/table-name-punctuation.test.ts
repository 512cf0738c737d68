import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject } from "../helpers/project.js";

/**
 * A system spec's table of modules names each module by a display name; a row's id is made from
 * it (`Search & Filters` -> `search_filters`). Another row's Depends on cell naming that display
 * name, punctuation and all, is a dependency on it, not a name of nothing.
 */
describe("a display name with punctuation in a table's Depends on cell", () => {
  const claude = [
    "# Atlas",
    "",
    "The library's catalogue and lending, one module per row.",
    "",
    "## Modules",
    "",
    "| Module | Layer | Files | Depends on | Purpose |",
    "|---|---|---|---|---|",
    "| Catalogue | core | `src/catalogue/` | — | Books and their copies. |",
    "| Search & Filters | core | `src/search/` | Catalogue | Full-text search over the catalogue. |",
    "| Loans (v2) | app | `src/loans/` | Search & Filters, Catalogue | Lending and returns. |",
    "| Reports/Exports | app | `src/reports/` | Loans (v2) | Monthly figures. |",
    "",
    "Layer order: core, app.",
    "",
  ].join("\n");

  it("resolves to the row's module, with no UNRESOLVED_DEPENDENCY", () => {
    const spec = loadSpec(makeProject({ ".claude/settings.json": "{}\n", "CLAUDE.md": claude, "src/catalogue/a.ts": "", "src/search/a.ts": "", "src/loans/a.ts": "", "src/reports/a.ts": "" }));
    const ids = spec.modules.map((m) => m.id).sort();
    expect(ids).toContain("search_filters");
    const loans = spec.modules.find((m) => m.id.startsWith("loans"))!;
    expect(loans.dependencies.map((d) => d.id).sort()).toEqual(["catalogue", "search_filters"]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY" && w.message.includes("Search"))).toEqual([]);
  });
});
