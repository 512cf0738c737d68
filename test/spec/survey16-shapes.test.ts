import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";
import { missingOwnedPaths } from "../../src/spec/presence.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { buildPlan } from "../../src/plan/build.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { SpecError } from "../../src/errors.js";

/**
 * Spec trees in shapes the sixteenth survey of how people write them found misread: a folder's
 * spec that keeps its sections in files beside it, module specs written as YAML, negations in a
 * layer table's Files cell, and more.
 */

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const CORE = ".claude/layers/core/modules";
const BILLING = ".claude/agents/billing";

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

describe("a module spec in a folder of its own, with its sections in files it links beside it", () => {
  const folderTree = (agent: string, parts: Record<string, string>) => ({
    ".claude/CLAUDE.md": "# Shop\n",
    ".claude/agents/ledger/AGENT.md": "# Ledger\n**Files**: `src/ledger/`\n",
    [`${BILLING}/AGENT.md`]: agent,
    ...Object.fromEntries(Object.entries(parts).map(([name, text]) => [`${BILLING}/${name}`, text])),
  });
  const agent = "# Billing\n\nBills customers.\n\n- [What it owns](files.md)\n- [Rules](./rules.md#imports)\n- [Dependencies](<dependencies.md>)\n";
  const parts = {
    "files.md": "# Files\n\n- `src/billing/`\n- `src/invoices/`\n\n# Provides\n- `Invoice`\n",
    "rules.md": "# Rules\n\n## Forbidden Imports\n- `src/web`\n\nSee [files](files.md).\n",
    "dependencies.md": "# Depends on\n\n- ledger\n- ghost\n",
  };

  it("reads them as its spec: files, dependencies, rules and provided names, each said at its part's file and line", () => {
    const spec = loadSpec(makeProject(folderTree(agent, parts)));
    const billing = mod(spec, "billing");
    expect(billing.files).toEqual(["src/billing/", "src/invoices/"]);
    expect(billing.dependencies.map((d) => [d.id, d.file, d.line])).toEqual([["ledger", `${BILLING}/dependencies.md`, 3]]);
    expect(billing.forbiddenImports.map((r) => [r.pattern, r.file, r.line])).toEqual([["src/web", `${BILLING}/rules.md`, 4]]);
    expect(billing.provides).toEqual(["Invoice"]);
    expect(billing.body).toContain("<!-- .claude/agents/billing/rules.md -->\n# Rules");
    expect(codes(spec)).toEqual([["UNRESOLVED_DEPENDENCY", `${BILLING}/dependencies.md`, 4]]);
    expect(missingOwnedPaths(spec).filter((w) => w.message.startsWith("billing")).map((w) => [w.file, w.line])).toEqual([[`${BILLING}/files.md`, 3]]);
    expect(unreadSpecs(spec).filter((w) => w.file?.startsWith(BILLING))).toEqual([]);
  });

  it("a part that is missing, one outside the folder that names files, and a cycle of parts are one warning each at the link", () => {
    const tree = folderTree("# Billing\n\n[files](files.md), [gone](gone.md), [shared](../shared/conventions.md), [docs](../../../docs/guide.md)\n", {
      "files.md": "# Files\n- `src/billing/`\n\nMore in [rules](rules.md).\n",
      "rules.md": "# Rules\n\nBack to [files](files.md), or [the spec](AGENT.md).\n",
    });
    const spec = loadSpec(makeProject({ ...tree, ".claude/agents/shared/conventions.md": "# Conventions\n\n## Files\n- `src/shared/`\n", "docs/guide.md": "# Guide\n\nRead the code.\n" }));
    expect(mod(spec, "billing").files).toEqual(["src/billing/"]);
    expect(codes(spec)).toEqual([
      ["SPEC_PART_CYCLE", `${BILLING}/rules.md`, 3],
      ["SPEC_PART_MISSING", `${BILLING}/AGENT.md`, 3],
      ["SPEC_PART_NOT_READ", `${BILLING}/AGENT.md`, 3],
    ]);
    expect(spec.warnings.find((w) => w.code === "SPEC_PART_NOT_READ")?.message).toContain("`../shared/conventions.md`, linked here, names files, but it is outside the module's folder (.claude/agents/billing/)");
    expect(spec.warnings.find((w) => w.code === "SPEC_PART_CYCLE")?.message).toContain("(files.md -> rules.md -> files.md)");
  });

  it("the parse cache keys on the parts: a changed files.md changes the plan", () => {
    const root = makeProject({ ...folderTree(agent, parts), ".orchestrate/.keep": "" });
    const planned = () => {
      const tree = loadSpec(root, { cache: true });
      saveSpecCache(tree);
      return buildPlan(tree, analyzeTask("implement system", tree), "implement system").modules.find((m) => m.id === "billing")!.files;
    };
    expect(planned()).toEqual(["src/billing/", "src/invoices/"]);
    expect(planned()).toEqual(["src/billing/", "src/invoices/"]);
    writeFileSync(join(root, BILLING, "files.md"), "# Files\n\n- `src/billing/`\n- `src/receipts/`\n- `src/pdf/`\n");
    expect(planned()).toEqual(["src/billing/", "src/receipts/", "src/pdf/"]);
  });
});

