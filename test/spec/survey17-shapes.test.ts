import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes the seventeenth survey of how people write them found misread: dependency
 * headings written as "depends on" in another language, a module's files given as links from its
 * spec, every module a section of one system spec, and more.
 */

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const CORE = ".claude/layers/core/modules";

function base(files: Record<string, string>): SpecTree {
  return loadSpec(
    makeProject({
      [SYSTEM]: "# Shop\n\nLayers: core, app\n",
      [`${CORE}/LEDGER_AGENT.md`]: "# Ledger\n**Files**: `src/ledger/`\n",
      [`${CORE}/TAX_AGENT.md`]: "# Tax\n**Files**: `src/tax/`\n",
      ...files,
    }),
  );
}

const mod = (spec: SpecTree, id: string) => {
  const found = spec.modules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id}: ${spec.modules.map((m) => m.id).join(", ")}`);
  return found;
};
const deps = (spec: SpecTree, id: string) => mod(spec, id).dependencies.map((d) => [d.id, d.line]);
const codes = (spec: SpecTree) => spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.file, w.line]);

describe("a dependency heading that says 'depends on' in another language", () => {
  it("`## Dépend de`, `## Abhängig von`, `## Depende de`, `## Dipende da`, `## Afhankelijk van` list modules as `## Depends on` does", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Facturation\n\n## Fichiers\n- `src/billing/`\n\n## Dépend de\n- ledger\n- fantôme\n",
      [`${CORE}/STEUER_AGENT.md`]: "# Steuer\n\n## Dateien\n- `src/steuer/`\n\n## Hängt ab von\n- tax\n\n## Abhängig von\n- ledger\n",
      [`${CORE}/PAGOS_AGENT.md`]: "# Pagos\n\n## Archivos\n- `src/pagos/`\n\n## Depende de\n- ledger\n",
      [`${CORE}/CASSA_AGENT.md`]: "# Cassa\n**Files**: `src/cassa/`\n\n## Dipende da\n- tax\n",
      [`${CORE}/KAS_AGENT.md`]: "# Kas\n**Files**: `src/kas/`\n\n## Afhankelijk van\n- ledger\n",
    });
    expect(deps(spec, "billing")).toEqual([["ledger", 7]]);
    expect(deps(spec, "steuer")).toEqual([
      ["tax", 7],
      ["ledger", 10],
    ]);
    expect([deps(spec, "pagos"), deps(spec, "cassa"), deps(spec, "kas")]).toEqual([[["ledger", 7]], [["tax", 5]], [["ledger", 5]]]);
    // As under "Depends on", a name that names no module is said.
    expect(codes(spec)).toEqual([["UNRESOLVED_DEPENDENCY", `${CORE}/BILLING_AGENT.md`, 8]]);
  });

  it("an `## Upstream` heading lists dependencies as an `Upstream:` field does", () => {
    const spec = base({ [`${CORE}/BILLING_AGENT.md`]: "# Billing\n**Files**: `src/billing/`\n\n## Upstream\n- ledger\n- stripe (the payment SDK)\n" });
    expect(deps(spec, "billing")).toEqual([["ledger", 5]]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("an arrow before a dependency item", () => {
  it("`- → ledger`, `- -> tax` and `- => ledger` name ledger and tax: the arrow is no part of the name", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Billing\n**Files**: `src/billing/`\n\n## Depends on\n- → ledger\n- -> tax\n",
      [`${CORE}/SHOP_AGENT.md`]: "# Shop\n**Files**: `src/shop/`\n\n## Dependencies\n- => ledger (entries)\n- ➜ `tax`\n",
    });
    expect(deps(spec, "billing")).toEqual([
      ["ledger", 5],
      ["tax", 6],
    ]);
    expect(deps(spec, "shop")).toEqual([
      ["ledger", 5],
      ["tax", 6],
    ]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a module's files given as links, written for a reader of its spec", () => {
  it("a link climbing out of the spec's folder is read from it, one starting with `/` from the project's root; a plain one as written", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]:
        "# Billing\n\n## Files\n- [invoice.ts](../../../../src/billing/invoice.ts)\n- [src/billing/refund.ts](/src/billing/refund.ts)\n- [tax rules](../../../../src/billing/tax/)\n- [pdf](src/pdf/)\n",
      [`${CORE}/SHOP_AGENT.md`]: "# Shop\n\n**Related Files**:\n- [cart](../../../../src/shop/cart.ts)\n",
    });
    const billing = mod(spec, "billing");
    expect(billing.files).toEqual(["src/billing/invoice.ts", "src/billing/refund.ts", "src/billing/tax/", "src/pdf/"]);
    expect(billing.fileLines?.["src/billing/tax/"]).toBe(6);
    expect(mod(spec, "shop").files).toEqual(["src/shop/cart.ts"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a link that climbs out of the project from the spec's folder too is still outside it: FILE_OUTSIDE_PROJECT at its line", () => {
    const spec = base({ [`${CORE}/BILLING_AGENT.md`]: "# Billing\n\n## Files\n- [billing](../../../../src/billing/)\n- [elsewhere](../../../../../other/x.ts)\n" });
    expect(mod(spec, "billing").files).toEqual(["src/billing/"]);
    expect(codes(spec)).toEqual([["FILE_OUTSIDE_PROJECT", `${CORE}/BILLING_AGENT.md`, 5]]);
  });
});

describe("a system spec that declares every module as a section of its own", () => {
  it("`## Modules` then `### ledger` with `- Files:`, `- Layer:` and `- Depends on:` items: each section is a module, not a layer of modules named Files", () => {
    const claude =
      "# Shop\n\n## Modules\n\n### ledger\nKeeps the journal.\n- Files: `src/ledger/`\n- Layer: core\n\n### billing\n- Files: `src/billing/`, `src/invoices/`\n- Layer: core\n- Depends on: ledger\n\n### web\n- Files: `src/web/`\n- Layer: app\n- Depends on: billing\n";
    const spec = loadSpec(makeProject({ ".claude/CLAUDE.md": claude }));
    expect(spec.modules.map((m) => [m.id, m.layer, m.files, m.specFile])).toEqual([
      ["ledger", "core", ["src/ledger/"], ".claude/CLAUDE.md"],
      ["billing", "core", ["src/billing/", "src/invoices/"], ".claude/CLAUDE.md"],
      ["web", "app", ["src/web/"], ".claude/CLAUDE.md"],
    ]);
    // Said at the section's heading, as a table's row is at its line.
    expect(deps(spec, "billing")).toEqual([["ledger", 10]]);
    expect(deps(spec, "web")).toEqual([["billing", 15]]);
    expect(mod(spec, "ledger").body).toContain("Keeps the journal.");
    expect(codes(spec)).toEqual([]);
  });

  it("under a heading naming a layer (`## Core layer` then `### Ledger` and its `**Files**:`), or written `### Module: web` under `## Layer: app`", () => {
    const system =
      "# Shop\n\n## Core layer\n\n### Ledger\n**Files**: `src/ledger/`\n\n### Billing\n**Files**: `src/billing/`\n**Depends on**: ledger\n\n## Layer: app\n\n### Module: web\n**Files**: `src/web/`\n**Depends on**: billing\n\n## Conventions\n\n### Style\nFiles: one concept each.\n";
    const spec = loadSpec(makeProject({ [SYSTEM]: system }));
    expect(spec.modules.map((m) => [m.id, m.layer, m.files])).toEqual([
      ["ledger", "core", ["src/ledger/"]],
      ["billing", "core", ["src/billing/"]],
      ["web", "app", ["src/web/"]],
    ]);
    expect([deps(spec, "billing"), deps(spec, "web")]).toEqual([[["ledger", 8]], [["billing", 14]]]);
  });

  it("a section naming no layer, in no layer's heading, is not a module (a system spec's notes may have Files lines); under Modules it is in `modules`", () => {
    const notes = "# Shop\n\n## Architecture\n\n### Storage\nFiles: `src/db/`\n\n## Layers\n- core\n";
    expect(loadSpec(makeProject({ ".claude/CLAUDE.md": notes })).modules).toEqual([]);
    const flat = loadSpec(makeProject({ ".claude/CLAUDE.md": "# Shop\n\n## Modules\n\n### Ledger\n**Files**: `src/ledger/`\n" }));
    expect(flat.modules.map((m) => [m.id, m.layer])).toEqual([["ledger", "modules"]]);
  });

  it("with no module anywhere, the no-modules error names the first such section, its line, and how to make it one", async () => {
    const { noModuleSpecs } = await import("../../src/cli/empty-plan.js");
    const root = makeProject({ ".claude/CLAUDE.md": "# Shop\n\n## Core\n\n### Ledger\n**Files**: `src/ledger/`\n\n### Billing\n**Files**: `src/billing/`\n" });
    expect(loadSpec(root).modules).toEqual([]);
    expect(noModuleSpecs(root)).toContain(
      "; .claude/CLAUDE.md:5 `### Ledger` (and 1 more section) gives files but names no layer, so it is not read as a module: put such sections under a `## Modules` heading or a heading naming their layer (`## Core layer`), or give each a `Layer: core` line",
    );
    expect(noModuleSpecs(makeProject({ ".claude/CLAUDE.md": "# Shop\n\nNo modules yet.\n" }))).not.toContain("names no layer");
  });

  it("beside module specs, a section for a module without one is planned from the system spec (MODULE_FROM_SYSTEM_SPEC), one with a spec is that spec's", () => {
    const spec = base({
      [SYSTEM]: "# Shop\n\nLayers: core, app\n\n## Modules\n\n### Ledger\n- Files: `src/ledger/`\n- Layer: core\n\n### Search\n- Files: `src/search/`\n- Layer: app\n- Depends on: ledger\n",
    });
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile])).toEqual([
      ["ledger", "core", `${CORE}/LEDGER_AGENT.md`],
      ["tax", "core", `${CORE}/TAX_AGENT.md`],
      ["search", "app", SYSTEM],
    ]);
    expect(deps(spec, "search")).toEqual([["ledger", 11]]);
    expect(codes(spec)).toEqual([]);
    expect(spec.notes?.map((n) => [n.code, n.file, n.line])).toEqual([["MODULE_FROM_SYSTEM_SPEC", SYSTEM, 11]]);
  });
});