describe("a module spec written as YAML", () => {
  it("`.claude/agents/billing.yaml` is a module: files, depends_on or dependencies, description, rules and provides read; lines are the YAML file's", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/CLAUDE.md": "# Shop\n",
        ".claude/agents/ledger.yaml": "---\ndescription: Keeps the double-entry journal.\nfiles:\n  - src/ledger/\n",
        ".claude/agents/billing.yml": "purpose: Bills customers monthly.\nfiles: [src/billing/]\ndependencies:\n  - ledger\n  - ghost\nrules:\n  - Never call the web layer.\nprovides: [Invoice]\nforbidden_imports: [src/web]\n",
        ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\ndescription: Reviews code.\n---\nReview.\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile])).toEqual([
      ["billing", "agents", ".claude/agents/billing.yml"],
      ["ledger", "agents", ".claude/agents/ledger.yaml"],
    ]);
    const billing = mod(spec, "billing");
    expect([billing.files, billing.fileLines?.["src/billing/"], billing.provides]).toEqual([["src/billing/"], 2, ["Invoice"]]);
    expect(billing.dependencies.map((d) => [d.id, d.file, d.line])).toEqual([["ledger", ".claude/agents/billing.yml", 3]]);
    expect(billing.forbiddenImports.map((r) => [r.pattern, r.line])).toEqual([["src/web", 9]]);
    expect(billing.body).toContain("## Purpose\n\nBills customers monthly.");
    expect(billing.body).toContain("## Rules\n\n- Never call the web layer.");
    expect(mod(spec, "ledger").fileLines?.["src/ledger/"]).toBe(3);
    expect(codes(spec)).toEqual([["UNRESOLVED_DEPENDENCY", ".claude/agents/billing.yml", 3]]);
  });

  it("in a layer's modules/ folder too; YAML that cannot be read is SPEC_PARSE at its line", () => {
    expect(mod(base({ [`${CORE}/billing.yaml`]: "files: [src/billing/]\ndepends_on: tax\n" }), "billing").dependencies.map((d) => d.id)).toEqual(["tax"]);
    const bad = () => base({ [`${CORE}/billing.yaml`]: "description: Bills\nfiles: [src/billing/\ndepends_on: tax\n" });
    expect(bad).toThrow(SpecError);
    expect(bad).toThrow(/Malformed YAML module spec/);
    try {
      bad();
    } catch (error) {
      expect((error as SpecError).place).toMatchObject({ file: `${CORE}/billing.yaml`, line: 3 });
    }
  });
});

describe("a negation in a layer table's Files cell", () => {
  it("is no owned path: FILES_EXCLUSION_NOT_READ at the row, as in a module spec; a bare glob keeps its stars", () => {
    const spec = base({
      ".claude/layers/app/APP_ORCHESTRATOR.md": "# App\n\n| Module | Files | Depends on |\n|---|---|---|\n| web | `src/web/**`, `!src/web/legacy/**` | ledger |\n| cli | src/cli/*.ts, !src/cli/*.test.ts | |\n",
    });
    expect(mod(spec, "web").files).toEqual(["src/web/**"]);
    expect(mod(spec, "cli").files).toEqual(["src/cli/*.ts"]);
    expect(codes(spec)).toEqual([
      ["FILES_EXCLUSION_NOT_READ", ".claude/layers/app/APP_ORCHESTRATOR.md", 5],
      ["FILES_EXCLUSION_NOT_READ", ".claude/layers/app/APP_ORCHESTRATOR.md", 6],
    ]);
    expect(spec.warnings.find((w) => w.code === "FILES_EXCLUSION_NOT_READ")?.message).toContain("web: `!src/web/legacy/**` in its Files (its row of the table of modules) excludes files");
  });
});