describe("a relative import in a spec's code block, from a module that owns folders", () => {
  it("`import { post } from '../ledger'` is read from the owned folder (`src/billing/`, or a glob's, `src/shop/**/*.ts`), as a file in it imports", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Billing\n**Files**: `src/billing/`\n\n## Depends on\n```ts\nimport { post } from '../ledger';\nimport { rate } from '../tax/rates';\n```\n",
      [`${CORE}/SHOP_AGENT.md`]: "# Shop\n**Files**: `src/shop/**/*.ts`\n\n## Depends on\n```ts\nimport { post } from '../ledger/post';\nimport { gone } from '../gone';\n```\n",
    });
    expect(deps(spec, "billing")).toEqual([
      ["ledger", 6],
      ["tax", 7],
    ]);
    expect(deps(spec, "shop")).toEqual([["ledger", 6]]);
    expect(codes(spec)).toEqual([["UNRESOLVED_IMPORT", `${CORE}/SHOP_AGENT.md`, 7]]);
  });
});

describe("a module's files listed as a tree of list items, or under a Paths heading", () => {
  it("`- src/billing/` then `  - invoice.ts` owns `src/billing/invoice.ts`, not `invoice.ts` at the root; a nested path with folders of its own is as written", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Billing\n\n## Files\n- `src/billing/`\n  - `invoice.ts`\n  - `pdf/`\n    - `render.ts`\n  - `src/shared/money.ts`\n- `README.md`\n",
    });
    expect(mod(spec, "billing").files).toEqual(["src/billing/", "src/billing/invoice.ts", "src/billing/pdf/", "src/billing/pdf/render.ts", "src/shared/money.ts", "README.md"]);
    expect(mod(spec, "billing").fileLines?.["src/billing/pdf/render.ts"]).toBe(7);
  });

  it("a `## Paths` heading lists files as `## Files` does (before, NO_FILES)", () => {
    const spec = base({ [`${CORE}/BILLING_AGENT.md`]: "# Billing\n\n## Paths\n- `src/billing/`\n- src/invoices/\n" });
    expect(mod(spec, "billing").files).toEqual(["src/billing/", "src/invoices/"]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a dependency section whose paragraph is only names", () => {
  it("`## Depends on` then `ledger, tax` names both (before, DEPENDS_ON_UNRESOLVED); under Dependencies, `react, ledger and tax.` names the modules and is silent about react", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Billing\n**Files**: `src/billing/`\n\n## Depends on\nledger, tax\n",
      [`${CORE}/SHOP_AGENT.md`]: "# Shop\n**Files**: `src/shop/`\n\n## Dependencies\nreact, ledger and tax.\n",
      [`${CORE}/PDF_AGENT.md`]: "# Pdf\n**Files**: `src/pdf/`\n\n## Depends on\nThe renderer draws pages, then stores them.\n",
    });
    expect(deps(spec, "billing")).toEqual([
      ["ledger", 5],
      ["tax", 5],
    ]);
    expect(deps(spec, "shop")).toEqual([
      ["ledger", 5],
      ["tax", 5],
    ]);
    expect(codes(spec)).toEqual([["DEPENDS_ON_UNRESOLVED", `${CORE}/PDF_AGENT.md`, 4]]);
  });
});