describe("sections and lists written in HTML", () => {
  it("`<h2>Files</h2>` is a Files heading and `<li><code>src/billing/</code></li>` an item of it; `<h2>Depends on</h2>` a dependency heading", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "<h1>Billing</h1>\n\n<h2>Files</h2>\n\n- `src/billing/`\n\n<h2 id=\"deps\">Depends on</h2>\n\n- ledger\n",
      [`${CORE}/WEB_AGENT.md`]: "# Web\n\n## Files\n<ul>\n<li><code>src/web/</code></li>\n<li><code>src/web-ui/</code></li>\n</ul>\n\n## Depends on\n<ul><li>tax</li></ul>\n",
    });
    expect([mod(spec, "billing").files, deps(spec, "billing")]).toEqual([["src/billing/"], [["ledger", 9]]]);
    expect([mod(spec, "web").files, mod(spec, "web").fileLines?.["src/web-ui/"], deps(spec, "web")]).toEqual([["src/web/", "src/web-ui/"], 6, [["tax", 10]]]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a sentence that opens with Needs, Requires or Uses", () => {
  it("names dependencies in a module spec with no dependency section, by id or front matter name; not in a system spec's list", () => {
    const spec = base({
      [`${CORE}/ENGINE_AGENT.md`]: "---\nname: Billing Engine\n---\n# Billing Engine\n**Files**: `src/engine/`\n",
      [`${CORE}/INVOICES_AGENT.md`]: "# Invoices\n**Files**: `src/invoices/`\n\nIssues invoices. Needs the Billing Engine and tax.\n",
      [`${CORE}/PDF_AGENT.md`]: "# Pdf\n**Files**: `src/pdf/`\n\nThe renderer uses the ledger font.\n",
    });
    expect(deps(spec, "invoices")).toEqual([
      ["engine", 4],
      ["tax", 4],
    ]);
    expect(deps(spec, "pdf")).toEqual([]);
  });
});

describe("front matter keys people add", () => {
  it("`owned_files:` / `ownedFiles:` own paths as `owns:` does; `owner`, `owners`, `tags` and `status` are no typo of `owns`", async () => {
    const { misspeltFrontMatterKeys } = await import("../../src/cli/front-matter-keys.js");
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "---\nownedFiles: [src/billing/]\nowners: [alice, bob]\nowner: '@payments'\ntags: [money]\nstatus: stable\n---\n# Billing\n",
      [`${CORE}/SHOP_AGENT.md`]: "---\nowned_files: src/shop/, src/cart/\nown: [x]\n---\n# Shop\n",
    });
    expect(mod(spec, "billing").files).toEqual(["src/billing/"]);
    expect(mod(spec, "shop").files).toEqual(["src/shop/", "src/cart/"]);
    expect(misspeltFrontMatterKeys(spec).map((w) => [w.file, w.message])).toEqual([[`${CORE}/SHOP_AGENT.md`, "shop: front matter key `own` is not read: did you mean `owns`?"]]);
  });
});

describe("a layer spec whose Modules list links specs kept elsewhere", () => {
  it("`- [billing](../../agents/billing.md)` under ## Modules makes billing a module of that layer when its folder holds none", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n\nLayers: core, app\n",
        ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n\n## Modules\n- [billing](../../agents/billing.md): bills\n- [ledger](../../agents/ledger.md)\n- [app's web](../app/modules/WEB_AGENT.md)\n",
        ".claude/layers/app/modules/WEB_AGENT.md": "# Web\n**Files**: `src/web/`\n",
        ".claude/agents/billing.md": "# Billing\n**Files**: `src/billing/`\n**Depends on**: ledger\n",
        ".claude/agents/ledger.md": "# Ledger\n**Files**: `src/ledger/`\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile])).toEqual([
      ["web", "app", ".claude/layers/app/modules/WEB_AGENT.md"],
      ["billing", "core", ".claude/agents/billing.md"],
      ["ledger", "core", ".claude/agents/ledger.md"],
    ]);
    expect(deps(spec, "billing")).toEqual([["ledger", 3]]);
  });
});

describe("a system spec whose layers are the columns of a table", () => {
  const agents = {
    ".claude/agents/ledger-agent.md": "---\nname: ledger-agent\nfiles: [src/ledger/]\n---\nLedger.\n",
    ".claude/agents/billing-agent.md": "---\nname: billing-agent\nfiles: [src/billing/]\n---\nBilling.\n",
    ".claude/agents/web-agent.md": "---\nname: web-agent\nfiles: [src/web/]\n---\nWeb.\n",
  };
  it("under a Layers heading, puts each module its cells name in its column's layer, in the columns' order; another table of names does not", () => {
    const claude = "# Shop\n\n## Layers\n\n| Domain | Application | Interface |\n|---|---|---|\n| ledger | billing | web |\n\n## Routing\n\n| Request | Agent |\n|---|---|\n| invoices | billing |\n";
    const spec = loadSpec(makeProject({ ".claude/CLAUDE.md": claude, ...agents }));
    expect(spec.modules.map((m) => [m.id, m.layer])).toEqual([
      ["billing", "application"],
      ["ledger", "domain"],
      ["web", "interface"],
    ]);
    expect(spec.system.layerOrder).toEqual(["domain", "application", "interface"]);
    const plain = loadSpec(makeProject({ ".claude/CLAUDE.md": "# Shop\n\n| Domain | Application |\n|---|---|\n| ledger | billing |\n", ...agents }));
    expect(plain.modules.map((m) => m.layer)).toEqual(["agents", "agents", "agents"]);
  });
});
